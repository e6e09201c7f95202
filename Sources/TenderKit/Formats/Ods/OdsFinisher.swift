@preconcurrency import CLibXML2
import Foundation

/// After a render of an ODS: every sheet's `RowLayout` from the rows' marks, then typed
/// values, formulas (without their cached values), named ranges, print ranges and conditional
/// formats follow the rows; the marks are removed.
struct OdsFinisher: PartFinisher {
    /// Each sheet's template row elements: first row and row count.
    private var templateRows: [String: [(Int, Int)]] = [:]

    init(template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) {
        for (part, bytes, compiled) in template where compiled {
            guard let tree = try? XMLTree(bytes: bytes, location: SourceLocation(part: part.name)), let root = tree.root else { continue }
            for table in OdsFormat.tables(root) {
                guard let name = table.attribute("name", Namespaces.table[0]) else { continue }
                templateRows[name] = OdsFormat.rows(of: table).compactMap { row in
                    row.attribute(OdsFormat.rowMark, nil).flatMap { Int($0) }.map { ($0, OdsFormat.repeated(row, "number-rows-repeated")) }
                }
            }
        }
    }

    func richWriter(_ archive: ZipArchive) -> RichWriter? { SheetValueWriter(dialect: .ods, dates: .iso) }

    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let calcext = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"

    mutating func finish(_ bytes: [UInt8], part: TextPart, program: Program, location: SourceLocation) throws -> [UInt8] {
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root else { return bytes }
        let t = Namespaces.table[0]
        var layouts: [String: RowLayout] = [:]
        var sheets: [(name: String, rows: [XMLNodePtr], layout: RowLayout)] = []
        for table in OdsFormat.tables(root) {
            let rows = OdsFormat.rows(of: table)
            guard let name = table.attribute("name", t), let template = templateRows[name] else { continue }
            var layout = RowLayout(template: template)
            layout.place(rows.map { $0.attribute(OdsFormat.rowMark, nil).flatMap { Int($0) } ?? 0 })
            guard layout.placed.count == rows.count else {
                throw TenderError.error(SheetMessage.damagedSheet(name).text, at: location, status: .software)
            }
            layouts[name] = layout
            sheets.append((name, rows, layout))
        }
        func mapper(_ sheet: String?, _ from: (span: Int, copy: Int)?) -> FormulaReferences.Rows {
            return { t in
                guard let name = t.sheet ?? sheet, let layout = layouts[name] else { return (t.first, t.last) }
                return layout.resolve(t, from: t.sheet == nil || t.sheet == sheet ? from : nil)
            }
        }
        var lost: [Diagnostic] = []
        for sheet in sheets {
            for (row, placed) in zip(sheet.rows, sheet.layout.placed) {
                row.removeAttribute(OdsFormat.rowMark)
                let rewrite = mapper(sheet.name, (placed.span, placed.copy))
                var column = 1
                for cell in row.children where cell.isElement {
                    defer { column += OdsFormat.repeated(cell, "number-columns-repeated") }
                    guard cell.localName == "table-cell" else { continue }
                    if let typed = TypedValue.take(from: cell) { write(typed, into: cell, tree: tree) }
                    if let formula = cell.attribute("formula", t) {
                        if let new = FormulaReferences.rewriteODF(formula, rows: rewrite) {
                            cell.setAttribute("formula", new, namespace: t)
                        } else {
                            // The template's cell: the one to correct.
                            let place = CellName.letters(column) + String(sheet.layout.spans[placed.span].start)
                            lost.append(SheetMessage.lost(formula, file: location.file, sheet: sheet.name, cell: place))
                        }
                        // The cached result is stale: LibreOffice computes it on load.
                        for a in ["value", "date-value", "time-value", "boolean-value", "string-value"] {
                            cell.removeAttribute(a, namespace: Self.office)
                        }
                        for p in cell.children where p.isElement && p.localName == "p" { p.unlinkAndFree() }
                    }
                }
            }
        }
        // Addresses outside cells: print ranges, named ranges and expressions, database ranges,
        // conditional formats' targets. Ranges whose rows are all gone are left out.
        let outside = mapper(nil, nil)
        /// Rewrites a list of addresses; false when none is left.
        func rewriteAddresses(_ node: XMLNodePtr, _ local: String, _ namespace: String) -> Bool {
            guard let value = node.attribute(local, namespace) else { return true }
            let kept = value.split(separator: " ").compactMap { piece -> String? in
                guard let r = FormulaReferences.rewriteODF("[" + piece + "]", rows: outside) else { return nil }
                return r.hasPrefix("[") && r.hasSuffix("]") ? String(r.dropFirst().dropLast()) : String(piece)
            }
            guard !kept.isEmpty else { return false }
            node.setAttribute(local, kept.joined(separator: " "), namespace: namespace)
            return true
        }
        func lostName(_ node: XMLNodePtr, _ what: String) {
            lost.append(.error(SheetMessage.lostName(node.attribute("name", t) ?? "", what).text,
                               at: SourceLocation(file: location.file, part: location.part),
                               hint: SheetMessage.lostReferenceHint.text))
        }
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                switch c.localName {
                case "table":
                    if !rewriteAddresses(c, "print-ranges", t) { c.removeAttribute("print-ranges", namespace: t) }
                case "named-range":
                    let address = c.attribute("cell-range-address", t) ?? ""
                    if !rewriteAddresses(c, "cell-range-address", t) { lostName(c, address) }
                    _ = rewriteAddresses(c, "base-cell-address", t)
                case "named-expression":
                    if let expression = c.attribute("expression", t) {
                        if let new = FormulaReferences.rewriteODF(expression, rows: outside) {
                            c.setAttribute("expression", new, namespace: t)
                        } else { lostName(c, expression) }
                    }
                case "database-range":
                    if !rewriteAddresses(c, "target-range-address", t) { c.unlinkAndFree(); continue }
                case "conditional-format":
                    if !rewriteAddresses(c, "target-range-address", Self.calcext) { c.unlinkAndFree(); continue }
                case "condition":
                    _ = rewriteAddresses(c, "base-cell-address", Self.calcext)
                case "table-row": continue
                default: break
                }
                walk(c)
            }
        }
        walk(root)
        if !lost.isEmpty { throw TenderError(lost) }
        return tree.serialize()
    }

    /// A typed value in its cell, with its display text as the cell's paragraph.
    private func write(_ typed: (kind: String, text: String), into cell: XMLNodePtr, tree: XMLTree) {
        let office = Self.office
        for a in ["value", "date-value", "boolean-value", "string-value"] { cell.removeAttribute(a, namespace: office) }
        let type: String
        switch typed.kind {
        case "d": type = "date"; cell.setAttribute("date-value", typed.text, namespace: office)
        case "b": type = "boolean"; cell.setAttribute("boolean-value", typed.text == "1" ? "true" : "false", namespace: office)
        default: type = "float"; cell.setAttribute("value", typed.text, namespace: office)
        }
        cell.setAttribute("value-type", type, namespace: office)
        if cell.attribute("value-type", Self.calcext) != nil { cell.setAttribute("value-type", type, namespace: Self.calcext) }
        let text = Namespaces.text[0]
        let p = tree.newElement(xmlSearchNsByHref(tree.doc, cell, text), "p")
        p.appendChild(tree.newText(Array(typed.text.utf8)))
        cell.appendChild(p)
    }
}

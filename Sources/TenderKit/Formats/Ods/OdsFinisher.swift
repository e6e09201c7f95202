@preconcurrency import CLibXML2
import Foundation

/// After a render of an ODS: every sheet's `RowLayout` from the rows' marks, then typed
/// values, formulas (without their cached values), named ranges, print ranges and conditional
/// formats follow the rows; the marks are removed.
struct OdsFinisher: PartFinisher {
    /// Each sheet's template row elements: first row and row count.
    private var templateRows: [String: [(Int, Int)]] = [:]
    /// The sheets' layouts once `content.xml` is finished, for the charts.
    private var layouts: [String: RowLayout] = [:]

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
            let kept = Self.addresses(value, rows: outside).kept
            guard !kept.isEmpty else { return false }
            node.setAttribute(local, kept.joined(separator: " "), namespace: namespace)
            return true
        }
        func lostName(_ node: XMLNodePtr, _ what: String) {
            lost.append(.error(SheetMessage.lostName(node.attribute("name", t) ?? "", what).text,
                               at: SourceLocation(file: location.file, part: location.part),
                               hint: SheetMessage.lostReferenceHint.text))
        }
        /// A condition's formula (`cell-content()>[.$E$7]`, `formula-is([.E3]>0)`): its
        /// references follow the rows.
        /// `[.E3]` is on the sheet of the condition's table, else of its base cell (`DPGF.E3`).
        func rewriteCondition(_ node: XMLNodePtr, _ local: String, _ namespace: String, table: String?, base: String?) {
            guard let value = node.attribute(local, namespace), value.contains("[") else { return }
            var sheet = table
            if sheet == nil, let base, let dot = base.lastIndex(of: ".") {
                var name = base[..<dot].drop { $0 == "$" }
                if name.hasPrefix("'"), name.hasSuffix("'"), name.count >= 2 { name = name.dropFirst().dropLast() }
                sheet = name.replacingOccurrences(of: "''", with: "'")
            }
            if let new = FormulaReferences.rewriteODF(value, rows: mapper(sheet, nil)) {
                if new != value { node.setAttribute(local, new, namespace: namespace) }
            } else {
                lost.append(.error(SheetMessage.lostReference(value).text, at: SourceLocation(file: location.file, part: location.part),
                                   hint: SheetMessage.lostReferenceHint.text))
            }
        }
        func walk(_ n: XMLNodePtr, table: String?) {
            for c in n.children where c.isElement {
                var table = table
                switch c.localName {
                case "table":
                    table = c.attribute("name", t)
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
                    rewriteCondition(c, "value", Self.calcext, table: table, base: c.attribute("base-cell-address", Self.calcext))
                    _ = rewriteAddresses(c, "base-cell-address", Self.calcext)
                case "map" where c.namespaceURI == Self.style:
                    rewriteCondition(c, "condition", Self.style, table: table, base: c.attribute("base-cell-address", Self.style))
                    _ = rewriteAddresses(c, "base-cell-address", Self.style)
                case "content-validation":
                    rewriteCondition(c, "condition", t, table: table, base: c.attribute("base-cell-address", t))
                    _ = rewriteAddresses(c, "base-cell-address", t)
                case "table-row": continue
                default: break
                }
                walk(c, table: table)
            }
        }
        walk(root, table: nil)
        // Charts (embedded objects, in cells or on the sheet) ask to be told of their ranges.
        for object in Self.descendants(root, named: "object") {
            if !rewriteAddresses(object, "notify-on-update-of-ranges", Self.draw) {
                object.removeAttribute("notify-on-update-of-ranges", namespace: Self.draw)
            }
        }
        if !lost.isEmpty { throw TenderError(lost) }
        self.layouts = layouts
        return tree.serialize()
    }

    /// A list of addresses outside formulas (`$DPGF.$A$1:.$F$9 DPGF.E2`), each rewritten: those
    /// kept, and those whose rows are all gone.
    static func addresses(_ list: String, rows: FormulaReferences.Rows) -> (kept: [String], gone: [String]) {
        var kept: [String] = [], gone: [String] = []
        for piece in list.split(separator: " ").map(String.init) {
            guard let r = FormulaReferences.rewriteODF("[" + piece + "]", rows: rows) else { gone.append(piece); continue }
            kept.append(r.hasPrefix("[") && r.hasSuffix("]") ? String(r.dropFirst().dropLast()) : piece)
        }
        return (kept, gone)
    }

    static let draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    static let style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    static let chart = "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"

    static func descendants(_ n: XMLNodePtr, named local: String) -> [XMLNodePtr] {
        var out: [XMLNodePtr] = []
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.localName == local { out.append(c) }
                walk(c)
            }
        }
        walk(n)
        return out
    }

    /// The charts (`Object N/content.xml`) read ranges of the sheets (`chart:values-cell-range-address`,
    /// `table:cell-range-address`, `chart:label-cell-address`): they follow the rows; a range left
    /// without a row is an error naming the chart's part.
    mutating func finishPackage(parts: inout [String: [UInt8]], removing: inout Set<String>, archive: ZipArchive) throws {
        let layouts = self.layouts.filter { $0.value.changed }
        guard !layouts.isEmpty else { return }
        let rows: FormulaReferences.Rows = { t in
            guard let sheet = t.sheet, let layout = layouts[sheet] else { return (t.first, t.last) }
            return layout.resolve(t, from: nil)
        }
        let attributes = [("cell-range-address", Namespaces.table[0]), ("values-cell-range-address", Self.chart),
                          ("label-cell-address", Self.chart)]
        var lost: [Diagnostic] = []
        for part in archive.entryNames where part.hasSuffix("/content.xml") && !part.hasPrefix("META-INF/") {
            let bytes = try archive.read(part)
            guard String(decoding: bytes, as: UTF8.self).contains("cell-") else { continue }
            let location = SourceLocation(file: archive.path, part: part)
            let tree = try XMLTree(bytes: bytes, location: location)
            guard let root = tree.root else { continue }
            var changed = false
            for node in Self.descendants(root, named: "plot-area") + Self.descendants(root, named: "series")
                + Self.descendants(root, named: "categories") + Self.descendants(root, named: "domain") {
                for (local, namespace) in attributes {
                    guard let value = node.attribute(local, namespace) else { continue }
                    let (kept, gone) = Self.addresses(value, rows: rows)
                    for piece in gone {
                        lost.append(.error(SheetMessage.lostReference(piece).text, at: location, hint: SheetMessage.lostReferenceHint.text))
                    }
                    let new = kept.joined(separator: " ")
                    if new != value { node.setAttribute(local, new, namespace: namespace); changed = true }
                }
            }
            if changed { parts[part] = tree.serialize() }
        }
        if !lost.isEmpty { throw TenderError(lost) }
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

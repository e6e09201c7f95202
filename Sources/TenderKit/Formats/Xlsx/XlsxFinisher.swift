@preconcurrency import CLibXML2
import Foundation

/// After a render, per worksheet: the rows the engine wrote still carry their template row
/// (`<row r="5">` once per loop item), which gives the sheet's `RowLayout`. The finisher then
/// numbers rows and cells anew, turns typed values into typed cells, rebases formulas, drops
/// their cached values, and moves merged cells, conditional formats, data validations,
/// hyperlinks and the dimension with the rows. Then, for the package: defined names (the print
/// area) follow, the workbook asks for a full recalculation on load, and the calculation
/// chain, now stale, is left out.
struct XlsxFinisher: PartFinisher {
    /// The template rows of each worksheet part.
    private var templateRows: [String: [Int]] = [:]
    /// The layouts of the sheets finished so far, by sheet name.
    private var layouts: [String: RowLayout] = [:]

    init(template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) {
        for (part, bytes, compiled) in template where compiled {
            guard let tree = try? XMLTree(bytes: bytes, location: SourceLocation(part: part.name)),
                  let data = tree.root?.elements("sheetData").first else { continue }
            templateRows[part.name] = data.elements("row").compactMap { $0.attribute("r", nil).flatMap { Int($0) } }
        }
    }

    func richWriter(_ archive: ZipArchive) -> RichWriter? {
        // Dates count from 1904 when the workbook says so (`<workbookPr date1904="1"/>`, §18.2.28).
        let workbook = (try? XlsxFormat.workbook(archive)).flatMap { $0 }.flatMap { try? archive.read($0) }
            .flatMap { try? XMLTree(bytes: $0, location: SourceLocation(file: archive.path)) }
        let flag = workbook?.root?.elements("workbookPr").first?.attribute("date1904", nil)
        return SheetValueWriter(dialect: .xlsx, dates: flag == "1" || flag == "true" ? .serial1904 : .serial1900)
    }

    mutating func finish(_ bytes: [UInt8], part: TextPart, program: Program, location: SourceLocation) throws -> [UInt8] {
        guard let rows = templateRows[part.name] else { return bytes }
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root, let sheetData = root.elements("sheetData").first else { return bytes }
        let rowElements = sheetData.elements("row")
        var layout = RowLayout(template: rows.map { ($0, 1) })
        layout.place(rowElements.map { $0.attribute("r", nil).flatMap { Int($0) } ?? 0 })
        guard layout.placed.count == rowElements.count else {
            throw TenderError.error(SheetMessage.damagedSheet("rows").text, at: location, status: .software)
        }
        let sheet = part.dialect.sheet
        if let sheet { layouts[sheet] = layout }
        let others = layouts

        /// Row references seen from copy `from` of a row (nil: from outside the rows).
        func mapper(_ from: (span: Int, copy: Int)?) -> FormulaReferences.Rows {
            return { refSheet, first, last, isRange in
                if let refSheet, refSheet != sheet {
                    guard let other = others[refSheet] else { return (first, last) }
                    return isRange ? other.rows(first, last) : other.row(first).map { ($0, $0) }
                }
                if isRange { return layout.rows(first, last, from: from) }
                return layout.row(first, from: from).map { ($0, $0) }
            }
        }

        for (row, placed) in zip(rowElements, layout.placed) {
            row.setAttribute("r", String(placed.row))
            let rewrite = mapper((placed.span, placed.copy))
            for c in row.elements("c") {
                if let name = c.attribute("r", nil), let split = CellName.split(name) {
                    c.setAttribute("r", split.letters + String(placed.row))
                }
                if let typed = TypedValue.take(from: c) { write(typed, into: c, tree: tree) }
                if let f = c.elements("f").first {
                    f.setText(FormulaReferences.rewriteA1(f.text, rows: rewrite), in: tree)
                    if let ref = f.attribute("ref", nil) { f.setAttribute("ref", Self.rewriteRanges(ref, rewrite) ?? ref) }
                    for v in c.elements("v") { v.unlinkAndFree() }
                    if let t = c.attribute("t", nil), ["str", "b", "e", "n"].contains(t) { c.removeAttribute("t") }
                }
            }
        }
        let outside = mapper(nil)
        for dimension in root.elements("dimension") {
            if let ref = dimension.attribute("ref", nil), let new = Self.rewriteRanges(ref, outside) { dimension.setAttribute("ref", new) }
        }
        for merges in root.elements("mergeCells") {
            for merge in merges.elements("mergeCell") {
                guard let ref = merge.attribute("ref", nil) else { continue }
                let copies = Self.repeatedRanges(ref, layout: layout)
                if copies.isEmpty { merge.unlinkAndFree(); continue }
                merge.setAttribute("ref", copies[0])
                var last = merge
                for extra in copies.dropFirst() {
                    let node = tree.newElement(merge.pointee.ns, "mergeCell")
                    node.setAttribute("ref", extra)
                    last.insertAfter(node); last = node
                }
            }
            let count = merges.elements("mergeCell").count
            if count == 0 { merges.unlinkAndFree() } else { merges.setAttribute("count", String(count)) }
        }
        for element in root.elements("conditionalFormatting") + root.elements("dataValidations").flatMap({ $0.elements("dataValidation") }) {
            if let sqref = element.attribute("sqref", nil) {
                guard let new = Self.rewriteRanges(sqref, outside) else { element.unlinkAndFree(); continue }
                element.setAttribute("sqref", new)
            }
            for formula in element.elements("cfRule").flatMap({ $0.elements("formula") }) + element.elements("formula1") + element.elements("formula2") {
                formula.setText(FormulaReferences.rewriteA1(formula.text, rows: outside), in: tree)
            }
        }
        for validations in root.elements("dataValidations") {
            validations.setAttribute("count", String(validations.elements("dataValidation").count))
        }
        for link in root.elements("hyperlinks").flatMap({ $0.elements("hyperlink") }) + root.elements("autoFilter") {
            if let ref = link.attribute("ref", nil) {
                guard let new = Self.rewriteRanges(ref, outside) else { link.unlinkAndFree(); continue }
                link.setAttribute("ref", new)
            }
        }
        return tree.serialize()
    }

    /// A typed value in its cell: a number keeps the cell's style (and so its number format).
    private func write(_ typed: (kind: String, text: String), into c: XMLNodePtr, tree: XMLTree) {
        for old in c.elements("is") + c.elements("v") { old.unlinkAndFree() }
        let text = typed.text
        switch typed.kind {
        case "b": c.setAttribute("t", "b")
        default: c.removeAttribute("t")
        }
        let v = tree.newElement(c.pointee.ns, "v")
        v.appendChild(tree.newText(Array(text.utf8)))
        c.appendChild(v)
    }

    /// `A1:F9 H2` with each range's rows mapped; the ranges gone are left out (nil: all gone).
    static func rewriteRanges(_ list: String, _ rows: FormulaReferences.Rows) -> String? {
        let kept = list.split(separator: " ").compactMap { piece -> String? in
            let new = FormulaReferences.rewriteA1(String(piece), rows: rows)
            return new == FormulaReferences.emptyRange || new == "#REF!" ? nil : new
        }
        return kept.isEmpty ? nil : kept.joined(separator: " ")
    }

    /// A merged range: one per copy when it lies in one repeated row, else its rows mapped.
    static func repeatedRanges(_ ref: String, layout: RowLayout) -> [String] {
        let ends = ref.split(separator: ":").map(String.init)
        guard ends.count == 2, let a = CellName.split(ends[0]), let b = CellName.split(ends[1]) else { return [ref] }
        if a.row == b.row, let copies = layout.copies(of: a.row), copies.count != 1 {
            return copies.map { "\(a.letters)\($0):\(b.letters)\($0)" }
        }
        guard let (first, last) = layout.rows(a.row, b.row) else { return [] }
        return ["\(a.letters)\(first):\(b.letters)\(last)"]
    }

    mutating func finishPackage(parts: inout [String: [UInt8]], removing: inout Set<String>, archive: ZipArchive) throws {
        guard !layouts.isEmpty, let workbook = try XlsxFormat.workbook(archive) else { return }
        let location = SourceLocation(file: archive.path, part: workbook)
        let tree = try XMLTree(bytes: try archive.read(workbook), location: location)
        guard let root = tree.root else { return }
        let layouts = self.layouts
        let rows: FormulaReferences.Rows = { sheet, first, last, isRange in
            guard let sheet, let layout = layouts[sheet] else { return (first, last) }
            return isRange ? layout.rows(first, last) : layout.row(first).map { ($0, $0) }
        }
        for name in root.elements("definedNames").flatMap({ $0.elements("definedName") }) {
            name.setText(FormulaReferences.rewriteA1(name.text, rows: rows), in: tree)
        }
        // Cached values are gone: ask for a full calculation on load (§18.2.2 calcPr).
        let calc: XMLNodePtr
        if let existing = root.elements("calcPr").first {
            calc = existing
        } else {
            calc = tree.newElement(root.pointee.ns, "calcPr")
            let anchor = root.elements("definedNames").first ?? root.elements("sheets").first
            if let anchor { anchor.insertAfter(calc) } else { root.appendChild(calc) }
        }
        calc.setAttribute("fullCalcOnLoad", "1")
        parts[workbook] = tree.serialize()

        // The calculation chain lists formula cells by address: stale, so left out.
        for chain in try Relationships.targets(of: workbook, in: archive, type: "calcChain") where archive.contains(chain) {
            removing.insert(chain)
            let dir = (workbook as NSString).deletingLastPathComponent
            let relsName = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (workbook as NSString).lastPathComponent + ".rels"
            parts[relsName] = try Self.removing(try archive.read(relsName), part: relsName, archive: archive) {
                $0.localName == "Relationship" && ($0.attribute("Type", nil) ?? "").hasSuffix("/calcChain")
            }
            parts["[Content_Types].xml"] = try Self.removing(try archive.read("[Content_Types].xml"), part: "[Content_Types].xml", archive: archive) {
                $0.localName == "Override" && $0.attribute("PartName", nil) == "/" + chain
            }
        }
    }

    /// The part without its child elements matching `drop`.
    private static func removing(_ bytes: [UInt8], part: String, archive: ZipArchive, _ drop: (XMLNodePtr) -> Bool) throws -> [UInt8] {
        let tree = try XMLTree(bytes: bytes, location: SourceLocation(file: archive.path, part: part))
        for c in tree.root?.children ?? [] where c.isElement && drop(c) { c.unlinkAndFree() }
        return tree.serialize()
    }
}

/// Writes the values of a sheet's cells: a number, date or boolean alone in a cell becomes a
/// typed value (see `TypedValue`); rich text is written as its plain text.
final class SheetValueWriter: RichWriter {
    let dialect: Dialect
    let dates: TypedValue.Dates
    init(dialect: Dialect, dates: TypedValue.Dates) { self.dialect = dialect; self.dates = dates }

    func writeTyped(_ value: Value, part: String, into out: inout [UInt8]) -> Bool {
        guard let markup = TypedValue.markup(value, dates: dates) else { return false }
        out.append(contentsOf: markup.utf8)
        return true
    }

    func writeBlocks(_ rich: RichText, paragraph: [UInt8], part: String, into out: inout [UInt8]) {
        out.append(contentsOf: paragraph)
        dialect.writeText(rich.plainText, into: &out)
        // Close what the paragraph's opening markup opened (`<is><t>`, `<is><r><t>`), innermost first.
        let opened = String(decoding: paragraph, as: UTF8.self).split(separator: "<").compactMap { tag -> String? in
            guard !tag.hasPrefix("/"), !tag.hasSuffix("/>") else { return nil }
            return tag.split(whereSeparator: { $0 == " " || $0 == ">" }).first.map(String.init)
        }
        for name in opened.reversed() { out.append(contentsOf: "</\(name)>".utf8) }
    }

    func writeInline(_ rich: RichText, part: String, into out: inout [UInt8]) {
        dialect.writeText(rich.plainText, into: &out)
    }

    func finish(parts: inout [String: [UInt8]], adding: inout [(name: String, data: [UInt8])]) throws {}
}

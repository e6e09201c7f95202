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
    /// For each worksheet part finished: the sheets whose layouts its references followed then
    /// (the references to sheets finished later follow theirs in `finishPackage`).
    private var followed: [String: Set<String>] = [:]
    /// The formulas of the sheets finished so far that lost a reference: reported with those
    /// of the whole workbook in `finishPackage`, all at once.
    private var lost: [Diagnostic] = []

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

    /// The layout of sheet `name` (Excel compares sheet names without case).
    static func layout(_ name: String, in layouts: [String: RowLayout]) -> RowLayout? {
        layouts[name] ?? layouts.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.caseInsensitiveCompare(b) == .orderedSame
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
        followed[part.name] = Set(layouts.keys)
        let others = layouts
        var lost: [Diagnostic] = []

        /// Row references seen from copy `from` of a row (nil: from outside the rows).
        func mapper(_ from: (span: Int, copy: Int)?) -> FormulaReferences.Rows {
            return { t in
                if let refSheet = t.sheet, !Self.same(refSheet, sheet) {
                    guard let other = Self.layout(refSheet, in: others) else { return (t.first, t.last) }
                    return other.resolve(t, from: nil)
                }
                return layout.resolve(t, from: from)
            }
        }

        for (row, placed) in zip(rowElements, layout.placed) {
            row.setAttribute("r", String(placed.row))
            let rewrite = mapper((placed.span, placed.copy))
            for c in row.elements("c") {
                let split = c.attribute("r", nil).flatMap(CellName.split)
                if let split { c.setAttribute("r", split.letters + String(placed.row)) }
                if let typed = TypedValue.take(from: c) { write(typed, into: c, tree: tree) }
                if let f = c.elements("f").first {
                    let formula = f.text
                    if let new = FormulaReferences.rewriteA1(formula, rows: rewrite) {
                        f.setText(new, in: tree)
                    } else {
                        // The template's cell: the one to correct.
                        let cell = (split.map { String($0.letters) } ?? "") + String(layout.spans[placed.span].start)
                        lost.append(SheetMessage.lost(formula, file: location.file, sheet: sheet, cell: cell))
                    }
                    if let ref = f.attribute("ref", nil) { f.setAttribute("ref", Self.rewriteRanges(ref, rewrite) ?? ref) }
                    Self.dropCachedValue(c)
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
            var range = ""
            if let sqref = element.attribute("sqref", nil) {
                guard let new = Self.rewriteRanges(sqref, outside) else { element.unlinkAndFree(); continue }
                element.setAttribute("sqref", new)
                range = new
            }
            var changed = false
            lost += Self.rewriteFormulas(of: element, rows: outside, tree: tree, file: location.file, sheet: sheet, range: range, changed: &changed)
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
        for breaks in root.elements("rowBreaks") { Self.moveBreaks(breaks, layout: layout, tree: tree) }
        self.lost += lost
        return tree.serialize()
    }

    /// The formulas of a conditional format or a data validation, rewritten; the errors of
    /// those that lost a reference, at the range they apply to.
    private static func rewriteFormulas(of element: XMLNodePtr, rows: FormulaReferences.Rows, tree: XMLTree,
                                        file: String?, sheet: String?, range: String, changed: inout Bool) -> [Diagnostic] {
        var lost: [Diagnostic] = []
        for formula in element.elements("cfRule").flatMap({ $0.elements("formula") }) + element.elements("formula1") + element.elements("formula2") {
            let text = formula.text
            if let new = FormulaReferences.rewriteA1(text, rows: rows) {
                if new != text { formula.setText(new, in: tree); changed = true }
            } else {
                lost.append(SheetMessage.lost(text, file: file, sheet: sheet, cell: range))
            }
        }
        return lost
    }

    /// A formula's cached value is stale: the workbook computes it on load.
    private static func dropCachedValue(_ c: XMLNodePtr) {
        for v in c.elements("v") { v.unlinkAndFree() }
        if let t = c.attribute("t", nil), ["str", "b", "e", "n"].contains(t) { c.removeAttribute("t") }
    }

    /// Manual page breaks below rows (`<brk id="20"/>`: a new page after row 20, §18.3.1.14):
    /// a break below a repeated row comes below each copy (a page per item), a break below a
    /// row removed comes below what is left above it.
    static func moveBreaks(_ breaks: XMLNodePtr, layout: RowLayout, tree: XMLTree) {
        var seen = Set<Int>()
        for brk in breaks.elements("brk") {
            guard let id = brk.attribute("id", nil).flatMap({ Int($0) }) else { continue }
            var rows = layout.copies(of: id) ?? layout.row(id).map { [$0] } ?? []
            if rows.isEmpty, let above = layout.rows(1, id) { rows = [above.1] }
            rows = rows.filter { seen.insert($0).inserted }
            guard let first = rows.first else { brk.unlinkAndFree(); continue }
            brk.setAttribute("id", String(first))
            var last = brk
            for extra in rows.dropFirst() {
                let node = tree.newElement(brk.pointee.ns, "brk")
                node.setAttribute("id", String(extra))
                for a in ["min", "max", "man", "pt"] { if let v = brk.attribute(a, nil) { node.setAttribute(a, v) } }
                last.insertAfter(node); last = node
            }
        }
        let all = breaks.elements("brk")
        if all.isEmpty { breaks.unlinkAndFree(); return }
        breaks.setAttribute("count", String(all.count))
        breaks.setAttribute("manualBreakCount", String(all.filter { ["1", "true"].contains($0.attribute("man", nil) ?? "") }.count))
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
            FormulaReferences.rewriteA1(String(piece), rows: rows)
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
        guard !layouts.isEmpty, let workbook = try XlsxFormat.workbook(archive) else {
            if !lost.isEmpty { throw TenderError(lost) }
            return
        }
        let location = SourceLocation(file: archive.path, part: workbook)
        let tree = try XMLTree(bytes: try archive.read(workbook), location: location)
        guard let root = tree.root else { return }
        let layouts = self.layouts
        let rows: FormulaReferences.Rows = { t in
            guard let sheet = t.sheet, let layout = Self.layout(sheet, in: layouts) else { return (t.first, t.last) }
            return layout.resolve(t, from: nil)
        }
        var lost = self.lost
        let definedNames = root.elements("definedNames").flatMap { $0.elements("definedName") }
        let nameTexts = definedNames.map { ($0.attribute("name", nil) ?? "", $0.text) }
        for name in definedNames {
            let text = name.text
            if let new = FormulaReferences.rewriteA1(text, rows: rows) {
                if new != text { name.setText(new, in: tree) }
            } else {
                lost.append(.error(SheetMessage.lostName(name.attribute("name", nil) ?? "", text).text, at: location,
                                   hint: SheetMessage.lostReferenceHint.text))
            }
        }
        let sheets = try XlsxFormat.sheets(archive)
        let changed = layouts.filter { $0.value.changed }
        let stale = try Self.staleSheets(sheets, rendered: Set(layouts.keys), names: nameTexts, archive: archive)
        for (sheet, part) in sheets {
            // References to sheets finished after this one (or to any, from a sheet without tags).
            let pending = changed.filter { $0.key != sheet && !(followed[part]?.contains($0.key) ?? false) }
            let reads = layouts[sheet] == nil && stale.contains(sheet)
            if !pending.isEmpty || reads {
                do {
                    if let new = try Self.followOtherSheets(parts[part] ?? archive.read(part), sheet: sheet, layouts: pending, stale: reads,
                                                            location: SourceLocation(file: archive.path, part: part)) {
                        parts[part] = new
                    }
                } catch let e as TenderError { lost += e.diagnostics }
            }
            // Tables over the rows (§18.5): their range, filter and sort follow the rows.
            if let layout = changed[sheet] {
                for table in try Relationships.targets(of: part, in: archive, type: "table") where archive.contains(table) {
                    do { parts[table] = try Self.moveTable(try archive.read(table), layout: layout, sheet: sheet,
                                                           location: SourceLocation(file: archive.path, part: table)) }
                    catch let e as TenderError { lost += e.diagnostics }
                }
            }
        }
        // Charts read ranges of cells (`<c:f>DPGF!$E$2:$E$9</c:f>`): they follow the rows too.
        if !changed.isEmpty {
            for chart in archive.entryNames where chart.hasPrefix("xl/charts/") && chart.hasSuffix(".xml") && !chart.contains("/_rels/") {
                do {
                    if let new = try Self.followRows(inChart: try archive.read(chart), rows: rows,
                                                     location: SourceLocation(file: archive.path, part: chart)) {
                        parts[chart] = new
                    }
                } catch let e as TenderError { lost += e.diagnostics }
            }
        }
        if !lost.isEmpty { throw TenderError(lost) }
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

    /// The sheets without tags whose formulas read rendered values — a rendered sheet's cells,
    /// directly, through another such sheet or through a defined name: their cached values are
    /// stale. (LibreOffice keeps a workbook's cached values whatever `fullCalcOnLoad` says.)
    /// A name is taken as used where its text appears in a formula: at worst a cached value
    /// too many is dropped.
    static func staleSheets(_ sheets: [(name: String, part: String)], rendered: Set<String>, names: [(String, String)],
                            archive: ZipArchive) throws -> Set<String> {
        var stale = Set(rendered.map { $0.lowercased() })
        var quiet: [(name: String, formulas: [String])] = []
        for (name, part) in sheets where !rendered.contains(name) {
            let bytes = try archive.read(part)
            let tree = try XMLTree(bytes: bytes, location: SourceLocation(file: archive.path, part: part))
            guard let data = tree.root?.elements("sheetData").first else { continue }
            let formulas = withExtendedLifetime(tree) {
                data.elements("row").flatMap { $0.elements("c") }.flatMap { $0.elements("f") }.map(\.text).filter { !$0.isEmpty }
            }
            if !formulas.isEmpty { quiet.append((name, formulas)) }
        }
        func reads(_ formula: String) -> Bool { FormulaReferences.sheets(in: formula).contains { stale.contains($0.lowercased()) } }
        var grew = true
        while grew {
            grew = false
            let staleNames = names.filter { reads($0.1) }.map { $0.0.uppercased() }
            for q in quiet where !stale.contains(q.name.lowercased()) {
                if q.formulas.contains(where: { f in reads(f) || staleNames.contains { f.uppercased().contains($0) } }) {
                    stale.insert(q.name.lowercased())
                    grew = true
                }
            }
        }
        return Set(sheets.map(\.name).filter { stale.contains($0.lowercased()) })
    }

    /// A worksheet's formulas (cells, conditional formats, validations) with their references
    /// to the sheets of `layouts` following those sheets' rows, and, when it reads rendered
    /// values (`stale`), without any cached value; nil when nothing changed, so a sheet that
    /// needs nothing is copied byte for byte.
    static func followOtherSheets(_ bytes: [UInt8], sheet: String, layouts: [String: RowLayout], stale: Bool,
                                  location: SourceLocation) throws -> [UInt8]? {
        guard stale || bytes.contains(0x21) else { return nil }         // no `!`: no reference to another sheet
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root, let sheetData = root.elements("sheetData").first else { return nil }
        let rows: FormulaReferences.Rows = { t in
            guard let other = t.sheet, !same(other, sheet), let layout = layout(other, in: layouts) else { return (t.first, t.last) }
            return layout.resolve(t, from: nil)
        }
        func affected(_ formula: String) -> Bool { formula.contains("!") && FormulaReferences.rewriteA1(formula, rows: rows) != formula }
        var changed = false
        var lost: [Diagnostic] = []
        // A shared formula reading those sheets is written out in each of its cells first.
        var shared = SharedFormulas()
        shared.only = affected
        XlsxPreparation.forEachCell(sheetData) { c, row, column in
            guard let f = c.elements("f").first else { return }
            shared.visit(f, row: row, column: column, tree: tree)
            let formula = f.text
            if stale, !c.elements("v").isEmpty || c.attribute("t", nil) != nil { dropCachedValue(c); changed = true }
            guard formula.contains("!") else { return }
            guard let new = FormulaReferences.rewriteA1(formula, rows: rows) else {
                lost.append(SheetMessage.lost(formula, file: location.file, sheet: sheet, cell: c.attribute("r", nil) ?? ""))
                return
            }
            if new != formula { f.setText(new, in: tree); dropCachedValue(c); changed = true }
        }
        for element in root.elements("conditionalFormatting") + root.elements("dataValidations").flatMap({ $0.elements("dataValidation") }) {
            lost += rewriteFormulas(of: element, rows: rows, tree: tree, file: location.file, sheet: sheet,
                                    range: element.attribute("sqref", nil) ?? "", changed: &changed)
        }
        if !lost.isEmpty { throw TenderError(lost) }
        return changed ? tree.serialize() : nil
    }

    /// A chart's references (`c:f`, DrawingML §21.2.2.65) with the rows mapped, and the values
    /// it cached from them dropped (the application reads the cells again); nil when none changed.
    static func followRows(inChart bytes: [UInt8], rows: FormulaReferences.Rows, location: SourceLocation) throws -> [UInt8]? {
        guard bytes.contains(0x21) else { return nil }
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root else { return nil }
        let chart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
        var references: [XMLNodePtr] = []
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.localName == "f", c.namespaceURI == chart { references.append(c) } else { walk(c) }
            }
        }
        walk(root)
        var changed = false
        var lost: [Diagnostic] = []
        for f in references {
            let text = f.text
            guard let new = FormulaReferences.rewriteA1(text, rows: rows) else {
                lost.append(.error(SheetMessage.lostReference(text).text, at: location, hint: SheetMessage.lostReferenceHint.text))
                continue
            }
            guard new != text else { continue }
            f.setText(new, in: tree)
            for cache in f.parent?.children ?? [] where cache.isElement && ["numCache", "strCache"].contains(cache.localName) {
                cache.unlinkAndFree()
            }
            changed = true
        }
        if !lost.isEmpty { throw TenderError(lost) }
        return changed ? tree.serialize() : nil
    }

    /// An Excel table (`xl/tables/tableN.xml`) over rows that moved: its range grows with the
    /// copies of its rows, and its filter's and sort's with it. A table left with no data row
    /// is refused: Excel repairs (drops) such a table when it opens the file.
    static func moveTable(_ bytes: [UInt8], layout: RowLayout, sheet: String, location: SourceLocation) throws -> [UInt8] {
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root, let ref = root.attribute("ref", nil) else { return bytes }
        let rows: FormulaReferences.Rows = { t in layout.resolve(t, from: nil) }
        let name = root.attribute("displayName", nil) ?? root.attribute("name", nil) ?? ""
        let header = root.attribute("headerRowCount", nil).flatMap { Int($0) } ?? 1
        let totals = root.attribute("totalsRowCount", nil).flatMap { Int($0) } ?? 0
        func height(_ range: String) -> Int {
            let ends = range.split(separator: ":").compactMap { CellName.split(String($0))?.row }
            return ends.count == 2 ? abs(ends[1] - ends[0]) + 1 : 1
        }
        guard let new = rewriteRanges(ref, rows), height(new) > header + totals else {
            var place = SourceLocation(file: location.file)
            place.sheet = sheet
            place.cell = ref
            throw TenderError.error(SheetMessage.emptyTable(name).text, at: place, hint: SheetMessage.emptyTableHint.text)
        }
        root.setAttribute("ref", new)
        var nodes = root.elements("autoFilter")
        nodes += nodes.flatMap { $0.elements("sortState") } + root.elements("sortState")
        nodes += nodes.flatMap { $0.elements("sortCondition") }
        for node in nodes.reversed() {                                // inner first: a node removed frees its children
            guard let r = node.attribute("ref", nil) else { continue }
            if let moved = rewriteRanges(r, rows) { node.setAttribute("ref", moved) } else { node.unlinkAndFree() }
        }
        return tree.serialize()
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

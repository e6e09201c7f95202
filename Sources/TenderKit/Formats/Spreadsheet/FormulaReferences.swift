import Foundation

/// Rewrites the row numbers of the cell references in a formula, for XLSX's A1 syntax
/// (`C5*D5`, `SUM($E$5:E9)`, `'Prix HT'!B2`, `5:9`) and ODS's OpenFormula syntax
/// (`of:=[.C5]*[.D5]`, `[$'Prix HT'.B2:.B9]`). Written here rather than taken from a library:
/// no Swift package parses spreadsheet formulas, and only references need to be found —
/// string literals are skipped, function names (`LOG10(`) and defined names are left alone.
enum FormulaReferences {
    /// What to do with one reference: its sheet (nil: the formula's own), its first and last
    /// rows (equal for one cell); returns the new rows, or nil when the rows are gone.
    typealias Rows = (_ sheet: String?, _ first: Int, _ last: Int, _ isRange: Bool) -> (Int, Int)?

    /// A range whose rows are all gone (a loop over no item) becomes 0, so `SUM(E5:E5)` stays a
    /// valid sum of nothing; a single cell that is gone becomes `#REF!`, as Excel writes it.
    static let emptyRange = "0"

    // MARK: A1 (XLSX)

    static func rewriteA1(_ formula: String, rows: Rows) -> String {
        rewriteA1(formula) { sheet, ref in
            guard let new = rows(sheet, ref.first.row, ref.last?.row ?? ref.first.row, ref.last != nil) else {
                return ref.last != nil ? emptyRange : "#REF!"
            }
            return ref.write(new)
        }
    }

    /// Moves the relative parts of every reference by `rows` and `columns`, as a formula
    /// copied that far moves (Excel's shared formulas are written once for a block of cells).
    static func shiftA1(_ formula: String, rows: Int, columns: Int) -> String {
        func move(_ e: End) -> String {
            var column = e.column
            if !column.isEmpty, !column.hasPrefix("$") {
                column = CellName.letters(max(1, CellName.column(Substring(column)) + columns))
            }
            return column + (e.absoluteRow ? "$" + String(e.row) : String(max(1, e.row + rows)))
        }
        return rewriteA1(formula) { _, ref in
            ref.last.map { move(ref.first) + ":" + move($0) } ?? move(ref.first)
        }
    }

    /// Calls `transform` on every reference (with its sheet, nil when unqualified) and puts
    /// what it returns in the reference's place; the sheet prefix is kept unless the result
    /// is not a reference (`0`, `#REF!`).
    private static func rewriteA1(_ formula: String, _ transform: (String?, Reference) -> String) -> String {
        let b = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        func isWord(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x5F || c == 0x2E || c == 0x24 || c == 0x5C || c >= 0x80 }
        while i < b.count {
            let c = b[i]
            if c == 0x22 {                                   // "string"
                let end = closing(b, from: i, quote: 0x22)
                out.append(contentsOf: b[i..<end]); i = end; continue
            }
            if c == 0x5B {                                   // [structured reference]: left alone
                var depth = 0, j = i
                repeat { if b[j] == 0x5B { depth += 1 } else if b[j] == 0x5D { depth -= 1 }; j += 1 } while j < b.count && depth > 0
                out.append(contentsOf: b[i..<j]); i = j; continue
            }
            let atStart = i == 0 || !isWord(b[i - 1])
            guard atStart, c == 0x27 || isWord(c) else { out.append(c); i += 1; continue }
            // Optional sheet: 'quoted name'! or name!
            var sheet: String? = nil
            var j = i
            if c == 0x27 {
                let end = closing(b, from: i, quote: 0x27)
                if end < b.count, b[end] == 0x21 {
                    sheet = String(decoding: b[(i + 1)..<(end - 1)], as: UTF8.self).replacingOccurrences(of: "''", with: "'")
                    j = end + 1
                } else { out.append(contentsOf: b[i..<end]); i = end; continue }
            } else {
                var k = i
                while k < b.count, isWord(b[k]) { k += 1 }
                if k < b.count, b[k] == 0x21 {
                    sheet = String(decoding: b[i..<k], as: UTF8.self)
                    j = k + 1
                }
            }
            if let ref = a1Reference(b, at: j), !(ref.end < b.count && (isWord(b[ref.end]) || b[ref.end] == 0x28 || b[ref.end] == 0x21)) {
                let new = transform(sheet, ref)
                if new != emptyRange && new != "#REF!" { out.append(contentsOf: b[i..<j]) }
                out.append(contentsOf: new.utf8)
                i = ref.end
                continue
            }
            // Not a reference: copy the whole word (a function or defined name).
            var k = j
            while k < b.count, isWord(b[k]) { k += 1 }
            if k == i { k = i + 1 }
            out.append(contentsOf: b[i..<k]); i = k
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One end of a reference: `$C$5`, `C5`, or a whole row `$5`.
    struct End { var column: String; var absoluteRow: Bool; var row: Int }

    struct Reference {
        var first: End
        var last: End?
        var end: Int
        func write(_ rows: (Int, Int)) -> String {
            func w(_ e: End, _ r: Int) -> String { e.column + (e.absoluteRow ? "$" : "") + String(r) }
            guard let last else { return w(first, rows.0) }
            return w(first, rows.0) + ":" + w(last, rows.1)
        }
    }

    /// A cell (`$C$5`), a range of cells (`C5:E9`) or of rows (`5:9`) at `i`.
    static func a1Reference(_ b: [UInt8], at i: Int) -> Reference? {
        func end(_ i: Int, rowOnly: Bool) -> (End, Int)? {
            var j = i
            var column = ""
            if !rowOnly {
                if j < b.count, b[j] == 0x24 { column = "$"; j += 1 }
                let s = j
                while j < b.count, isAlpha(b[j]), j - s < 3 { j += 1 }
                guard j > s else { return nil }
                column += String(decoding: b[s..<j], as: UTF8.self)
            }
            var absolute = false
            if j < b.count, b[j] == 0x24 { absolute = true; j += 1 }
            let s = j
            while j < b.count, isDigit(b[j]), j - s < 8 { j += 1 }
            guard j > s, let row = Int(String(decoding: b[s..<j], as: UTF8.self)), row > 0 else { return nil }
            return (End(column: column, absoluteRow: absolute, row: row), j)
        }
        for rowOnly in [false, true] {
            guard let (first, j) = end(i, rowOnly: rowOnly) else { continue }
            if j < b.count, b[j] == 0x3A, let (last, k) = end(j + 1, rowOnly: rowOnly) {
                return Reference(first: first, last: last, end: k)
            }
            if rowOnly { return nil }          // `5` alone is a number
            return Reference(first: first, last: nil, end: j)
        }
        return nil
    }

    // MARK: OpenFormula (ODS)

    /// References are bracketed: `[.C5]`, `[.C5:.D9]`, `[$Sheet1.C5]`, `['Prix HT'.A1:.B2]`.
    static func rewriteODF(_ formula: String, rows: Rows) -> String {
        let b = Array(formula.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                let end = closing(b, from: i, quote: 0x22)
                out.append(contentsOf: b[i..<end]); i = end; continue
            }
            guard c == 0x5B, let close = b[i...].firstIndex(of: 0x5D) else { out.append(c); i += 1; continue }
            let inner = String(decoding: b[(i + 1)..<close], as: UTF8.self)
            out.append(contentsOf: (rewriteODFReference(inner, rows: rows) ?? "[" + inner + "]").utf8)
            i = close + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `$Sheet.$C$5:.D9` → `[…]` with new rows (or `0`, `[.#REF!]` when gone); nil when it is
    /// not a cell reference.
    private static func rewriteODFReference(_ inner: String, rows: Rows) -> String? {
        let halves = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var parsed: [(sheet: String, cell: End)] = []
        var sheet: String? = nil
        for h in halves {
            guard let dot = h.lastIndex(of: ".") else { return nil }
            let sheetPart = String(h[..<dot])
            let cellBytes = Array(h[h.index(after: dot)...].utf8)
            guard let ref = a1Reference(cellBytes, at: 0), ref.last == nil, ref.end == cellBytes.count else { return nil }
            if parsed.isEmpty, !sheetPart.isEmpty {
                var name = sheetPart.hasPrefix("$") ? String(sheetPart.dropFirst()) : sheetPart
                if name.hasPrefix("'"), name.hasSuffix("'"), name.count >= 2 { name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") }
                sheet = name
            }
            parsed.append((sheetPart, ref.first))
        }
        guard let first = parsed.first else { return nil }
        let last = parsed.count > 1 ? parsed[1] : nil
        guard let new = rows(sheet, first.cell.row, last?.cell.row ?? first.cell.row, last != nil) else {
            return last == nil ? "[.#REF!]" : emptyRange
        }
        func w(_ p: (sheet: String, cell: End), _ r: Int) -> String { p.sheet + "." + p.cell.column + (p.cell.absoluteRow ? "$" : "") + String(r) }
        return "[" + (last.map { w(first, new.0) + ":" + w($0, new.1) } ?? w(first, new.0)) + "]"
    }

    // MARK: Bytes

    private static func closing(_ b: [UInt8], from i: Int, quote: UInt8) -> Int {
        var j = i + 1
        while j < b.count {
            if b[j] == quote {
                if j + 1 < b.count, b[j + 1] == quote { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return b.count
    }
    static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
}

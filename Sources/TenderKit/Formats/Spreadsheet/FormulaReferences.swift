import Foundation

/// Rewrites the row numbers of the cell references in a formula, for XLSX's A1 syntax
/// (`C5*D5`, `SUM($E$5:E9)`, `'Prix HT'!B2`, `5:9`) and ODS's OpenFormula syntax
/// (`of:=[.C5]*[.D5]`, `[$'Prix HT'.B2:.B9]`). Written here rather than taken from a library:
/// no Swift package parses spreadsheet formulas, and only references need to be found —
/// string literals are skipped, function names (`LOG10(`) and defined names are left alone.
enum FormulaReferences {
    /// One reference as written: its sheet (nil: the formula's own), its first and last rows
    /// (equal for one cell), and which of its row numbers are absolute (`$5`).
    struct Target {
        var sheet: String?
        var first: Int
        var last: Int
        var isRange: Bool
        var absoluteFirst = false
        var absoluteLast = false
    }

    /// What to do with one reference: returns the new rows (first end, last end), or nil when
    /// the rows are gone.
    typealias Rows = (Target) -> (Int, Int)?

    /// A range whose rows are all gone (a loop over no item) that is a whole argument of `SUM`
    /// becomes 0, so `SUM(E5:E5)` stays a valid sum of nothing. Anywhere else (`E5`, `COUNT(E5:E5)`,
    /// `E5:E5*2`) no formula would mean the same: the rewrite fails (nil) and the format says
    /// where, rather than leave a `#REF!` or a wrong count.
    static let emptyRange = "0"
    static let sumOfNothing: Set<String> = ["SUM"]

    /// Whether the reference between `start` and `end` is a whole argument of `SUM`: `SUM(` or a
    /// separator before it, a separator or `)` after it.
    private static func isSumArgument(_ b: [UInt8], _ start: Int, _ end: Int, calls: [String]) -> Bool {
        guard let call = calls.last, sumOfNothing.contains(call.uppercased()) else { return false }
        var i = start - 1
        while i >= 0, b[i] == 0x20 { i -= 1 }
        var j = end
        while j < b.count, b[j] == 0x20 { j += 1 }
        let before: Set<UInt8> = [0x28, 0x2C, 0x3B], after: Set<UInt8> = [0x29, 0x2C, 0x3B]
        return i >= 0 && before.contains(b[i]) && j < b.count && after.contains(b[j])
    }

    /// The function calls open at a byte: `(` after a word opens that function, `)` closes it.
    private struct Calls {
        var stack: [String] = []
        var word: (name: String, end: Int)? = nil
        mutating func see(_ c: UInt8, at i: Int) {
            if c == 0x28 { stack.append(word?.end == i ? word!.name : "") } else if c == 0x29 { _ = stack.popLast() }
        }
    }

    // MARK: A1 (XLSX)

    /// The formula with its references' rows mapped; nil when a reference's rows are gone and
    /// 0 cannot stand for it (see `emptyRange`).
    static func rewriteA1(_ formula: String, rows: Rows) -> String? {
        var lost = false
        let out = rewriteA1(formula) { sheet, ref, sumArgument in
            let target = Target(sheet: sheet, first: ref.first.row, last: ref.last?.row ?? ref.first.row, isRange: ref.last != nil,
                                absoluteFirst: ref.first.absoluteRow, absoluteLast: ref.last?.absoluteRow ?? ref.first.absoluteRow)
            guard let new = rows(target) else {
                if ref.last != nil, sumArgument { return emptyRange }
                lost = true
                return "#REF!"
            }
            return ref.write(new)
        }
        return lost ? nil : out
    }

    /// The sheets a formula's references name (A1 syntax).
    static func sheets(in formula: String) -> Set<String> {
        guard formula.contains("!") else { return [] }
        var out = Set<String>()
        _ = rewriteA1(formula) { sheet, ref, _ in
            if let sheet { out.insert(sheet) }
            return ref.write((ref.first.row, ref.last?.row ?? ref.first.row))
        }
        return out
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
        return rewriteA1(formula) { _, ref, _ in
            ref.last.map { move(ref.first) + ":" + move($0) } ?? move(ref.first)
        }
    }

    /// Calls `transform` on every reference (with its sheet, nil when unqualified) and puts
    /// what it returns in the reference's place; the sheet prefix is kept unless the result
    /// is not a reference (`0`, `#REF!`).
    private static func rewriteA1(_ formula: String, _ transform: (String?, Reference, _ sumArgument: Bool) -> String) -> String {
        let b = Array(formula.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var calls = Calls()
        /// After `[1]`: the reference is to another workbook's sheet (`[1]DPGF!E5`), left alone.
        var external = false
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
                out.append(contentsOf: b[i..<j]); i = j
                external = j < b.count && (isWord(b[j]) || b[j] == 0x27)
                continue
            }
            let atStart = i == 0 || !isWord(b[i - 1]) || external
            guard atStart, c == 0x27 || isWord(c) else { external = false; calls.see(c, at: i); out.append(c); i += 1; continue }
            // Optional sheet: 'quoted name'! or name!
            var sheet: String? = nil
            var j = i
            if c == 0x27 {
                let end = closing(b, from: i, quote: 0x27)
                if end < b.count, b[end] == 0x21 {
                    sheet = String(decoding: b[(i + 1)..<(end - 1)], as: UTF8.self).replacingOccurrences(of: "''", with: "'")
                    if sheet?.hasPrefix("[") == true { external = true }      // '[2]Prix HT'!E5
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
                if external {
                    external = false
                    out.append(contentsOf: b[i..<ref.end]); i = ref.end; continue
                }
                let new = transform(sheet, ref, isSumArgument(b, i, ref.end, calls: calls.stack))
                if new != emptyRange && new != "#REF!" { out.append(contentsOf: b[i..<j]) }
                out.append(contentsOf: new.utf8)
                i = ref.end
                continue
            }
            // Not a reference: copy the whole word (a function or defined name).
            var k = j
            while k < b.count, isWord(b[k]) { k += 1 }
            if k == i { k = i + 1 }
            external = false
            calls.word = (String(decoding: b[i..<k], as: UTF8.self), k)
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
    /// The formula with its references' rows mapped; nil as for `rewriteA1`.
    static func rewriteODF(_ formula: String, rows: Rows) -> String? {
        let b = Array(formula.utf8)
        var out: [UInt8] = []
        var calls = Calls()
        var lost = false
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                let end = closing(b, from: i, quote: 0x22)
                out.append(contentsOf: b[i..<end]); i = end; continue
            }
            if isAlpha(c) {                                   // a function's or a name's word
                var k = i
                while k < b.count, isAlnum(b[k]) || b[k] == 0x2E || b[k] == 0x5F { k += 1 }
                calls.word = (String(decoding: b[i..<k], as: UTF8.self), k)
                out.append(contentsOf: b[i..<k]); i = k; continue
            }
            guard c == 0x5B, let close = b[i...].firstIndex(of: 0x5D) else { calls.see(c, at: i); out.append(c); i += 1; continue }
            let inner = String(decoding: b[(i + 1)..<close], as: UTF8.self)
            switch rewriteODFReference(inner, rows: rows) {
            case .reference(let new): out.append(contentsOf: new.utf8)
            case .notAReference: out.append(contentsOf: b[i...close])
            case .gone(let isRange):
                if isRange, isSumArgument(b, i, close + 1, calls: calls.stack) {
                    out.append(contentsOf: emptyRange.utf8)
                } else {
                    lost = true
                    out.append(contentsOf: "[.#REF!]".utf8)
                }
            }
            i = close + 1
        }
        return lost ? nil : String(decoding: out, as: UTF8.self)
    }

    private enum ODFReference { case reference(String), notAReference, gone(isRange: Bool) }

    /// `$Sheet.$C$5:.D9` → `[…]` with new rows; `.gone` when its rows are; `.notAReference`
    /// when it is not a cell reference.
    private static func rewriteODFReference(_ inner: String, rows: Rows) -> ODFReference {
        let halves = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var parsed: [(sheet: String, cell: End)] = []
        var sheet: String? = nil
        for h in halves {
            guard let dot = h.lastIndex(of: ".") else { return .notAReference }
            let sheetPart = String(h[..<dot])
            let cellBytes = Array(h[h.index(after: dot)...].utf8)
            guard let ref = a1Reference(cellBytes, at: 0), ref.last == nil, ref.end == cellBytes.count else { return .notAReference }
            if parsed.isEmpty, !sheetPart.isEmpty {
                var name = sheetPart.hasPrefix("$") ? String(sheetPart.dropFirst()) : sheetPart
                if name.hasPrefix("'"), name.hasSuffix("'"), name.count >= 2 { name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") }
                sheet = name
            }
            parsed.append((sheetPart, ref.first))
        }
        guard let first = parsed.first else { return .notAReference }
        let last = parsed.count > 1 ? parsed[1] : nil
        let target = Target(sheet: sheet, first: first.cell.row, last: last?.cell.row ?? first.cell.row, isRange: last != nil,
                            absoluteFirst: first.cell.absoluteRow, absoluteLast: (last ?? first).cell.absoluteRow)
        guard let new = rows(target) else { return .gone(isRange: last != nil) }
        func w(_ p: (sheet: String, cell: End), _ r: Int) -> String { p.sheet + "." + p.cell.column + (p.cell.absoluteRow ? "$" : "") + String(r) }
        return .reference("[" + (last.map { w(first, new.0) + ":" + w($0, new.1) } ?? w(first, new.0)) + "]")
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

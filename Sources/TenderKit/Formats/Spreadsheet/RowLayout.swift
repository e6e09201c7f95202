import Foundation

/// For one sheet of a rendered spreadsheet: the output rows each template row became (none
/// when a loop ran zero times or an `if` dropped it, one, or one per loop item), and from that,
/// where any row reference of the template goes. XLSX and ODS share it; each format reads its
/// rows and writes its references.
///
/// Rows are kept as spans (a template row element may stand for several rows: ODS's
/// `table:number-rows-repeated`), so a sheet ending in a million repeated empty rows costs one span.
struct RowLayout {
    /// A row element of the template: its first row, how many rows it stands for, and the
    /// first output row of each of its copies, in order.
    struct Span { var start: Int; var count: Int; var copies: [Int] = [] }

    /// The template's row elements, by first row.
    private(set) var spans: [Span]
    /// `shift[i]`: how many rows the spans before `i` add (or take away) in all.
    private var shift: [Int] = []

    /// Where one emitted row element goes, in output order.
    struct Placed { var span: Int; var copy: Int; var row: Int }
    private(set) var placed: [Placed] = []

    /// `template`: each row element of the template as (first row, row count), in document order.
    init(template: [(start: Int, count: Int)]) {
        spans = template.map { Span(start: $0.start, count: $0.count) }.sorted { $0.start < $1.start }
    }

    /// The output rows of the emitted row elements, given each one's first template row in
    /// output order: rows keep their distance from the rows before them, except that rows the
    /// render dropped close up and each new copy follows the previous one.
    mutating func place(_ emitted: [Int]) {
        var lastTemplate = 0, lastOut = 0, lastCount = 1
        for t in emitted {
            guard let i = index(containing: t) else { continue }
            let out: Int
            if t > lastTemplate {
                // Rows between not emitted (yet) were dropped: they close up.
                let dropped = spans[index(after: lastTemplate)..<i].filter { $0.copies.isEmpty }.reduce(0) { $0 + $1.count }
                out = lastOut + (t - lastTemplate) - dropped
            } else {
                out = lastOut + lastCount
            }
            placed.append(Placed(span: i, copy: spans[i].copies.count, row: out))
            spans[i].copies.append(out)
            lastTemplate = t; lastOut = out; lastCount = spans[i].count
        }
        var total = 0
        shift = spans.map { s in defer { total += (s.copies.count - 1) * s.count }; return total }
        shift.append(total)
    }

    /// Whether any row moved, was repeated or was dropped.
    var changed: Bool {
        spans.contains { $0.copies != [$0.start] } || placed.contains { $0.row != spans[$0.span].start }
    }

    /// The span holding template row `r`.
    private func index(containing r: Int) -> Int? {
        var lo = 0, hi = spans.count
        while lo < hi { let m = (lo + hi) / 2; if spans[m].start + spans[m].count <= r { lo = m + 1 } else { hi = m } }
        return lo < spans.count && spans[lo].start <= r ? lo : nil
    }

    /// The first span starting after row `r`.
    private func index(after r: Int) -> Int {
        var lo = 0, hi = spans.count
        while lo < hi { let m = (lo + hi) / 2; if spans[m].start <= r { lo = m + 1 } else { hi = m } }
        return lo
    }

    /// Where a row no row element stands for (an empty row between others) goes.
    private func gap(_ r: Int) -> Int { r + shift[index(after: r)] }

    /// The output row a reference to template row `r` points to, seen from copy `copy` of the
    /// span `from` (nil: from outside the sheet's rows, e.g. a defined name). Within a repeated
    /// block, a reference to a row repeated as many times points to the same copy (`=C5*D5` on
    /// the 3rd copy of row 5 is `=C7*D7`); otherwise to the first copy. Nil: the row was dropped.
    func row(_ r: Int, from: (span: Int, copy: Int)? = nil) -> Int? {
        guard let i = index(containing: r) else { return gap(r) }
        let s = spans[i]
        guard !s.copies.isEmpty else { return nil }
        var k = 0
        if let from, s.copies.count > 1, spans[from.span].copies.count == s.copies.count { k = from.copy }
        return s.copies[k] + (r - s.start)
    }

    /// The output rows a range of template rows `first...last` spans: a range over repeated
    /// rows grows to hold every copy. Nil: every row of it was dropped (a loop over no item).
    func rows(_ first: Int, _ last: Int) -> (Int, Int)? {
        let (a, b) = (min(first, last), max(first, last))
        var lo = Int.max, hi = Int.min
        for r in [a, b] where index(containing: r) == nil { let g = gap(r); lo = min(lo, g); hi = max(hi, g) }
        var i = index(containing: a) ?? index(after: a)
        while i < spans.count, spans[i].start <= b {
            let s = spans[i]
            let from = max(s.start, a) - s.start, to = min(s.start + s.count - 1, b) - s.start
            for c in s.copies { lo = min(lo, c + from); hi = max(hi, c + to) }
            i += 1
        }
        return lo <= hi ? (lo, hi) : nil
    }
}

/// Column letters and A1 names.
enum CellName {
    /// `A` → 1, `AB` → 28.
    static func column(_ letters: Substring) -> Int {
        letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
    }

    /// 1 → `A`, 28 → `AB`.
    static func letters(_ column: Int) -> String {
        var n = column, out = ""
        while n > 0 { let r = (n - 1) % 26; out = String(UnicodeScalar(UInt8(65 + r))) + out; n = (n - 1) / 26 }
        return out
    }

    /// `B7` → (`B`, 7).
    static func split(_ name: String) -> (letters: Substring, row: Int)? {
        let letters = name.prefix { $0.isASCII && $0.isLetter }
        guard !letters.isEmpty, let row = Int(name.dropFirst(letters.count)) else { return nil }
        return (letters, row)
    }
}

extension RowLayout {
    /// The first output row of each copy of the row element holding template row `r` (nil:
    /// no row element holds it).
    func copies(of r: Int) -> [Int]? {
        spans.first { $0.start <= r && r < $0.start + $0.count }.map { s in s.copies.map { $0 + (r - s.start) } }
    }

    /// Whether template rows `a` and `b` are repeated as many times as the span `span` (the
    /// same loop), so a range between them inside a copy stays in that copy.
    func sameBlock(_ a: Int, _ b: Int, as span: Int) -> Bool {
        let n = spans[span].copies.count
        return copies(of: a)?.count == n && copies(of: b)?.count == n
    }
}

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
                // Every row element between the two was dropped here and closes up — also one
                // an earlier item of a loop kept (an `if`'d line of the previous task): its
                // copies are placed where that item emitted them, not here. Only the rows no
                // element stands for (XLSX's empty rows) keep their distance.
                let between = index(after: lastTemplate)
                let dropped = between < i ? spans[between..<i].reduce(0) { $0 + $1.count } : 0
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

    /// Seen from copy `copy` of the span `from`, the output rows between which the copies of
    /// a repeated span `other` belong to the same loop item: a row above `from` in the template
    /// belongs to the item when it lies after the previous copy of `from` and before this one;
    /// a row below, after this copy and before the next. So a subtotal after a nested loop sums
    /// its own item's lines, and `=C5*D5` on the 3rd copy of row 5 reads the 3rd copy.
    private func window(_ other: Span, from: (span: Int, copy: Int)) -> ClosedRange<Int> {
        let s = spans[from.span], k = from.copy
        if other.start < s.start { return (k > 0 ? s.copies[k - 1] + s.count : Int.min)...(s.copies[k] - 1) }
        return (s.copies[k] + s.count)...(k + 1 < s.copies.count ? s.copies[k + 1] - 1 : Int.max)
    }

    /// The copies of span `i` a reference from `from` sees: its own copy in the same span, the
    /// copies in the loop item's window when both are repeated, else all. In a range seen from
    /// a repeated row, every span is taken in the window, however often it was repeated (a
    /// nested loop's row that came out once belongs to one item only); a single cell outside
    /// the loop (`$D$3`, a rate) is seen from every copy.
    private func visibleCopies(_ i: Int, from: (span: Int, copy: Int)?, inRange: Bool = false) -> [Int] {
        let s = spans[i]
        guard let from, spans[from.span].copies.count > 1, inRange || s.copies.count > 1 else { return s.copies }
        if i == from.span { return [s.copies[from.copy]] }
        let w = window(s, from: from)
        return s.copies.filter { w.contains($0) }
    }

    /// The output row a reference to template row `r` points to, seen from copy `copy` of the
    /// span `from` (nil: from outside the sheet's rows, e.g. a defined name): the copy in the
    /// same loop item (see `window`), else the first. Nil: the row was dropped.
    func row(_ r: Int, from: (span: Int, copy: Int)? = nil) -> Int? {
        guard let i = index(containing: r) else { return gap(r) }
        return visibleCopies(i, from: from).first.map { $0 + (r - spans[i].start) }
    }

    /// The output rows a range of template rows `first...last` spans: a range over repeated
    /// rows grows to hold every copy (of the same loop item, seen from inside a loop). Nil:
    /// every row of it was dropped (a loop over no item).
    func rows(_ first: Int, _ last: Int, from: (span: Int, copy: Int)? = nil) -> (Int, Int)? {
        let (a, b) = (min(first, last), max(first, last))
        var lo = Int.max, hi = Int.min
        var i = index(containing: a) ?? index(after: a)
        while i < spans.count, spans[i].start <= b {
            let s = spans[i]
            let from0 = max(s.start, a) - s.start, to = min(s.start + s.count - 1, b) - s.start
            for c in visibleCopies(i, from: from, inRange: true) { lo = min(lo, c + from0); hi = max(hi, c + to) }
            i += 1
        }
        // An end on an empty row stays where that row went, unless nothing else is left.
        if lo <= hi || from == nil || spans[from!.span].copies.count <= 1 {
            for r in [a, b] where index(containing: r) == nil { let g = gap(r); lo = min(lo, g); hi = max(hi, g) }
        }
        return lo <= hi ? (lo, hi) : nil
    }
}

extension RowLayout {
    /// Where a reference written in copy `from` of a row (nil: outside the rows) goes, as
    /// spreadsheets copy formulas: a relative row follows the copy (`row`, `rows`); an absolute
    /// row (`$5`) is the same in every copy — it means what it means seen from outside the loop,
    /// the first copy for a cell and every copy for a range, and still moves with the rows
    /// inserted or removed above it. So `SUM($E$5:E5)` in a repeated row 5 sums from the first
    /// copy to its own (a running total), and `E5/SUM($E$5:$E$5)` divides by the sum of all.
    func resolve(_ t: FormulaReferences.Target, from: (span: Int, copy: Int)?) -> (Int, Int)? {
        let repeated = from.map { spans[$0.span].copies.count > 1 } ?? false
        guard repeated, t.absoluteFirst || (t.isRange && t.absoluteLast) else {
            return t.isRange ? rows(t.first, t.last, from: from) : row(t.first, from: from).map { ($0, $0) }
        }
        if !t.isRange { return row(t.first, from: nil).map { ($0, $0) } }
        if t.absoluteFirst && t.absoluteLast { return rows(t.first, t.last, from: nil) }
        // One end absolute, the other relative: each end on its own, as a copied range's ends move.
        // A relative end takes the side of its rows it stands on (the last line of an item's block).
        func end(_ r: Int, absolute: Bool, low: Bool) -> Int? {
            if absolute { return row(r, from: nil) }
            return rows(r, r, from: from).map { low ? $0.0 : $0.1 }
        }
        let ordered = t.first <= t.last
        guard let a = end(t.first, absolute: t.absoluteFirst, low: ordered),
              let b = end(t.last, absolute: t.absoluteLast, low: !ordered) else {
            return rows(t.first, t.last, from: from)
        }
        return (a, b)
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

}

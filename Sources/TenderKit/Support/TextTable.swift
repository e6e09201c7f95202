import Foundation

/// A plain-text table whose columns are as wide as their widest cell, counted in characters
/// (so accents and U+202F count as one).
struct TextTable {
    enum Align { case left, right }
    private let columns: [(title: String, align: Align)]
    private let header: Bool
    private let maxWidths: [Int: Int]
    private var rows: [[String]?] = []

    /// `maxWidths`: column index → widest cell; longer cells are cut and end with `…`.
    init(_ columns: [(String, Align)], header: Bool = true, maxWidths: [Int: Int] = [:]) {
        self.columns = columns.map { (title: $0.0, align: $0.1) }
        self.header = header
        self.maxWidths = maxWidths
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.enumerated().map { i, cell in
            guard let limit = maxWidths[i], cell.count > limit else { return cell }
            return String(cell.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
        })
    }
    /// A horizontal line.
    mutating func rule() { rows.append(nil) }

    func render(indent: String = "  ") -> String {
        let all = (header ? [columns.map(\.title)] : []) + rows.compactMap { $0 }
        let widths = columns.indices.map { i in all.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        let total = widths.reduce(0, +) + 3 * (widths.count - 1)
        func line(_ cells: [String]) -> String {
            let padded = columns.indices.map { i -> String in
                let cell = i < cells.count ? cells[i] : ""
                let fill = String(repeating: " ", count: widths[i] - cell.count)
                return columns[i].align == .left ? cell + fill : fill + cell
            }
            // Trailing spaces dropped byte by byte: reversing the characters took most of `tender price`.
            let joined = padded.joined(separator: "   ")
            let spaces = joined.utf8.reversed().prefix { $0 == 0x20 }.count
            return indent + String(decoding: joined.utf8.dropLast(spaces), as: UTF8.self)
        }
        var lines: [String] = []
        if header {
            lines.append(line(columns.map(\.title)))
            lines.append(indent + String(repeating: "─", count: total))
        }
        for row in rows { lines.append(row.map(line) ?? indent + String(repeating: "─", count: total)) }
        return lines.joined(separator: "\n")
    }
}

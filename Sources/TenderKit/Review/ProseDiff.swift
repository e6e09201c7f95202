import Foundation

/// The prose of an offer (`memoire:` texts) compared with an earlier version, paragraph by
/// paragraph, and within a changed paragraph word by word: what a partner reads to see what
/// was rewritten, not a count of characters.
enum ProseDiff {
    /// One changed paragraph: its text with removed words as `~~…~~` and added ones as `**…**`.
    struct Change: Equatable {
        var key: String
        /// 1-based, in the current text (or the earlier one for a removed paragraph).
        var paragraph: Int
        var markdown: String
    }

    static func changes(before: [String: String], after: [String: String], order: [String]) -> [Change] {
        var keys = order.filter { before[$0] != nil || after[$0] != nil }
        keys += Set(before.keys).union(after.keys).subtracting(keys).sorted()
        var out: [Change] = []
        for key in keys {
            let old = paragraphs(before[key] ?? ""), new = paragraphs(after[key] ?? "")
            guard old != new else { continue }
            // Paragraphs kept as they were anchor the comparison; between two anchors, removed
            // and added paragraphs are paired in order and compared word by word.
            let kept = lcs(old, new)
            var i = 0, j = 0
            for (ki, kj) in kept + [(old.count, new.count)] {
                let removed = Array(old[i..<ki]), added = Array(new[j..<kj])
                for n in 0..<max(removed.count, added.count) {
                    let a = n < removed.count ? removed[n] : nil, b = n < added.count ? added[n] : nil
                    let number = b != nil ? j + n + 1 : i + n + 1
                    out.append(Change(key: key, paragraph: number, markdown: words(a ?? "", b ?? "")))
                }
                i = ki + 1; j = kj + 1
            }
        }
        return out
    }

    /// Paragraphs: blocks of text between blank lines, spaces tidied.
    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map {
            $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }.filter { !$0.isEmpty }
    }

    /// `a` turned into `b`, word by word.
    static func words(_ a: String, _ b: String) -> String {
        let x = a.split(separator: " ").map(String.init), y = b.split(separator: " ").map(String.init)
        let kept = lcs(x, y)
        var out: [String] = []
        var i = 0, j = 0
        func flush(_ removed: ArraySlice<String>, _ added: ArraySlice<String>) {
            if !removed.isEmpty { out.append("~~" + removed.joined(separator: " ") + "~~") }
            if !added.isEmpty { out.append("**" + added.joined(separator: " ") + "**") }
        }
        for (ki, kj) in kept {
            flush(x[i..<ki], y[j..<kj])
            out.append(x[ki])
            i = ki + 1; j = kj + 1
        }
        flush(x[i...], y[j...])
        return out.joined(separator: " ")
    }

    /// The index pairs of a longest common subsequence (dynamic programming; paragraphs and
    /// sentences are short enough for the quadratic table).
    static func lcs(_ x: [String], _ y: [String]) -> [(Int, Int)] {
        let n = x.count, m = y.count
        guard n > 0, m > 0 else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if x[i] == y[j] { pairs.append((i, j)); i += 1; j += 1 } else if table[i + 1][j] >= table[i][j + 1] { i += 1 } else { j += 1 }
        }
        return pairs
    }
}

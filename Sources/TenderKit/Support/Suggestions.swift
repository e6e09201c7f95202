import Foundation

/// "Did you mean …?" for misspelt keys and ids.
public enum Suggestions {
    /// The candidate closest to `word` by edit distance (case-insensitive), when it is close
    /// enough to be a plausible typo: at most a third of the word's length, and at least 1.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let target = word.lowercased()
        let limit = max(1, min(3, target.count / 3 + 1))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let d = editDistance(target, candidate.lowercased())
            if d <= limit, d < best?.distance ?? Int.max { best = (candidate, d) }
        }
        return best?.candidate
    }

    /// A hint naming the closest candidate, or listing the candidates when none is close.
    public static func hint(for word: String, among candidates: [String], listing noun: String) -> String {
        if let match = closest(to: word, among: candidates) { return Message.didYouMean(match).text }
        if candidates.isEmpty { return Message.noneListed(noun).text }
        let shown = candidates.prefix(12).joined(separator: ", ")
        return Message.listed(noun, shown).text + (candidates.count > 12 ? ", …" : "")
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and
    /// transpositions of adjacent characters each cost 1.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}

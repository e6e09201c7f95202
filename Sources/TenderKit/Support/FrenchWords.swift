import Foundation

/// Small helpers for French wording (counts, plurals, elision).
enum FrenchWords {
    /// `0 erreur`, `1 page`, `2 pages`: 0 and 1 take the singular, as French does.
    static func count(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(n) \(plural(n, singular, pluralForm))"
    }

    /// The word alone, singular for 0 and 1.
    static func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        abs(n) <= 1 ? singular : pluralForm ?? singular + "s"
    }

    /// `de Bob Durand`, `d'Alice Martin`: the preposition elided before a vowel or a mute h.
    static func de(_ name: String) -> String {
        guard let first = name.first else { return "de" }
        let folded = String(first).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return "aeiouyh".contains(folded) ? "d'" + name : "de " + name
    }
}

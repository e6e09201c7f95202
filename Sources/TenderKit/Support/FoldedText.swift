import Foundation

/// Text compared the way a reader compares it: case, accents, punctuation and spacing ignored.
enum FoldedText {
    /// `Coût par profil (en euros)` → `cout par profil en euros`.
    static func fold(_ text: String) -> String {
        let lowered = text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
        var out = ""
        var pendingSpace = false
        for ch in lowered {
            if ch.isLetter || ch.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Whether `needle` appears in `haystack` as whole words, both folded.
    static func contains(_ haystack: String, words needle: String) -> Bool {
        let n = fold(needle)
        guard !n.isEmpty else { return false }
        return (" " + fold(haystack) + " ").contains(" " + n + " ")
    }

    /// Every kind of space (no-break, narrow no-break, thin…) as one ASCII space, runs kept.
    static func plainSpaces(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            scalar != "\n" && scalar != "\t" && CharacterSet.whitespaces.contains(scalar) ? " " : Character(scalar)
        })
    }
}

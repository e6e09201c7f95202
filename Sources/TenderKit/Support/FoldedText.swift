import Foundation

/// Text compared the way a reader compares it: case, accents, punctuation and spacing ignored.
enum FoldedText {
    /// `Coût par profil (en euros)` → `cout par profil en euros`.
    static func fold(_ text: String) -> String {
        if let quick = quickFold(text) { return quick }
        let lowered = foundationLowered(text)
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

    /// Ligatures spelt out, then case, accents and widths folded as French reads them.
    private static func foundationLowered(_ text: String) -> String {
        text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
    }

    /// `fold` without Foundation, for the text checks see most (cells, labels,
    /// amounts): every scalar ASCII, a Latin letter of U+00C0–U+017F (folded once, by
    /// `foundationLowered` itself) or a space, punctuation or currency sign (which both ways
    /// separate words). nil for anything else, such as a combining accent. Foundation's
    /// folding took a third of a `check --no-render`.
    ///
    /// It lowers and cuts into words in the same pass, scalar by scalar: what it lets through
    /// has one scalar per character (no combining mark), so a scalar is a letter or a digit
    /// exactly when `fold`'s character is.
    private static func quickFold(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func word(_ scalar: Unicode.Scalar) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: scalar.utf8)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = UInt8(scalar.value)
                switch v {
                case 0x41...0x5A: word(Unicode.Scalar(v + 0x20))
                case 0x61...0x7A, 0x30...0x39: word(scalar)
                default: pendingSpace = true
                }
            } else if let folded = latinLetters[scalar] {
                for s in folded.unicodeScalars {
                    if s.properties.isAlphabetic || s.properties.numericType != nil { word(s) } else { pendingSpace = true }
                }
            } else {
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                     .finalPunctuation, .otherPunctuation, .currencySymbol:
                    pendingSpace = true
                default:
                    return nil
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The letters of U+00C0–U+017F folded by `foundationLowered`, in one call (it folds each
    /// character on its own, so a line per letter folds as each letter alone would).
    private static let latinLetters: [Unicode.Scalar: String] = {
        let letters = (UInt32(0xC0)...0x17F).compactMap(Unicode.Scalar.init).filter { $0.properties.isAlphabetic }
        let folded = foundationLowered(letters.map(String.init).joined(separator: "\n"))
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard folded.count == letters.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(letters, folded.map(String.init)))
    }()

    /// Whether `needle` appears in `haystack` as whole words, both folded.
    static func contains(_ haystack: String, words needle: String) -> Bool {
        let n = fold(needle)
        guard !n.isEmpty else { return false }
        return (" " + fold(haystack) + " ").contains(" " + n + " ")
    }

    /// Every kind of space (no-break, narrow no-break, thin…) as one ASCII space, runs kept.
    static func plainSpaces(_ text: String) -> String {
        // Byte by byte over the UTF-8: the spaces beyond ASCII are the few two- and three-byte
        // sequences of `spaceLength`, and a text without them (most) is returned as it is.
        var copy = text
        let plain = copy.withUTF8 { bytes -> [UInt8]? in
            var out: [UInt8] = []
            var copied = 0, i = 0
            while i < bytes.count {
                guard bytes[i] >= 0xC2, let length = spaceLength(bytes, at: i) else { i += 1; continue }
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out.append(contentsOf: bytes[copied..<i])
                out.append(0x20)
                i += length
                copied = i
            }
            guard copied > 0 else { return nil }
            out.append(contentsOf: bytes[copied...])
            return out
        }
        return plain.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The length of the UTF-8 of a space beyond ASCII at `i`, else nil: what Foundation's
    /// `CharacterSet.whitespaces` holds beyond ASCII (U+00A0, U+1680, U+2000–U+200B, U+202F,
    /// U+205F, U+3000; FastPathTests compares them over every scalar).
    private static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        switch b[i] {
        case 0xC2: return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : nil
        case 0xE1: return i + 2 < b.count && b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : nil
        case 0xE2:
            guard i + 2 < b.count else { return nil }
            switch (b[i + 1], b[i + 2]) {
            case (0x80, 0x80...0x8B), (0x80, 0xAF), (0x81, 0x9F): return 3
            default: return nil
            }
        case 0xE3: return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : nil
        default: return nil
        }
    }
}

extension String {
    /// A String of these scalars, made from their UTF-8 in one go (appending scalars one by one
    /// to a `UnicodeScalarView` cost more than the typography it finished).
    init(scalars: some Sequence<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars {
            if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { bytes.append(contentsOf: scalar.utf8) }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

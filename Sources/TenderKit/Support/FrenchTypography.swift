import Foundation

/// French typography for text that comes from the data: a narrow no-break space (U+202F)
/// before ; ! ? and inside « », a no-break space (U+00A0) before :, the typographic
/// apostrophe ’ and « » for straight double quotes.
///
/// Web addresses, e-mail addresses, times and ratios written with a colon (10:30, 1:2) are
/// left as they are. The same scan lists what it would change, for `tender check`.
public enum FrenchTypography {
    static let narrow: Unicode.Scalar = "\u{202F}"
    static let noBreak: Unicode.Scalar = "\u{00A0}"

    /// The text typeset for French.
    public static func apply(_ text: String) -> String { apply(text, afterText: false) }

    /// `afterText`: the text continues other text of its paragraph (a run after a bold word).
    public static func apply(_ text: String, afterText: Bool) -> String {
        guard mayChange(text) else { return text }
        return scan(text, afterText: afterText).text
    }

    /// What `apply` would change, a no-break space of either width being accepted where one
    /// is due: each place as a short excerpt of the text around it.
    public static func problems(in text: String) -> [String] {
        guard mayChange(text) else { return [] }
        let s = Array(text.unicodeScalars)
        return scan(text, lenient: true).changes.map { at in
            let from = max(0, at - 12), to = min(s.count, at + 12)
            var excerpt = String(String.UnicodeScalarView(s[from..<to])).trimmingCharacters(in: .whitespacesAndNewlines)
            if from > 0 { excerpt = "…" + excerpt }
            if to < s.count { excerpt += "…" }
            return excerpt
        }
    }

    /// Ranges of web and e-mail addresses and of character references (`&amp;`, `&#8217;`),
    /// left untouched.
    static let protected = try! NSRegularExpression(
        pattern: #"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:)[^\s<>«»"]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"#)

    /// Whether `text` holds one of the characters typography ever changes, ; : ! ? ' " « »:
    /// a text without them is left as it is. Read as bytes: « and » are C2 AB and C2 BB in
    /// UTF-8, and a lone AB or BB byte (inside another character) only costs a full scan.
    static func mayChange(_ text: String) -> Bool {
        text.utf8.contains { b in
            switch b {
            case UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                 UInt8(ascii: "'"), UInt8(ascii: "\""), 0xAB, 0xBB: return true
            default: return false
            }
        }
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == noBreak || c == narrow || c == "\u{2009}"
    }

    private static func scan(_ text: String, afterText: Bool = false, lenient: Bool = false) -> (text: String, changes: [Int]) {
        // Only these characters are ever changed; a text without them is left as it is.
        guard mayChange(text) else { return (text, []) }
        let s = Array(text.unicodeScalars)
        var keep = [Bool](repeating: false, count: s.count)
        // Every protected range holds "://", "www.", "mailto:", '@' or '&': without them, no regex.
        if ["://", "www.", "mailto:", "@", "&"].contains(where: text.holdsBytes) {
            // NSRegularExpression works in UTF-16: map its ranges to scalar indexes.
            var utf16ToScalar: [Int] = []
            utf16ToScalar.reserveCapacity(text.utf16.count + 1)
            for (i, c) in s.enumerated() { for _ in 0..<(c.value > 0xFFFF ? 2 : 1) { utf16ToScalar.append(i) } }
            utf16ToScalar.append(s.count)
            for m in protected.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
                for i in utf16ToScalar[m.range.location]..<utf16ToScalar[m.range.location + m.range.length] { keep[i] = true }
            }
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count + 8)
        var changes: [Int] = []
        var quoteOpen = false
        /// Sets the space before the character about to be written: removes plain spaces
        /// written before it and puts `space`, when a word precedes.
        func spaceBefore(_ space: Unicode.Scalar, at i: Int) {
            var j = out.count
            while j > 0, out[j - 1] == " " || out[j - 1] == noBreak || out[j - 1] == narrow { j -= 1 }
            guard j > 0 ? out[j - 1] != "\n" && out[j - 1] != "\t" : afterText else { return }
            let existing = Array(out[j...])
            if existing == [space] || lenient && (existing == [noBreak] || existing == [narrow]) { return }
            // One of ; ! ? after another (?!): the space goes before the first only.
            if j > 0, ";!?".unicodeScalars.contains(out[j - 1]) && existing.isEmpty { return }
            out.removeSubrange(j...)
            out.append(space)
            changes.append(i)
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if keep[i] { out.append(c); i += 1; continue }
            switch c {
            case ";", "!", "?":
                spaceBefore(narrow, at: i)
                out.append(c)
            case ":":
                let digitBefore = i > 0 && s[i - 1].properties.numericType != nil
                let digitAfter = i + 1 < s.count && s[i + 1].properties.numericType != nil
                if !(digitBefore && digitAfter) { spaceBefore(noBreak, at: i) }
                out.append(c)
            case "'":
                if i > 0, s[i - 1].properties.isAlphabetic { out.append("\u{2019}"); changes.append(i) } else { out.append(c) }
            case "\"":
                let opening = i == 0 || isSpace(s[i - 1]) || "\n\t([{/-–—".unicodeScalars.contains(s[i - 1]) || !quoteOpen && i + 1 < s.count && !isSpace(s[i + 1])
                changes.append(i)
                if opening && !quoteOpen {
                    out.append("«"); out.append(narrow)
                    quoteOpen = true
                    while i + 1 < s.count, s[i + 1] == " " || s[i + 1] == noBreak { i += 1 }
                } else {
                    spaceBefore(narrow, at: i)
                    if changes.last != i { changes.append(i) }
                    out.append("»")
                    quoteOpen = false
                }
            case "«":
                out.append(c)
                var j = i + 1
                while j < s.count, s[j] == " " || s[j] == noBreak || s[j] == narrow { j += 1 }
                if j < s.count, s[j] != "\n" {
                    out.append(narrow)
                    if !(j == i + 2 && (s[i + 1] == narrow || lenient && s[i + 1] == noBreak)) { changes.append(i) }
                }
                i = j - 1
            case "»":
                spaceBefore(narrow, at: i)
                out.append(c)
            default:
                out.append(c)
            }
            i += 1
        }
        // A change that only re-wrote what was there is no change.
        let result = String(scalars: out)
        return (result, result == text || changes.isEmpty ? [] : changes)
    }
}

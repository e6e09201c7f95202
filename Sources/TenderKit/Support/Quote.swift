import Foundation

/// Quoting user input in messages without echoing a whole file or a huge name.
public enum Quote {
    /// The longest piece of user input a message quotes.
    public static let maxCharacters = 80

    /// `text` cut to `maxCharacters` characters with `…` (and its length) when longer, on
    /// one line: line breaks and other control characters are shown as spaces.
    public static func cut(_ text: String, max: Int = maxCharacters) -> String {
        var out = ""
        var count = 0
        for c in text {
            if count == max {
                return out + "… (\(text.count) characters)"
            }
            out.append(c.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } ? " " : c)
            count += 1
        }
        return out
    }
}

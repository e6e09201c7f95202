import Foundation

/// The blank sets tender trims by, with the same members as Foundation's `CharacterSet`s of the
/// same names (a test compares them on every scalar).
///
/// Foundation's `trimmingCharacters(in:)` goes through `NSString` and UTF-16 on Linux: some
/// thousands of instructions per call, and `price` and `check` trim thousands of cells and
/// labels. These overloads are more specific than Foundation's (they extend `String` and
/// `Substring`), so `text.trimmingCharacters(in: .whitespaces)` calls them; a set built with
/// `CharacterSet(charactersIn:)` still goes to Foundation.
enum Blank {
    /// Foundation's `.whitespaces`: the space separators (Zs), tab and U+200B.
    case whitespaces
    /// Foundation's `.newlines`: U+000A–U+000D, U+0085, U+2028, U+2029.
    case newlines
    /// Foundation's `.whitespacesAndNewlines`: both of the above.
    case whitespacesAndNewlines

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch self {
        case .whitespaces:
            if v < 0x80 { return v == 0x20 || v == 0x09 }
            return v == 0x200B || scalar.properties.generalCategory == .spaceSeparator
        case .newlines:
            return (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029
        case .whitespacesAndNewlines:
            if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
            return v == 0x200B || scalar.properties.isWhitespace
        }
    }
}

extension String {
    /// The text without the blanks of `set` at either end (Foundation's result, see `Blank`).
    func trimmingCharacters(in set: Blank) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard set.contains(scalars[last]) else { break }
            end = last
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(self[start..<end])
    }
}

extension Substring {
    /// The text without the blanks of `set` at either end (Foundation's result, see `Blank`).
    func trimmingCharacters(in set: Blank) -> String {
        String(self).trimmingCharacters(in: set)
    }
}

extension String {
    /// Whether the text holds `needle` byte for byte (UTF-8, no Unicode equivalence), for
    /// needles whose bytes decide (ASCII words, URL parts): `memchr` and `memcmp`, where Foundation's
    /// `contains` goes through `NSString` and the generic `firstRange(of:)` is slower still.
    func holdsBytes(_ needle: String) -> Bool {
        var text = self
        return text.withUTF8 { ByteSearch.first(needle, in: UnsafeRawBufferPointer($0)) } != nil
    }
}

/// Finding ASCII markers in a part's bytes without making a String of the part (a Word
/// template's styles weigh hundreds of kilobytes; a String of them is a copy and a check of
/// their UTF-8, and Foundation's `range(of:)` one more copy, as UTF-16).
enum ByteSearch {
    /// The offset of the first `needle` in `bytes` at or after `from` and ending at or before
    /// `end` (the whole buffer by default), byte for byte.
    static func first(_ needle: String, in bytes: UnsafeRawBufferPointer, from: Int = 0, end: Int? = nil) -> Int? {
        var needle = needle
        let limit = min(end ?? bytes.count, bytes.count)
        return needle.withUTF8 { n in
            guard !n.isEmpty else { return max(0, from) <= limit ? max(0, from) : nil }
            guard let tb = bytes.baseAddress, let nb = n.baseAddress else { return nil }
            var i = max(0, from)
            while i + n.count <= limit {
                // memchr finds the next candidate first byte; memcmp compares the rest.
                guard let found = memchr(tb + i, Int32(nb[0]), limit - n.count - i + 1) else { return nil }
                let at = tb.distance(to: UnsafeRawPointer(found))
                if memcmp(tb + at, nb, n.count) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }

    /// `first` in an array of bytes.
    static func first(_ needle: String, in bytes: [UInt8], from: Int = 0, end: Int? = nil) -> Int? {
        bytes.withUnsafeBytes { first(needle, in: $0, from: from, end: end) }
    }

    /// The text from `start` up to the first `stop` byte (or the end), decoded as UTF-8.
    static func text(in bytes: [UInt8], from start: Int, upTo stop: UInt8, end: Int? = nil) -> String {
        let limit = min(end ?? bytes.count, bytes.count)
        guard start < limit else { return "" }
        let stopAt = bytes[start..<limit].firstIndex(of: stop) ?? limit
        return String(decoding: bytes[start..<stopAt], as: UTF8.self)
    }
}

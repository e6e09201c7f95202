import Foundation

/// Bounds checked on a part's bytes before libxml2 parses it, in one linear pass.
///
/// libxml2 builds a node of some hundred bytes for each element, and checks an element's
/// attributes against each other (quadratic in their number): a small archive holding
/// millions of empty elements, or one element with hundreds of thousands of attributes,
/// would take gigabytes or minutes. Real parts stay far below these bounds.
enum XMLBounds {
    /// The most elements one part may hold: a 500-page document holds a few hundred thousand,
    /// and a rendered table of 20,000 rows (parsed again to repair its grid) under a million.
    static let maxElements = 2_000_000
    /// The most attributes (namespace declarations included) one element may have.
    static let maxAttributes = 1_000

    static func check(_ bytes: [UInt8], location: SourceLocation) throws {
        let problem: String? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return scan(base, buffer.count)
        }
        if let problem {
            throw TenderError.error(problem, at: location,
                                    hint: FileMessage.boundsHint.text)
        }
    }

    /// Why the part exceeds a bound, or nil.
    private static func scan(_ base: UnsafePointer<UInt8>, _ count: Int) -> String? {
        var elements = 0
        var i = 0
        while i < count {
            // memchr finds the next '<' far faster than a loop over the bytes.
            guard let found = memchr(base + i, 0x3C, count - i) else { break }
            i = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            guard i < count else { break }
            let next = base[i]
            if next == 0x21 || next == 0x3F || next == 0x2F { continue }  // <! <? </ : not a start tag
            elements += 1
            if elements > maxElements { return FileMessage.tooManyElements(maxElements).text }
            // Count the attributes: '=' outside quoted values, up to the end of the tag.
            var attributes = 0
            var quote: UInt8 = 0
            while i < count {
                let b = base[i]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 0x22 || b == 0x27 {
                    quote = b
                } else if b == 0x3D {
                    attributes += 1
                } else if b == 0x3E {
                    break
                }
                i += 1
            }
            if attributes > maxAttributes { return FileMessage.tooManyAttributes(maxAttributes).text }
        }
        return nil
    }
}

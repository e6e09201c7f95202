import Foundation

extension Decimal {
    /// A decimal from its written form (`"1234.50"`, `"-3"`, `"1e3"`); nil when not a number.
    /// Never goes through `Double`.
    public init?(exactly text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        var sawDigit = false
        var i = t.startIndex
        if t[i] == "+" || t[i] == "-" { i = t.index(after: i) }
        var sawDot = false, sawExp = false
        while i < t.endIndex {
            let c = t[i]
            if c.isASCII && c.isNumber { sawDigit = true }
            else if c == "." && !sawDot && !sawExp { sawDot = true }
            else if (c == "e" || c == "E") && sawDigit && !sawExp {
                sawExp = true
                let n = t.index(after: i)
                if n < t.endIndex && (t[n] == "+" || t[n] == "-") { i = n }
            } else { return nil }
            i = t.index(after: i)
        }
        guard sawDigit, Decimal.significantDigits(t) <= Decimal.maxSignificantDigits,
              let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { return nil }
        self = d
    }

    /// The most significant digits a Decimal keeps: beyond them, digits would be lost silently.
    static let maxSignificantDigits = 38

    /// The significant digits of a number as written (`007.50e3` has 3: 7, 5 and 0).
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        let digits = mantissa.filter { $0.isASCII && $0.isNumber }.drop { $0 == "0" }
        return digits.reversed().drop { $0 == "0" }.count
    }

    /// Rounded half-up (away from zero at .5) to `scale` decimals: 2.345 → 2.35, -2.345 → -2.35.
    public func roundedHalfUp(_ scale: Int = 2) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// Rounded toward zero to `scale` decimals.
    public func truncated(_ scale: Int = 0) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, self < 0 ? .up : .down)
        return result
    }

    public var isIntegral: Bool { self == truncated(0) }

    /// A decimal without exponent or grouping: `1234.5`, `-0.25`, `3`.
    public var plainString: String {
        let text = description
        guard text.count > 30 else { return text }
        // A long expansion (1 / 3): trim representation noise beyond 28 fractional digits.
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 28, .plain)
        return rounded.description
    }
}

import Foundation

extension Decimal {
    /// A decimal from its written form (`"1234.50"`, `"-3"`, `"1e3"`); nil when not a number.
    /// Never goes through `Double`.
    public init?(exactly text: String) {
        if let d = Decimal.parsePlain(text.utf8) { self = d; return }
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

    /// The common case of `init(exactly:)` without Foundation's parser (which builds a locale and
    /// scans the text several times per number): `[+-]digits[.digits][e[+-]digits]` with at most
    /// 19 significant digits and a small exponent, as data files hold them. Anything else (spaces,
    /// long digit strings, odd forms) returns nil and goes the general way.
    static func parsePlain(_ text: String.UTF8View) -> Decimal? {
        var mantissa: UInt64 = 0, significant = 0, scale = 0
        var negative = false, sawDigit = false, sawDot = false
        var exponent = 0, exponentSign = 1, exponentDigits = 0, sawExponent = false, sawExponentSign = false
        for (i, c) in text.enumerated() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(c &- 48)
                if sawExponent {
                    exponentDigits += 1
                    guard exponentDigits <= 3 else { return nil }
                    exponent = exponent * 10 + digit
                    continue
                }
                sawDigit = true
                if sawDot { scale += 1 }
                if mantissa == 0 && digit == 0 { continue }   // leading zeros add nothing
                significant += 1
                guard significant <= 19 else { return nil }
                mantissa = mantissa * 10 + UInt64(digit)
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if i == 0 { negative = c == UInt8(ascii: "-") }
                else if sawExponent && exponentDigits == 0 && !sawExponentSign {
                    sawExponentSign = true
                    exponentSign = c == UInt8(ascii: "-") ? -1 : 1
                }
                else { return nil }
            case UInt8(ascii: "."):
                guard !sawDot, !sawExponent else { return nil }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return nil }
                sawExponent = true
            default:
                return nil
            }
        }
        guard sawDigit, !sawExponent || exponentDigits > 0 else { return nil }
        let power = exponentSign * exponent - scale
        guard (-100...100).contains(power) else { return nil }
        if mantissa == 0 { return Decimal.zero }
        return Decimal(sign: negative ? .minus : .plus, exponent: power, significand: Decimal(mantissa))
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
        if let text = shortDescription { return text }
        let text = description
        guard text.count > 30 else { return text }
        // A long expansion (1 / 3): trim representation noise beyond 28 fractional digits.
        var value = self
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 28, .plain)
        return rounded.description
    }

    /// `description`, for a decimal whose significand fits in 64 bits (every figure of an
    /// offer), printed from that integer; nil otherwise (NaN, 20 significant digits or more).
    /// Foundation's `description` divides the 128-bit mantissa by ten for each digit and then
    /// reverses the String it built: about 11,000 instructions a number, an eighth of a
    /// 2,000-row table's render. (Decimal's digits are not public on Linux; `significand` and
    /// `exponent` are.)
    var shortDescription: String? {
        guard !isNaN else { return nil }
        let significand = self.significand
        let integer = NSDecimalNumber(decimal: significand).uint64Value
        guard Decimal(integer) == significand else { return nil }
        if integer == 0 { return "0" }
        var digits = String(integer)
        if exponent >= 0 {
            digits += String(repeating: "0", count: exponent)
        } else {
            let scale = -exponent
            let count = digits.utf8.count
            if count <= scale { digits = String(repeating: "0", count: scale - count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return sign == .minus ? "-" + digits : digits
    }
}

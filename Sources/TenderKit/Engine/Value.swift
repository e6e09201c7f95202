import Foundation

/// A template value: the closed set of things data, offers and expressions produce.
///
/// Numbers are `Decimal`, always built from their written form (never through `Double`),
/// so `0.1 + 0.2` is `0.3` and money stays exact.
public indirect enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case list([Value])
    case map(Mapping)
    case date(DateValue)

    /// Jinja truthiness: null, false, 0, "", [] and {} are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let d): return !d.isZero
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .date: return true
        }
    }

    /// The name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .map: return "mapping"
        case .date: return "date"
        }
    }

    /// The text a value renders as in a document. Null renders as nothing (never "None").
    public var renderedText: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "True" : "False"
        case .number(let d): return Value.plainString(d)
        case .string(let s): return s
        case .list(let l): return "[" + l.map(\.reprText).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.map { "'\($0.key)': \($0.value.reprText)" }.joined(separator: ", ") + "}"
        case .date(let d): return d.isoString
        }
    }

    /// Python-like repr, used inside rendered lists and mappings.
    var reprText: String {
        switch self {
        case .string(let s): return "'" + s + "'"
        case .null: return "None"
        default: return renderedText
        }
    }

    /// A decimal without exponent or grouping: `1234.5`, `-0.25`, `3`.
    public static func plainString(_ d: Decimal) -> String {
        let text = d.description
        guard text.count > 30 else { return text }
        // A long expansion (1 / 3): trim representation noise beyond 28 fractional digits.
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 28, .plain)
        return rounded.description
    }

    public var asList: [Value]? { if case .list(let l) = self { return l }; return nil }
    public var asMap: Mapping? { if case .map(let m) = self { return m }; return nil }
    public var asString: String? { if case .string(let s) = self { return s }; return nil }
    public var asNumber: Decimal? { if case .number(let d) = self { return d }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Member access by name: mapping keys. Returns nil when absent.
    public subscript(key: String) -> Value? {
        if case .map(let m) = self { return m[key] }
        return nil
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
                 ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .map(Mapping(elements)) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
}

/// An ordered mapping: keys keep the order they were written in (YAML, JSON, offers).
public struct Mapping: Sendable, Equatable, Sequence {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    public var values: [Value] { keys.map { storage[$0]! } }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var index = 0
        return AnyIterator {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            let key = keys[index]
            return (key, storage[key]!)
        }
    }

    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.storage == b.storage
    }
}

/// A calendar date, with an optional time of day and UTC offset (deadlines).
public struct DateValue: Sendable, Equatable, Comparable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds since midnight, when a time was given.
    public var secondsOfDay: Int?
    /// Offset from UTC in seconds, when known (an explicit offset, or a zone resolved by the caller).
    public var utcOffset: Int?

    public init(year: Int, month: Int, day: Int, secondsOfDay: Int? = nil, utcOffset: Int? = nil) {
        self.year = year; self.month = month; self.day = day
        self.secondsOfDay = secondsOfDay; self.utcOffset = utcOffset
    }

    public var hour: Int? { secondsOfDay.map { $0 / 3600 } }
    public var minute: Int? { secondsOfDay.map { ($0 % 3600) / 60 } }
    public var second: Int? { secondsOfDay.map { $0 % 60 } }

    /// `2021-11-07`, or `2021-11-07 12:00:00` with a time (as Python prints them).
    public var isoString: String {
        var s = String(format: "%04d-%02d-%02d", year, month, day)
        if let secondsOfDay {
            s += String(format: " %02d:%02d:%02d", secondsOfDay / 3600, (secondsOfDay % 3600) / 60, secondsOfDay % 60)
        }
        return s
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences and weekdays.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let z = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday (3 in 0=Monday)
        return (z < 0 ? z + 7 : z) + 1
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Adds calendar months, clamping the day (31 January + 1 month = 28/29 February).
    public func addingMonths(_ n: Int) -> DateValue {
        let total = year * 12 + (month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        var copy = self
        copy.year = y; copy.month = m
        copy.day = min(day, DateValue.daysInMonth(year: y, month: m))
        return copy
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS]`, and an
    /// optional `Z` or `±HH:MM` offset.
    public init?(iso text: String) {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= s.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                guard s[i] >= 48, s[i] <= 57 else { return nil }
                v = v * 10 + Int(s[i] - 48)
            }
            return v
        }
        guard s.count >= 10, let y = num(0, 4), s[4] == UInt8(ascii: "-"), let mo = num(5, 2),
              s[7] == UInt8(ascii: "-"), let d = num(8, 2),
              (1...12).contains(mo), d >= 1, d <= DateValue.daysInMonth(year: y, month: mo) else { return nil }
        self.init(year: y, month: mo, day: d)
        var i = 10
        guard i < s.count else { return }
        guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: "t") else { return nil }
        i += 1
        guard let h = num(i, 2), i + 2 < s.count, s[i + 2] == UInt8(ascii: ":"), let mi = num(i + 3, 2),
              h <= 24, mi < 60 else { return nil }
        var sec = 0
        i += 5
        if i < s.count, s[i] == UInt8(ascii: ":") {
            guard let ss = num(i + 1, 2), ss < 61 else { return nil }
            sec = ss
            i += 3
            // Fractional seconds are accepted and dropped.
            if i < s.count, s[i] == UInt8(ascii: ".") {
                i += 1
                while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
            }
        }
        secondsOfDay = h * 3600 + mi * 60 + sec
        while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
        guard i < s.count else { return }
        if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
            utcOffset = 0
            i += 1
        } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = num(i + 1, 2) else { return nil }
            var om = 0
            if i + 3 < s.count {
                let j = s[i + 3] == UInt8(ascii: ":") ? i + 4 : i + 3
                guard let m2 = num(j, 2) else { return nil }
                om = m2
                i = j + 2
            } else {
                i += 3
            }
            // Offsets in use run from -12:00 to +14:00; +25:00 or +99:00 is a typing mistake.
            guard oh <= 14, om < 60, oh * 60 + om <= 14 * 60 else { return nil }
            utcOffset = sign * (oh * 3600 + om * 60)
        }
        guard i == s.count else { return nil }
    }

    public static func < (a: DateValue, b: DateValue) -> Bool {
        if a.dayNumber != b.dayNumber { return a.dayNumber < b.dayNumber }
        return (a.secondsOfDay ?? 0) < (b.secondsOfDay ?? 0)
    }
}

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
}

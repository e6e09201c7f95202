import Foundation

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

// MARK: - Paris time

extension DateValue {
    /// Seconds since 1970-01-01 00:00 UTC. A date without a time is its midnight; without an
    /// offset, Europe/Paris time.
    public var instant: Int {
        dayNumber * 86_400 + (secondsOfDay ?? 0) - (utcOffset ?? DateValue.parisOffset(self) ?? 0)
    }

    /// `2021-11-05`, `2021-11-05T12:00`, `2021-11-05T12:00+01:00`: a moment, Europe/Paris unless
    /// an offset is given (a date alone is its midnight).
    public init?(moment text: String) {
        guard var date = DateValue(iso: text) else { return nil }
        if date.secondsOfDay == nil { date.secondsOfDay = 0 }
        if date.utcOffset == nil { date.utcOffset = DateValue.parisOffset(date) }
        self = date
    }

    /// Europe/Paris, or UTC where the system has no time zone data.
    static var paris: TimeZone { TimeZone(identifier: "Europe/Paris") ?? TimeZone(identifier: "UTC") ?? .current }

    /// A moment as the Gregorian calendar reads it in `zone`, to the minute.
    static func at(_ moment: Date, in zone: TimeZone) -> DateValue {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
        // Calendar fills every component it was asked for; 0 stands in for none.
        return DateValue(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0,
                         secondsOfDay: (c.hour ?? 0) * 3600 + (c.minute ?? 0) * 60, utcOffset: zone.secondsFromGMT(for: moment))
    }

    /// Now, in Europe/Paris time, to the minute.
    public static func now() -> DateValue { at(Date(), in: paris) }

    /// `2021-11-05 12:00 +01:00`, or the date alone.
    public var momentText: String {
        var s = String(format: "%04d-%02d-%02d", year, month, day)
        guard let secondsOfDay else { return s }
        s += String(format: " %02d:%02d", secondsOfDay / 3600, (secondsOfDay % 3600) / 60)
        if let utcOffset {
            let m = abs(utcOffset) / 60
            s += String(format: " %@%02d:%02d", utcOffset < 0 ? "-" : "+", m / 60, m % 60)
        }
        return s
    }

    /// The UTC offset of Europe/Paris at a local date and time (CET or CEST).
    public static func parisOffset(_ date: DateValue) -> Int? {
        guard let zone = TimeZone(identifier: "Europe/Paris") else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                        hour: date.hour ?? 0, minute: date.minute ?? 0, second: date.second ?? 0)
        return calendar.date(from: components).map { zone.secondsFromGMT(for: $0) }
    }

    /// Today's date in Europe/Paris.
    public static func today() -> DateValue {
        let now = DateValue.now()
        return DateValue(year: now.year, month: now.month, day: now.day)
    }
}

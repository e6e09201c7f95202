import Foundation

/// French typographic formatting of amounts, numbers, percentages, day counts and dates.
///
/// Pure functions, byte-exact: digit groups are separated by U+202F (narrow no-break space),
/// the decimal separator is a comma, and U+00A0 (no-break space) goes before `€`, `%` and the
/// unit `jour(s)`. Rounding is always half-up (away from zero at .5), never the banker's
/// rounding of `NumberFormatter`. Negative numbers use the ASCII hyphen-minus.
public enum FrenchFormat {
    /// Narrow no-break space, between groups of three digits.
    public static let groupSeparator = "\u{202F}"
    /// No-break space, before `€`, `%` and units.
    public static let unitSpace = "\u{00A0}"

    /// `10 000,00 €`; with `decimals: 0`, `10 000 €`.
    public static func euros(_ amount: Decimal, decimals: Int = 2) -> String {
        number(amount, decimals: decimals) + unitSpace + "€"
    }

    /// `1 234,5` as written; with `decimals`, rounded half-up and padded: `1 234,50`.
    public static func number(_ value: Decimal, decimals: Int? = nil) -> String {
        let rounded = decimals.map { value.roundedHalfUp($0) } ?? value
        let parts = decimalParts(rounded, minimumFraction: decimals ?? 0)
        return (parts.negative ? "-" : "") + grouped(parts.integer) + (parts.fraction.isEmpty ? "" : "," + parts.fraction)
    }

    /// The sign, integer digits and fraction digits of a decimal as written (no exponent),
    /// the fraction padded with zeros to `minimumFraction`. Zero is never negative.
    static func decimalParts(_ value: Decimal, minimumFraction: Int) -> (negative: Bool, integer: String, fraction: String) {
        var digits = value.plainString
        let negative = digits.hasPrefix("-") && !value.isZero
        if digits.hasPrefix("-") { digits.removeFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < minimumFraction { fraction += String(repeating: "0", count: minimumFraction - fraction.count) }
        return (negative, String(parts[0]), fraction)
    }

    /// A ratio as a percentage: 0.2 → `20 %`, 0.055 → `5,5 %`; with `decimals: 1`, `20,0 %`.
    public static func percent(_ ratio: Decimal, decimals: Int? = nil) -> String {
        number(ratio * 100, decimals: decimals) + unitSpace + "%"
    }

    /// `1 jour`, `1,5 jour`, `3 jours`: singular below 2, as French does.
    public static func days(_ count: Decimal, decimals: Int? = nil) -> String {
        let shown = decimals.map { count.roundedHalfUp($0) } ?? count
        let magnitude = shown < 0 ? -shown : shown
        return number(count, decimals: decimals) + unitSpace + (magnitude < 2 ? "jour" : "jours")
    }

    /// How `date` writes a date.
    public enum DateStyle: String, Sendable, CaseIterable {
        /// `1er novembre 2021`
        case standard = "default"
        /// `lundi 1er novembre 2021`
        case long
        /// `01/11/2021`
        case short
        /// `12 h 00` (the time of a date-time; empty without one)
        case time
        /// `dimanche 7 novembre 2021 à 12 h 00` (the long date, then the time when there is one)
        case datetime
    }

    public static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                    "août", "septembre", "octobre", "novembre", "décembre"]
    /// Index 0 is Monday (ISO weekday 1).
    public static let weekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// A date in words: `7 novembre 2021`, `1er novembre 2021` (see `DateStyle`).
    public static func date(_ date: DateValue, style: DateStyle = .standard) -> String {
        let day = date.day == 1 ? "1er" : String(date.day)
        let plain = "\(day) \(monthNames[date.month - 1]) \(date.year)"
        switch style {
        case .standard:
            return plain
        case .long:
            return weekdayNames[date.isoWeekday - 1] + " " + plain
        case .short:
            return String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
        case .time:
            guard let hour = date.hour, let minute = date.minute else { return "" }
            return String(format: "%d\u{00A0}h\u{00A0}%02d", hour, minute)
        case .datetime:
            let long = weekdayNames[date.isoWeekday - 1] + " " + plain
            let time = FrenchFormat.date(date, style: .time)
            return time.isEmpty ? long : long + " à " + time
        }
    }

    /// A SIRET in its usual groups: `812 345 678 00021` (SIREN in threes, then the NIC), with
    /// no-break spaces. Text that is not 14 digits is returned unchanged.
    public static func siret(_ siret: String) -> String {
        let digits = siret.filter { !$0.isWhitespace }
        guard digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return siret }
        let d = Array(digits)
        return [String(d[0..<3]), String(d[3..<6]), String(d[6..<9]), String(d[9..<14])].joined(separator: unitSpace)
    }

    /// `1234567` → `1 234 567` with U+202F.
    static func grouped(_ integer: String) -> String {
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: groupSeparator)
    }
}

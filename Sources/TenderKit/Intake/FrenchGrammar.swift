import Foundation

/// The small grammar of the forms French buyers write numbers, amounts and dates in.
/// Our own code: these few forms need no parser library, and every one is tested.
public enum FrenchGrammar {
    // MARK: Numbers

    static let numberWords: [String: Int] = [
        "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
        "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
        "cent": 100, "cents": 100, "mille": 1000, "million": 1_000_000, "millions": 1_000_000,
    ]

    /// A number in figures or in words: `20`, `vingt`, `vingt-cinq`, `dix mille`, `quatre-vingt-dix`.
    static let numberPattern: String = {
        let words = numberWords.keys.sorted { $0.count > $1.count }.joined(separator: "|")
        return #"(?:\d+|(?:(?:"# + words + #")(?:[\s-]+(?:et[\s-]+)?(?="# + words + #"))?)+)(?![\p{L}\d])"#
    }()

    /// `vingt` → 20, `dix mille` → 10 000, `quatre-vingt-dix` → 90, `12` → 12; nil for anything else.
    public static func number(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let n = Int(trimmed) { return n }
        let tokens = trimmed.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init).filter { $0 != "et" }
        guard !tokens.isEmpty else { return nil }
        var total = 0
        var current = 0
        for token in tokens {
            guard let v = numberWords[token] else { return nil }
            switch v {
            case 100: current = max(1, current) * 100
            case 1000, 1_000_000:
                total += max(1, current) * v
                current = 0
            case 20 where current % 100 == 4: current += 76 // quatre-vingt
            default: current += v
            }
        }
        return total + current
    }

    static func regex(_ pattern: String, caseless: Bool = true) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: caseless ? [.caseInsensitive] : [])
    }

    /// Every match of `regex` in `text`, as the matched text and its capture groups (nil when absent).
    static func matches(_ regex: NSRegularExpression, in text: String) -> [(range: NSRange, groups: [String?])] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (m.range, (0..<m.numberOfRanges).map { i in
                m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i))
            })
        }
    }

    // MARK: Amounts

    public enum Basis: String, Sendable { case ht, ttc }

    public struct Amount: Sendable, Equatable {
        public var value: Decimal
        /// HT or TTC when written next to the amount (or in its sentence).
        public var basis: Basis?
        /// Where it is in the sentence.
        var range: NSRange
    }

    static let amountRegex = regex(
        #"(?<![\d,.])(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(k\s*€|k\s*euros?|m\s*€|millions?\s+d'euros|€|euros?\b|eur\b)"#
            + "|" + #"(?<![\p{L}])("# + numberPattern + #")\s+(euros?\b|d'euros\b)"#)
    static let htRegex = regex(#"(?<![\p{L}])(?:H\.?T\.?|hors\s+taxes?|hors\s+TVA)(?![\p{L}])"#)
    static let ttcRegex = regex(#"(?<![\p{L}])(?:T\.?T\.?C\.?|toutes\s+taxes\s+comprises|TVA\s+comprise)(?![\p{L}])"#)

    /// The amounts in euros of a sentence: `10 000 €`, `10.000 euros`, `dix mille euros`, `10 k€`,
    /// `10 000,50 € HT`, with HT/TTC (« hors taxes », « toutes taxes comprises ») when written
    /// right after the amount, else anywhere in the sentence when only one of them is.
    public static func amounts(in text: String) -> [Amount] {
        let ns = text as NSString
        let sentenceBasis = basis(in: text)
        return matches(amountRegex, in: text).compactMap { match in
            var value: Decimal
            if let digits = match.groups[1] {
                var figure = digits.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ".", with: "")
                if let cents = match.groups[2] { figure += "." + cents }
                guard let d = Decimal(string: figure, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
                value = d
                let unit = (match.groups[3] ?? "").lowercased()
                if unit.hasPrefix("k") { value *= 1000 }
                if unit.hasPrefix("m") { value *= 1_000_000 }
            } else if let words = match.groups[4], let n = number(words) {
                value = Decimal(n)
            } else {
                return nil
            }
            let after = NSRange(location: match.range.upperBound, length: min(24, ns.length - match.range.upperBound))
            let near = basis(in: ns.substring(with: after), leading: true)
            return Amount(value: value, basis: near ?? sentenceBasis, range: match.range)
        }
    }

    /// HT or TTC in `text`; nil when neither or both are written. `leading`: only at its start.
    static func basis(in text: String, leading: Bool = false) -> Basis? {
        let range = NSRange(location: 0, length: (text as NSString).length)
        let ht = htRegex.firstMatch(in: text, range: range)
        let ttc = ttcRegex.firstMatch(in: text, range: range)
        if leading {
            let at = { (m: NSTextCheckingResult?) in m.map { (text as NSString).substring(to: $0.range.location).trimmingCharacters(in: .whitespaces).isEmpty } ?? false }
            return at(ht) ? .ht : at(ttc) ? .ttc : nil
        }
        switch (ht, ttc) {
        case (.some, nil): return .ht
        case (nil, .some): return .ttc
        default: return nil
        }
    }

    // MARK: Dates

    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                         "novembre", "décembre"]
    static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// A date written in a call, with its hour when one is given.
    public struct WrittenDate: Sendable, Equatable {
        public var date: DateValue
        /// 12:00 for « midi », 23:59 for « minuit » (the end of that day), nil when no hour is written.
        public var minutes: Int?
        /// The weekday as written (1 = lundi … 7 = dimanche), nil when not written.
        public var weekday: Int?
        /// The date as written.
        public var text: String
        var range: NSRange

        /// Whether the weekday written is the date's.
        public var weekdayMatches: Bool { weekday.map { $0 == date.isoWeekday } ?? true }
    }

    static let monthPattern = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    static let weekdayPattern = weekdays.joined(separator: "|")
    static let timePattern = #"(?:\s*,?\s*(?:à|a|avant|jusqu'à)?\s*(?:(midi)|(minuit)|(\d{1,2})\s*(?:h(?![\p{L}])|heures?|:)\s*(\d{2})?(?![\d])))?"#
    static let dateRegex = regex(
        #"(?:\b("# + weekdayPattern + #")\s+)?(?:le\s+)?(1er|\d{1,2})\s+("# + monthPattern + #")\s+(\d{4})"# + timePattern
            + "|" + #"(?:\b("# + weekdayPattern + #")\s+)?(?<![\d/])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/])"# + timePattern)

    /// The dates of a sentence: `7 novembre 2021`, `1er mars 2019`, `07/11/2021`, `4/02/19`,
    /// `lundi 4 février 2019 à minuit`, `4/02/2019 12h`, `le 3 mai 2021 à 12 h 30`, `à midi`.
    public static func dates(in text: String) -> [WrittenDate] {
        matches(dateRegex, in: text).compactMap { match in
            let g = match.groups
            let long = g[2] != nil
            let base = long ? 1 : 9
            guard let dayText = g[base + 1], let monthText = g[base + 2], let yearText = g[base + 3],
                  let day = dayText.lowercased() == "1er" ? 1 : Int(dayText) else { return nil }
            let month: Int?
            if long {
                let folded = FoldedText.fold(monthText)
                month = months.firstIndex { FoldedText.fold($0) == folded }.map { $0 + 1 }
            } else {
                month = Int(monthText)
            }
            guard let month, (1...12).contains(month), var year = Int(yearText) else { return nil }
            if yearText.count == 2 { year += 2000 }
            guard (1...DateValue.daysInMonth(year: year, month: month)).contains(day) else { return nil }
            var minutes: Int?
            if g[base + 4] != nil { minutes = 12 * 60 }
            if g[base + 5] != nil { minutes = 23 * 60 + 59 }
            if let h = g[base + 6].flatMap({ Int($0) }), h <= 24 {
                let m = g[base + 7].flatMap { Int($0) } ?? 0
                if m < 60 { minutes = h == 24 ? 23 * 60 + 59 : h * 60 + m }
            }
            let weekday = g[base].flatMap { w in weekdays.firstIndex(of: w.lowercased()).map { $0 + 1 } }
            return WrittenDate(date: DateValue(year: year, month: month, day: day), minutes: minutes, weekday: weekday,
                               text: (text as NSString).substring(with: match.range).trimmingCharacters(in: .whitespaces),
                               range: match.range)
        }
    }

    /// `dimanche 7 novembre 2021`.
    static func words(_ date: DateValue) -> String {
        "\(weekdays[date.isoWeekday - 1]) \(date.day == 1 ? "1er" : String(date.day)) \(months[date.month - 1]) \(date.year)"
    }
}

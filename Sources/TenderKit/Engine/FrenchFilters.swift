import Foundation

/// French formatting filters (see `FrenchFormat` and offers/FORMAT.md): one documented
/// function each, and `table`, which names them.
///
/// Numbers may come as numbers or as text holding a decimal (`"1234.50"`); dates as dates
/// or ISO text. Null renders as the empty string; any other type is an error.
extension FrenchFilters {
    static let table: [(name: String, function: FilterFunction)] = [
        ("eur", eur), ("num", num), ("pct", pct), ("days", days), ("date", date),
    ]

    /// `eur`: an amount in euros, `10 000,00 €` (`decimals`, 2 by default).
    @Sendable static func eur(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        try number(input, "eur") { amount in
            FrenchFormat.euros(amount, decimals: try decimals(arguments, "eur") ?? 2)
        }
    }

    /// `num`: a number in French, `1 234,5` (`decimals` when given).
    @Sendable static func num(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        try number(input, "num") { value in
            FrenchFormat.number(value, decimals: try decimals(arguments, "num"))
        }
    }

    /// `pct`: a ratio as a percentage, `0.2` → `20 %` (`decimals` when given).
    @Sendable static func pct(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        try number(input, "pct") { ratio in
            FrenchFormat.percent(ratio, decimals: try decimals(arguments, "pct"))
        }
    }

    /// `days`: a number of days, `1 jour`, `2,5 jours` (`decimals` when given).
    @Sendable static func days(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        try number(input, "days") { count in
            FrenchFormat.days(count, decimals: try decimals(arguments, "days"))
        }
    }

    /// `date`: a date in words, `1er novembre 2021` (a `style` of `FrenchFormat.DateStyle`).
    @Sendable static func date(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        let style = try dateStyle(arguments)
        switch input {
        case .null:
            return .string("")
        case .date(let date):
            return .string(FrenchFormat.date(date, style: style))
        case .string(let text):
            guard let date = DateValue(iso: text) else {
                throw FilterError(EngineMessage.dateExpectsText(text).text,
                                  hint: EngineMessage.writeDatesISO.text)
            }
            return .string(FrenchFormat.date(date, style: style))
        default:
            throw FilterError(EngineMessage.dateExpects(input).text)
        }
    }
}

/// Argument and input handling shared by the French filters.
enum FrenchFilters {
    /// Applies `format` to a number (or text holding one); null gives "".
    static func number(_ input: Value, _ filter: String, _ format: (Decimal) throws -> String) throws -> Value {
        switch input {
        case .null:
            return .string("")
        case .number(let d):
            return .string(try format(try bounded(d, filter)))
        case .string(let text):
            guard let d = Decimal(exactly: text) else {
                throw FilterError(EngineMessage.expectsNumberText(filter: filter, text).text,
                                  hint: EngineMessage.numbersWithDot.text)
            }
            return .string(try format(try bounded(d, filter)))
        default:
            throw FilterError(EngineMessage.expectsNumber(filter: filter, input).text)
        }
    }

    /// The largest amount `eur` prints: 10^12 €, far above any offer; beyond it the number
    /// is a mistake (or an overflow), not money.
    static let maxEuros = Decimal(sign: .plus, exponent: 12, significand: 1)

    /// `d` when it can be printed: a number (never NaN), within 10^12 for `eur` and 10^30 otherwise.
    static func bounded(_ d: Decimal, _ filter: String) throws -> Decimal {
        let bound = filter == "eur" ? maxEuros : EngineLimits.maxMagnitude
        guard !d.isNaN, abs(d) <= bound else {
            throw FilterError(EngineMessage.numberTooLarge(filter: filter, power: filter == "eur" ? 12 : 30).text,
                              hint: EngineMessage.checkComputationHint.text)
        }
        return d
    }

    /// The optional number of decimals (`eur(0)`, `num(decimals=2)`): a whole number from 0 to 10.
    static func decimals(_ arguments: FilterArguments, _ filter: String) throws -> Int? {
        guard let argument = arguments.value(0, "decimals"), !argument.isNull else { return nil }
        guard case .number(let d) = argument, d.isIntegral, d >= 0, d <= 10 else {
            throw FilterError(EngineMessage.decimalsRange(filter: filter, argument).text,
                              hint: EngineMessage.decimalsExample(filter: filter).text)
        }
        return NSDecimalNumber(decimal: d).intValue
    }

    static func dateStyle(_ arguments: FilterArguments) throws -> FrenchFormat.DateStyle {
        guard let argument = arguments.value(0, "style"), !argument.isNull else { return .standard }
        let names = FrenchFormat.DateStyle.allCases.map(\.rawValue)
        guard case .string(let name) = argument, let style = FrenchFormat.DateStyle(rawValue: name) else {
            throw FilterError(EngineMessage.dateStyle(names, argument).text,
                              hint: EngineMessage.dateStyleExample.text)
        }
        return style
    }
}

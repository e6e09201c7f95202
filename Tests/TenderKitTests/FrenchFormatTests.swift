import Foundation
import Testing
@testable import TenderKit

/// Byte-exact French output: U+202F between digit groups, U+00A0 before € / % / jour(s).
@Suite(.inLanguage(.french)) struct FrenchFormatTests {
    func d(_ text: String) -> Decimal { Decimal(exactly: text)! }

    @Test func euros() {
        #expect(FrenchFormat.euros(10000) == "10\u{202F}000,00\u{00A0}€")
        #expect(FrenchFormat.euros(10000, decimals: 0) == "10\u{202F}000\u{00A0}€")
        #expect(FrenchFormat.euros(d("1234567.891")) == "1\u{202F}234\u{202F}567,89\u{00A0}€")
        #expect(FrenchFormat.euros(d("999.999")) == "1\u{202F}000,00\u{00A0}€")
        #expect(FrenchFormat.euros(0) == "0,00\u{00A0}€")
        #expect(FrenchFormat.euros(d("12.5")) == "12,50\u{00A0}€")
        #expect(FrenchFormat.euros(d("100")) == "100,00\u{00A0}€")
    }

    @Test func negativeAmountsUseHyphenMinus() {
        #expect(FrenchFormat.euros(d("-1234.5")) == "-1\u{202F}234,50\u{00A0}€")
        #expect(!FrenchFormat.euros(d("-1")).contains("\u{2212}"))
        // Rounding to zero never leaves a sign.
        #expect(FrenchFormat.euros(d("-0.001")) == "0,00\u{00A0}€")
        #expect(FrenchFormat.number(d("-0.4"), decimals: 0) == "0")
    }

    @Test func roundingIsHalfUpNotHalfEven() {
        #expect(FrenchFormat.euros(d("0.125")) == "0,13\u{00A0}€")   // half-even gives 0,12
        #expect(FrenchFormat.euros(d("2.345")) == "2,35\u{00A0}€")
        #expect(FrenchFormat.euros(d("-2.345")) == "-2,35\u{00A0}€")
        #expect(FrenchFormat.euros(d("2.5"), decimals: 0) == "3\u{00A0}€")  // half-even gives 2
        #expect(FrenchFormat.euros(d("10000.5"), decimals: 0) == "10\u{202F}001\u{00A0}€")
    }

    @Test func numbers() {
        #expect(FrenchFormat.number(d("1234.5")) == "1\u{202F}234,5")
        #expect(FrenchFormat.number(d("1234.5"), decimals: 2) == "1\u{202F}234,50")
        #expect(FrenchFormat.number(d("1234.50")) == "1\u{202F}234,5")
        #expect(FrenchFormat.number(d("123")) == "123")
        #expect(FrenchFormat.number(d("1000")) == "1\u{202F}000")
        #expect(FrenchFormat.number(d("0.25")) == "0,25")
        #expect(FrenchFormat.number(d("-12345.678"), decimals: 1) == "-12\u{202F}345,7")
    }

    @Test func percents() {
        #expect(FrenchFormat.percent(d("0.2")) == "20\u{00A0}%")
        #expect(FrenchFormat.percent(d("0.2"), decimals: 1) == "20,0\u{00A0}%")
        #expect(FrenchFormat.percent(d("0.055")) == "5,5\u{00A0}%")
        #expect(FrenchFormat.percent(d("0.005")) == "0,5\u{00A0}%")
        #expect(FrenchFormat.percent(1) == "100\u{00A0}%")
    }

    @Test func days() {
        #expect(FrenchFormat.days(d("1.5")) == "1,5\u{00A0}jour")
        #expect(FrenchFormat.days(3) == "3\u{00A0}jours")
        #expect(FrenchFormat.days(1) == "1\u{00A0}jour")
        #expect(FrenchFormat.days(0) == "0\u{00A0}jour")
        #expect(FrenchFormat.days(2) == "2\u{00A0}jours")
        #expect(FrenchFormat.days(d("0.5")) == "0,5\u{00A0}jour")
        #expect(FrenchFormat.days(1000) == "1\u{202F}000\u{00A0}jours")
    }

    @Test func dates() {
        let first = DateValue(year: 2021, month: 11, day: 1)
        let seventh = DateValue(year: 2021, month: 11, day: 7)
        #expect(FrenchFormat.date(seventh) == "7 novembre 2021")
        #expect(FrenchFormat.date(first) == "1er novembre 2021")
        #expect(FrenchFormat.date(first, style: .long) == "lundi 1er novembre 2021")
        #expect(FrenchFormat.date(seventh, style: .long) == "dimanche 7 novembre 2021")
        #expect(FrenchFormat.date(first, style: .short) == "01/11/2021")
        #expect(FrenchFormat.date(DateValue(year: 2022, month: 8, day: 15)) == "15 août 2022")
        #expect(FrenchFormat.date(DateValue(year: 2022, month: 2, day: 1), style: .long) == "mardi 1er février 2022")
        let deadline = DateValue(year: 2021, month: 11, day: 7, secondsOfDay: 12 * 3600)
        #expect(FrenchFormat.date(deadline) == "7 novembre 2021")
        #expect(FrenchFormat.date(deadline, style: .time) == "12\u{00A0}h\u{00A0}00")
        #expect(FrenchFormat.date(deadline, style: .datetime) == "dimanche 7 novembre 2021 à 12\u{00A0}h\u{00A0}00")
        #expect(FrenchFormat.date(seventh, style: .time) == "")
    }

    @Test func siret() {
        #expect(FrenchFormat.siret("81234567800021") == "812\u{00A0}345\u{00A0}678\u{00A0}00021")
        #expect(FrenchFormat.siret("123") == "123")
    }

    // MARK: Filters

    func apply(_ name: String, _ input: Value, _ positional: [Value] = [], _ named: [String: Value] = [:]) throws -> Value {
        let filter = try #require(FilterRegistry.default[name])
        return try filter(input, FilterArguments(positional: positional, named: named))
    }

    @Test func filtersAreRegistered() {
        for name in ["eur", "num", "pct", "days", "date"] { #expect(FilterRegistry.default[name] != nil) }
    }

    @Test func filtersFormatNumbersAndDecimalText() throws {
        #expect(try apply("eur", .number(10000)) == .string("10\u{202F}000,00\u{00A0}€"))
        #expect(try apply("eur", .number(10000), [.number(0)]) == .string("10\u{202F}000\u{00A0}€"))
        #expect(try apply("eur", .string("1234.50")) == .string("1\u{202F}234,50\u{00A0}€"))
        #expect(try apply("num", .number(d("1234.5"))) == .string("1\u{202F}234,5"))
        #expect(try apply("num", .number(d("1234.5")), [.number(2)]) == .string("1\u{202F}234,50"))
        #expect(try apply("num", .number(d("1234.5")), [], ["decimals": .number(2)]) == .string("1\u{202F}234,50"))
        #expect(try apply("pct", .number(d("0.2"))) == .string("20\u{00A0}%"))
        #expect(try apply("pct", .number(d("0.2")), [.number(1)]) == .string("20,0\u{00A0}%"))
        #expect(try apply("days", .number(d("1.5"))) == .string("1,5\u{00A0}jour"))
        #expect(try apply("days", .number(3)) == .string("3\u{00A0}jours"))
    }

    @Test func filtersFormatDates() throws {
        let first = Value.date(DateValue(year: 2021, month: 11, day: 1))
        #expect(try apply("date", first) == .string("1er novembre 2021"))
        #expect(try apply("date", first, [.string("long")]) == .string("lundi 1er novembre 2021"))
        #expect(try apply("date", first, [.string("short")]) == .string("01/11/2021"))
        #expect(try apply("date", .string("2021-11-07")) == .string("7 novembre 2021"))
    }

    @Test func filtersRenderNullAsNothing() throws {
        for name in ["eur", "num", "pct", "days", "date"] { #expect(try apply(name, .null) == .string("")) }
    }

    @Test func filtersRefuseWrongTypes() throws {
        #expect(throws: FilterError.self) { try apply("eur", .string("abc")) }
        #expect(throws: FilterError.self) { try apply("eur", .bool(true)) }
        #expect(throws: FilterError.self) { try apply("days", .list([])) }
        #expect(throws: FilterError.self) { try apply("date", .number(3)) }
        #expect(throws: FilterError.self) { try apply("date", .string("7 novembre")) }
        #expect(throws: FilterError.self) { try apply("date", .date(DateValue(year: 2021, month: 1, day: 1)), [.string("longue")]) }
        #expect(throws: FilterError.self) { try apply("eur", .number(1), [.string("deux")]) }
        #expect(throws: FilterError.self) { try apply("eur", .number(1), [.number(d("1.5"))]) }
        do {
            _ = try apply("eur", .string("abc"))
        } catch let error as FilterError {
            #expect(error.message == EngineMessage.expectsNumber(filter: "eur", .string("abc")).text)
        }
    }
}

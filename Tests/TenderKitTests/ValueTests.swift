import Foundation
import Testing
@testable import TenderKit

@Suite(.inLanguage(.english)) struct ValueTests {
    @Test func decimalsComeFromTheirText() throws {
        #expect(Decimal(exactly: "0.1")! + Decimal(exactly: "0.2")! == Decimal(exactly: "0.3")!)
        #expect(Decimal(exactly: "abc") == nil)
        #expect(Decimal(exactly: "1.5e2") == Decimal(150))
    }

    /// The fast parser for plain numbers gives what Foundation's parser gives, value and printed form.
    @Test func plainNumbersParseAsFoundationDoes() throws {
        var texts = ["0", "-0", "007", "0.00", "1.50", "-1.5", "+3", ".5", "5.", "1e3", "1E-3", "-2.5e+2", "0.000001",
                     "123456789012345678", "9999999999999999999", "-9999999999999999999", "1234.5678",
                     "1e99", "1e-99", "100e-2", "0.10"]
        for i in 0..<500 { texts.append("\(i * 7919 % 100_003).\(i % 100)"); texts.append("-\(i)e\(i % 7 - 3)") }
        let posix = Locale(identifier: "en_US_POSIX")
        for text in texts {
            let fast = try #require(Decimal.parsePlain(text.utf8), "\(text)")
            let slow = try #require(Decimal(string: text, locale: posix), "\(text)")
            #expect(fast == slow, "\(text)")
            #expect(fast.description == slow.description, "\(text)")
        }
        for text in ["", "-", "e5", "1e", "1e+", "1e+-5", "1..2", "1.2.3", "--1", "1-", " 1", "1 ", "0x10", "1_000",
                     "12345678901234567890", "1e999", "1e-101"] {
            #expect(Decimal.parsePlain(text.utf8) == nil, "\(text)")
        }
        #expect(Decimal(exactly: " 12 ") == Decimal(12))
        #expect(Decimal(exactly: "12345678901234567890123") == Decimal(string: "12345678901234567890123"))
    }

    /// Title case of ASCII text, done byte by byte, is the general one's.
    @Test func asciiTitleCaseIsTitleCase() {
        for s in ["", "lyon district 3", "o'neil  MCDONALD-smith", "3rd ave.", "ABC def_ghi", "x", "a1b2 c3"] {
            #expect(StandardFilters.asciiTitleCase(s) == String(StandardFilters.titleCase(s + "é").dropLast()), "\(s)")
        }
        #expect(StandardFilters.titleCase("saint-étienne district 4") == "Saint-Étienne District 4")
    }

    @Test func roundingIsHalfUp() {
        #expect(Decimal(exactly: "2.345")!.roundedHalfUp() == Decimal(exactly: "2.35")!)
        #expect(Decimal(exactly: "2.355")!.roundedHalfUp() == Decimal(exactly: "2.36")!)
        #expect(Decimal(exactly: "-2.345")!.roundedHalfUp() == Decimal(exactly: "-2.35")!)
        #expect(Decimal(exactly: "0.125")!.roundedHalfUp() == Decimal(exactly: "0.13")!)
    }

    /// Found by fuzzing the JSON reader: a number with more digits than a Decimal holds was
    /// rounded silently, and JSON output rounded beyond 28 decimals.
    @Test func numbersAreExactOrRefused() throws {
        #expect(Decimal(exactly: "1." + String(repeating: "6", count: 40)) == nil)
        #expect(Decimal(exactly: "1e200") == nil && Decimal(exactly: "1e-200") == nil)
        #expect(Decimal(exactly: "1e50") != nil && Decimal(exactly: "-0.000") == 0)
        #expect(Decimal(exactly: "12345678901234567890.123456789") != nil)
        let error = try thrown { try DataLoader.parseJSON("{\"x\": 1.\(String(repeating: "6", count: 40))}") }
        #expect(error.description.contains("more significant digits than tender keeps exactly"))
        let tiny = try DataLoader.parseJSON("[0.00000000000000000000000000000001]")
        #expect(try DataLoader.parseJSON(tiny.jsonText) == tiny)
    }

    @Test func datesParseAndAddMonths() throws {
        let d = try #require(DateValue(iso: "2021-11-07"))
        #expect(d.isoWeekday == 7)
        #expect(DateValue(iso: "2022-01-31")!.addingMonths(1) == DateValue(iso: "2022-02-28")!)
        #expect(DateValue(iso: "2021-11-22")!.addingMonths(10).isoString == "2022-09-22")
        let t = try #require(DateValue(iso: "2019-02-04T23:59:00+01:00"))
        #expect(t.secondsOfDay == 23 * 3600 + 59 * 60)
        #expect(t.utcOffset == 3600)
        #expect(DateValue(iso: "2021-02-30") == nil)
        #expect(DateValue(dayNumber: d.dayNumber) == d)
    }

    @Test func jsonKeepsNumbersExactAndReportsPlaces() throws {
        let v = try DataLoader.parseJSON(#"{"a": 0.1, "b": [1, "x\n"], "c": null}"#)
        #expect(v["a"] == .number(Decimal(exactly: "0.1")!))
        #expect(v["b"] == .list([.number(1), .string("x\n")]))
        #expect(v["c"] == .null)
        do {
            _ = try DataLoader.parseJSON("{\n  \"a\": 1,\n  \"b\" 2\n}", file: "d.json")
            Issue.record("should fail")
        } catch let e as TenderError {
            #expect(e.diagnostics[0].location?.line == 3)
            #expect(e.diagnostics[0].location?.column == 7)
            #expect(e.status == .invalidInput)
        }
    }

    @Test func yamlResolvesScalars() throws {
        let v = try DataLoader.parseYAML("a: 0.10\nb: '0.10'\nc: ~\nd: 2021-11-07\ne: oui\nf: true\n")
        #expect(v["a"] == .number(Decimal(exactly: "0.10")!))
        #expect(v["b"] == .string("0.10"))
        #expect(v["c"] == .null)
        #expect(v["d"] == .date(DateValue(year: 2021, month: 11, day: 7)))
        #expect(v["e"] == .string("oui"))
        #expect(v["f"] == .bool(true))
        do {
            _ = try DataLoader.parseYAML("a: [1, 2\nb: 3\n", file: "d.yaml")
            Issue.record("should fail")
        } catch let e as TenderError {
            #expect(e.diagnostics[0].location?.line != nil)
        }
    }
}

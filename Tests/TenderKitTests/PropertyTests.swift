import Foundation
import PropertyBased
import Testing
@testable import TenderKit

/// Properties checked over generated inputs (PropertyBased: a failure prints the seed that
/// reproduces it, for `.fixedSeed(...)`).
@Suite(.inLanguage(.french)) struct NumberPropertyTests {
    /// A decimal as written canonically: an optional sign, an integer part without leading
    /// zeros, a fraction without trailing zeros. Built from generated digits.
    static let canonicalDecimal = zip(Gen.bool, Gen.int(in: 0...999_999_999_999_999), Gen.int(in: 0...6), Gen.int(in: 0...999_999))
        .map { negative, integer, scale, fractionDigits -> String in
            var fraction = String(String(fractionDigits).suffix(scale))
            while fraction.hasSuffix("0") { fraction.removeLast() }
            let body = String(integer) + (fraction.isEmpty ? "" : "." + fraction)
            return negative && body != "0" ? "-" + body : body
        }

    @Test func decimalsParseFromTheirTextAndPrintBackTheSame() async {
        await propertyCheck(count: 500, input: Self.canonicalDecimal) { text in
            let d = try #require(Decimal(exactly: text))
            #expect(Value.plainString(d) == text)
            // Other spellings of the same number.
            #expect(Decimal(exactly: "+" + text.trimmingCharacters(in: CharacterSet(charactersIn: "-"))) == (d < 0 ? -d : d))
            #expect(Decimal(exactly: text + (text.contains(".") ? "000" : ".000")) == d)
            #expect(Decimal(exactly: text + "e2") == d * 100)
            #expect(Decimal(exactly: " \(text) ") == d)
        }
    }

    @Test func frenchNumbersReadBackToTheSameDecimal() async {
        await propertyCheck(count: 500, input: Self.canonicalDecimal) { text in
            let d = try #require(Decimal(exactly: text))
            let french = FrenchFormat.number(d)
            let parts = french.split(separator: ",", omittingEmptySubsequences: false)
            #expect(parts.count <= 2)
            // Groups of three digits after the first, separated by U+202F only.
            let groups = parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "-")).components(separatedBy: FrenchFormat.groupSeparator)
            #expect((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }, "\(french)")
            #expect(groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }, "\(french)")
            let back = french.replacingOccurrences(of: FrenchFormat.groupSeparator, with: "").replacingOccurrences(of: ",", with: ".")
            #expect(Decimal(exactly: back) == d, "\(text) → \(french)")
        }
    }

    /// Amounts print with two decimals, rounded half up (away from zero at .5), checked
    /// against integer arithmetic on thousandths.
    @Test func eurosRoundHalfUpToTheCent() async {
        await propertyCheck(count: 500, input: Gen.int(in: -99_999_999_999...99_999_999_999)) { thousandths in
            let amount = Decimal(thousandths) / 1000
            let cents = (abs(thousandths) + 5) / 10 * (thousandths < 0 ? -1 : 1)
            let expected = Decimal(cents) / 100
            let printed = FrenchFormat.euros(amount)
            #expect(printed.hasSuffix(FrenchFormat.unitSpace + "€"))
            let number = String(printed.dropLast(2))
            #expect(number == FrenchFormat.number(expected, decimals: 2))
            let fraction = number.split(separator: ",").last ?? ""
            #expect(fraction.count == 2, "\(printed)")
            let back = number.replacingOccurrences(of: FrenchFormat.groupSeparator, with: "").replacingOccurrences(of: ",", with: ".")
            #expect(Decimal(exactly: back) == expected, "\(amount) → \(printed)")
        }
    }
}

/// The help's French spacing, made in one pass, gives what Foundation's five replacements gave.
@Suite struct HelpSpacingPropertyTests {
    static let pieces = [" ", ":", ";", "?", "«", "»", "a", "\u{00A0}", "  ", "« »", " : "]

    @Test func noBreakSpacesAsFoundationsReplacements() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...12)) { picks in
            let text = picks.map { Self.pieces[$0] }.joined()
            let foundation = text.replacingOccurrences(of: " :", with: "\u{00A0}:").replacingOccurrences(of: " ;", with: "\u{00A0};")
                .replacingOccurrences(of: " ?", with: "\u{00A0}?").replacingOccurrences(of: "« ", with: "«\u{00A0}")
                .replacingOccurrences(of: " »", with: "\u{00A0}»")
            #expect(HelpMessage.withNoBreakSpaces(text) == foundation, "\(Array(text.unicodeScalars))")
        }
    }
}

/// Properties of rendering whole DOCX templates.
@Suite(.inLanguage(.french)) struct TemplatePropertyTests {
    /// Generated inputs are lists of numbers, read by these functions as template pieces, so
    /// that a failing case shrinks to a short list.
    static let recipe = Gen.int(in: 0...Int(Int32.max)).array(of: 1...14)

    /// Text without tags, though with the characters tags are made of.
    static func plainText(_ seed: Int) -> String {
        let pieces = ["Offre", " ", "{", "}", "%", "#", "&amp;", "&lt;", "&gt;", "é", "€", "\u{202F}", "-", "{ x }",
                      "}}", "%}", "#}", "{ %", "{ {", "'", "\""]
        var state = UInt64(truncatingIfNeeded: seed) &+ 1
        var text = ""
        for _ in 0..<(seed % 9) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += pieces[Int(state >> 33) % pieces.count]
        }
        // No tag opener: a "{" is never followed by "{", "%" or "#".
        while let range = text.range(of: "{{") ?? text.range(of: "{%") ?? text.range(of: "{#") {
            text.replaceSubrange(range, with: "{ ")
        }
        if text.hasSuffix("{") { text += " " }
        return text
    }

    /// A paragraph's text split into runs (some bold) at cut points taken from `seed`, as Word
    /// splits text; the cut never falls inside an XML entity.
    static func runs(_ text: String, _ seed: Int) -> String {
        var pieces: [String] = []
        var current = ""
        var inEntity = false
        for (i, c) in text.enumerated() {
            current.append(c)
            if c == "&" { inEntity = true } else if c == ";" { inEntity = false }
            if !inEntity, (seed >> (i % 30)) & 3 == 0 { pieces.append(current); current = "" }
        }
        pieces.append(current)
        return pieces.enumerated().map { r($1, bold: $0 % 2 == 1) }.joined()
    }

    @Test func aTemplateWithoutTagsRendersToItsOwnBytes() async throws {
        await propertyCheck(count: 60, input: Self.recipe) { recipe in
            let dir = try TemporaryFolder()
            let body = recipe.map { p(Self.runs(Self.plainText($0), $0 / 7)) }.joined()
            try DocxFixture.make(at: dir.file("t.docx"), body: body, header: p(r(Self.plainText(recipe[0] / 3))),
                                 footer: p(r("f")), footnote: p(r("n")), title: "t", subject: "s")
            try DocumentTemplate(path: dir.file("t.docx")).render(["ref": "x"], to: dir.file("o.docx"))
            let template = try ZipArchive(path: dir.file("t.docx")), output = try ZipArchive(path: dir.file("o.docx"))
            #expect(output.entryNames == template.entryNames)
            for name in template.entryNames {
                #expect(try output.read(name) == template.read(name), "\(name) of \(recipe)")
            }
        }
    }

    static let context: Value = ["ref": "CUF-2021", "who": "Ana & Léo", "n": 3, "flag": true, "off": false,
                                 "items": ["a", "b", "c"], "team": [["name": "Ana"], ["name": "Léo"]], "empty": []]

    /// A piece of a paragraph: text or an inline tag, valid on its own.
    static func inline(_ seed: Int) -> String {
        let expressions = ["ref", "who", "n", "n + 1", "who | upper", "items | join(', ')", "items | length",
                           "missing | default('—')", "'lit'", "team[0].name", "items[1]", "n * 2 if flag else 0"]
        let e = expressions[seed % expressions.count]
        switch (seed / 16) % 7 {
        case 0, 1: return Self.plainText(seed / 112)
        case 2: return "{{ \(e) }}"
        case 3: return "{% if flag %}\(e.count){% else %}non{% endif %}"
        case 4: return "{% for i in items %}{{ i }}{% if not loop.last %}-{% endif %}{% endfor %}"
        case 5: return "{# note #}{%- if off %}x{% endif %}"
        default: return "{{\(e)}}{% set k = n %}{{ k }}"
        }
    }

    /// One or more paragraphs: a paragraph of inline pieces, or a paragraph-level block.
    static func paragraphs(_ seed: Int) -> String {
        let line = p(Self.runs((0..<(1 + seed % 3)).map { Self.inline(seed / 3 + $0 * 977) }.joined(separator: " "), seed / 5))
        switch (seed / 7) % 5 {
        case 0: return p(r("{%p for m in team %}")) + p(Self.runs("{{ m.name }} {{ loop.index }}", seed)) + line + p(r("{%p endfor %}"))
        case 1: return p(r("{%p if off %}")) + line + p(r("{%p else %}")) + p(r("sinon")) + p(r("{%p endif %}"))
        case 2: return p(r("{%p for i in empty %}")) + line + p(r("{%p endfor %}"))
        default: return line
        }
    }

    @Test func aValidTemplateLeavesNoTagInItsOutput() async throws {
        await propertyCheck(count: 80, input: Self.recipe) { recipe in
            let dir = try TemporaryFolder()
            let body = recipe.map(Self.paragraphs).joined()
            try DocxFixture.make(at: dir.file("t.docx"), body: body)
            try DocumentTemplate(path: dir.file("t.docx")).render(Self.context, to: dir.file("o.docx"))
            for paragraph in try DocumentText.paragraphs(of: dir.file("o.docx")) {
                // Plain text may hold "}}" or "%}" on its own; an opener never survives.
                for opener in ["{{", "{%", "{#"] where paragraph.text.contains(opener) {
                    Issue.record("\(opener) left in \(paragraph.part) paragraph \(paragraph.number): \(paragraph.text) — \(recipe)")
                }
            }
        }
    }
}

import Foundation
import Testing
@testable import TenderKit

/// One table of cases, each run through both dialects: the DOCX and the ODT rendering of the
/// same abstract template must show the same paragraphs, the same structure and the same
/// errors, so the two dialects cannot drift apart.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let body: [Node]
    let data: Value
    let expected: Expected
    var doctype = false
    var strict = true

    var testDescription: String { name }

    enum Expected: Sendable {
        case document(Document)
        case errors([ExpectedError])
    }

    /// What a reader shows; counts left nil are not checked (but still compared across dialects).
    struct Document: Sendable {
        var paragraphs: [String]
        var rows: Int? = nil
        var items: Int? = nil
        var tables: Int? = nil
        /// Markup each output must hold, and ODT markup that must be gone.
        var docxMarkup: [String] = []
        var odtMarkup: [String] = []
        var odtAbsent: [String] = []
    }

    /// An expected error: a part of its message and where it is.
    struct ExpectedError: Sendable {
        var message: String
        var paragraph: Int? = nil
        var table: Int? = nil
        var row: Int? = nil
        var tag: String? = nil
    }
}

extension ConformanceCase {
    init(_ name: String, _ body: [Node], _ data: Value = [:], _ expected: Document, strict: Bool = true) {
        self.init(name: name, body: body, data: data, expected: .document(expected), strict: strict)
    }

    init(_ name: String, _ body: [Node], _ data: Value = [:], errors: [ExpectedError], doctype: Bool = false) {
        self.init(name: name, body: body, data: data, expected: .errors(errors), doctype: doctype)
    }

    static let team: Value = ["team": [["name": "A", "days": "1.5"], ["name": "B", "days": 3]]]
    static let paragraphLoop = [para("Avant"), para("{% for x in xs %}"), para("- {{ x }}"), para("{% endfor %}"), para("Après")]
    static let pIf = [para("{%p if show %}"), para("shown"), para("{%p endif %}"), para("end")]

    static let all: [ConformanceCase] = [
        .init("inline value", [para("Hello {{ name }}!")], ["name": "Ana"], .init(paragraphs: ["Hello Ana!"])),
        .init("a tag split over a bold run takes the style where it starts",
              [para(.text("Dear {{ na"), .bold("me }}"), .text(", welcome"))], ["name": "Ana"],
              .init(paragraphs: ["Dear Ana, welcome"], odtAbsent: ["text:style-name=\"T1\""])),
        .init("a tag starting in a bold run makes the value bold",
              [para(.text("Dear "), .bold("{{ na"), .text("me }}!"))], ["name": "Ana"],
              .init(paragraphs: ["Dear *Ana*!"],
                    docxMarkup: ["<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Ana</w:t>"],
                    odtMarkup: ["<text:span text:style-name=\"T1\">Ana</text:span>"])),
        .init("a tag split over runs typed in other sessions",
              [para(.text("{{ cli"), .run("ent"), .text(" }} and {{"), .run(" name }}"))], ["client": "ACME", "name": "Ana"],
              .init(paragraphs: ["ACME and Ana"], odtAbsent: ["text:style-name=\"T2\""])),
        .init("a tag split by a page break, a bookmark and change marks",
              [para(.text("{{ na"), .mark(.softPageBreak), .text("me }} in {{ pla"), .mark(.bookmarkStart), .text("ce"),
                    .mark(.changeStart), .text(" }}"), .mark(.changeEnd), .mark(.bookmarkEnd), .text("."))],
              ["name": "Ana", "place": "Paris"],
              .init(paragraphs: ["Ana in Paris."],
                    docxMarkup: ["<w:lastRenderedPageBreak/>", "<w:bookmarkStart w:id=\"7\" w:name=\"bm\"/>", "<w:bookmarkEnd w:id=\"7\"/>"],
                    odtMarkup: ["<text:soft-page-break/>", "<text:bookmark-start text:name=\"bm\"/>", "<text:bookmark-end text:name=\"bm\"/>",
                                "<text:change-start text:change-id=\"ct1\"/>", "<text:change-end text:change-id=\"ct1\"/>"])),
        .init("runs of spaces inside and around a tag", [para("{{  name  }} and   more")], ["name": "Ana"],
              .init(paragraphs: ["Ana and   more"], odtMarkup: ["<text:s text:c=\"2\"/>more"])),
        .init("a paragraph loop leaves no empty paragraph", paragraphLoop, ["xs": ["a", "b"]],
              .init(paragraphs: ["Avant", "- a", "- b", "Après"])),
        .init("an empty paragraph loop leaves nothing", paragraphLoop, ["xs": []], .init(paragraphs: ["Avant", "Après"])),
        .init("a row loop is inferred",
              [grid([["Nom", "Jours"], ["{% for m in team %}", ""], ["{{ m.name }}", "{{ m.days }}"], ["{% endfor %}", ""]])], team,
              .init(paragraphs: ["Nom", "Jours", "A", "1.5", "B", "3"], rows: 3, tables: 1)),
        .init("a row loop with {%tr drops the rows of its tags",
              [grid([["{%tr for m in team %}", "ignored"], ["{{ m.name }}", "x"], ["{%tr endfor %}", ""]])], team,
              .init(paragraphs: ["A", "x", "B", "x"], rows: 2, tables: 1)),
        .init("a row loop below a repeated header row",
              [grid([["Nom", "Jours"], ["{% for m in team %}", ""], ["{{ m.name }}", "{{ m.days }}"], ["{% endfor %}", ""]], headerRows: 1)],
              team, .init(paragraphs: ["Nom", "Jours", "A", "1.5", "B", "3"], rows: 3, tables: 1)),
        .init("{%p if %} keeps its paragraphs", pIf, ["show": true], .init(paragraphs: ["shown", "end"])),
        .init("{%p if %} drops its paragraphs", pIf, ["show": false], .init(paragraphs: ["end"])),
        .init("if and else inside a paragraph", [para("A{% if x %}B{% else %}C{% endif %}D")], ["x": false], .init(paragraphs: ["ACD"])),
        .init("an inline loop with loop variables",
              [para("{% for x in xs %}{{ loop.index }}{{ x }}{% if not loop.last %}, {% endif %}{% else %}none{% endfor %}.")],
              ["xs": ["a", "b"]], .init(paragraphs: ["1a, 2b."])),
        .init("a value with breaks, tabs, runs of spaces and markup characters", [para("[{{ v }}]")],
              ["v": " a & b <c>\nline\tcol  x "],
              .init(paragraphs: ["[ a & b <c>\nline\tcol  x ]"],
                    docxMarkup: ["a &amp; b &lt;c&gt;</w:t><w:br/><w:t xml:space=\"preserve\">line</w:t><w:tab/>"],
                    odtMarkup: ["[<text:s/>a &amp; b &lt;c&gt;<text:line-break/>line<text:tab/>col<text:s text:c=\"2\"/>x<text:s/>]"])),
        .init("a value's leading spaces at the paragraph's start", [para("{{ v }}"), para("{{ v }}{{ v }}")], ["v": "  two "],
              .init(paragraphs: ["  two ", "  two   two "])),
        .init("a comment alone in its paragraph takes the paragraph", [para("A"), para("{# note #}"), para("B")], [:],
              .init(paragraphs: ["A", "B"])),
        .init("a paragraph loop in a list repeats list items",
              [bullets(["{% for i in items %}", "{{ i }}", "{% endfor %}"]), para("after")], ["items": ["i1", "i2"]],
              .init(paragraphs: ["i1", "i2", "after"], items: 2)),
        .init("a paragraph if in a list drops the item",
              [bullets(["one", "{%p if x %}", "two", "{%p endif %}", "three"])], ["x": false],
              .init(paragraphs: ["one", "three"], items: 2)),
        .init("a heading", [.heading([.text("Offre {{ cli"), .bold("ent }}")])], ["client": "ACME"],
              .init(paragraphs: ["Offre ACME"], odtMarkup: ["<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Offre ACME</text:h>"])),
        .init("{%r takes its run", [para(.text("Total:"), .bold("{%r if vip %}"), .bold(" VIP"), .bold("{%r endif %}"), .text(" end"))],
              ["vip": false], .init(paragraphs: ["Total: end"])),
        .init("lenient rendering of an undefined name", [para("[{{ missing }}]")], [:], .init(paragraphs: ["[]"]), strict: false),

        .init("undefined names are errors with their place", [para("x"), para("{{ tender.titel }} {{ other }}")],
              ["tender": ["title": "T"]],
              errors: [.init(message: EngineMessage.undefinedName("tender.titel").text, paragraph: 2, tag: "{{ tender.titel }}"),
                       .init(message: EngineMessage.undefinedName("other").text, paragraph: 2)]),
        .init("syntax errors are all reported", [para("{{ a + }}"), para("{% endif %}"), para("{% for x in xs %}"), para("{{ ok }}")],
              errors: [.init(message: inRunLanguage("erreur de syntaxe", "syntax error"), paragraph: 1, tag: "{{ a + }}"),
                       .init(message: inRunLanguage("ne ferme aucun", "closes no"), paragraph: 2, tag: "{% endif %}"),
                       .init(message: inRunLanguage("n’est jamais fermé", "never closed"), paragraph: 3, tag: "{% for x in xs %}")]),
        .init("a tag spanning two paragraphs", [para("x"), para("{{ a"), para("}}")],
              errors: [.init(message: EngineMessage.tagNotClosed.text, paragraph: 2)]),
        .init("a tag cut by a tab", [para("{{ a\tb }}")], errors: [.init(message: EngineMessage.tagCut.text, paragraph: 1)]),
        .init("crossed blocks", [para("{% for x in xs %}{% if x %}"), para("{% endfor %}{% endif %}")],
              errors: [.init(message: inRunLanguage("les blocs ne peuvent pas se croiser", "blocks cannot cross"), paragraph: 2, tag: "{% endfor %}"),
                       .init(message: inRunLanguage("ne ferme aucun", "closes no"), paragraph: 2, tag: "{% endif %}")]),
        .init("an error in a table below a header row has its row", [grid([["H1", "H2"], ["a", "b"], ["{{ bad. }}", "c"]], headerRows: 1)],
              errors: [.init(message: inRunLanguage("erreur de syntaxe", "syntax error"), paragraph: 5, table: 1, row: 3, tag: "{{ bad. }}")]),
        ConformanceCase(name: "a part declaring a DTD is refused", body: [para("{{ a }}")], data: ["a": 1],
                        expected: .errors([.init(message: inRunLanguage("déclare une DTD", "declares a DTD"))]), doctype: true),
    ]
}

/// An error as both dialects must report it (the part's name aside).
private struct Reported: Equatable, CustomStringConvertible {
    var message: String
    var paragraph: Int?, table: Int?, row: Int?
    var tag: String?
    var hint: String?
    var status: TenderKit.ExitStatus

    init(_ d: Diagnostic) {
        message = d.message; paragraph = d.location?.paragraph; table = d.location?.table; row = d.location?.row
        tag = d.location?.tag; hint = d.hint; status = d.status
    }

    var description: String { "\(message) [p\(paragraph.map(String.init) ?? "-") t\(table.map(String.init) ?? "-") r\(row.map(String.init) ?? "-")] \(tag ?? "")" }
}

private enum Outcome {
    case rendered(xml: String, shown: Shown)
    case failed([Reported], TenderKit.ExitStatus)
}

private func outcome(_ c: ConformanceCase, _ flavor: Flavor) -> Outcome {
    do {
        let r = try renderPart(c.body, flavor, c.data, doctype: c.doctype, strict: c.strict)
        return .rendered(xml: r.xml, shown: r.shown)
    } catch let e as TenderError {
        // A message may name another tag's place: its file and part differ by dialect.
        let place = "\(flavor.fileName), \(flavor.partName)"
        return .failed(e.diagnostics.map {
            var r = Reported($0)
            r.message = r.message.replacingOccurrences(of: place, with: "FILE")
            return r
        }, e.status)
    } catch {
        return .failed([], .software)
    }
}

/// In the process's language: the expected messages of `cases` are written when the cases are
/// listed, before any test scope, in that language.
@Suite struct DialectConformanceTests {
    @Test(arguments: ConformanceCase.all)
    func bothDialectsAgree(_ c: ConformanceCase) throws {
        let docx = outcome(c, .docx), odt = outcome(c, .odt)
        switch (c.expected, docx, odt) {
        case let (.document(want), .rendered(docxXML, docxShown), .rendered(odtXML, odtShown)):
            #expect(docxShown.paragraphs == want.paragraphs, "DOCX")
            #expect(odtShown.paragraphs == want.paragraphs, "ODT")
            #expect(docxShown == odtShown, "the dialects drifted apart")
            for shown in [docxShown, odtShown] {
                if let rows = want.rows { #expect(shown.rows == rows) }
                if let items = want.items { #expect(shown.items == items) }
                if let tables = want.tables { #expect(shown.tables == tables) }
            }
            for m in want.docxMarkup { #expect(docxXML.contains(m), "DOCX markup \(m)") }
            for m in want.odtMarkup { #expect(odtXML.contains(m), "ODT markup \(m)") }
            for m in want.odtAbsent { #expect(!odtXML.contains(m), "ODT markup left: \(m)") }
        case let (.errors(want), .failed(docxErrors, docxStatus), .failed(odtErrors, odtStatus)):
            #expect(docxErrors == odtErrors, "the dialects report differently")
            #expect(docxStatus == .invalidInput)
            #expect(odtStatus == .invalidInput)
            #expect(odtErrors.count == want.count, "\(odtErrors)")
            for (got, w) in zip(odtErrors, want) {
                #expect(got.message.contains(w.message), "\(got)")
                if let p = w.paragraph { #expect(got.paragraph == p, "\(got)") }
                if let t = w.table { #expect(got.table == t, "\(got)") }
                if let r = w.row { #expect(got.row == r, "\(got)") }
                if let tag = w.tag { #expect(got.tag == tag, "\(got)") }
            }
        default:
            Issue.record("unexpected outcome: DOCX \(docx), ODT \(odt)")
        }
    }

    /// The ODT builder writes what LibreOffice writes, so the cases above test real markup.
    @Test func odtFixturesAreWrittenAsLibreOfficeWritesThem() throws {
        let xml = String(decoding: Flavor.odt.part([
            para(.text("a  b"), .bold("{{ x }}"), .mark(.softPageBreak)), grid([["c"]], headerRows: 1), bullets(["i"]),
        ]), as: UTF8.self)
        #expect(xml.contains("<text:p text:style-name=\"Standard\">a <text:s/>b<text:span text:style-name=\"T1\">{{ x }}</text:span><text:soft-page-break/></text:p>"))
        #expect(xml.contains("<table:table-header-rows><table:table-row><table:table-cell table:style-name=\"Table1.A1\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">c</text:p>"))
        #expect(xml.contains("<text:list xml:id=\"list1\" text:style-name=\"L1\"><text:list-item><text:p text:style-name=\"P1\">i</text:p></text:list-item></text:list>"))
        #expect(xml.contains("<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\""))
    }
}

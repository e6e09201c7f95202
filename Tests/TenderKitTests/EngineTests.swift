import Foundation
import Testing
@testable import TenderKit

@Suite(.inLanguage(.french)) struct ExpressionTests {
    func eval(_ text: String, _ data: Value = [:]) throws -> Value {
        try Evaluator(globals: data).eval(try Parser.expression(text))
    }

    @Test func arithmeticIsDecimal() throws {
        #expect(try eval("0.1 + 0.2") == .number(Decimal(exactly: "0.3")!))
        #expect(try eval("7 // 2") == 3)
        #expect(try eval("-7 // 2") == -4)
        #expect(try eval("7 % 3") == 1)
        #expect(try eval("2 ** 10") == 1024)
        #expect(try eval("1.5 * 3").renderedText == "4.5")
        #expect(try eval("'a' ~ 1 ~ none") == "a1")
        #expect(try eval("(1 + 2) * 3") == 9)
        #expect(try eval("1 + 2 * 3") == 7)
    }

    /// As in Jinja (found by the differential test against docxtpl): a sign binds tighter
    /// than a filter and `**`, and `**` groups left to right.
    @Test func signsBindTighterThanFiltersAndPowers() throws {
        #expect(try eval("-3 | abs") == 3)
        #expect(try eval("-2 ** 2") == 4)
        #expect(try eval("2 ** 3 ** 2") == 64)
        #expect(try eval("2 ** -1").renderedText == "0.5")
        #expect(try eval("- -3") == 3)
        #expect(try eval("10 - 3 | abs") == 7)
    }

    @Test func comparisonsLogicAndConditionals() throws {
        #expect(try eval("1 < 2 and not (3 == 4)") == true)
        #expect(try eval("'b' in ['a', 'b']") == true)
        #expect(try eval("'x' not in 'abc'") == true)
        #expect(try eval("'yes' if n > 2 else 'no'", ["n": 3]) == "yes")
        #expect(try eval("'yes' if n > 2", ["n": 1]) == .null)
        #expect(try eval("n is odd", ["n": 3]) == true)
        #expect(try eval("x is defined", [:]) == false)
        #expect(try eval("x is not none", ["x": 1]) == true)
    }

    @Test func pathsIndexesAndMethods() throws {
        let data: Value = ["t": ["rows": [["n": "a"], ["n": "b"]]], "m": ["k": 1, "j": 2]]
        #expect(try eval("t.rows[1].n", data) == "b")
        #expect(try eval("t.rows[-1]['n']", data) == "b")
        #expect(try eval("t.rows | length", data) == 2)
        #expect(try eval("m.items() | list | length", data) == 2)
        #expect(try eval("'a,b'.split(',')", data) == ["a", "b"])
        #expect(try eval("[1,2,3][1:]", data) == [2, 3])
    }

    @Test func smartQuotesActAsStraightQuotes() throws {
        #expect(try eval("\u{201C}l\u{2019}équipe\u{201D}") == "l\u{2019}équipe")
        #expect(try eval("\u{2018}abc\u{2019} | upper") == "ABC")
    }

    @Test func undefinedNamesAreErrorsUnlessDefaulted() throws {
        #expect(throws: EvalError.self) { try eval("tender.titel", ["tender": ["title": "x"]]) }
        do {
            _ = try eval("tender.titel", ["tender": ["title": "x"]])
        } catch let e as EvalError {
            #expect(e.undefinedPath == "tender.titel")
        }
        #expect(try eval("tender.titel | default('z')", ["tender": ["title": "x"]]) == "z")
        #expect(try eval("x | default('z')", ["x": .null]) == "z")
        #expect(try eval("x", ["x": .null]).renderedText == "")
        let lenient = Evaluator(globals: [:], strict: false)
        #expect(try lenient.eval(try Parser.expression("a.b")) == .null)
        #expect(lenient.undefinedNames == ["a"])
    }

    @Test func filters() throws {
        let items: Value = ["items": [["kind": "fixed", "v": 2, "n": "b"], ["kind": "optional", "v": 3, "n": "a"], ["kind": "fixed", "v": "0.5", "n": "c"]]]
        #expect(try eval("items | selectattr('kind', 'equalto', 'fixed') | map(attribute='n') | join(', ')", items) == "b, c")
        #expect(try eval("items | rejectattr('kind', 'equalto', 'fixed') | list | length", items) == 1)
        #expect(try eval("items | sum(attribute='v')", items) == .number(Decimal(exactly: "5.5")!))
        #expect(try eval("items | sort(attribute='n') | map(attribute='n') | join", items) == "abc")
        #expect(try eval("items | sort(attribute='n', reverse=true) | first", items)["n"] == "c")
        // Equal keys keep their order with reverse=true too, as in Python.
        #expect(try eval("items | sort(attribute='kind', reverse=true) | map(attribute='n') | join", items) == "abc")
        #expect(try eval("{'b': 1, 'a': 1, 'c': 2} | dictsort(by='value', reverse=true) | map(attribute=0) | join") == "cba")
        #expect(try eval("'hello world' | title") == "Hello World")
        #expect(try eval("'  x ' | trim") == "x")
        #expect(try eval("2.675 | round(2)") == .number(Decimal(exactly: "2.68")!))
        #expect(try eval("2.675 | round(0)") == 3)
        #expect(try eval("2.675 | round('1')") == .number(Decimal(exactly: "2.7")!))
        // A precision is a whole number below a billion, whatever its size.
        for precision in ["2.5", "1000000000", "-1000000000", "100000000000000000000000", "'x'"] {
            #expect(throws: (any Error).self, "\(precision)") { try eval("2.675 | round(\(precision))") }
        }
        #expect(try eval("'3.7' | int") == 3)
        #expect(try eval("'a-b' | replace('-', '+')") == "a+b")
        #expect(try eval("[3,1,2] | sort | last") == 3)
        #expect(try eval("'abc' | capitalize") == "Abc")
        #expect(try eval("[] | first") == .null)
    }

    @Test func syntaxErrors() {
        #expect(throws: SyntaxError.self) { try Parser.expression("a +") }
        #expect(throws: SyntaxError.self) { try Parser.expression("'abc") }
        #expect(throws: SyntaxError.self) { try Parser.statement("frobnicate x") }
        #expect(throws: SyntaxError.self) { try Parser.statement("for in xs") }
    }
}

@Suite(.inLanguage(.french)) struct DocxPartTests {
    @Test func tagsSplitAcrossRunsAreFound() throws {
        let body = p(r("Dear ") + r("{{ na", bold: true) + "<w:proofErr w:type=\"spellStart\"/>" + r("me }}") +
                     "<w:bookmarkStart w:id=\"0\" w:name=\"x\"/>" + r(", welcome") + "<w:bookmarkEnd w:id=\"0\"/>")
        let out = try renderDocxPart(body, ["name": "Ana"])
        #expect(out.paragraphs == ["Dear Ana, welcome"])
        // The value takes the formatting of the run where the tag starts (bold).
        #expect(out.xml.contains("<w:b/></w:rPr><w:t xml:space=\"preserve\">Ana</w:t>"))
        #expect(out.xml.contains("<w:bookmarkStart w:id=\"0\" w:name=\"x\"/>"))
    }

    /// `{%-` and `-%}` join paragraphs; with no text to join to in the same cell or section
    /// they are errors (found by fuzzing: the markup removed left malformed XML).
    @Test func joiningTagsNeedTextToJoinTo() throws {
        let joined = try renderDocxPart(p(r("Début")) + p(r("{%- if x %} suite{% endif %}")) + p(r("{% if x -%}")) + p(r("fin{% endif %}")),
                                        ["x": true])
        #expect(joined.paragraphs == ["Début suite", "fin"])
        let table = "<w:tbl><w:tr><w:tc>" + p(r("a")) + "</w:tc></w:tr></w:tbl>"
        for body in [table + p(r("{%- if x %}b{% endif %}")), p(r("{%- if x %}b{% endif %}")),
                     p(r("{% if x %}b{% endif -%}")), p(r("{% if x %}b{% endif -%}")) + table] {
            let error = try thrown { try renderDocxPart(body, ["x": true]) }
            #expect(error.diagnostics.count == 1)
            #expect(error.description.contains(inRunLanguage("joint son paragraphe au texte", "joins its paragraph to the text")), "\(error)")
        }
    }

    @Test func valuesAreEscapedAndBreaksTranslated() throws {
        let out = try renderDocxPart(p(r("{{ v }}")), ["v": "a & b <c> {{ x }}\nline\tcol"])
        #expect(out.paragraphs == ["a & b <c> {{ x }}\nline\tcol"])
        #expect(out.xml.contains("a &amp; b &lt;c&gt; {{ x }}</w:t><w:br/>"))
    }

    @Test func paragraphLoopsLeaveNoEmptyParagraph() throws {
        let body = p(r("Avant")) + p(r("{% for x in xs %}")) + p(r("- {{ x }}")) + p(r("{% endfor %}")) + p(r("Après"))
        let out = try renderDocxPart(body, ["xs": ["a", "b"]])
        #expect(out.paragraphs == ["Avant", "- a", "- b", "Après"])
        let none = try renderDocxPart(body, ["xs": []])
        #expect(none.paragraphs == ["Avant", "Après"])
    }

    @Test func inlineBlocks() throws {
        let out = try renderDocxPart(p(r("A{% if x %}B{% else %}C{% endif %}D") + r("{% for i in [1,2,3] %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}")), ["x": false])
        #expect(out.paragraphs == ["ACD1,2,3"])
    }

    @Test func loopVariables() throws {
        let out = try renderDocxPart(p(r("{% for i in ['a','b','c'] %}[{{ loop.index }}/{{ loop.length }} {{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }} {% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}{{ loop.previtem }}{{ loop.nextitem }} {{ loop.cycle('x', 'y') }}{% for j in [1] %}{{ loop.depth }}{% endfor %}{{ loop.depth }}]{% endfor %}")), [:])
        #expect(out.paragraphs == ["[1/3 032 Fb x21][2/3 121 ac y21][3/3 210 Lb x21]"])
    }

    @Test func rowLoopsAreInferred() throws {
        func row(_ cells: [String]) -> String { "<w:tr>" + cells.map { "<w:tc>" + p(r($0)) + "</w:tc>" }.joined() + "</w:tr>" }
        let body = "<w:tbl>" + row(["Nom", "Jours"]) + row(["{% for m in team %}", ""]) + row(["{{ m.name }}", "{{ m.days }}"]) +
            row(["{% endfor %}", ""]) + "</w:tbl>"
        let out = try renderDocxPart(body, ["team": [["name": "A", "days": "1.5"], ["name": "B", "days": 3]]])
        #expect(out.paragraphs == ["Nom", "Jours", "A", "1.5", "B", "3"])
        #expect(out.xml.components(separatedBy: "<w:tr>").count - 1 == 3)
    }

    @Test func explicitPrefixes() throws {
        func row(_ cells: [String]) -> String { "<w:tr>" + cells.map { "<w:tc>" + p(r($0)) + "</w:tc>" }.joined() + "</w:tr>" }
        let body = "<w:tbl>" + row(["{%tr for m in xs %}", "ignored"]) + row(["{{ m }}", "x"]) + row(["{%tr endfor %}", ""]) + "</w:tbl>" +
            p(r("{%p if show %}")) + p(r("shown")) + p(r("{%p endif %}"))
        let out = try renderDocxPart(body, ["xs": [1, 2], "show": true])
        #expect(out.paragraphs == ["1", "x", "2", "x", "shown"])
    }

    /// The blocks matched once hold every branch: a loop's `else`, an `if`'s `elif`s and `else`,
    /// nested in each other, across paragraphs and inline.
    @Test func blocksAreMatchedIntoOneTree() throws {
        let body = p(r("{% for x in xs %}{% if x == 1 %}one{% elif x == 2 %}two{% else %}many{% endif %};{% else %}none{% endfor %}"))
            + p(r("{% for x in xs %}")) + p(r("{% if x > 1 %}")) + p(r("[{{ x }}]")) + p(r("{% endif %}")) + p(r("{% else %}")) + p(r("rien"))
            + p(r("{% endfor %}"))
        #expect(try renderDocxPart(body, ["xs": [1, 2, 3]]).paragraphs == ["one;two;many;", "[2]", "[3]"])
        #expect(try renderDocxPart(body, ["xs": []]).paragraphs == ["none", "rien"])
    }

    /// `{% vm %}` shows the cell's text up to its own text in the first row only; an `if` that
    /// opens in that text and closes in the next run is nested as docxtpl nests it.
    @Test func aMergedCellsFirstRowTextAroundAnInlineIf() throws {
        func cell(_ runs: String) -> String { "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + p(runs) + "</w:tc>" }
        let body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
            + "<w:tr>" + cell(r("{%tr for m in team %}")) + "</w:tr>"
            + "<w:tr>" + cell(r("{% vm %}{% if g %}") + r("{{ g }}{% endif %}")) + cell(r("{{ m }}")) + "</w:tr>"
            + "<w:tr>" + cell(r("{%tr endfor %}")) + "</w:tr></w:tbl>"
        let out = try renderDocxPart(body, ["team": ["a", "b"], "g": "G"])
        #expect(out.paragraphs == ["G", "a", "", "b"])
        #expect(out.xml.contains("<w:vMerge w:val=\"restart\"/>") && out.xml.contains("<w:vMerge w:val=\"continue\"/>"))
    }

    /// A merged cell whose text before `{% vm %}` spans paragraphs shows it in the first row
    /// only, as docxtpl does: later rows keep one empty paragraph (a lone `{{ }}` paragraph is
    /// not framed for a rich value there, which would cross the first-row condition).
    @Test func aMergedCellsFirstRowTextAcrossParagraphs() throws {
        let out = try renderDocxPart(mergedCellTable(p(r("{{ g }}")) + p(r("fin{% vm %}"))), ["team": ["a", "b", "c"], "g": "G"])
        #expect(out.paragraphs == ["G", "fin", "a", "", "b", "", "c"])
    }

    /// When that text crosses a `{%p %}` block, no row can show it alone (docxtpl writes broken
    /// XML there): the render fails naming the cell's tag, instead of showing it in every row.
    @Test func aMergedCellsFirstRowTextAcrossAParagraphBlockIsAnError() throws {
        let cell = p(r("{%p if g %}")) + p(r("{{ g }}")) + p(r("{%p endif %}")) + p(r("fin{% vm %}"))
        do {
            _ = try renderDocxPart(mergedCellTable(cell), ["team": ["a", "b", "c"], "g": "G"])
            Issue.record("should fail")
        } catch let e as TenderError {
            #expect(e.diagnostics.count == 1)
            #expect(e.diagnostics.first?.location?.tag == "{% vm %}")
            #expect(e.diagnostics.first?.message.contains("{%p endif %}") == true)
        }
    }

    private func mergedCellTable(_ firstCell: String) -> String {
        func cell(_ paragraphs: String) -> String { "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + paragraphs + "</w:tc>" }
        return "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
            + "<w:tr>" + cell(p(r("{%tr for m in team %}"))) + "</w:tr>"
            + "<w:tr>" + cell(firstCell) + cell(p(r("{{ m }}"))) + "</w:tr>"
            + "<w:tr>" + cell(p(r("{%tr endfor %}"))) + "</w:tr></w:tbl>"
    }

    @Test func errorsAreAllReportedWithPlaces() throws {
        let body = p(r("{{ a + }}")) + p(r("{% endif %}")) + p(r("{% for x in xs %}")) + p(r("{{ ok }}"))
        do {
            _ = try renderDocxPart(body, [:])
            Issue.record("should fail")
        } catch let e as TenderError {
            #expect(e.diagnostics.count == 3)
            #expect(e.diagnostics[0].location?.paragraph == 1)
            #expect(e.diagnostics[0].location?.tag == "{{ a + }}")
            #expect(e.diagnostics[1].message.contains(inRunLanguage("ne ferme aucun", "closes no")))
            #expect(e.diagnostics[2].message.contains(inRunLanguage("n’est jamais fermé", "never closed")))
            #expect(e.status == .invalidInput)
        }
    }

    @Test func crossedBlocksAreErrors() throws {
        let body = p(r("{% for x in xs %}{% if x %}")) + p(r("{% endfor %}{% endif %}"))
        #expect(throws: TenderError.self) { try renderDocxPart(body, ["xs": [1]]) }
    }

    @Test func undefinedNamesAtRenderAreReportedWithPlace() throws {
        do {
            _ = try renderDocxPart(p(r("x")) + p(r("{{ tender.titel }} {{ other }}")), ["tender": ["title": "T"]])
            Issue.record("should fail")
        } catch let e as TenderError {
            #expect(e.diagnostics.map(\.message) == [EngineMessage.undefinedName("tender.titel").text, EngineMessage.undefinedName("other").text])
            #expect(e.diagnostics[0].location?.paragraph == 2)
        }
        let lenient = try renderDocxPart(p(r("[{{ tender.titel }}]")), ["tender": ["title": "T"]], strict: false)
        #expect(lenient.paragraphs == ["[]"])
    }

    @Test func tagSpanningParagraphsIsAnError() throws {
        #expect(throws: TenderError.self) { try renderDocxPart(p(r("{{ a")) + p(r("}}")), ["a": 1]) }
    }

    @Test func nullRendersAsNothing() throws {
        let out = try renderDocxPart(p(r("[{{ x }}]")), ["x": .null])
        #expect(out.paragraphs == ["[]"])
    }
}

import Foundation
import Testing
@testable import TenderKit

/// What refers to a sheet's rows follows them when a loop repeats or drops them: formulas in
/// other sheets (with or without tags), running totals, absolute and mixed references, Excel
/// tables and page breaks, ODS database and named ranges; a reference left without a row is
/// an error, never a silent `#REF!`.
@Suite(.inLanguage(.french)) struct SpreadsheetReferenceTests {
    // MARK: Fixtures

    /// A workbook as Excel writes it: « Synthèse » (no tag) reads « DPGF », whose row 3 repeats
    /// once per line (rows 2 and 4 are the loop's marker rows), with a running total, a table
    /// over rows 1–4, a page break below each line and below the VAT, and « Notes » (no tag,
    /// no reference to DPGF).
    struct Workbook {
        var table = true
        var names = true
        /// Extra cells in « Synthèse »'s row 8 (formulas to test).
        var synthesis = ""
        /// Extra cells in « DPGF »'s row 9.
        var below = ""
        /// « DPGF »'s `headerFooter`.
        var header = ""

        func write(at path: String) throws {
            let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
            func inline(_ ref: String, _ text: String, style: Int? = nil) -> String {
                "<c r=\"\(ref)\"\(style.map { " s=\"\($0)\"" } ?? "") t=\"inlineStr\"><is><t>\(text)</t></is></c>"
            }
            func s(_ ref: String, _ index: Int) -> String { "<c r=\"\(ref)\" t=\"s\"><v>\(index)</v></c>" }
            func f(_ ref: String, _ formula: String, cached: String = "0") -> String { "<c r=\"\(ref)\"><f>\(formula)</f><v>\(cached)</v></c>" }
            let definedNames = self.names ? "<definedName name=\"Lignes\">DPGF!$E$3:$E$3</definedName>" : ""
            var entries: [Fixture.Entry] = [
                .init("[Content_Types].xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="\(sheetType)"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="\(sheetType)"/>\
                    <Override PartName="/xl/worksheets/sheet3.xml" ContentType="\(sheetType)"/>\
                    \(table ? "<Override PartName=\"/xl/tables/table1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml\"/>" : "")\
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                    """),
                .init("_rels/.rels", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                    """),
                .init("xl/workbook.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets>\
                    <sheet name="Synthèse" sheetId="1" r:id="rId1"/><sheet name="DPGF" sheetId="2" r:id="rId2"/><sheet name="Notes" sheetId="3" r:id="rId3"/></sheets>\
                    <definedNames>\(definedNames)<definedName name="_xlnm.Print_Area" localSheetId="1">DPGF!$A$1:$H$7</definedName></definedNames></workbook>
                    """),
                .init("xl/_rels/workbook.xml.rels", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(rel)/worksheet" Target="worksheets/sheet2.xml"/>\
                    <Relationship Id="rId3" Type="\(rel)/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId4" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                    """),
                .init("xl/sharedStrings.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="\(ns)" count="9" uniqueCount="9"><si><t>Désignation</t></si>\
                    <si><r><t>{%tr for l in </t></r><r><rPr><b/></rPr><t>lines %}</t></r></si><si><r><rPr><b/></rPr><t>{{ l.</t></r><r><t>name }}</t></r></si>\
                    <si><t>{%tr endfor %}</t></si><si><t>Total HT</t></si><si><t>Synthèse du prix</t></si><si><t>Qté</t></si><si><t>Montant</t></si><si><t>Cumul</t></si></sst>
                    """),
                // « Synthèse »: no tag; B3:B4 one shared formula, cached values Excel left.
                .init("xl/worksheets/sheet1.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\(ns)"><sheetData>\
                    <row r="1">\(s("A1", 5))\(f("B1", "DPGF!E6", cached: "99"))</row>\
                    <row r="2">\(f("B2", "SUM('DPGF'!E3:E3)"))</row>\
                    <row r="3"><c r="B3"><f t="shared" ref="B3:B4" si="0">DPGF!E6*1</f><v>0</v></c></row>\
                    <row r="4"><c r="B4"><f t="shared" si="0"/><v>0</v></c></row>\
                    <row r="5">\(f("B5", names ? "SUM(Lignes)" : "1"))</row>\
                    <row r="6">\(f("B6", "'DPGF'!$E$6"))</row>\
                    <row r="7">\(f("B7", "dpgf!E7&amp;\" DPGF!E3\""))</row>\
                    <row r="8">\(synthesis)</row>\
                    </sheetData><conditionalFormatting sqref="B1"><cfRule type="expression" priority="1"><formula>DPGF!$E$6&gt;1000</formula></cfRule></conditionalFormatting></worksheet>
                    """),
                .init("xl/worksheets/sheet2.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\(ns)" xmlns:r="\(rel)"><dimension ref="A1:H7"/><sheetData>\
                    <row r="1">\(s("A1", 0))\(inline("B1", "Unité"))\(s("C1", 6))\(inline("D1", "PU"))\(s("E1", 7))\(s("F1", 8))</row>\
                    <row r="2">\(s("A2", 1))</row>\
                    <row r="3">\(s("A3", 2))\(inline("B3", "jour"))\(inline("C3", "{{ l.qty }}"))\(inline("D3", "{{ l.price }}"))\
                    \(f("E3", "C3*D3"))\(f("F3", "SUM($E$3:E3)"))\(f("G3", "E3/$E$6"))\(f("H3", "E$3+$E3"))</row>\
                    <row r="4">\(s("A4", 3))</row>\
                    <row r="6">\(s("A6", 4))\(f("E6", "SUM(E3:E3)"))</row>\
                    <row r="7">\(f("E7", "ROUND(E6*0.2,2)"))</row>\
                    <row r="9">\(below)</row>\
                    </sheetData><pageSetup orientation="landscape"/>\(header)\
                    <rowBreaks count="2" manualBreakCount="2"><brk id="3" max="16383" man="1"/><brk id="7" max="16383" man="1"/></rowBreaks>\
                    \(table ? "<tableParts count=\"1\"><tablePart r:id=\"rId1\"/></tableParts>" : "")</worksheet>
                    """),
                .init("xl/worksheets/sheet3.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\(ns)"><sheetData>\
                    <row r="1">\(f("A1", "1+1", cached: "2"))\(s("B1", 4))</row></sheetData></worksheet>
                    """),
            ]
            if names {
                // A chart over the lines (its drawing left out: only its references matter here).
                entries.append(.init("xl/charts/chart1.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">\
                    <c:chart><c:plotArea><c:barChart><c:ser><c:tx><c:strRef><c:f>DPGF!$E$1</c:f></c:strRef></c:tx>\
                    <c:val><c:numRef><c:f>DPGF!$E$3:$E$3</c:f><c:numCache><c:ptCount val="1"/><c:pt idx="0"><c:v>0</c:v></c:pt></c:numCache></c:numRef></c:val>\
                    </c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>
                    """))
            }
            if table {
                entries.append(.init("xl/worksheets/_rels/sheet2.xml.rels", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="\(rel)/table" Target="../tables/table1.xml"/></Relationships>
                    """))
                entries.append(.init("xl/tables/table1.xml", text: """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?><table xmlns="\(ns)" id="1" name="Lignes_DPGF" displayName="Lignes_DPGF" ref="A1:F4">\
                    <autoFilter ref="A1:F4"/><tableColumns count="6"><tableColumn id="1" name="Désignation"/><tableColumn id="2" name="Unité"/>\
                    <tableColumn id="3" name="Qté"/><tableColumn id="4" name="PU"/><tableColumn id="5" name="Montant"/><tableColumn id="6" name="Cumul"/></tableColumns>\
                    <tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>
                    """))
            }
            try Fixture.zip(at: path, entries)
        }
    }

    /// `count` lines: quantities 1, 2, 3, 1, … at 1 250,50.
    static func data(_ count: Int) throws -> Value {
        let lines = (0..<count).map { "  - {name: \"Tâche \($0 + 1)\", qty: \($0 % 3 + 1), price: 1250.5}" }.joined(separator: "\n")
        return try DataLoader.parseYAML("lines:" + (count == 0 ? " []" : "\n" + lines) + "\n")
    }

    static func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try ZipArchive(path: path).read(name), as: UTF8.self)
    }

    /// Renders `template` for `count` lines into `name` beside it.
    static func render(_ template: String, _ count: Int, _ name: String) throws -> String {
        let output = (template as NSString).deletingLastPathComponent + "/" + name
        try DocumentTemplate(path: template).render(try data(count), to: output)
        return output
    }

    // MARK: XLSX

    @Test func twoLinesMoveEverythingThatReadsTheRows() throws {
        let dir = try TemporaryFolder()
        try Workbook().write(at: dir.file("t.xlsx"))
        let out = try Self.render(dir.file("t.xlsx"), 2, "o.xlsx")
        let dpgf = try Self.part(out, "xl/worksheets/sheet2.xml")
        // Rows: 1 header, 2–3 the lines, 4 the empty row, 5 the total, 6 the VAT.
        #expect(dpgf.contains("<c r=\"E5\"><f>SUM(E2:E3)</f></c>") && dpgf.contains("<c r=\"E6\"><f>ROUND(E5*0.2,2)</f></c>"))
        // A running total accumulates; an absolute row is the same in every copy (the first
        // line, or the total below, moved up); a relative row is the copy's own.
        #expect(dpgf.contains("<f>SUM($E$2:E2)</f>") && dpgf.contains("<f>SUM($E$2:E3)</f>"))
        #expect(dpgf.contains("<f>E2/$E$5</f>") && dpgf.contains("<f>E3/$E$5</f>"))
        #expect(dpgf.contains("<f>E$2+$E2</f>") && dpgf.contains("<f>E$2+$E3</f>"))
        // A page break below each line and below the VAT.
        #expect(dpgf.contains("<rowBreaks count=\"3\" manualBreakCount=\"3\"><brk id=\"2\" max=\"16383\" man=\"1\"/><brk id=\"3\" max=\"16383\" man=\"1\"/><brk id=\"6\" max=\"16383\" man=\"1\"/></rowBreaks>"))
        // The table and its filter span the header and the lines.
        let table = try Self.part(out, "xl/tables/table1.xml")
        #expect(table.contains("ref=\"A1:F3\"><autoFilter ref=\"A1:F3\"/>"))
        // The sheet without tags reads the moved rows: the total, the lines, a shared formula
        // written out in each cell, an absolute reference, a sheet named in lower case; a
        // string is left alone; cached values are dropped.
        let synthesis = try Self.part(out, "xl/worksheets/sheet1.xml")
        #expect(synthesis.contains("<c r=\"B1\"><f>DPGF!E5</f></c>"))
        #expect(synthesis.contains("<f>SUM('DPGF'!E2:E3)</f>"))
        #expect(synthesis.contains("<c r=\"B3\"><f>DPGF!E5*1</f></c>") && synthesis.contains("<c r=\"B4\"><f>DPGF!E6*1</f></c>"))
        #expect(synthesis.contains("<f>'DPGF'!$E$5</f>") && synthesis.contains("<f>dpgf!E6&amp;\" DPGF!E3\"</f>"))
        #expect(synthesis.contains("<formula>DPGF!$E$5&gt;1000</formula>"))
        let workbook = try Self.part(out, "xl/workbook.xml")
        #expect(workbook.contains("<definedName name=\"Lignes\">DPGF!$E$2:$E$3</definedName>") && workbook.contains("DPGF!$A$1:$H$6"))
        let chart = try Self.part(out, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:f>DPGF!$E$1</c:f>") && chart.contains("<c:numRef><c:f>DPGF!$E$2:$E$3</c:f></c:numRef>"))
        // The sheet that reads nothing of DPGF is copied byte for byte.
        #expect(try ZipArchive(path: out).read("xl/worksheets/sheet3.xml") == ZipArchive(path: dir.file("t.xlsx")).read("xl/worksheets/sheet3.xml"))
    }

    @Test func oneLineMovesOnlyWhatIsBelowTheMarkers() throws {
        let dir = try TemporaryFolder()
        try Workbook().write(at: dir.file("t.xlsx"))
        let out = try Self.render(dir.file("t.xlsx"), 1, "o.xlsx")
        let dpgf = try Self.part(out, "xl/worksheets/sheet2.xml")
        #expect(dpgf.contains("<f>SUM($E$2:E2)</f>") && dpgf.contains("<c r=\"E4\"><f>SUM(E2:E2)</f></c>"))
        #expect(dpgf.contains("<brk id=\"2\" max=\"16383\" man=\"1\"/><brk id=\"5\" max=\"16383\" man=\"1\"/>"))
        #expect(try Self.part(out, "xl/tables/table1.xml").contains("ref=\"A1:F2\""))
        #expect(try Self.part(out, "xl/worksheets/sheet1.xml").contains("<c r=\"B1\"><f>DPGF!E4</f></c>"))
    }

    @Test func twoThousandLines() throws {
        let dir = try TemporaryFolder()
        try Workbook().write(at: dir.file("t.xlsx"))
        let out = try Self.render(dir.file("t.xlsx"), 2000, "o.xlsx")
        let dpgf = try Self.part(out, "xl/worksheets/sheet2.xml")
        #expect(dpgf.contains("<c r=\"E2003\"><f>SUM(E2:E2001)</f></c>") && dpgf.contains("<f>SUM($E$2:E2001)</f>"))
        #expect(dpgf.contains("<f>E2001/$E$2003</f>") && dpgf.contains("<rowBreaks count=\"2001\" manualBreakCount=\"2001\">"))
        #expect(try Self.part(out, "xl/tables/table1.xml").contains("ref=\"A1:F2001\"><autoFilter ref=\"A1:F2001\"/>"))
        let synthesis = try Self.part(out, "xl/worksheets/sheet1.xml")
        #expect(synthesis.contains("<f>DPGF!E2003</f>") && synthesis.contains("<f>SUM('DPGF'!E2:E2001)</f>"))
        #expect(try Self.part(out, "xl/workbook.xml").contains("DPGF!$E$2:$E$2001"))
    }

    /// No line: a range over the lines inside SUM is 0, what reads below moves up.
    @Test func noLineLeavesValidFormulas() throws {
        let dir = try TemporaryFolder()
        try Workbook(table: false, names: false).write(at: dir.file("t.xlsx"))
        let out = try Self.render(dir.file("t.xlsx"), 0, "o.xlsx")
        let dpgf = try Self.part(out, "xl/worksheets/sheet2.xml")
        #expect(dpgf.contains("<c r=\"E3\"><f>SUM(0)</f></c>") && dpgf.contains("<c r=\"E4\"><f>ROUND(E3*0.2,2)</f></c>"))
        // The break below the lines moves up below the header, what is left above it.
        #expect(dpgf.contains("<rowBreaks count=\"2\" manualBreakCount=\"2\"><brk id=\"1\" max=\"16383\" man=\"1\"/><brk id=\"4\" max=\"16383\" man=\"1\"/></rowBreaks>"))
        #expect(!dpgf.contains("#REF!"))
        let synthesis = try Self.part(out, "xl/worksheets/sheet1.xml")
        #expect(synthesis.contains("<c r=\"B1\"><f>DPGF!E3</f></c>") && synthesis.contains("<f>SUM(0)</f>"))
        #expect(!synthesis.contains("#REF!"))
    }

    /// No line, and formulas no valid formula can stand for: every one is an error naming its
    /// sheet and cell (of the template), with the formula and a hint; nothing is written.
    @Test func noLineAndALostReferenceIsAnError() throws {
        let dir = try TemporaryFolder()
        try Workbook(table: true, names: true, synthesis: "<c r=\"B8\"><f>DPGF!E3*2</f></c>",
                     below: "<c r=\"E9\"><f>COUNT(E3:E3)</f></c><c r=\"F9\"><f>E3</f></c>").write(at: dir.file("t.xlsx"))
        let error = try thrown { try Self.render(dir.file("t.xlsx"), 0, "o.xlsx") }
        #expect(!FileManager.default.fileExists(atPath: dir.file("o.xlsx")))
        let places = error.diagnostics.map { ($0.location?.sheet ?? "", $0.location?.cell ?? "") }
        #expect(places.contains { $0 == ("DPGF", "E9") } && places.contains { $0 == ("DPGF", "F9") })
        #expect(places.contains { $0 == ("Synthèse", "B8") })
        let text = error.description
        #expect(text.contains("feuille DPGF, cellule E9") && text.contains("=COUNT(E3:E3)"))
        #expect(text.contains("utilisez une plage dans SUM, comme SUM(E5:E5)"))
        // The defined name over the lines only, and the table left without a line.
        #expect(text.contains("le nom défini Lignes (=DPGF!$E$3:$E$3)"))
        #expect(text.contains("le tableau Lignes_DPGF n’a plus aucune ligne de données"))
        #expect(text.contains("xl/charts/chart1.xml : la formule =DPGF!$E$3:$E$3"))
        #expect(!text.contains("#REF!"))
    }

    /// The layout alone: absolute and mixed rows seen from the copies of a repeated row.
    @Test func absoluteRowsAreTheSameInEveryCopy() {
        var layout = RowLayout(template: [(1, 1), (2, 1), (3, 1), (4, 1), (6, 1)])
        layout.place([1, 3, 3, 3, 6])                        // rows 2, 4 dropped (markers), row 3 three times
        func at(_ copy: Int?, _ formula: String) -> String? {
            let from = copy.map { (span: 2, copy: $0) }
            return FormulaReferences.rewriteA1(formula) { layout.resolve($0, from: from) }
        }
        #expect(at(2, "SUM($E$3:E3)") == "SUM($E$2:E4)")
        #expect(at(2, "SUM(E3:$E$3)") == "SUM(E4:$E$2)")
        #expect(at(1, "$E$3+E$3+$E3+E3") == "$E$2+E$2+$E3+E3")
        #expect(at(0, "E3/SUM($E$3:$E$3)+$E$6") == "E2/SUM($E$2:$E$4)+$E$6")
        #expect(at(nil, "SUM($E$3:E3)+E3") == "SUM($E$2:E4)+E2")
        #expect(at(nil, "SUM(E2:E4)") == "SUM(E2:E4)")
        // Another workbook's sheet (`[1]`) is not this one's.
        #expect(at(nil, "[1]Feuil1!E3+E3+'[2]DPGF'!E3+Table1[Montant]") == "[1]Feuil1!E3+E2+'[2]DPGF'!E3+Table1[Montant]")
    }

    // MARK: ODS

    /// A spreadsheet as LibreOffice writes it: « Synthèse » reads « DPGF », whose row 3
    /// repeats (rows 2 and 4 are markers; rows 5–6 one repeated empty row), a named range, a
    /// named expression and a database range over the lines.
    static let odsNamespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" office:version="1.3"
        """

    /// An ODS package: its mimetype, manifest and `content.xml`, then `other` entries.
    static func odsPackage(at path: String, content: String, _ other: [Fixture.Entry] = []) throws {
        try Fixture.zip(at: path, [
            .init("mimetype", text: "application/vnd.oasis.opendocument.spreadsheet", stored: true),
            .init("META-INF/manifest.xml", text: """
                <?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
                <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
                <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
                \(other.contains { $0.name == "styles.xml" } ? "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>" : "")\
                </manifest:manifest>
                """),
            .init("content.xml", text: content),
        ] + other)
    }

    static func ods(at path: String, names: Bool = true, synthesis: String = "", chart: Bool = false) throws {
        let ns = Self.odsNamespaces
        func text(_ t: String) -> String { "<table:table-cell office:value-type=\"string\"><text:p>\(t)</text:p></table:table-cell>" }
        func formula(_ f: String) -> String {
            "<table:table-cell table:formula=\"\(f)\" office:value-type=\"float\" office:value=\"0\"><text:p>0</text:p></table:table-cell>"
        }
        let empty = "<table:table-cell/>"
        func row(_ cells: String...) -> String { "<table:table-row>" + cells.joined() + "</table:table-row>" }
        let named = names ? """
            <table:named-expressions><table:named-range table:name="Lignes" table:base-cell-address="$DPGF.$E$3" table:cell-range-address="$DPGF.$E$3:.$E$3"/>\
            <table:named-expression table:name="TotalHT" table:base-cell-address="$DPGF.$A$1" table:expression="of:[$DPGF.$E$7]"/></table:named-expressions>
            """ : ""
        let content = """
            <?xml version="1.0" encoding="UTF-8"?><office:document-content \(ns)><office:body><office:spreadsheet>\
            <table:table table:name="Synthèse"><table:table-column table:number-columns-repeated="2"/>\
            \(row(text("Total"), formula("of:=[$DPGF.E7]")))\(row(empty, formula("of:=SUM([$'DPGF'.E3:.E3])")))\
            \(row(empty, formula(names ? "of:=SUM([$DPGF.$E$3:.E3])+TotalHT" : "of:=1")))\(row(empty, formula("of:=[$DPGF.$E$8]")))\(row(empty, synthesis))</table:table>\
            <table:table table:name="DPGF">\
            \(chart ? "<table:shapes><draw:frame><draw:object draw:notify-on-update-of-ranges=\"DPGF.E3:DPGF.E3\" xlink:href=\"./Object 1\"/></draw:frame></table:shapes>" : "")\
            <table:table-column table:number-columns-repeated="7"/>\
            \(row(text("Désignation"), text("Unité"), text("Qté"), text("PU"), text("Montant"), text("Cumul")))\
            \(row(text("{%tr for l in lines %}")))\
            \(row(text("{{ l.name }}"), text("jour"), text("{{ l.qty }}"), text("{{ l.price }}"), formula("of:=[.C3]*[.D3]"),
                  formula("of:=SUM([.$E$3:.E3])"), formula("of:=[.E$3]+[.$E3]")))\
            \(row(text("{%tr endfor %}")))\
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="7"/></table:table-row>\
            \(row(text("Total HT"), empty, empty, empty, formula("of:=SUM([.E3:.E3])")))\
            \(row(empty, empty, empty, empty, formula("of:=ROUND([.E7]*0.2;2)")))\
            <calcext:conditional-formats><calcext:conditional-format calcext:target-range-address="DPGF.E3:DPGF.E3">\
            <calcext:condition calcext:apply-style-name="Default" calcext:value="cell-content()&gt;[.$E$7]" calcext:base-cell-address="DPGF.E3"/>\
            </calcext:conditional-format></calcext:conditional-formats></table:table>\
            \(named)<table:database-ranges><table:database-range table:name="Base" table:target-range-address="DPGF.A1:DPGF.F4"/></table:database-ranges>\
            </office:spreadsheet></office:body></office:document-content>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?><office:document-styles \(ns)><office:automatic-styles>\
            <style:page-layout style:name="Mpm1"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape"/>\
            <style:header-style><style:header-footer-properties fo:min-height="0.75cm" fo:margin-bottom="0.25cm"/></style:header-style></style:page-layout>\
            </office:automatic-styles><office:master-styles><style:master-page style:name="Default" style:page-layout-name="Mpm1">\
            <style:header style:display="false"/><style:header-left style:display="false"/></style:master-page></office:master-styles></office:document-styles>
            """
        let object = """
            <?xml version="1.0" encoding="UTF-8"?><office:document-content \(ns)><office:body><office:chart><chart:chart>\
            <chart:plot-area table:cell-range-address="DPGF.A3:DPGF.A3 DPGF.E3:DPGF.E3"><chart:categories table:cell-range-address="DPGF.A3:DPGF.A3"/>\
            <chart:series chart:values-cell-range-address="DPGF.E3:DPGF.E3" chart:label-cell-address="DPGF.E1"/></chart:plot-area>\
            </chart:chart></office:chart></office:body></office:document-content>
            """
        try Self.odsPackage(at: path, content: content, [.init("styles.xml", text: styles)] + (chart ? [.init("Object 1/content.xml", text: object)] : []))
    }

    @Test(arguments: [0, 1, 2, 2000]) func odsReferencesFollowTheRows(_ count: Int) throws {
        let dir = try TemporaryFolder()
        try Self.ods(at: dir.file("t.ods"), names: count > 0, chart: count > 0)
        let out = try Self.render(dir.file("t.ods"), count, "o.ods")
        let content = try Self.part(out, "content.xml")
        // Lines at rows 2…count+1, the empty rows, the total, the VAT.
        let last = count + 1, total = count + 4
        #expect(content.contains("of:=ROUND([.E\(total)]*0.2;2)"))
        #expect(content.contains("of:=[$DPGF.E\(total)]") && content.contains("of:=[$DPGF.$E$\(total + 1)]"))
        #expect(!content.contains("#REF!"))
        #expect(content.contains("table:target-range-address=\"DPGF.A1:DPGF.F\(last)\""))
        if count > 0 {
            // A conditional format over the lines, comparing with the total.
            #expect(content.contains("calcext:target-range-address=\"DPGF.E2:DPGF.E\(last)\""))
            #expect(content.contains("calcext:value=\"cell-content()&gt;[.$E$\(total)]\" calcext:base-cell-address=\"DPGF.E2\""))
            // A chart over the lines, and the object that tells it of changes.
            #expect(content.contains("draw:notify-on-update-of-ranges=\"DPGF.E2:DPGF.E\(last)\""))
            let object = try Self.part(out, "Object 1/content.xml")
            #expect(object.contains("table:cell-range-address=\"DPGF.A2:DPGF.A\(last) DPGF.E2:DPGF.E\(last)\""))
            #expect(object.contains("chart:values-cell-range-address=\"DPGF.E2:DPGF.E\(last)\" chart:label-cell-address=\"DPGF.E1\""))
        }
        if count == 0 {
            #expect(!content.contains("calcext:conditional-format "))
            #expect(content.contains("of:=SUM(0)") && content.contains("of:=SUM([$'DPGF'.E3:.E3])") == false)
            return
        }
        #expect(content.contains("of:=SUM([.E2:.E\(last)])") && content.contains("of:=SUM([$'DPGF'.E2:.E\(last)])"))
        #expect(content.contains("of:=SUM([.$E$2:.E\(last)])") && content.contains("of:=[.E$2]+[.$E\(last)]"))
        #expect(content.contains("of:=SUM([$DPGF.$E$2:.E\(last)])+TotalHT"))
        #expect(content.contains("table:cell-range-address=\"$DPGF.$E$2:.$E$\(last)\""))
        #expect(content.contains("table:expression=\"of:[$DPGF.$E$\(total)]\""))
    }

    /// A DPGF-like ODS with nested row loops: per tranche a title, its lines, a lump sum under
    /// `{%tr if %}`, a subtotal over them and two empty rows (one repeated row element); then a
    /// total over the subtotals and the VAT.
    static func nestedOds(at path: String) throws {
        func cell(_ t: String) -> String { t.isEmpty ? "<table:table-cell/>" : "<table:table-cell office:value-type=\"string\"><text:p>\(t)</text:p></table:table-cell>" }
        func formula(_ f: String) -> String {
            "<table:table-cell table:formula=\"\(f)\" office:value-type=\"float\" office:value=\"0\"><text:p>0</text:p></table:table-cell>"
        }
        func row(_ cells: String...) -> String { "<table:table-row>" + cells.joined() + "</table:table-row>" }
        let content = """
            <?xml version="1.0" encoding="UTF-8"?><office:document-content \(odsNamespaces)><office:body><office:spreadsheet>\
            <table:table table:name="DPGF"><table:table-column table:number-columns-repeated="5"/>\
            \(row(cell("Désignation"), cell("Qté"), cell("PU"), cell("Montant"), cell("Sous-total")))\
            \(row(cell("{%tr for t in tranches %}")))\
            \(row(cell("{{ t.name }}")))\
            \(row(cell("{%tr for l in t.lines %}")))\
            \(row(cell("{{ l.name }}"), cell("{{ l.qty }}"), cell("{{ l.price }}"), formula("of:=[.B5]*[.C5]")))\
            \(row(cell("{%tr endfor %}")))\
            \(row(cell("{%tr if t.lump %}")))\
            \(row(cell("Forfait {{ t.name }}"), "<table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell>", cell("{{ t.lump }}"), formula("of:=[.B8]*[.C8]")))\
            \(row(cell("{%tr endif %}")))\
            \(row(cell("Sous-total {{ t.name }}"), cell(""), cell(""), cell(""), formula("of:=SUM([.D4:.D9])")))\
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>\
            \(row(cell("{%tr endfor %}")))\
            \(row(cell("Total HT"), cell(""), cell(""), cell(""), formula("of:=SUM([.E2:.E13])")))\
            \(row(cell("TVA"), cell(""), cell(""), cell(""), formula("of:=ROUND([.E14]*0.2;2)")))\
            </table:table></office:spreadsheet></office:body></office:document-content>
            """
        try odsPackage(at: path, content: content)
    }

    /// Four tranches of 3, 1, 2 and 0 lines; the first and the last with a lump sum. From the
    /// second tranche on, the lump sum's row (kept by the first) is dropped and must close up.
    static let tranches = """
        tranches:
          - { name: A, lump: 50, lines: [{ name: a1, qty: 1, price: 100 }, { name: a2, qty: 2, price: 100 }, { name: a3, qty: 3, price: 100 }] }
          - { name: B, lump: 0, lines: [{ name: b1, qty: 2, price: 250 }] }
          - { name: C, lump: 0, lines: [{ name: c1, qty: 1.5, price: 200 }, { name: c2, qty: 4, price: 25 }] }
          - { name: D, lump: 80, lines: [] }

        """

    /// Output rows: 1 header; A 2 title, 3–5 lines, 6 lump sum, 7 subtotal, 8–9 empty; B 10,
    /// 11, 12 subtotal, 13–14; C 15, 16–17, 18 subtotal, 19–20; D 21, 22 lump sum, 23 subtotal,
    /// 24–25; 26 total, 27 VAT.
    static func renderNested(in dir: TemporaryFolder) throws -> String {
        try Self.nestedOds(at: dir.file("t.ods"))
        try DocumentTemplate(path: dir.file("t.ods")).render(try DataLoader.parseYAML(Self.tranches), to: dir.file("o.ods"))
        return dir.file("o.ods")
    }

    @Test func odsNestedLoopsKeepEveryFormulaOnItsRow() throws {
        let dir = try TemporaryFolder()
        let content = try Self.part(try Self.renderNested(in: dir), "content.xml")
        let formulas = content.matches(of: #/table:formula="([^"]*)"/#).map { String($0.output.1) }
        #expect(formulas == [
            "of:=[.B3]*[.C3]", "of:=[.B4]*[.C4]", "of:=[.B5]*[.C5]", "of:=[.B6]*[.C6]", "of:=SUM([.D3:.D6])",
            "of:=[.B11]*[.C11]", "of:=SUM([.D11:.D11])",
            "of:=[.B16]*[.C16]", "of:=[.B17]*[.C17]", "of:=SUM([.D16:.D17])",
            "of:=[.B22]*[.C22]", "of:=SUM([.D22:.D22])",
            "of:=SUM([.E2:.E25])", "of:=ROUND([.E26]*0.2;2)",
        ], "\(formulas)")
        // Each tranche's two empty rows stay one repeated row element.
        #expect(content.components(separatedBy: "table:number-rows-repeated=\"2\"").count == 5)
    }

    /// LibreOffice's values: subtotals 650, 500, 400 and 80, total 1 630, VAT 326.
    @Test(.needs(.libreOffice)) func odsNestedLoopsComputeInLibreOffice() throws {
        let dir = try TemporaryFolder()
        let sheets = try Self.sheets(try Self.renderNested(in: dir), in: dir, into: "csv")
        let dpgf = try #require(sheets["DPGF"] ?? sheets.values.first, "\(sheets.keys)")
        func value(_ row: Int, _ column: Int) -> String { row <= dpgf.count && column < dpgf[row - 1].count ? dpgf[row - 1][column] : "" }
        #expect([3, 4, 5, 6, 11, 16, 17, 22].map { value($0, 3) } == ["100", "200", "300", "50", "500", "300", "100", "80"], "\(dpgf)")
        #expect([7, 12, 18, 23].map { value($0, 0) } == ["Sous-total A", "Sous-total B", "Sous-total C", "Sous-total D"], "\(dpgf)")
        #expect([7, 12, 18, 23].map { value($0, 4) } == ["650", "500", "400", "80"], "\(dpgf)")
        #expect(value(26, 0) == "Total HT" && value(26, 4) == "1630" && value(27, 4) == "326", "\(dpgf)")
        #expect(!dpgf.joined().joined().contains("Err:") && !dpgf.joined().joined().contains("#"), "\(dpgf)")
    }

    @Test func odsLostReferenceIsAnError() throws {
        let dir = try TemporaryFolder()
        try Self.ods(at: dir.file("t.ods"), names: true, synthesis: "<table:table-cell table:formula=\"of:=[$DPGF.E3]*2\"/>")
        let error = try thrown { try Self.render(dir.file("t.ods"), 0, "o.ods") }
        let text = error.description
        #expect(text.contains("feuille Synthèse, cellule B5") && text.contains("=of:=[$DPGF.E3]*2"))
        #expect(text.contains("le nom défini Lignes") && text.contains("le nom défini TotalHT") == false)
        #expect(!FileManager.default.fileExists(atPath: dir.file("o.ods")))
    }

    // MARK: Through LibreOffice

    /// Every sheet of `path` as CSV with raw values, by sheet name.
    static func sheets(_ path: String, in dir: TemporaryFolder, into sub: String) throws -> [String: [[String]]] {
        let soffice = try Tool.path("soffice", of: .libreOffice)
        let out = dir.file(sub)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // Tokens: comma, quote, UTF-8, from line 1, …, values not as shown, every sheet (-1).
        let run = try CLI.runProgram(soffice, ["-env:UserInstallation=file://\(dir.path)/lo", "--headless", "--convert-to",
                                               "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                                               "--outdir", out, path])
        #expect(run.status == 0)
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var result: [String: [[String]]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: out) where file.hasPrefix(base + "-") && file.hasSuffix(".csv") {
            let name = String(file.dropFirst(base.count + 1).dropLast(4))
            let csv = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            result[name] = csv.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
        }
        return result
    }

    /// A draft's mark is in the printed header of every sheet, in XLSX and ODS: LibreOffice
    /// prints it in the PDF.
    @Test(.needs(.libreOffice, .poppler)) func aDraftSheetShowsItsMarkInThePDF() throws {
        let dir = try TemporaryFolder()
        // The buyer's own headers: left and right sections, and one for the first page.
        try Workbook(table: false, names: false, header: """
            <headerFooter differentFirst="1"><oddHeader>&amp;LAcheteur : Ville de Lyon&amp;RPage &amp;P</oddHeader>\
            <firstHeader>Première page</firstHeader></headerFooter>
            """).write(at: dir.file("t.xlsx"))
        try Self.ods(at: dir.file("t.ods"), names: false)
        let outputs = [try Self.render(dir.file("t.xlsx"), 2, "x.xlsx"), try Self.render(dir.file("t.ods"), 2, "o.ods")]
        let mark = "PROJET — 5 novembre 2021"
        for output in outputs {
            try DraftAnnotator.annotate(output, mark: mark, comments: [], date: DateValue(iso: "2021-11-05")!)
        }
        let dpgf = try Self.part(outputs[0], "xl/worksheets/sheet2.xml")
        #expect(dpgf.contains("<oddHeader>&amp;LAcheteur : Ville de Lyon&amp;RPage &amp;P&amp;C&amp;\"-,Bold\"\(mark)</oddHeader>"))
        #expect(dpgf.contains("<firstHeader>&amp;C&amp;\"-,Bold\"\(mark)&amp;\"-,Regular\"\nPremière page</firstHeader>"))
        #expect(try Self.part(outputs[0], "xl/worksheets/sheet1.xml").contains("<headerFooter><oddHeader>&amp;C&amp;\"-,Bold\"\(mark)</oddHeader></headerFooter>"))
        let styles = try Self.part(outputs[1], "styles.xml")
        #expect(styles.contains("<style:header><style:region-center><text:p>\(mark)</text:p></style:region-center></style:header>"))
        #expect(styles.contains("<style:header-left style:display=\"false\"/>"))
        let soffice = try Tool.path("soffice", of: .libreOffice)
        let run = try CLI.runProgram(soffice, ["-env:UserInstallation=file://\(dir.path)/lo", "--headless", "--convert-to", "pdf",
                                               "--outdir", dir.file("pdf")] + outputs)
        #expect(run.status == 0)
        let pdftotext = try Tool.path("pdftotext", of: .poppler)
        for name in ["x", "o"] {
            let text = try CLI.runProgram(pdftotext, [dir.file("pdf/\(name).pdf"), "-"]).stdout
            #expect(text.contains(mark), "\(name): \(text)")
            #expect(text.contains("Tâche 2"), "\(name): \(text)")
            // The buyer's sections are kept (LibreOffice 7.4 prints no first-page header of its own).
            if name == "x" { #expect(text.contains("Acheteur : Ville de Lyon"), "\(text)") }
        }
    }

    /// 3 lines (1, 2 and 3 days at 1 250,50): 7 503,00 HT, VAT 1 500,60; LibreOffice's values.
    @Test(.needs(.libreOffice)) func libreOfficeComputesEverySheet() throws {
        let dir = try TemporaryFolder()
        try Workbook().write(at: dir.file("t.xlsx"))
        try Self.ods(at: dir.file("t.ods"))
        let outputs = [try Self.render(dir.file("t.xlsx"), 3, "x.xlsx"), try Self.render(dir.file("t.ods"), 3, "o.ods")]
        for (i, output) in outputs.enumerated() {
            let sheets = try Self.sheets(output, in: dir, into: "csv\(i)")
            let dpgf = try #require(sheets["DPGF"], "\(sheets.keys)")
            let synthesis = try #require(sheets["Synthèse"], "\(sheets.keys)")
            func cell(_ rows: [[String]], _ name: String) -> String {
                guard let (letters, row) = CellName.split(name).map({ ($0.letters, $0.row) }), row <= rows.count else { return "" }
                let column = CellName.column(letters) - 1
                return column < rows[row - 1].count ? rows[row - 1][column] : ""
            }
            #expect(["E2", "E3", "E4"].map { cell(dpgf, $0) } == ["1250.5", "2501", "3751.5"], "\(output)")
            // The running total accumulates; the total and the VAT below.
            #expect(["F2", "F3", "F4"].map { cell(dpgf, $0) } == ["1250.5", "3751.5", "7503"], "\(output)")
            let total = output.hasSuffix(".xlsx") ? 6 : 7           // the ODS has two empty rows above its total
            #expect(cell(dpgf, "E\(total)") == "7503" && cell(dpgf, "E\(total + 1)") == "1500.6", "\(output)")
            #expect(cell(synthesis, "B1") == "7503" && cell(synthesis, "B2") == "7503", "\(output)")
            if output.hasSuffix(".xlsx") {
                #expect(cell(dpgf, "H4") == "5002" && cell(dpgf, "G2").hasPrefix("0.1666"), "\(dpgf)")
                #expect(["B3", "B4", "B5", "B6", "B7"].map { cell(synthesis, $0) } == ["7503", "1500.6", "7503", "7503", "1500.6 DPGF!E3"], "\(synthesis)")
            } else {
                #expect(cell(dpgf, "G4") == "5002")
                #expect(cell(synthesis, "B3") == "15006" && cell(synthesis, "B4") == "1500.6", "\(synthesis)")
            }
        }
    }
}

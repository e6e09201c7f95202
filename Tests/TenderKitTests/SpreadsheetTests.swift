import Foundation
import Testing
@testable import TenderKit

/// XLSX and ODS price schedules filled through the whole path: typed cells, row loops,
/// formulas rebased, ranges grown, merges and print areas moved, recalculation on load.
@Suite(.inLanguage(.french)) struct SpreadsheetTests {
    /// A workbook as Excel writes it: tags in shared strings (one split across bold and plain
    /// runs), inline strings, number formats, a calculation chain, a print area, a merge.
    static func excelLike(at path: String, loopEnd: String = "{%tr endfor %}") throws {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        func inline(_ ref: String, _ text: String, style: Int? = nil) -> String {
            "<c r=\"\(ref)\"\(style.map { " s=\"\($0)\"" } ?? "") t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        }
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
                <Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """),
            .init("_rels/.rels", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            .init("xl/workbook.xml", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets><sheet name="DPGF" sheetId="1" r:id="rId1"/></sheets>\
                <definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">DPGF!$A$1:$F$7</definedName></definedNames><calcPr calcId="191029"/></workbook>
                """),
            .init("xl/_rels/workbook.xml.rels", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
                <Relationship Id="rId3" Type="\(rel)/calcChain" Target="calcChain.xml"/><Relationship Id="rId4" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
                """),
            .init("xl/styles.xml", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="\(ns)"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>\
                <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
                <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
                """),
            .init("xl/sharedStrings.xml", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="\(ns)" count="6" uniqueCount="6"><si><t>Acheteur : {{ buyer }}</t></si>\
                <si><r><t>{%tr for l in </t></r><r><rPr><b/></rPr><t>lines %}</t></r></si><si><r><rPr><b/></rPr><t>{{ l.</t></r><r><t>name }}</t></r></si>\
                <si><t>\(loopEnd)</t></si><si><t>Total HT</t></si><si><t>Désignation</t></si></sst>
                """),
            .init("xl/worksheets/sheet1.xml", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\(ns)" xmlns:r="\(rel)"><dimension ref="A1:F7"/><sheetData>\
                <row r="1"><c r="A1" t="s"><v>0</v></c></row>\
                <row r="2"><c r="A2" t="s"><v>5</v></c>\(inline("B2", "Le {{ day }}"))\(inline("C2", "{{ day }}", style: 2))</row>\
                <row r="3"><c r="A3" t="s"><v>1</v></c></row>\
                <row r="4" ht="30" customHeight="1"><c r="A4" t="s"><v>2</v></c>\(inline("C4", "{{ l.qty }}", style: 1))\(inline("D4", "{{ l.price }}", style: 1))\
                <c r="E4" s="1"><f>C4*D4</f><v>0</v></c></row>\
                <row r="5"><c r="A5" t="s"><v>3</v></c></row>\
                <row r="7"><c r="A7" t="s"><v>4</v></c><c r="E7" s="1"><f>SUM(E4:E4)</f><v>0</v></c><c r="F7"><f>E7*1.2</f><v>0</v></c></row>\
                </sheetData><mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells>\
                <conditionalFormatting sqref="E4:E4"><cfRule type="cellIs" priority="1" operator="greaterThan"><formula>1000</formula></cfRule></conditionalFormatting></worksheet>
                """),
            .init("xl/calcChain.xml", text: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><calcChain xmlns="\(ns)"><c r="E4" i="1"/><c r="E7"/><c r="F7"/></calcChain>
                """),
        ])
    }

    static func data(_ count: Int) throws -> Value {
        let lines = (0..<count).map { "  - {name: \"Tâche \($0 + 1)\", qty: \($0 % 3 + 1), price: 1250.5}" }.joined(separator: "\n")
        return try DataLoader.parseYAML("buyer: Ville de Lyon\nday: 2026-01-15\nlines:" + (count == 0 ? " []" : "\n" + lines) + "\n")
    }

    static func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try ZipArchive(path: path).read(name), as: UTF8.self)
    }

    @Test func anExcelWorkbookIsFilled() throws {
        let dir = try TemporaryFolder()
        try Self.excelLike(at: dir.file("t.xlsx"))
        let template = try DocumentTemplate(path: dir.file("t.xlsx"))
        #expect(template.format == .xlsx)
        try template.render(try Self.data(2), to: dir.file("o.xlsx"))
        let sheet = try Self.part(dir.file("o.xlsx"), "xl/worksheets/sheet1.xml")
        // Text, a tag split across runs, a date as a serial number keeping its date format.
        #expect(sheet.contains("<t xml:space=\"preserve\">Acheteur : Ville de Lyon</t>"))
        #expect(sheet.contains("Tâche 1") && sheet.contains("Tâche 2"))
        #expect(sheet.contains("<c r=\"C2\" s=\"2\"><v>46037</v></c>"))
        #expect(sheet.contains("<t xml:space=\"preserve\">Le 2026-01-15</t>"))
        // Numbers typed, keeping their style; marker rows gone; each copy its own formula.
        #expect(sheet.contains("<c r=\"C3\" s=\"1\"><v>1</v></c>") && sheet.contains("<c r=\"D4\" s=\"1\"><v>1250.5</v></c>"))
        #expect(sheet.contains("<f>C3*D3</f>") && sheet.contains("<f>C4*D4</f>"))
        #expect(sheet.contains("<row r=\"4\" ht=\"30\" customHeight=\"1\">"))
        // The total below grows over the copies and moves up with the rows; cached values dropped.
        #expect(sheet.contains("<c r=\"E6\" s=\"1\"><f>SUM(E3:E4)</f></c><c r=\"F6\"><f>E6*1.2</f></c>"))
        #expect(!sheet.contains("<v>0</v>"))
        #expect(sheet.contains("<mergeCell ref=\"A3:B3\"/><mergeCell ref=\"A4:B4\"/>"))
        #expect(sheet.contains("<conditionalFormatting sqref=\"E3:E4\">"))
        #expect(sheet.contains("<dimension ref=\"A1:F6\"/>"))
        let workbook = try Self.part(dir.file("o.xlsx"), "xl/workbook.xml")
        #expect(workbook.contains("DPGF!$A$1:$F$6") && workbook.contains("fullCalcOnLoad=\"1\""))
        let archive = try ZipArchive(path: dir.file("o.xlsx"))
        #expect(!archive.contains("xl/calcChain.xml"))
        #expect(!(try Self.part(dir.file("o.xlsx"), "[Content_Types].xml")).contains("calcChain"))
        #expect(!(try Self.part(dir.file("o.xlsx"), "xl/_rels/workbook.xml.rels")).contains("calcChain"))
        // Untouched parts byte for byte.
        #expect(try archive.read("xl/styles.xml") == ZipArchive(path: dir.file("t.xlsx")).read("xl/styles.xml"))
        #expect(try archive.read("xl/sharedStrings.xml") == ZipArchive(path: dir.file("t.xlsx")).read("xl/sharedStrings.xml"))
    }

    @Test func zeroAndTwoThousandItems() throws {
        let dir = try TemporaryFolder()
        try Self.excelLike(at: dir.file("t.xlsx"))
        let template = try DocumentTemplate(path: dir.file("t.xlsx"))
        try template.render(try Self.data(0), to: dir.file("zero.xlsx"))
        let zero = try Self.part(dir.file("zero.xlsx"), "xl/worksheets/sheet1.xml")
        #expect(zero.contains("<c r=\"E4\" s=\"1\"><f>SUM(0)</f></c><c r=\"F4\"><f>E4*1.2</f></c>"))
        #expect(!zero.contains("mergeCell") && !zero.contains("conditionalFormatting"))
        try template.render(try Self.data(1), to: dir.file("one.xlsx"))
        #expect(try Self.part(dir.file("one.xlsx"), "xl/worksheets/sheet1.xml").contains("<f>SUM(E3:E3)</f>"))
        try template.render(try Self.data(2000), to: dir.file("many.xlsx"))
        let many = try Self.part(dir.file("many.xlsx"), "xl/worksheets/sheet1.xml")
        #expect(many.contains("<f>C2002*D2002</f>"))
        #expect(many.contains("<c r=\"E2004\" s=\"1\"><f>SUM(E3:E2002)</f></c>"))
        #expect(try Self.part(dir.file("many.xlsx"), "xl/workbook.xml").contains("DPGF!$A$1:$F$2004"))
    }

    @Test func errorsNameTheSheetAndTheCell() throws {
        let dir = try TemporaryFolder()
        try Self.excelLike(at: dir.file("t.xlsx"), loopEnd: "fin")
        let error = try thrown { try DocumentTemplate(path: dir.file("t.xlsx")) }
        #expect(error.status == .invalidInput)
        let place = error.diagnostics.first?.location
        #expect(place?.sheet == "DPGF" && place?.cell == "A3")
        #expect(place?.description(.french).contains("feuille DPGF, cellule A3") == true)
    }

    @Test(.needs(.tender)) func anUnclosedLoopExits65AndWritesNothing() throws {
        let dir = try TemporaryFolder()
        try Self.excelLike(at: dir.file("t.xlsx"), loopEnd: "fin")
        try "buyer: X\nlines: []\n".write(toFile: dir.file("d.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["render", dir.file("t.xlsx"), dir.file("d.yaml"), "-o", dir.file("o.xlsx")])
        #expect(run.status == 65)
        #expect(run.stderr.contains("DPGF") && run.stderr.contains("A3"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("o.xlsx")))
    }

    @Test func formulaReferencesFollowTheRows() {
        var layout = RowLayout(template: [(1, 1), (2, 1), (3, 1), (5, 1)])
        layout.place([1, 2, 2, 2, 5])                       // row 3 dropped, row 2 three times
        let rows: FormulaReferences.Rows = { t in layout.resolve(t, from: nil) }
        #expect(FormulaReferences.rewriteA1("SUM($B$2:B2)+LOG10(B5)+\"B2\"+'Prix HT'!C5", rows: rows) == "SUM($B$2:B4)+LOG10(B6)+\"B2\"+'Prix HT'!C6")
        // A range of no row is 0 as a whole argument of SUM; a lost cell, or a range elsewhere, fails.
        #expect(FormulaReferences.rewriteA1("SUM(B3:B3, B5)", rows: rows) == "SUM(0, B6)")
        #expect(FormulaReferences.rewriteA1("B3+SUM(B3:B3)", rows: rows) == nil)
        #expect(FormulaReferences.rewriteA1("COUNT(B3:B3)", rows: rows) == nil)
        #expect(FormulaReferences.rewriteA1("SUM(B3:B3*2)", rows: rows) == nil)
        #expect(FormulaReferences.rewriteODF("of:=SUM([.B3:.B3];1)", rows: rows) == "of:=SUM(0;1)")
        #expect(FormulaReferences.rewriteODF("of:=[.B3]", rows: rows) == nil)
        #expect(FormulaReferences.rewriteODF("of:=SUM([.B2:.B2])*[$'Feuille 1'.C5]", rows: rows) == "of:=SUM([.B2:.B4])*[$'Feuille 1'.C6]")
        #expect(FormulaReferences.shiftA1("C5*$D$5+E$1", rows: 2, columns: 1) == "D7*$D$5+F$1")
    }

    // MARK: Through LibreOffice

    /// Converts `path` with LibreOffice to `format` (`csv`, `xlsx`, `ods`) in `dir`; returns the new file.
    static func convert(_ path: String, to format: String, in dir: TemporaryFolder, into sub: String) throws -> String {
        let soffice = try Tool.path("soffice", of: .libreOffice)
        let out = dir.file(sub)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let filter = format == "csv" ? "csv:Text - txt - csv (StarCalc):44,34,76" : format
        let run = try CLI.runProgram(soffice, ["-env:UserInstallation=file://\(dir.path)/lo", "--headless", "--convert-to", filter,
                                               "--outdir", out, path])
        #expect(run.status == 0)
        return out + "/" + ((path as NSString).lastPathComponent as NSString).deletingPathExtension + "." + format
    }

    @Test(.needs(.libreOffice)) func libreOfficeComputesTheTotals() throws {
        let dir = try TemporaryFolder()
        try Self.excelLike(at: dir.file("t.xlsx"))
        // As written by Excel-like XML, as re-saved by LibreOffice, and as ODS.
        let resaved = try Self.convert(dir.file("t.xlsx"), to: "xlsx", in: dir, into: "resaved")
        let ods = try Self.convert(dir.file("t.xlsx"), to: "ods", in: dir, into: "ods")
        for (template, output) in [(dir.file("t.xlsx"), dir.file("a.xlsx")), (resaved, dir.file("b.xlsx")), (ods, dir.file("c.ods"))] {
            try DocumentTemplate(path: template).render(try Self.data(3), to: output)
        }
        let content = try Self.part(dir.file("c.ods"), "content.xml")
        #expect(content.contains("table:formula=\"of:=[.C5]*[.D5]\"") && content.contains("of:=SUM([.E3:.E5])"))
        #expect(content.contains("office:value-type=\"float\" calcext:value-type=\"float\" office:value=\"1250.5\""))
        #expect(!content.contains("tender-row"))
        #expect(content.contains("office:value-type=\"date\" calcext:value-type=\"date\" office:date-value=\"2026-01-15\""))
        // An ODS error names the sheet and the cell too (rows counted through LibreOffice's repeated rows).
        try Self.excelLike(at: dir.file("bad.xlsx"), loopEnd: "fin")
        let badODS = try Self.convert(dir.file("bad.xlsx"), to: "ods", in: dir, into: "bad")
        let error = try thrown { try DocumentTemplate(path: badODS) }
        #expect(error.diagnostics.first?.location?.sheet == "DPGF" && error.diagnostics.first?.location?.cell == "A3")
        // 1 + 2 + 3 days at 1 250,50: 7 503,00 HT, 9 003,60 with 20 %.
        for output in [dir.file("a.xlsx"), dir.file("b.xlsx"), dir.file("c.ods")] {
            let csv = try String(contentsOfFile: try Self.convert(output, to: "csv", in: dir, into: "csv-" + (output as NSString).lastPathComponent), encoding: .utf8)
            let total = csv.split(separator: "\n").first { $0.hasPrefix("Total HT") }.map(String.init) ?? ""
            #expect(total.contains("7503") || total.contains("7,503"), "\(output): \(csv)")
            #expect(total.contains("9003.6"), "\(output): \(csv)")
            #expect(csv.contains("Tâche 3"))
        }
    }

    /// The sample DPGF, built for an offer, shows in its PDF the totals `tender price` shows.
    @Test(.needs(.libreOffice, .poppler)) func theSampleDPGFShowsTheOffersTotals() throws {
        let pdftotext = try Tool.path("pdftotext", of: .poppler)
        let offer = try Offer.load(path: CLI.packageRoot + "/offers/cuf-dcol/offer.yaml")
        let pricing = OfferPricing(offer: offer)
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: pricing,
                                                 options: BuildOptions(outputFolder: dir.path, pdf: true, today: DateValue(iso: "2021-11-05")!))
        let dpgf = try #require(result.documents.first { $0.id == "dpgf" })
        #expect(dpgf.path.hasSuffix("04 DPGF.xlsx"))
        let pdf = (dpgf.path as NSString).deletingPathExtension + ".pdf"
        let text = try CLI.runProgram(pdftotext, ["-layout", pdf, "-"]).stdout
        func squeezed(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) }.map(Character.init)) }
        let lines = text.split(separator: "\n").map { squeezed(String($0)) }
        #expect(lines.contains { $0.hasPrefix("TotalHT") && $0.hasSuffix(squeezed(FrenchFormat.euros(pricing.all.netHT))) }, "\(text)")
        let vat = try #require(pricing.all.vat)
        #expect(lines.contains { $0.hasPrefix("TVA20%") && $0.hasSuffix(squeezed(FrenchFormat.euros(vat))) }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("TotalTTC") && $0.hasSuffix(squeezed(FrenchFormat.euros(pricing.all.ttc))) }, "\(text)")
        #expect(text.contains("Cités Unies France") && !text.contains("{{") && !text.contains("{%"))
    }
}

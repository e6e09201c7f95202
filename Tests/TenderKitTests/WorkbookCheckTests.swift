import Foundation
import Testing
@testable import TenderKit

/// `tender check` reads the workbooks it built once LibreOffice recalculated them: their totals
/// against `tender price`, their subtotals against their lines, their formula errors.
@Suite(.serialized, .inLanguage(.french)) struct WorkbookCheckTests {
    typealias Workspace = SubmissionFolderTests.Workspace

    /// The CUF offer with two tranches whose VAT, each rounded to the cent, adds up to a cent
    /// less than the VAT of their total: 820,02 € and 640,02 € HT, 164,004 € and 128,004 € of
    /// VAT, 164,00 + 128,00 = 292,00 €, where 20 % of 1 460,04 € is 292,008 €, rounded 292,01 €.
    /// Its documents are the DPGF, as XLSX and as ODS.
    static func centOffer() throws -> Workspace {
        let ws = try Workspace()
        try ws.edit { text in
            let start = text.range(of: "\ntranches:\n")!.lowerBound, end = text.range(of: "\nschedule:\n")!.lowerBound
            let tranches = """

                tranches:
                  - id: TF
                    kind: fixed
                    title: "Étude"
                    tasks:
                      - { title: "Analyse", days: { nadia-ferhat: 1 } }
                      - { title: "Frais de reprographie", amount: 100.02 }
                  - id: TO1
                    kind: optional
                    title: "Accompagnement"
                    tasks:
                      - { title: "Ateliers", days: { lucas-perrin: 1 } }
                      - { title: "Frais de déplacement", amount: 100.02 }

                """
            var out = text.replacingCharacters(in: start..<end, with: tranches)
            let documents = out.range(of: "\ndocuments:\n")!.upperBound
            let after = out[documents...].range(of: "\n\n")!.lowerBound
            out.replaceSubrange(documents..<after, with: """
                  - { id: dpgf, template: ../../templates/dpgf.xlsx, output: "04 DPGF.xlsx" }
                  - { id: dpgf-ods, template: ../../templates/dpgf.ods, output: "05 DPGF.ods" }
                """)
            return out
        }
        return ws
    }

    /// A workbook as `tender check` inspects it after rendering: its sheets read back through LibreOffice.
    static func inspected(_ path: String, id: String) throws -> InspectedDocument {
        let sheets = try #require(try LibreOffice.sheetsAsCSV([path]).first).map { SheetValues(name: $0.sheet, csv: $0.csv) }
        return InspectedDocument(id: id, member: nil, path: path, pdf: nil, pages: nil, pageTexts: nil,
                                 paragraphs: try DocumentText.paragraphs(of: path), workbook: true, sheets: sheets)
    }

    /// The figure of the row labelled `label`, as shown, and its cell.
    static func figure(_ doc: InspectedDocument, _ label: String) -> (value: Decimal, cell: String)? {
        WorkbookFigures(doc.sheets ?? []).rows.first { $0.label == label }.flatMap { row in
            row.figure.map { ($0.value, row.cellName!) }
        }
    }

    static func built(_ ws: Workspace) throws -> (offer: Offer, pricing: OfferPricing, paths: [String]) {
        let result = try ws.build()
        let offer = try Offer.load(path: ws.offerFile)
        return (offer, OfferPricing(offer: offer), result.documents.map(\.path))
    }

    @Test(.needs(.libreOffice)) func theDPGFsVATIsTenderPricesToTheCent() throws {
        let ws = try Self.centOffer()
        let (offer, pricing, paths) = try Self.built(ws)
        // The two ways of computing the VAT differ here by a cent: tender price rounds per tranche.
        let vat = try #require(pricing.all.vat)
        #expect(vat == Decimal(string: "292.00")!)
        #expect((pricing.all.netHT * Decimal(string: "0.2")!).roundedHalfUp(2) == Decimal(string: "292.01")!)
        #expect(pricing.all.ttc == Decimal(string: "1752.04")!)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["04 DPGF.xlsx", "05 DPGF.ods"])
        var documents: [InspectedDocument] = []
        for (path, id) in zip(paths, ["dpgf", "dpgf-ods"]) {
            let doc = try Self.inspected(path, id: id)
            documents.append(doc)
            #expect(Self.figure(doc, "TVA 20\u{00A0}%")?.value == vat, "\(path)")
            #expect(Self.figure(doc, "Total TTC")?.value == pricing.all.ttc, "\(path)")
            #expect(Self.figure(doc, "Total HT")?.value == pricing.all.netHT, "\(path)")
            #expect(Self.figure(doc, "TVA 20\u{00A0}% — tranche ferme TF")?.value == pricing.tranches[0].totals.vat, "\(path)")
            #expect(Self.figure(doc, "TVA 20\u{00A0}% — tranche optionnelle TO1")?.value == pricing.tranches[1].totals.vat, "\(path)")
            #expect(Self.figure(doc, "Sous-total tranche optionnelle TO1")?.value == Decimal(string: "640.02")!, "\(path)")
        }
        // The check agrees: every total of both workbooks is tender price's, every subtotal the sum of its lines.
        let report = evaluate(offer, documents: documents, render: .rendered)
        #expect(report.findings("totals", .error).isEmpty && report.findings("tables", .error).isEmpty,
                "\(report.findings.map(\.message))")
        let matched = report.findings("totals", .info).map(\.message).filter { $0.contains("classeur recalculé") }
        #expect(matched.count == 2, "\(matched)")
        #expect(matched.allSatisfy { $0.contains("7 totaux du classeur recalculé par LibreOffice correspondent à tender price")
            && $0.contains("TVA 20\u{00A0}% 292,00\u{00A0}€") && $0.contains("Total TTC 1\u{202F}752,04\u{00A0}€") }, "\(matched)")
    }

    /// The built XLSX with `change` made to its sheet's XML.
    static func planted(_ path: String, as name: String, _ change: (String) -> String) throws -> String {
        let source = try ZipArchive(path: path)
        let sheet = String(decoding: try source.read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        let changed = change(sheet)
        #expect(changed != sheet)
        let output = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        try ArchiveWriter.write(to: output, from: source, replacing: ["xl/worksheets/sheet1.xml": Array(changed.utf8)])
        return output
    }

    /// The cell whose formula is `formula` in the sheet's XML (`F21`).
    static func cell(holding formula: String, in path: String) throws -> String {
        let sheet = String(decoding: try ZipArchive(path: path).read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        let match = try #require(sheet.firstMatch(of: try Regex(#"<c r="([A-Z]+\d+)"[^>]*><f>"# + NSRegularExpression.escapedPattern(for: formula) + "</f>")))
        return String(match.output[1].substring!)
    }

    @Test(.needs(.libreOffice)) func aWrongTotalOrAFormulaErrorIsFoundInItsCell() throws {
        let ws = try Self.centOffer()
        let (offer, _, paths) = try Self.built(ws)
        let xlsx = paths[0]
        let sheet = String(decoding: try ZipArchive(path: xlsx).read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        // The TTC's formula (`F36+F38`) made to add a cent; a subtotal made to forget its last line;
        // the VAT of the first tranche made to refer to a row that is gone.
        let ttc = try #require(sheet.firstMatch(of: #/<f>(F\d+\+F\d+)</f>/#)).output.1
        let ttcCell = try Self.cell(holding: String(ttc), in: xlsx)
        let subtotal = try #require(sheet.firstMatch(of: #/<f>SUM\(E(\d+):E(\d+)\)</f>/#))
        let subtotalCell = try Self.cell(holding: String(subtotal.output.0.dropFirst(3).dropLast(4)), in: xlsx)
        let vatFormula = try #require(sheet.firstMatch(of: #/<f>(ROUND\(SUM\(F\d+:F\d+\)\*D\d+,2\))</f>/#)).output.1
        let vatCell = try Self.cell(holding: String(vatFormula), in: xlsx)

        let wrongTTC = try Self.planted(xlsx, as: "ttc.xlsx") { $0.replacingOccurrences(of: "<f>\(ttc)</f>", with: "<f>\(ttc)+0.01</f>") }
        let lastLine = Int(subtotal.output.2)!
        let shortSum = try Self.planted(xlsx, as: "sum.xlsx") {
            $0.replacingOccurrences(of: String(subtotal.output.0), with: "<f>SUM(E\(subtotal.output.1):E\(lastLine - 1))</f>")
        }
        let broken = try Self.planted(xlsx, as: "ref.xlsx") { $0.replacingOccurrences(of: "<f>\(vatFormula)</f>", with: "<f>ROUND(#REF!*D2,2)</f>") }

        let report = evaluate(offer, documents: try [(wrongTTC, "a"), (shortSum, "b"), (broken, "c")].map { try Self.inspected($0, id: $1) },
                              render: .rendered)
        let totals = report.findings("totals", .error)
        // The TTC one cent over, in its cell, with what tender price counts.
        let overTTC = try #require(totals.first { $0.message.hasPrefix("ttc.xlsx, feuille DPGF, cellule \(ttcCell) (« Total TTC »)") },
                                   "\(totals.map(\.message))")
        #expect(overTTC.message.contains("le classeur recalculé par LibreOffice affiche 1\u{202F}752,05\u{00A0}€, tender price compte 1\u{202F}752,04\u{00A0}€"))
        #expect(overTTC.location?.sheet == "DPGF" && overTTC.location?.cell == ttcCell)
        #expect(overTTC.measured == "1\u{202F}752,05\u{00A0}€" && overTTC.limit == "1\u{202F}752,04\u{00A0}€")
        // The subtotal that forgets a line: against its lines (tables) and against tender price (totals).
        let tables = report.findings("tables", .error)
        let short = try #require(tables.first { $0.message.hasPrefix("sum.xlsx, feuille DPGF, cellule \(subtotalCell) (« Sous-total tranche ferme TF »)") },
                                 "\(tables.map(\.message))")
        #expect(short.message.contains("le total imprimé 720,00\u{00A0}€ n’est pas la somme des lignes, 820,02\u{00A0}€"), "\(short.message)")
        #expect(short.location?.cell == subtotalCell)
        #expect(totals.contains { $0.message.hasPrefix("sum.xlsx, feuille DPGF, cellule \(subtotalCell)") })
        // The reference to a row that is gone: #REF! in its cell (and the totals that depend on it).
        let ref = try #require(totals.first { $0.message.hasPrefix("ref.xlsx, feuille DPGF, cellule \(vatCell) :") }, "\(totals.map(\.message))")
        #expect(ref.message.contains("la cellule affiche #REF! une fois le classeur recalculé"), "\(ref.message)")
        #expect(ref.location?.sheet == "DPGF" && ref.location?.cell == vatCell)
        #expect(report.status("totals") == .failed && report.status("tables") == .failed)
    }

    @Test(.needs(.libreOffice)) func theSampleDPGFPassesAndANotRecalculatedOneSaysSo() throws {
        let offer = try Offer.load(path: CLI.packageRoot + "/offers/cuf-dcol/offer.yaml")
        let pricing = OfferPricing(offer: offer)
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: pricing,
                                                 options: BuildOptions(outputFolder: dir.path, today: DateValue(iso: "2021-11-05")!))
        let path = try #require(result.documents.first { $0.id == "dpgf" }).path
        let doc = try Self.inspected(path, id: "dpgf")
        let report = evaluate(offer, documents: [doc], render: .rendered)
        #expect(report.findings("totals", .error).isEmpty && report.findings("tables", .error).isEmpty, "\(report.findings.map(\.message))")
        #expect(report.findings("totals", .info).contains { $0.message.contains("04 DPGF.xlsx : 5 totaux du classeur recalculé par LibreOffice correspondent à tender price") })
        // Without rendering nothing is recalculated: the check says so rather than passing in silence.
        var unread = doc
        unread.sheets = nil
        let notRendered = evaluate(offer, documents: [unread], render: .notRequested)
        #expect(notRendered.findings("totals", .info).contains { $0.message.contains("04 DPGF.xlsx : classeur non recalculé (--no-render)") })
        // A workbook LibreOffice could not read: a warning.
        unread.sheetsProblem = "aucune feuille exportée"
        let failed = evaluate(offer, documents: [unread], render: .rendered)
        #expect(failed.findings("totals", .warning).contains { $0.message.contains("LibreOffice n’a pas recalculé le classeur (aucune feuille exportée)") })
        // A workbook without the offer's labels: its totals are not found, which is a warning.
        let bare = InspectedDocument(id: "dpgf", member: nil, path: path, pdf: nil, pages: nil, pageTexts: nil, paragraphs: [], workbook: true,
                                     sheets: [SheetValues(name: "Feuille1", rows: [["Montant", "12,00 €"]])])
        let noTotals = evaluate(offer, documents: [bare], render: .rendered)
        #expect(noTotals.findings("totals", .warning).contains { $0.message.contains("aucun total trouvé dans le classeur recalculé") })
    }

    /// The ivd-resilience offer (four tranches, tasks of several lines, an item or a lump sum in
    /// some, a mécénat in each) with the DPGF as XLSX and as ODS: from the second tranche on, a
    /// row an earlier tranche kept (a lump sum) and this one drops must close up, or the ODS's
    /// formulas point a row too far (and the XLSX gains blank rows).
    /// The ivd-resilience offer whose documents are the DPGF as XLSX and as ODS, built (with their PDFs when `pdf`).
    static func fourTranches(pdf: Bool = false) throws -> (dir: TemporaryFolder, offer: Offer, pricing: OfferPricing, result: BuildResult) {
        let dir = try TemporaryFolder()
        let root = CLI.packageRoot, fm = FileManager.default
        try fm.copyItem(atPath: root + "/offers", toPath: dir.file("offers"))
        try fm.copyItem(atPath: root + "/templates", toPath: dir.file("templates"))
        let offerFile = dir.file("offers/ivd-resilience/offer.yaml")
        let text = try String(contentsOfFile: offerFile, encoding: .utf8)
        let documents = try #require(text.range(of: "\ndocuments:\n")).upperBound
        let after = try #require(text[documents...].range(of: "\n\n")).lowerBound
        try text.replacingCharacters(in: documents..<after, with: """
              - { id: dpgf, template: ../../templates/dpgf.xlsx, output: "04 DPGF.xlsx" }
              - { id: dpgf-ods, template: ../../templates/dpgf.ods, output: "05 DPGF.ods" }
            """).write(toFile: offerFile, atomically: true, encoding: .utf8)
        let offer = try Offer.load(path: offerFile)
        let pricing = OfferPricing(offer: offer)
        let result = try SubmissionBuilder.build(offer, pricing: pricing, options: BuildOptions(outputFolder: dir.file("build"), pdf: pdf,
                                                                                                today: SubmissionFolderTests.today))
        return (dir, offer, pricing, result)
    }

    @Test(.needs(.libreOffice)) func theFourTrancheDPGFPassesInBothFormats() throws {
        let built = try Self.fourTranches()
        defer { withExtendedLifetime(built.dir) {} }
        let (offer, pricing, result) = (built.offer, built.pricing, built.result)
        #expect(pricing.tranches.count == 4)
        let paths = result.documents.map(\.path)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["04 DPGF.xlsx", "05 DPGF.ods"])
        var inspected: [InspectedDocument] = []
        for (path, id) in zip(paths, ["dpgf", "dpgf-ods"]) {
            let doc = try Self.inspected(path, id: id)
            inspected.append(doc)
            // Every tranche's subtotal and VAT as tender price counts them, then the totals.
            for t in pricing.tranches {
                let kind = t.kind == .fixed ? "tranche ferme" : "tranche optionnelle"
                #expect(Self.figure(doc, "Sous-total \(kind) \(t.id)")?.value == t.totals.ht, "\(path) \(t.id)")
                #expect(Self.figure(doc, "TVA 20\u{00A0}% — \(kind) \(t.id)")?.value == t.totals.vat, "\(path) \(t.id)")
            }
            #expect(Self.figure(doc, "Total HT")?.value == pricing.all.ht, "\(path)")
            #expect(Self.figure(doc, "Net HT")?.value == pricing.all.netHT, "\(path)")
            #expect(Self.figure(doc, "Total TTC")?.value == pricing.all.ttc, "\(path)")
            #expect(WorkbookFigures.errors(doc.sheets ?? []).isEmpty, "\(path)")
        }
        let report = evaluate(offer, documents: inspected, render: .rendered)
        #expect(report.findings("totals", .error).isEmpty && report.findings("tables", .error).isEmpty,
                "\(report.findings.map(\.message))")
        let matched = report.findings("totals", .info).map(\.message).filter { $0.contains("classeur recalculé") }
        #expect(matched.count == 2 && matched.allSatisfy { $0.contains("12 totaux du classeur recalculé par LibreOffice correspondent à tender price") },
                "\(matched)")
        // The XLSX has no blank row between a tranche's last line and its subtotal: its rows follow each other.
        let sheet = String(decoding: try ZipArchive(path: paths[0]).read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        let numbers = sheet.matches(of: #/<row r="(\d+)"/#).map { Int($0.output.1)! }
        let lines = try #require(numbers.firstIndex(of: 8))
        let total = try #require(Self.figure(inspected[0], "Total HT").flatMap { Int($0.cell.dropFirst()) })
        let last = total - 2                                 // the template's empty row before the totals stays
        #expect(Array(numbers[lines...].prefix { $0 <= last }) == Array(8...last))
    }

    /// The DPGF's long designations wrap and their rows grow on the PDF page, in XLSX and ODS:
    /// no word is drawn over another (a clipped designation runs under the next column, a
    /// wrapped one in a row of fixed height over the row below).
    @Test(.needs(.libreOffice, .poppler)) func theDPGFsLongDesignationsWrapOnThePage() throws {
        let built = try Self.fourTranches(pdf: true)
        defer { withExtendedLifetime(built.dir) {} }
        let result = built.result
        let pdfs = result.documents.compactMap(\.pdf)
        #expect(pdfs.count == 2, "\(pdfs)")
        let pdftotext = try Tool.path("pdftotext", of: .poppler)
        for pdf in pdfs {
            let boxes = try CLI.runProgram(pdftotext, ["-bbox", pdf, "-"]).stdout
            var overlaps: [String] = []
            for page in boxes.components(separatedBy: "<page ").dropFirst() {
                let words = page.matches(of: #/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>/#).map {
                    (x0: Double($0.output.1)!, y0: Double($0.output.2)!, x1: Double($0.output.3)!, y1: Double($0.output.4)!, text: String($0.output.5))
                }
                for (i, a) in words.enumerated() {
                    for b in words[(i + 1)...] {
                        let across = min(a.x1, b.x1) - max(a.x0, b.x0), down = min(a.y1, b.y1) - max(a.y0, b.y0)
                        if across > 1 && down > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0) { overlaps.append("\(a.text) / \(b.text)") }
                    }
                }
            }
            #expect(overlaps.isEmpty, "\(pdf): \(overlaps.prefix(5))")
        }
    }

    /// Issue 16: a check with rendering starts LibreOffice once for all it asks of it: the PDFs
    /// (the mémoire's table of contents updated by the macro), the DPGF's row heights and its
    /// recalculated sheets. It was started three times (conversion, macro, CSV export).
    @Test(.needs(.libreOffice, .poppler)) func checkStartsLibreOfficeOnceForPDFsAndSheets() throws {
        let dir = try TemporaryFolder()
        let soffice = try #require(CLI.which("soffice"))
        let tools = try FakeTools(dir, scripts: ["soffice": "echo start >> \"$LOG\"\nexec \(soffice) \"$@\""])
        let log = dir.file("starts.log")
        let result = try tools.run(["check", CLI.packageRoot + "/offers/cuf-dcol", "--as-of", "2021-11-05T09:00:00+01:00"], environment: ["LOG": log])
        #expect(result.stdout.contains("5 totaux du classeur recalculé par LibreOffice correspondent à tender price"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("totals") && !result.stdout.contains("non recalculé"), "\(result.stdout)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "start\n")
    }

    @Test func csvAsCalcWritesIt() {
        let rows = SheetValues.parse("a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",,x\r\nlast")
        #expect(rows == [["a", "b, c", "say \"hi\""], ["two\nlines", "", "x"], ["last"]])
        #expect(SheetValues.cellName(row: 11, column: 5) == "F12")
        #expect(WorkbookFigures.errors([SheetValues(name: "S", rows: [["1", "#REF!"], ["Err:502", "#DIV/0!", "#NAME?", "x #REF!"]])]).map(\.cell)
                == ["B1", "A2", "B2", "C2"])
    }
}

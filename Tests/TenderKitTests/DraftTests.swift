import Foundation
import Testing
@testable import TenderKit

@Suite(.serialized, .inLanguage(.french)) struct DraftAnnotatorTests {
    static let comments = [
        ReviewComment(anchor: "Total: 9 900,00 €", text: "budget : 9 900,00 € TTC pour un plafond de 10 000,00 €"),
        ReviewComment(anchor: nil, text: "échéance dans 2 jours"),
    ]

    func built(_ format: String) throws -> (TemporaryFolder, String) {
        let dir = try TemporaryFolder()
        let path = dir.file("t.\(format)")
        if format == "docx" {
            try DocxFixture.make(at: path, body: p(r("Introduction")) + p(r("Total: 9 900,00 €")) + p(r("Fin")))
        } else {
            try OdtFile.zip(path, OdtFile.entries(content: OdtWriter.content([para("Introduction"), para("Total: 9 900,00 €"), para("Fin")]), tagged: false))
        }
        return (dir, path)
    }

    @Test(.needs(.libreOffice), arguments: ["docx", "odt"]) func commentsAndMarkAreWhereTheyBelong(_ format: String) throws {
        let (dir, path) = try built(format)
        try DraftAnnotator.annotate(path, mark: "PROJET — 5 novembre 2021", comments: Self.comments,
                                    date: DateValue(iso: "2021-11-05")!)
        let texts = try DocumentText.paragraphs(of: path)
        let main = format == "docx" ? "word/document.xml" : "content.xml"
        #expect(texts.contains { $0.text == "PROJET — 5 novembre 2021" && $0.part != main })
        #expect(!texts.contains { $0.text.contains("PROJET") && $0.part == main })
        // LibreOffice reads the comments back, at the right paragraphs.
        let soffice = try Tool.path("soffice", of: .libreOffice)
        let target = format == "docx" ? "odt" : "docx"
        let r = try CLI.runProgram(soffice, ["-env:UserInstallation=file://\(dir.path)/lo", "--headless", "--convert-to", target, "--outdir", dir.file("out"), path])
        #expect(r.status == 0)
        let converted = dir.file("out/t.\(target)")
        let archive = try ZipArchive(path: converted)
        if target == "odt" {
            let content = String(decoding: try archive.read("content.xml"), as: UTF8.self)
            let total = try #require(content.range(of: "Total: 9"))
            let budget = try #require(content.range(of: "budget : 9"))
            let intro = try #require(content.range(of: ">Introduction<"))
            let deadline = try #require(content.range(of: "échéance dans 2 jours"))
            #expect(content.components(separatedBy: "<office:annotation ").count + content.components(separatedBy: "<office:annotation>").count - 2 == 2)
            #expect(budget.lowerBound > intro.upperBound && budget.lowerBound < total.lowerBound)
            #expect(deadline.lowerBound < intro.lowerBound)
            let styles = String(decoding: try archive.read("styles.xml"), as: UTF8.self)
            #expect(styles.contains("PROJET — 5 novembre 2021"))
        } else {
            let comments = String(decoding: try archive.read("word/comments.xml"), as: UTF8.self)
            #expect(comments.contains("budget : 9 900,00 € TTC"))
            #expect(comments.contains("échéance dans 2 jours"))
            let body = String(decoding: try archive.read("word/document.xml"), as: UTF8.self)
            #expect(body.components(separatedBy: "commentReference").count - 1 == 2)
        }
    }
}

/// The checks and the drafts read a paragraph with the same reader: an anchor taken from a
/// check's text (three spaces of `text:s c=3`, a tab) finds its paragraph in the draft.
@Suite(.inLanguage(.french)) struct OneParagraphReaderTests {
    @Test func checksAndDraftsReadSpacesAndTabsAlike() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.odt")
        let content = OdtWriter.content([para("Introduction"), para("MARKER")])
            .replacingOccurrences(of: "MARKER", with: "Total<text:s text:c=\"3\"/>HT<text:tab/>9 900,00 €")
        try OdtFile.zip(path, OdtFile.entries(content: content, tagged: false))
        let read = try DocumentText.paragraphs(of: path).filter { $0.part == "content.xml" }.map(\.text)
        #expect(read.contains("Total   HT\t9 900,00 €"))
        try DraftAnnotator.annotate(path, mark: nil, comments: [ReviewComment(anchor: "Total   HT\t9 900", text: "à revoir")],
                                    date: DateValue(year: 2021, month: 11, day: 5))
        let xml = String(decoding: try ZipArchive(path: path).read("content.xml"), as: UTF8.self)
        let note = try #require(xml.range(of: "à revoir"))
        let intro = try #require(xml.range(of: ">Introduction<"))
        let total = try #require(xml.range(of: ">Total<"))
        #expect(note.lowerBound > intro.upperBound && note.lowerBound < total.lowerBound)
    }
}

@Suite(.inLanguage(.french)) struct DraftBuildTests {
    @Test func aDraftIsMarkedAndAFinalBuildIsNot() throws {
        let offer = try Offer.load(path: CLI.packageRoot + "/offers/cuf-dcol/offer.yaml")
        let pricing = OfferPricing(offer: offer)
        let dir = try TemporaryFolder()
        let today = DateValue(iso: "2021-11-05")!
        let draft = try SubmissionBuilder.build(offer, pricing: pricing, options: BuildOptions(outputFolder: dir.file("draft"), draft: true, today: today))
        let final = try SubmissionBuilder.build(offer, pricing: pricing, options: BuildOptions(outputFolder: dir.file("final"), today: today))
        for doc in draft.documents where doc.id != "dpgf" {
            #expect(try DocumentText.paragraphs(of: doc.path).contains { $0.text == "PROJET — 5 novembre 2021" }, "\(doc.path)")
        }
        // The buyer's workbook: the mark is in the printed page header of its sheet.
        let dpgf = try #require(draft.documents.first { $0.id == "dpgf" })
        let sheet = String(decoding: try ZipArchive(path: dpgf.path).read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains("<headerFooter><oddHeader>&amp;C&amp;\"-,Bold\"PROJET — 5 novembre 2021</oddHeader></headerFooter>"))
        for doc in final.documents {
            let archive = try ZipArchive(path: doc.path)
            #expect(!(try DocumentText.plainText(of: doc.path)).contains("PROJET"))
            #expect(!archive.contains("word/comments.xml"))
            #expect(!archive.entryNames.contains { $0.contains("headerdraft") })
        }
    }
}

@Suite(.serialized, .inLanguage(.french)) struct DraftReviewTests {
    /// A copy of the CUF offer whose cap is lowered to 9 800 € TTC: the budget rule fails.
    func overBudgetOffer(_ dir: TemporaryFolder) throws -> String {
        let root = CLI.packageRoot
        try FileManager.default.createDirectory(atPath: dir.file("offers"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/offers/team", toPath: dir.file("offers/team"))
        try FileManager.default.copyItem(atPath: root + "/offers/bidder.yaml", toPath: dir.file("offers/bidder.yaml"))
        try FileManager.default.copyItem(atPath: root + "/offers/library", toPath: dir.file("offers/library"))
        try FileManager.default.copyItem(atPath: root + "/offers/cuf-dcol", toPath: dir.file("offers/cuf-dcol"))
        try FileManager.default.copyItem(atPath: root + "/templates", toPath: dir.file("templates"))
        let path = dir.file("offers/cuf-dcol/offer.yaml")
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(yaml.range(of: #"max: 10000"#))
        yaml.replaceSubrange(range, with: "max: 9800")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.needs(.libreOffice)) func findingsBecomeCommentsAtTheirParagraphsAndReviewMdSumsUp() throws {
        let dir = try TemporaryFolder()
        let offer = try Offer.load(path: try overBudgetOffer(dir))
        let pricing = OfferPricing(offer: offer)
        let today = DateValue(iso: "2021-11-05")!
        let options = BuildOptions(outputFolder: dir.file("draft"), pdf: true, draft: true, today: today)
        let build = try SubmissionBuilder.build(offer, pricing: pricing, options: options)
        let outcome = try DraftReview.finish(build, offer: offer, pricing: pricing, folder: dir.file("draft"),
                                             asOf: DateValue(iso: "2021-11-05T12:00+01:00")!, today: today)
        #expect(outcome.report.errors >= 1)
        #expect(outcome.comments >= 2)   // the budget error and the deadline warning
        let memoire = try #require(build.documents.first { $0.id == "memoire" }?.path)
        let archive = try ZipArchive(path: memoire)
        let comments = String(decoding: try archive.read("word/comments.xml"), as: UTF8.self)
        #expect(comments.contains("ERREUR [budget]"))
        // The budget comment is anchored at a paragraph that prints the TTC total.
        let xml = String(decoding: try archive.read("word/document.xml"), as: UTF8.self)
        let budgetId = try #require(comments.components(separatedBy: "<w:comment ").first { $0.contains("[budget]") }?
            .components(separatedBy: "w:id=\"").dropFirst().first?.prefix { $0 != "\"" })
        let paragraphs = xml.components(separatedBy: "<w:p>") + xml.components(separatedBy: "<w:p ")
        let anchored = try #require(paragraphs.first { $0.contains("<w:commentReference w:id=\"\(budgetId)\"/>") })
        #expect(paragraphTexts("<w:document xmlns:w=\"\(Namespaces.w[0])\"><w:body><w:p>" + anchored.components(separatedBy: "</w:p>")[0] + "</w:p></w:body></w:document>")
            .joined().contains("9\u{202F}900,00\u{00A0}€"))
        let review = try String(contentsOfFile: outcome.reviewFile, encoding: .utf8)
        #expect(review.contains("## Montants"))
        #expect(review.contains("| Nadia Ferhat | Consultant·e senior | 6 | 720,00\u{00A0}€ | 4\u{202F}320,00\u{00A0}€ |"))
        #expect(review.contains("❌ erreur — `budget`"))
        // Each passing rule with its measure.
        #expect(review.contains("- ✅ `pages` : Limites de pages — 12 pages utilisées sur 20 pages (reste 8)"))
    }
}

import Foundation
import Testing
@testable import TenderKit

@Suite(.serialized) struct DraftAnnotatorTests {
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

    @Test(arguments: ["docx", "odt"]) func commentsAndMarkAreWhereTheyBelong(_ format: String) throws {
        let (dir, path) = try built(format)
        try DraftAnnotator.annotate(path, mark: "PROJET — 5 novembre 2021", comments: Self.comments,
                                    date: DateValue(iso: "2021-11-05")!)
        let texts = try DocumentText.paragraphs(of: path)
        let main = format == "docx" ? "word/document.xml" : "content.xml"
        #expect(texts.contains { $0.text == "PROJET — 5 novembre 2021" && $0.part != main })
        #expect(!texts.contains { $0.text.contains("PROJET") && $0.part == main })
        // LibreOffice reads the comments back, at the right paragraphs.
        guard let soffice = CLI.which("soffice") else { print("skipped: soffice not installed"); return }
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

@Suite struct DraftBuildTests {
    @Test func aDraftIsMarkedAndAFinalBuildIsNot() throws {
        let offer = try Offer.load(path: CLI.packageRoot + "/offers/cuf-dcol/offer.yaml")
        let pricing = OfferPricing(offer: offer)
        let dir = try TemporaryFolder()
        let today = DateValue(iso: "2021-11-05")!
        let draft = try SubmissionBuilder.build(offer, pricing: pricing, options: BuildOptions(outputFolder: dir.file("draft"), draft: true, today: today))
        let final = try SubmissionBuilder.build(offer, pricing: pricing, options: BuildOptions(outputFolder: dir.file("final"), today: today))
        for doc in draft.documents {
            #expect(try DocumentText.paragraphs(of: doc.path).contains { $0.text == "PROJET — 5 novembre 2021" }, "\(doc.path)")
        }
        for doc in final.documents {
            let archive = try ZipArchive(path: doc.path)
            #expect(!(try DocumentText.plainText(of: doc.path)).contains("PROJET"))
            #expect(!archive.contains("word/comments.xml"))
            #expect(!archive.entryNames.contains { $0.contains("headerdraft") })
        }
    }
}

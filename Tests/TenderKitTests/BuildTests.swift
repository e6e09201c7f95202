import Foundation
import Testing
@testable import TenderKit

/// Builds the four sample offers for real: their totals, their files, their pages.
@Suite(.serialized, .inLanguage(.french)) struct SampleOfferBuildTests {
    static let offers = CLI.packageRoot + "/offers"

    struct Expected: Sendable, CustomStringConvertible {
        var name: String
        var today: String
        var netHT: String
        var ttc: String
        var documents: Int
        var format: String
        /// Pages of the mémoire and of the price schedule, as LibreOffice renders them here.
        var memoirePages: Int
        var schedulePages: Int
        var description: String { name }
    }

    // Totals computed by hand in each offer's header comment.
    static let cases: [Expected] = [
        Expected(name: "cuf-dcol", today: "2021-11-05", netHT: "8250.00", ttc: "9900.00", documents: 6, format: "docx", memoirePages: 7, schedulePages: 2),
        Expected(name: "ivd-resilience", today: "2018-01-10", netHT: "73580.00", ttc: "88296.00", documents: 6, format: "docx", memoirePages: 11, schedulePages: 5),
        Expected(name: "cerdd-efc", today: "2018-11-26", netHT: "52135.00", ttc: "62562.00", documents: 6, format: "docx", memoirePages: 11, schedulePages: 4),
        Expected(name: "aupa-prospective", today: "2019-01-30", netHT: "67810.00", ttc: "81372.00", documents: 6, format: "odt", memoirePages: 11, schedulePages: 4),
    ]

    @Test(arguments: cases) func totalsMatchTheHandComputedOnes(_ c: Expected) throws {
        let offer = try Offer.load(path: "\(Self.offers)/\(c.name)/offer.yaml")
        let pricing = OfferPricing(offer: offer)
        #expect(pricing.all.netHT == Decimal(exactly: c.netHT)!)
        #expect(pricing.all.ttc == Decimal(exactly: c.ttc)!)
        // The overall total is the sum of the tranche totals.
        #expect(pricing.tranches.map(\.totals.ttc).reduce(0, +) == pricing.all.ttc)
    }

    @Test(arguments: cases) func buildsEveryDocumentDeterministically(_ c: Expected) throws {
        let offer = try Offer.load(path: "\(Self.offers)/\(c.name)/offer.yaml")
        let pricing = OfferPricing(offer: offer)
        let dir = try TemporaryFolder()
        let options = BuildOptions(outputFolder: dir.file("a"), today: DateValue(iso: c.today)!)
        let first = try SubmissionBuilder.build(offer, pricing: pricing, options: options)
        #expect(first.documents.count == c.documents)
        // Besides its documents, cuf-dcol fills the buyer's DPGF workbook.
        #expect(first.documents.filter { $0.id != "dpgf" }.allSatisfy { $0.path.hasSuffix("." + c.format) })
        #expect(first.documents.filter { $0.member != nil }.count == offer.team.count)
        var again = options
        again.outputFolder = dir.file("b")
        let second = try SubmissionBuilder.build(offer, pricing: pricing, options: again)
        for (a, b) in zip(first.documents, second.documents) {
            #expect(FileManager.default.contents(atPath: a.path) == FileManager.default.contents(atPath: b.path), "\(a.path)")
        }
        // The templates' tags are all gone, the totals are printed.
        let memoire = try #require(first.documents.first { $0.id == "memoire" })
        let text = try DocumentText.plainText(of: memoire.path)
        #expect(!text.contains("{{") && !text.contains("{%"))
        #expect(text.contains(FrenchFormat.euros(pricing.all.ttc)))
        #expect(text.contains(FrenchTypography.apply(offer.tender.title)))
    }

    @Test(.needs(.libreOffice, .poppler), arguments: cases) func pageCountsOfEverySampleSubmission(_ c: Expected) throws {
        let offer = try Offer.load(path: "\(Self.offers)/\(c.name)/offer.yaml")
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.path, pdf: true, merge: true,
                                                                       today: DateValue(iso: c.today)!))
        #expect(result.documents.first { $0.id == "memoire" }?.pages == c.memoirePages)
        #expect(result.documents.first { $0.id == "annexes" }?.pages == c.schedulePages)
        for cv in result.documents where cv.member != nil { #expect(cv.pages == 1, "\(cv.path)") }
        #expect(try PDF.pageCount(try #require(result.merged)) == result.documents.compactMap(\.pages).reduce(0, +))
    }

    @Test(.needs(.libreOffice, .poppler)) func cufSubmissionFitsTheCallsLimits() throws {
        let offer = try Offer.load(path: "\(Self.offers)/cuf-dcol/offer.yaml")
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.path, pdf: true, merge: true,
                                                                       today: DateValue(iso: "2021-11-05")!))
        let pages = result.documents.compactMap(\.pages)
        #expect(pages.count == 6)  // memoire, two CVs, annexes, the buyer's DPGF, the compliance matrix
        // At most 20 pages, annexes (the compliance matrix among them) included; CVs one page each.
        #expect(pages.reduce(0, +) <= 20)
        for cv in result.documents where cv.member != nil { #expect(cv.pages == 1, "\(cv.path)") }
        let merged = try #require(result.merged)
        #expect(try PDF.pageCount(merged) == pages.reduce(0, +))
        let memoirePDF = try #require(result.documents.first { $0.id == "memoire" }?.pdf)
        let text = try PDF.pageTexts(memoirePDF).joined(separator: "\n")
        #expect(text.contains("9 900,00 €") || text.contains("9\u{202F}900,00\u{00A0}€"))
        #expect(text.contains("Cités Unies France"))
        #expect(text.contains("dimanche 7 novembre 2021"))
    }
}

@Suite(.inLanguage(.french)) struct ContextCommandTests {
    @Test(.needs(.tender)) func theContextOfAnOfferLintsTheTemplatesItFills() throws {
        let dir = try TemporaryFolder()
        let offer = CLI.packageRoot + "/offers/cuf-dcol"
        let run = try CLI.run(["context", offer, "--person", "nadia-ferhat", "--today", "2021-11-05", "-o", dir.file("ctx.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let context = try DataLoader.load(path: dir.file("ctx.json"))
        #expect(context["pricing"]?["all"]?["ttc"] == .number(9900))
        #expect(context["person"]?["name"] == "Nadia Ferhat")
        #expect(context["today"] == "2021-11-05")
        let lint = try CLI.run(["lint", CLI.packageRoot + "/templates/cv.docx", "--data", dir.file("ctx.json")])
        #expect(lint.status == 0, "\(lint.stderr)")
        let unknown = try CLI.run(["context", offer, "--person", "nobody"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("nadia-ferhat, lucas-perrin"))
    }
}

import Foundation
import Testing
@testable import TenderKit

/// The response frame as data: the offer's sections, rendered in order by the generic mémoire
/// template and checked word for word against the call's frame.
@Suite(.inLanguage(.french)) struct SectionsFrameTests {
    static let offerPath = CLI.packageRoot + "/offers/cuf-dcol/offer.yaml"

    static let seven = [
        "Présentation du groupement et de ses références",
        "Compréhension des enjeux : stratégie et organisation",
        "Méthode d'analyse des accompagnements",
        "Entretiens avec les collectivités",
        "Livrables et calendrier",
        "Équipe mobilisée",
        "Prix et décomposition",
    ]

    /// The CUF offer with a frame of seven sections (and only the mémoire to build).
    static func offer(titles: [String], rule: [String]) throws -> Offer {
        var offer = try Offer.load(path: offerPath)
        let blocks = [["identity"], ["key_figures"], ["tasks"], [], ["planning"], ["team", "cvs"], ["price"]]
        offer.sections = titles.enumerated().map { k, title in
            MemoireSection(id: "s\(k + 1)", title: title,
                           body: "Section **\(k + 1)** : texte.\n\n- un point\n- un autre point", answers: ["R\(k + 1)"],
                           blocks: blocks[k], location: SourceLocation(file: offerPath))
        }
        offer.documents = offer.documents.filter { $0.id == "memoire" }
        var rules = offer.tender.rules.asMap ?? Mapping()
        rules["sections"] = .list(rule.map(Value.string))
        rules["pages"] = nil
        rules["cv_pages"] = nil
        offer.tender.rules = .map(rules)
        return offer
    }

    static func buildAndCheck(_ offer: Offer) throws -> (headings: [String], report: CheckReport) {
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.path, today: DateValue(iso: "2021-11-05")!))
        guard let memoire = result.documents.first else { throw OdtFile.Failure(description: "no mémoire built") }
        let headings = try DocumentText.paragraphs(of: memoire.path).filter { $0.inBody && $0.headingLevel == 1 }.map(\.text)
        let report = try PreSubmissionCheck.run(offer, pricing: OfferPricing(offer: offer),
                                                options: CheckOptions(asOf: DateValue(moment: "2021-11-05")!, render: false, documentsFolder: dir.path))
        return (headings, report)
    }

    @Test func aFrameOfSevenSectionsIsRenderedAndCheckedInOrder() throws {
        let (headings, report) = try Self.buildAndCheck(try Self.offer(titles: Self.seven, rule: Self.seven))
        // One Heading 1 per section, in the offer's order (typeset for French), then the commitment.
        #expect(headings == Self.seven.map(FrenchTypography.apply) + ["Engagement du candidat"])
        #expect(report.status("sections") == .passed)
        #expect(report.findings("sections", .info).first?.message.contains("les 7 sections") == true)
    }

    @Test func aSectionOutOfOrderOrNotWordForWordIsAnError() throws {
        var swapped = Self.seven
        swapped.swapAt(2, 3)
        let disordered = try Self.buildAndCheck(try Self.offer(titles: swapped, rule: Self.seven)).report
        #expect(disordered.status("sections") == .failed)
        #expect(disordered.findings("sections", .error).contains { $0.message.contains("« Entretiens avec les collectivités » du cadre de réponse vient trop tôt") })

        var reworded = Self.seven
        reworded[6] = "Prix"
        let missing = try Self.buildAndCheck(try Self.offer(titles: reworded, rule: Self.seven)).report
        #expect(missing.status("sections") == .failed)
        #expect(missing.findings("sections", .error).contains { $0.message.contains("aucune section de memoire.sections n’a pour titre « Prix et décomposition », mot pour mot") })
    }

    /// The CUF call prescribes its own frame: the sample offer answers it without any template change.
    @Test func theCufOfferAnswersItsOwnFrame() throws {
        var offer = try Offer.load(path: Self.offerPath)
        offer.documents = offer.documents.filter { $0.id == "memoire" }
        let frame = (offer.tender.rules["sections"]?.asList ?? []).compactMap { $0.asString }
        #expect(frame.count == 6)
        #expect(offer.sections.map(\.title) == frame)
        let (headings, report) = try Self.buildAndCheck(offer)
        #expect(headings == frame.map(FrenchTypography.apply) + ["Engagement du candidat"])
        #expect(report.status("sections") == .passed)
        #expect(report.status("typography") == .passed)
    }
}

/// The mémoire's table of contents, brought up to date when LibreOffice makes the PDF.
@Suite(.inLanguage(.french)) struct TableOfContentsTests {
    @Test(.needs(.libreOffice, .poppler),
          arguments: ["cuf-dcol", "aupa-prospective"])
    func theContentsListEverySectionWithItsPage(_ name: String) throws {
        var offer = try Offer.load(path: CLI.packageRoot + "/offers/\(name)/offer.yaml")
        offer.documents = offer.documents.filter { $0.id == "memoire" }
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.path, pdf: true, today: DateValue(iso: "2018-01-01")!))
        guard let pdf = result.documents.first?.pdf else { throw OdtFile.Failure(description: "no PDF") }
        let pages = try PDF.pageTexts(pdf)
        // Entries read "1. Title......3" (a long title may wrap: its page is on the line that ends it).
        let contents = pages[1]
        #expect(contents.contains("Sommaire") && !contents.contains("mis à jour à la conversion"), "\(contents)")
        for (k, section) in offer.sections.enumerated() {
            let title = FrenchTypography.apply(section.title)
            let entry = "\(k + 1). " + title.prefix(30)
            #expect(contents.contains(entry), "\(entry) not in the contents:\n\(contents)")
            // The page the contents give is the page where the heading is.
            guard let start = contents.range(of: entry),
                  let number = contents[start.upperBound...].range(of: #"\.{3,}\s*(\d+)"#, options: .regularExpression) else { continue }
            let page = Int(contents[number].filter(\.isNumber)) ?? 0
            #expect(page >= 3 && page <= pages.count && pages[page - 1].contains(String(title.prefix(30))),
                    "\(title): page \(page)")
        }
    }
}

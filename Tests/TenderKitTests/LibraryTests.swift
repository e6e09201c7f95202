import Foundation
import Testing
@testable import TenderKit

/// The answer library: `offers/library/<name>.md` blocks that mémoire sections use.
@Suite(.inLanguage(.french)) struct LibraryTests {
    static func block(title: String = "Méthode des entretiens", reviewed: String = "2021-09-01", text: String) -> String {
        "---\ntitle: \(title)\ntags: [méthode, entretiens]\nowner: Hélène Marchal\nreviewed: \(reviewed)\n---\n\n\(text)\n"
    }

    static func sections(_ sections: String, rules: String = "") -> String {
        OfferFixture.offer.replacingOccurrences(of: "    budget: { max: 10000, basis: ttc, scope: all }\n",
                                                with: "    budget: { max: 10000, basis: ttc, scope: all }\n" + rules)
            + "memoire:\n  sections:\n" + sections
    }

    static func fixture(_ yaml: String, blocks: [String: String]) throws -> OfferFixture {
        let f = try OfferFixture(offer: yaml)
        try FileManager.default.createDirectory(atPath: f.root + "/library", withIntermediateDirectories: true)
        for (name, text) in blocks { try text.write(toFile: f.root + "/library/\(name).md", atomically: true, encoding: .utf8) }
        return f
    }

    @Test func aSectionUsesABlockOrIncludesOneInItsText() throws {
        let yaml = Self.sections("""
                - { id: methode, title: "Méthodologie", use: library/entretiens, body: "Puis une synthèse." }
                - id: presentation
                  title: "Présentation"
                  body: |
                    Avant.
                    {{ library/societe }}
                    Après.

            """)
        let f = try Self.fixture(yaml, blocks: ["entretiens": Self.block(text: "Nous menons **vingt** entretiens."),
                                                "societe": Self.block(title: "La société", text: "Une SCOP.")])
        let offer = try f.load()
        #expect(offer.sections[0].body == "Nous menons **vingt** entretiens.\n\nPuis une synthèse.")
        #expect(offer.sections[1].body == "Avant.\nUne SCOP.\nAprès.\n")
        let block = try #require(offer.sections[0].library.first)
        #expect(block.name == "library/entretiens")
        #expect(block.title == "Méthode des entretiens")
        #expect(block.tags == ["méthode", "entretiens"])
        #expect(block.owner == "Hélène Marchal")
        #expect(block.reviewed == DateValue(year: 2021, month: 9, day: 1))
        #expect(block.reviewedPlace.line == 5)
        #expect(offer.sections[1].library.map(\.name) == ["library/societe"])
        // The template sees the block's text as the section's body.
        let context = TemplateContext(pricing: OfferPricing(offer: offer)).build(today: DateValue(year: 2021, month: 11, day: 1), person: nil)
        #expect(context["memoire"]?["sections"]?.asList?.first?["body"] == .string("Nous menons **vingt** entretiens.\n\nPuis une synthèse."))
    }

    @Test(.inLanguage(.english)) func aMissingBlockIsAnErrorWhereItIsNamed() throws {
        let yaml = Self.sections("""
                - { id: methode, title: "Méthodologie", use: library/entretien }
                - { id: autre, title: "Autre", use: "../secret" }

            """)
        let f = try Self.fixture(yaml, blocks: ["entretiens": Self.block(text: "Texte.")])
        let error = try f.errors()
        #expect(error.diagnostics.count == 2, "\(error)")
        #expect(error.diagnostics[0].message == "no library block 'library/entretien' (\(f.root)/library/entretien.md)")
        #expect(error.diagnostics[0].hint?.contains("library/entretiens") == true)
        #expect(error.diagnostics[0].location?.line == OfferFixture.line(of: "use: library/entretien }", in: yaml))
        #expect(error.diagnostics[0].location?.file == f.offerPath)
        #expect(error.diagnostics[1].message == "'../secret' is not a library block")
    }

    @Test(.inLanguage(.english)) func aBlockWithoutFrontMatterOrReviewDateIsAnErrorInTheBlock() throws {
        let yaml = Self.sections("    - { id: methode, title: \"Méthodologie\", use: library/entretiens }\n")
        let none = try Self.fixture(yaml, blocks: ["entretiens": "Texte sans en-tête.\n"]).errors()
        #expect(none.diagnostics.map(\.message) == ["the library block has no front matter"])
        let undated = try Self.fixture(yaml, blocks: ["entretiens": "---\ntitle: Méthode\n---\nTexte.\n"]).errors()
        #expect(undated.diagnostics.count == 1)
        #expect(undated.diagnostics[0].location?.file?.hasSuffix("/library/entretiens.md") == true)
        #expect(undated.diagnostics[0].message.contains("reviewed"))
    }

    @Test func checkWarnsAboutABlockNotReviewedWithinTheLimit() throws {
        let yaml = Self.sections("""
                - { id: methode, title: "Méthodologie", use: library/entretiens }
                - { id: presentation, title: "Présentation", use: library/societe }

            """)
        let blocks = ["entretiens": Self.block(reviewed: "2020-10-15", text: "Texte."),
                      "societe": Self.block(title: "La société", reviewed: "2021-09-01", text: "Une SCOP.")]
        let report = evaluate(try Self.fixture(yaml, blocks: blocks).load(), asOf: "2021-11-01")
        #expect(report.status("library") == .warned)
        let warnings = report.findings("library", .warning)
        #expect(warnings.map(\.message) == ["le bloc « library/entretiens » (Méthode des entretiens), utilisé par « Méthodologie », a été relu le 15 octobre 2020, il y a plus de 12 mois"])
        #expect(warnings[0].location?.file?.hasSuffix("/library/entretiens.md") == true)
        #expect(warnings[0].location?.line == 5)
        #expect(warnings[0].hint?.contains("Hélène Marchal") == true)
        #expect(report.findings("library", .info).count == 1)
        // A review dated after the day of the check is said so, never « less than 12 months ago ».
        let earlier = evaluate(try Self.fixture(yaml, blocks: blocks).load(), asOf: "2021-08-01")
        #expect(earlier.findings("library", .info).map(\.message).contains {
            $0.hasSuffix("a été relu le 1er septembre 2021, après la date de la vérification (1er août 2021)")
        })

        // The limit is the call's rule: 18 months, and both are fresh; 1 month, and both are stale.
        let lenient = evaluate(try Self.fixture(Self.sections("""
                - { id: methode, title: "Méthodologie", use: library/entretiens }

            """, rules: "    library: { review_months: 18 }\n"), blocks: blocks).load(), asOf: "2021-11-01")
        #expect(lenient.status("library") == .passed)
        let strict = evaluate(try Self.fixture(yaml.replacingOccurrences(of: "    budget: { max: 10000, basis: ttc, scope: all }\n",
                                                                         with: "    budget: { max: 10000, basis: ttc, scope: all }\n    library: { review_months: 1 }\n"),
                                               blocks: blocks).load(), asOf: "2021-11-01")
        #expect(strict.findings("library", .warning).count == 2)
        // An offer that uses no block: nothing to check.
        #expect(evaluate(try OfferFixture().load()).status("library") == .skipped("l’offre n’utilise aucun bloc de la bibliothèque de réponses (`use: library/…`)"))
    }

    @Test func theLibraryListsItsBlocksAndTheOffersUsingThem() throws {
        let yaml = Self.sections("    - { id: methode, title: \"Méthodologie\", use: library/entretiens }\n")
        let f = try Self.fixture(yaml, blocks: ["entretiens": Self.block(text: "Texte."),
                                                "societe": Self.block(title: "La société", reviewed: "2021-03-02", text: "Une SCOP.")])
        let (text, problems) = AnswerLibrary.listing(offersFolder: f.root)
        #expect(problems.isEmpty)
        #expect(text == """
            Bibliothèque de réponses \(f.root)/library : 2 blocs
              library/entretiens — Méthode des entretiens (relu le 1er septembre 2021, Hélène Marchal) : utilisé par x
              library/societe — La société (relu le 2 mars 2021, Hélène Marchal) : utilisé par aucune offre

            """)
    }

    @Test func theSampleOffersReuseLibraryBlocks() throws {
        let root = Calls.packageRoot + "/offers"
        var users: [String: [String]] = [:]
        for name in ["aupa-prospective", "cerdd-efc", "cuf-dcol", "ivd-resilience"] {
            let offer = try Offer.load(path: root + "/\(name)/offer.yaml")
            let presentation = try #require(offer.sections.first { $0.id == "presentation" })
            #expect(presentation.library.first?.name == "library/maillages-en-bref", "\(name)")
            #expect(presentation.body?.hasPrefix("Maillages est une société coopérative et participative (SCOP SARL) de conseil en action publique, fondée à Lyon en 2012.\n") == true, "\(name)")
            let blocks = Set(offer.sections.flatMap(\.library).map(\.name))
            // Every sample offer reuses at least two blocks, and the block's text is in its section.
            #expect(blocks.count >= 2, "\(name) uses \(blocks.sorted())")
            for section in offer.sections {
                for block in section.library { #expect(section.body?.contains(block.text) == true, "\(name) \(block.name)") }
            }
            for block in blocks { users[block, default: []].append(name) }
        }
        #expect(users.mapValues { $0.count } == ["library/maillages-en-bref": 4, "library/cooperative-independante": 3, "library/pilotage-et-qualite": 3])
        let (text, problems) = AnswerLibrary.listing(offersFolder: root)
        #expect(problems.isEmpty, "\(problems)")
        #expect(text.contains("library/maillages-en-bref — Maillages en une phrase (relu le 1er septembre 2021, Hélène Marchal) : utilisé par aupa-prospective, cerdd-efc, cuf-dcol, ivd-resilience"))
        #expect(text.contains("library/cooperative-independante — Une coopérative indépendante, au service de l'intérêt général (relu le 14 juin 2021, Hélène Marchal) : utilisé par aupa-prospective, cerdd-efc, ivd-resilience"))
        #expect(text.contains("library/pilotage-et-qualite — Pilotage de la mission et qualité des livrables (relu le 4 octobre 2021, Nadia Ferhat) : utilisé par aupa-prospective, cerdd-efc, cuf-dcol"))
    }
}

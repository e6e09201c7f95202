import Foundation
import Testing
@testable import TenderKit

/// What offers share: the bidder profile, CVs tailored per offer, references selected per call.
@Suite(.inLanguage(.english)) struct ReuseTests {
    static let profile = """
        name: "Atelier Civique"
        siret: "81234567800021"
        address: "12 rue des Lilas\\n69001 Lyon"
        phone: "04 00 00 00 00"
        signatory: { name: Claire Martin, title: Gérante }
        vat: { rate: 0.20 }
        turnover: 850000
        references:
          - { id: grenoble, client: "Ville de Grenoble", subject: "Étude", start: 2021-01-11, end: 2021-07-02, tags: [resilience] }
          - { id: lille, client: "Ville de Lille", subject: "Diagnostic", start: 2020-01-06, end: 2021-09-30, tags: [international] }
          - { id: nantes, client: "Nantes Métropole", subject: "Ateliers", start: 2018-01-08, end: 2018-06-29, tags: [international] }
          - { id: lyon, client: "Métropole de Lyon", subject: "Prospective", start: 2022-01-10, end: 2022-06-30, tags: [international] }

        """

    /// The fixture's offer with its bidder block replaced by `bidder` (nil: no `bidder:` at all).
    static func offer(bidder: String?, extra: String = "") -> String {
        let start = OfferFixture.offer.range(of: "bidder:\n")!.lowerBound
        let end = OfferFixture.offer.range(of: "profiles:\n")!.lowerBound
        return String(OfferFixture.offer[..<start]) + (bidder.map { $0 + "\n" } ?? "") + extra
            + String(OfferFixture.offer[end...])
    }

    static func fixture(bidder: String?, profile: String? = ReuseTests.profile, extra: String = "",
                        people: [String: String] = ["claire-martin": OfferFixture.claire, "paul-durand": OfferFixture.paul])
        throws -> OfferFixture {
        let f = try OfferFixture(offer: offer(bidder: bidder, extra: extra), people: people)
        if let profile { try profile.write(toFile: f.root + "/bidder.yaml", atomically: true, encoding: .utf8) }
        return f
    }

    // MARK: Bidder profile

    @Test func theProfileIsSharedAndTheOfferOverridesSingleKeys() throws {
        let f = try Self.fixture(bidder: "bidder:\n  file: ../bidder.yaml\n  phone: \"04 11 11 11 11\"\n  vat: { exemption: \"TVA non applicable, art. 293 B du CGI\" }")
        let offer = try f.load()
        #expect(offer.bidder.name == "Atelier Civique")
        #expect(offer.bidder.siret == "81234567800021")
        #expect(offer.bidder.phone == "04 11 11 11 11")             // the offer's
        #expect(offer.bidder.vat == .exempt("TVA non applicable, art. 293 B du CGI"))  // replaced whole, not merged
        #expect(offer.bidder.signatory == Signatory(name: "Claire Martin", title: "Gérante"))
        #expect(offer.bidder.turnover == 850000)
        // Each key is placed where it is written: the profile, or the offer that overrides it.
        #expect(offer.place("bidder", "siret").file == f.root + "/bidder.yaml")
        #expect(offer.place("bidder", "siret").line == 2)
        #expect(offer.place("bidder", "phone").file == f.offerPath)
        #expect(offer.place("bidder", "phone").line == OfferFixture.line(of: "04 11 11 11 11", in: try String(contentsOfFile: f.offerPath, encoding: .utf8)))
        // The profile file is not changed by the offer.
        #expect(try String(contentsOfFile: f.root + "/bidder.yaml", encoding: .utf8) == Self.profile)
    }

    @Test func theLogoIsResolvedAgainstTheFileThatNamesIt() throws {
        // Written in the profile: the profile's folder.
        let f = try Self.fixture(bidder: nil, profile: Self.profile + "logo: images/logo.png\n")
        #expect(try f.load().bidder.logo == f.root + "/images/logo.png")
        // Overridden in the offer: the offer's folder.
        let g = try Self.fixture(bidder: "bidder:\n  file: ../bidder.yaml\n  logo: logo.png", profile: Self.profile + "logo: images/logo.png\n")
        let offerFolder = (g.offerPath as NSString).deletingLastPathComponent
        #expect(try g.load().bidder.logo == offerFolder + "/logo.png")
    }

    @Test func withoutBidderTheOfferTakesTheDefaultProfile() throws {
        let offer = try Self.fixture(bidder: nil).load()
        #expect(offer.bidder.name == "Atelier Civique")
        #expect(offer.bidderSource?.location.file?.hasSuffix("/bidder.yaml") == true)
        // Without a profile either, the offer has no bidder.
        let error = try Self.fixture(bidder: nil, profile: nil).errors()
        #expect(error.diagnostics.map(\.message) == ["the offer has no bidder"])
        #expect(error.diagnostics[0].hint?.contains("file: ../bidder.yaml") == true)
    }

    @Test func errorsPointAtTheFileAndLineWhereTheValueIsWritten() throws {
        // A bad value in the profile: the profile's line.
        let badProfile = Self.profile.replacingOccurrences(of: "siret: \"81234567800021\"", with: "siret: \"8123\"")
            .replacingOccurrences(of: "turnover: 850000", with: "turnover: beaucoup")
        let error = try Self.fixture(bidder: "bidder: { file: ../bidder.yaml }", profile: badProfile).errors()
        #expect(error.diagnostics.count == 2, "\(error)")
        #expect(error.diagnostics.allSatisfy { $0.location?.file?.hasSuffix("/bidder.yaml") == true })
        #expect(error.diagnostics.map { $0.location?.line } == [2, 7])
        #expect(error.diagnostics.contains { $0.message == "a SIRET has 14 digits, not '8123'" })

        // A bad override: the offer's line; the profile's valid value is not used instead.
        let f = try Self.fixture(bidder: "bidder:\n  file: ../bidder.yaml\n  turnover: -5")
        let override = try f.errors()
        #expect(override.diagnostics.count == 1)
        #expect(override.diagnostics[0].location?.file == f.offerPath)
        #expect(override.diagnostics[0].message == "'bidder.turnover' must not be negative, got -5")

        // A profile that is not there, and an unknown key of a profile.
        let missing = try Self.fixture(bidder: "bidder: { file: ../firme.yaml }").errors()
        #expect(missing.diagnostics.map(\.message) == ["no bidder profile '\(missing.diagnostics[0].location!.file!.replacingOccurrences(of: "/x/offer.yaml", with: ""))/firme.yaml'"])
        let typo = try Self.fixture(bidder: nil, profile: Self.profile + "turnvoer: 1\n").errors()
        #expect(typo.diagnostics.first?.hint == "did you mean 'turnover'?")
        #expect(typo.diagnostics.first?.location?.line == 13)

        // A bidder without profile still needs its name and VAT.
        let alone = try Self.fixture(bidder: "bidder:\n  name: \"Seul\"").errors()
        #expect(alone.diagnostics.map(\.message) == ["'bidder' is missing 'vat'"])
    }

    // MARK: References

    @Test(.inLanguage(.french)) func theReferencesRulePicksByDateAndTags() throws {
        let rules = "    references: { count: 2, within_months: 24, tags: [international] }\n"
        let yaml = Self.offer(bidder: "bidder: { file: ../bidder.yaml }")
            .replacingOccurrences(of: "    budget: { max: 10000, basis: ttc, scope: all }\n",
                                  with: "    budget: { max: 10000, basis: ttc, scope: all }\n" + rules)
        let f = try OfferFixture(offer: yaml)
        try Self.profile.write(toFile: f.root + "/bidder.yaml", atomically: true, encoding: .utf8)
        let offer = try f.load()
        // Lille: international, ended 1 month before; Nantes is too old, Grenoble not tagged,
        // Lyon began after the deadline (2021-11-07).
        #expect(offer.references.map(\.client) == ["Ville de Lille"])
        let report = evaluate(offer)
        #expect(report.status("references") == .failed)
        let error = try #require(report.findings("references", .error).first)
        #expect(error.measured == "1 référence")
        #expect(error.message.contains("« international »"))
        #expect(error.location?.file?.hasSuffix("/bidder.yaml") == true)

        // The template context shows the ones the offer selects.
        let context = TemplateContext(pricing: OfferPricing(offer: offer)).build(today: DateValue(year: 2021, month: 11, day: 1), person: nil)
        #expect(context["bidder"]?["references"]?.asList?.count == 1)
    }

    @Test func anOfferSelectsItsReferencesByIdOrTags() throws {
        let byId = try Self.fixture(bidder: "bidder: { file: ../bidder.yaml }", extra: "references: [nantes, grenoble]\n").load()
        #expect(byId.references.map(\.client) == ["Nantes Métropole", "Ville de Grenoble"])   // in the order written
        let byTags = try Self.fixture(bidder: "bidder: { file: ../bidder.yaml }", extra: "references: { tags: [international], recent: 1 }\n").load()
        #expect(byTags.references.map(\.client) == ["Ville de Lille"])

        let wrong = try Self.fixture(bidder: "bidder: { file: ../bidder.yaml }", extra: "references: [grenobel, lyon]\n")
        let error = try wrong.errors()
        #expect(error.diagnostics.map(\.message) == [
            "no reference 'grenobel' in \(wrong.root)/bidder.yaml",
            "reference 'lyon' began on 2022-01-10, after the deadline of the call",
        ])
        #expect(error.diagnostics[0].hint == "did you mean 'grenoble'?")
        #expect(error.diagnostics.allSatisfy { $0.location?.file == wrong.offerPath })
    }

    // MARK: CVs

    static let camille = """
        name: Camille Nguyen
        profile: directeur
        summary: Un long résumé, de plusieurs lignes, pour les appels qui laissent de la place.
        summaries:
          courte: Ingénieure pédagogique.
        experiences:
          - { id: mooc, client: CNFPT, subject: MOOC, start: 2016-09-05, end: 2017-05-19, tags: [elearning] }
          - { id: spoc, client: ADEME, subject: SPOC, start: 2017-06-12, end: 2017-12-15, tags: [elearning, climat] }
          - { id: plan, client: Dunkerque, subject: Plan climat, start: 2015-01-12, end: 2015-12-18, tags: [climat] }
          - { id: futur, client: Lyon, subject: Après l'appel, start: 2022-01-10, tags: [elearning] }
          - { id: ville, client: Paris, subject: En cours à la date limite, start: 2021-06-01, end: 2022-03-01 }

        """

    static func team(_ cv: String) throws -> OfferFixture {
        let yaml = OfferFixture.offer(replacing: "{ id: claire-martin, role: \"Directrice de mission\" }",
                                      with: "{ id: claire-martin, role: \"Directrice de mission\", cv: \(cv) }")
        return try OfferFixture(offer: yaml, people: ["claire-martin": camille, "paul-durand": OfferFixture.paul])
    }

    @Test func aCVIsTailoredPerOfferWithoutTouchingTheCVFile() throws {
        func shown(_ cv: String) throws -> [String] { try Self.team(cv).load().team[0].experiences.map(\.subject) }
        // By id, in the order written.
        #expect(try shown("{ experiences: [plan, mooc] }") == ["Plan climat", "MOOC"])
        // By tags, most recent first, as of the deadline (2021-11-07): « futur » is left out.
        #expect(try shown("{ experiences: { tags: [elearning] } }") == ["SPOC", "MOOC"])
        // The N most recent: one running at the deadline first, shown as ongoing.
        let recent = try Self.team("{ experiences: { recent: 2 } }").load().team[0]
        #expect(recent.experiences.map(\.subject) == ["En cours à la date limite", "SPOC"])
        #expect(recent.experiences[0].end == nil)
        // Without a selection, all of them as of the deadline.
        #expect(try shown("{ summary: courte }").count == 4)

        let f = try Self.team("{ experiences: [spoc], summary: courte }")
        let offer = try f.load()
        #expect(offer.team[0].summary == "Ingénieure pédagogique.")
        #expect(offer.team[0].cvPlace?.line == OfferFixture.line(of: "cv: {", in: try String(contentsOfFile: f.offerPath, encoding: .utf8)))
        let context = TemplateContext(pricing: OfferPricing(offer: offer)).build(today: DateValue(year: 2021, month: 11, day: 1), person: "claire-martin")
        #expect(context["person"]?["summary"] == .string("Ingénieure pédagogique."))
        #expect(context["person"]?["experiences"]?.asList?.count == 1)
        #expect(try String(contentsOfFile: f.root + "/team/claire-martin.yaml", encoding: .utf8) == Self.camille)
    }

    @Test func aWrongCVSelectionIsAnErrorInTheOffer() throws {
        let f = try Self.team("{ experiences: [plna, futur], summary: breve }")
        let error = try f.errors()
        #expect(error.diagnostics.map(\.message) == [
            "no experience 'plna' in \(f.root)/team/claire-martin.yaml",
            "experience 'futur' began on 2022-01-10, after the deadline of the call",
            "no summary 'breve' in \(f.root)/team/claire-martin.yaml",
        ])
        #expect(error.diagnostics[0].hint == "did you mean 'plan'?")
        #expect(error.diagnostics.allSatisfy { $0.location?.file == f.offerPath })
        let tagged = try Self.team("{ experiences: { tags: [juridique] } }")
        let tags = try tagged.errors()
        #expect(tags.diagnostics.first?.message == "no experience of \(tagged.root)/team/claire-martin.yaml has the tags 'juridique' by the deadline")
        #expect(tags.diagnostics.first?.hint == "tags in use: climat, elearning")
        let both = try Self.team("{ experiences: { ids: [plan], tags: [climat] } }").errors()
        #expect(both.diagnostics.first?.message.contains("not both") == true)
    }

    // MARK: Sample offers

    @Test func theSampleOffersShareOneBidderProfile() throws {
        let root = CLI.packageRoot + "/offers/"
        for name in ["aupa-prospective", "cerdd-efc", "cuf-dcol", "ivd-resilience"] {
            let offer = try Offer.load(path: root + name + "/offer.yaml")
            #expect(offer.bidderSource?.location.file == root + "bidder.yaml", "\(name)")
            #expect(offer.bidder.name == "Maillages")
            #expect(offer.bidder.turnover == 820000)
            #expect(!offer.references.isEmpty)
            let text = try String(contentsOfFile: root + name + "/offer.yaml", encoding: .utf8)
            #expect(!text.contains("siret:"), "\(name) copies the profile")
        }
        let cuf = try Offer.load(path: root + "cuf-dcol/offer.yaml")
        #expect(cuf.references.map(\.id) == ["villeurbanne-dcol5", "ille-et-vilaine-solidarite", "autun-dcol4"])
    }

    // MARK: Compliance matrix

    @Test(.inLanguage(.french)) func everyRequirementIsAnsweredByASection() throws {
        let yaml = OfferFixture.offer + """
            requirements:
              - { id: R1, text: "Présenter la méthode d'entretien", source: "RC art. 5.2" }
              - { id: R2, text: "Donner un calendrier", source: "CCTP §3" }
              - { id: R3, text: "Présenter trois références" }
            memoire:
              sections:
                - { id: methode, title: "Méthodologie", body: "Entretiens.", answers: [R1, R2] }
                - { id: annexe, title: "Annexe", body: "Rien." }
                - { id: refs, title: "Références", answers: [R4] }

            """
        let f = try OfferFixture(offer: yaml)
        let offer = try f.load()
        #expect(offer.requirements.map(\.id) == ["R1", "R2", "R3"])
        #expect(offer.requirements[0].source == "RC art. 5.2")
        let report = evaluate(offer)
        #expect(report.status("requirements") == .failed)
        let errors = report.findings("requirements", .error)
        #expect(errors.map(\.message) == [
            "la section « Références » répond à l’exigence « R4 », qui n’est pas dans `requirements`",
            "l’exigence « R3 » n’a de réponse dans aucune section du mémoire : « Présenter trois références »",
        ])
        #expect(errors[0].hint?.hasPrefix("vouliez-vous dire « R") == true)
        #expect(errors[1].location?.line == OfferFixture.line(of: "id: R3", in: yaml))
        #expect(errors[1].location?.file == f.offerPath)
        let warnings = report.findings("requirements", .warning)
        #expect(warnings.map(\.message) == ["la section « Annexe » ne répond à aucune exigence de la consultation"])
        let answered = report.findings("requirements", .info).map(\.message)
        #expect(answered == ["l’exigence « R1 » (RC art. 5.2) a sa réponse dans « Méthodologie »",
                             "l’exigence « R2 » (CCTP §3) a sa réponse dans « Méthodologie »"])
        // Without requirements, the rule does not run.
        #expect(evaluate(try OfferFixture().load()).status("requirements") == .skipped("l’offre ne liste pas les exigences de la consultation (`requirements`)"))
        // Ids are unique.
        let twice = try OfferFixture(offer: OfferFixture.offer + "requirements:\n  - { id: R1, text: a }\n  - { id: R1, text: b }\n").errors()
        #expect(twice.diagnostics.map(\.message) == ["identifiant d’exigence en double « R1 »"])
    }
}

import Foundation
import Testing
@testable import TenderKit

/// A temporary folder holding `team/<id>.yaml` and `x/offer.yaml`, as in `offers/`.
struct OfferFixture {
    /// Removed with the last copy of the fixture (tests left thousands of these in /tmp).
    private let folder: TemporaryFolder
    var root: String { folder.path }
    var offerPath: String { root + "/x/offer.yaml" }

    static let claire = """
        name: Claire Martin
        title: Directrice associée
        profile: directeur
        years: 18
        summary: Urbaniste et politiste.
        education:
          - { year: 2004, degree: "Master Stratégies territoriales", school: "Sciences Po Paris" }
        languages: [ "Français (langue maternelle)", "Anglais (courant)" ]
        skills: [ "Stratégies de résilience" ]
        experiences:
          - { client: Métropole de Lyon, subject: Résilience, start: 2020-01-06, end: 2020-12-18, amount: 48000 }
          - { client: Ville de Paris, subject: Ateliers, start: 2021-03-01 }
          - { client: Ville de Lille, subject: Diagnostic, start: 2021-01-04, end: 2021-06-30, role: Cheffe de projet }
        """
    static let paul = """
        name: Paul Durand
        title: Consultant
        profile: senior
        """

    /// The offer of FORMAT.md, trimmed: two members, a fixed tranche with a lump sum and an
    /// optional ("conditional") one.
    static let offer = """
        tender:
          reference: "CUF-2021-DCOL"
          buyer: "Cités Unies France"
          title: "Étude sur les stratégies internationales des collectivités"
          deadline: 2021-11-07T12:00
          rules:
            budget: { max: 10000, basis: ttc, scope: all }
        bidder:
          name: "Atelier Civique"
          siret: "812 345 678 00021"
          address: "12 rue des Lilas\\n69001 Lyon"
          signatory: { name: Claire Martin, title: Gérante }
          vat: { rate: 0.20 }
          turnover: 850000
          references:
            - { client: "Ville de Grenoble", subject: "Étude", start: 2021-01-11, end: 2021-07-02, amount: 18500 }
        profiles:
          directeur: { label: "Directeur·rice de mission", rate: 950, cost: 500 }
          senior: { label: "Consultant·e senior", rate: 750 }
        team:
          - { id: claire-martin, role: "Directrice de mission" }
          - { id: paul-durand, role: "Chef de projet", rate: "700.00", cost: 380 }
        tranches:
          - id: TF
            kind: fixed
            title: "Étude et livrables"
            tasks:
              - title: "Cadrage et entretiens"
                deliverable: "Note de cadrage"
                days: { claire-martin: 1.5, paul-durand: 3 }
              - title: "Frais de déplacement"
                amount: 600
          - id: TO
            kind: conditional
            title: "Séminaire"
            tasks:
              - title: "Animation"
                days: { claire-martin: 1, paul-durand: 0.5 }
        schedule:
          start: 2021-11-22
          end: 2022-04-08
          milestones:
            - { title: "Rapport intermédiaire", date: 2022-02-28 }
        documents:
          - { id: memoire, template: ../../templates/memoire.docx, output: "01 Mémoire.docx" }
          - { id: cv, template: ../../templates/cv.docx, per: team, output: "02 CV {{ person.name }}.docx" }

        """

    init(offer: String = OfferFixture.offer, people: [String: String] = ["claire-martin": claire, "paul-durand": paul],
         libraryFolder: String = "team") throws {
        folder = try TemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/x", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/" + libraryFolder, withIntermediateDirectories: true)
        for (id, text) in people {
            try text.write(toFile: root + "/\(libraryFolder)/\(id).yaml", atomically: true, encoding: .utf8)
        }
        try offer.write(toFile: offerPath, atomically: true, encoding: .utf8)
    }

    func load() throws -> Offer { try Offer.load(path: offerPath) }

    /// The errors of loading, which must fail.
    func errors() throws -> TenderError {
        do {
            _ = try load()
        } catch let error as TenderError {
            return error
        }
        throw FixtureError.loadedWithoutError
    }

    enum FixtureError: Error { case loadedWithoutError }

    /// The offer text with `old` replaced by `new` (which must be there).
    static func offer(replacing old: String, with new: String) -> String {
        precondition(offer.contains(old), "fixture has no \(old)")
        return offer.replacingOccurrences(of: old, with: new)
    }

    /// The 1-based line of the first occurrence of `text` in `yaml`.
    static func line(of text: String, in yaml: String) -> Int {
        let lines = yaml.components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }
}

@Suite(.inLanguage(.english)) struct OfferTests {
    func d(_ text: String) -> Decimal { Decimal(exactly: text)! }

    @Test func loadsTheOfferAndItsPeople() throws {
        let offer = try OfferFixture().load()
        #expect(offer.tender.reference == "CUF-2021-DCOL")
        #expect(offer.tender.buyer == "Cités Unies France")
        #expect(offer.tender.deadline == DateValue(year: 2021, month: 11, day: 7, secondsOfDay: 12 * 3600, utcOffset: 3600))
        #expect(offer.tender.rules["budget"]?["max"] == .number(10000))
        #expect(offer.bidder.siret == "81234567800021")
        #expect(offer.bidder.address == "12 rue des Lilas\n69001 Lyon")
        #expect(offer.bidder.signatory == Signatory(name: "Claire Martin", title: "Gérante"))
        #expect(offer.bidder.vat == .rate(d("0.20")))
        #expect(offer.bidder.turnover == 850000)
        #expect(offer.bidder.references.count == 1)
        #expect(offer.profiles.map(\.id) == ["directeur", "senior"])

        #expect(offer.team.map(\.id) == ["claire-martin", "paul-durand"])
        let claire = offer.team[0], paul = offer.team[1]
        #expect(claire.rate == 950)          // from her profile
        #expect(claire.cost == 500)          // from her profile
        #expect(claire.profileLabel == "Directeur·rice de mission")
        #expect(paul.rate == 700)            // explicit, quoted
        #expect(paul.cost == 380)
        #expect(paul.profile == "senior")
        #expect(claire.person.years == 18)
        #expect(claire.person.education == [Education(year: 2004, degree: "Master Stratégies territoriales",
                                                      school: "Sciences Po Paris")])

        #expect(offer.tranches.map(\.kind) == [.fixed, .optional])   // conditional = optional
        let cadrage = offer.tranches[0].tasks[0]
        #expect(cadrage.days.map(\.member) == ["claire-martin", "paul-durand"])
        #expect(cadrage.days.map(\.days) == [d("1.5"), 3])
        #expect(offer.tranches[0].tasks[1].amount == 600)
        #expect(offer.tranches[0].tasks[1].days.isEmpty)

        let schedule = try #require(offer.schedule)
        #expect(schedule.start == DateValue(year: 2021, month: 11, day: 22))
        #expect(schedule.durationMonths == d("4.5"))
        #expect(schedule.milestones.count == 1)

        #expect(offer.documents.map(\.id) == ["memoire", "cv"])
        #expect(offer.documents[0].template.hasSuffix("/templates/memoire.docx"))
        #expect(!offer.documents[0].template.contains(".."))
        #expect(offer.documents[1].perTeamMember)
        #expect(offer.warnings.isEmpty)
    }

    @Test func experiencesComeMostRecentFirst() throws {
        let claire = try OfferFixture().load().team[0].person
        #expect(claire.experiencesMostRecentFirst.map(\.client) == ["Ville de Paris", "Ville de Lille", "Métropole de Lyon"])
    }

    @Test func deadlinesTakeTheParisOffsetOfTheirDate() throws {
        let summer = try OfferFixture(offer: OfferFixture.offer(replacing: "deadline: 2021-11-07T12:00",
                                                                with: "deadline: 2019-07-01T12:00")).load()
        #expect(summer.tender.deadline?.utcOffset == 7200)
        let given = try OfferFixture(offer: OfferFixture.offer(replacing: "deadline: 2021-11-07T12:00",
                                                               with: "deadline: \"2021-11-07T12:00Z\"")).load()
        #expect(given.tender.deadline?.utcOffset == 0)
    }

    @Test func scheduleFromNotificationAndDuration() throws {
        let yaml = OfferFixture.offer(replacing: "start: 2021-11-22\n  end: 2022-04-08",
                                      with: "start: notification\n  notification: 2022-01-31\n  duration_months: 1")
        let schedule = try #require(try OfferFixture(offer: yaml).load().schedule)
        #expect(schedule.startIsNotification)
        #expect(schedule.start == DateValue(year: 2022, month: 1, day: 31))
        #expect(schedule.end == DateValue(year: 2022, month: 2, day: 28))
        #expect(schedule.durationMonths == 1)
    }

    @Test func monthsBetweenDates() {
        let start = DateValue(year: 2021, month: 11, day: 22)
        #expect(start.months(until: DateValue(year: 2022, month: 9, day: 22)) == 10)
        #expect(start.months(until: DateValue(year: 2022, month: 4, day: 8)) == Decimal(exactly: "4.5")!)
        #expect(DateValue(year: 2022, month: 4, day: 8).months(until: start) == Decimal(exactly: "-4.5")!)
    }

    @Test func teamLibraryCanBeMoved() throws {
        let yaml = "team_library: ../people\n" + OfferFixture.offer
        let offer = try OfferFixture(offer: yaml, libraryFolder: "people").load()
        #expect(offer.team.count == 2)
        #expect(offer.team[0].person.file.hasSuffix("/people/claire-martin.yaml"))
    }

    @Test func anExemptBidderKeepsItsWording() throws {
        let yaml = OfferFixture.offer(replacing: "vat: { rate: 0.20 }",
                                      with: "vat: { exemption: \"TVA non applicable, art. 293 B du CGI\" }")
        let offer = try OfferFixture(offer: yaml).load()
        #expect(offer.bidder.vat == .exempt("TVA non applicable, art. 293 B du CGI"))
        #expect(offer.bidder.vat.label == "TVA non applicable, art. 293 B du CGI")
    }

    @Test func aMemberWithoutDaysIsAWarning() throws {
        let yaml = OfferFixture.offer(replacing: "days: { claire-martin: 1, paul-durand: 0.5 }",
                                      with: "days: { claire-martin: 1 }")
            .replacingOccurrences(of: "days: { claire-martin: 1.5, paul-durand: 3 }", with: "days: { claire-martin: 1.5 }")
        let offer = try OfferFixture(offer: yaml).load()
        #expect(offer.warnings.count == 1)
        #expect(offer.warnings[0].message.contains("paul-durand"))
        #expect(offer.warnings[0].severity == .warning)
    }

    // MARK: Bad input: each an error with file, line and column, exit 65

    /// Loads `yaml` (the fixture with one change), expects exactly one error, and returns it.
    func singleError(_ yaml: String, people: [String: String] = ["claire-martin": OfferFixture.claire,
                                                                  "paul-durand": OfferFixture.paul]) throws -> Diagnostic {
        let fixture = try OfferFixture(offer: yaml, people: people)
        let error = try fixture.errors()
        #expect(error.status == .invalidInput)
        #expect(error.diagnostics.count == 1, "\(error)")
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location?.line != nil)
        #expect(diagnostic.location?.column != nil)
        return diagnostic
    }

    @Test func unknownKeysAreErrorsWithTheClosestKnownKey() throws {
        let yaml = OfferFixture.offer(replacing: "{ id: paul-durand, role: \"Chef de projet\", rate: \"700.00\"",
                                      with: "{ id: paul-durand, role: \"Chef de projet\", rat: \"700.00\"")
        // `rat` is unknown; paul then has the rate of his profile, so this is the only error.
        let error = try singleError(yaml)
        #expect(error.message == "unknown key 'rat' in 'team[1]' (team member)")
        #expect(error.hint == "did you mean 'rate'?")
        #expect(error.location?.file?.hasSuffix("x/offer.yaml") == true)
        #expect(error.location?.line == OfferFixture.line(of: "id: paul-durand", in: yaml))
        #expect(error.location?.column == 48)   // where `rat:` starts

        let top = try singleError(OfferFixture.offer + "tranche: []\n")
        #expect(top.message == "unknown key 'tranche' in the offer")
        #expect(top.hint == "did you mean 'tranches'?")

        let far = try singleError(OfferFixture.offer + "zzz: 1\n")
        #expect(far.hint?.hasPrefix("known keys: team_library, tender, bidder") == true)
    }

    @Test func wrongTypesAreErrors() throws {
        let days = try singleError(OfferFixture.offer(replacing: "claire-martin: 1.5", with: "claire-martin: abc"))
        #expect(days.message == "'tranches[0].tasks[0].days.claire-martin' must be a number, got the text 'abc'")
        #expect(days.location?.line == OfferFixture.line(of: "claire-martin: abc", in: OfferFixture.offer(replacing: "claire-martin: 1.5", with: "claire-martin: abc")))

        let comma = try singleError(OfferFixture.offer(replacing: "amount: 600", with: "amount: 600,50"))
        #expect(comma.hint == "write decimals with a dot: 600.50")

        let list = try singleError(OfferFixture.offer(replacing: "title: \"Séminaire\"", with: "title: [a, b]"))
        #expect(list.message == "'tranches[1].title' must be text, got a list")

        let number = try singleError(OfferFixture.offer(replacing: "siret: \"812 345 678 00021\"", with: "siret: 81234567800021"))
        #expect(number.message == "'bidder.siret' must be text, got the number 81234567800021")
        #expect(number.hint?.contains("quotes") == true)

        let date = try singleError(OfferFixture.offer(replacing: "end: 2022-04-08", with: "end: 2022-02-30"))
        #expect(date.message.hasPrefix("'schedule.end' must be a date"))
    }

    @Test func wrongTypesInAPersonPointAtThePersonFile() throws {
        let paul = OfferFixture.paul + "\nyears: douze\nskils: [x]\n"
        let error = try OfferFixture(people: ["claire-martin": OfferFixture.claire, "paul-durand": paul]).errors()
        #expect(error.diagnostics.count == 2)
        #expect(error.diagnostics.allSatisfy { $0.location?.file?.hasSuffix("team/paul-durand.yaml") == true })
        #expect(error.diagnostics[0].message == "'years' must be a whole number, got the text 'douze'")
        #expect(error.diagnostics[0].location?.line == 4)
        #expect(error.diagnostics[0].location?.column == 8)
        #expect(error.diagnostics[1].hint == "did you mean 'skills'?")
    }

    @Test func negativeDaysAreErrors() throws {
        let error = try singleError(OfferFixture.offer(replacing: "paul-durand: 0.5", with: "paul-durand: -0.5"))
        #expect(error.message == "'tranches[1].tasks[0].days.paul-durand' must not be negative, got -0.5")
    }

    @Test func aPersonWithoutARateIsAnError() throws {
        let yaml = OfferFixture.offer(replacing: "  senior: { label: \"Consultant·e senior\", rate: 750 }\n", with: "")
            .replacingOccurrences(of: "{ id: claire-martin, role: \"Directrice de mission\" }",
                                  with: "{ id: claire-martin, profile: senior }")
        let error = try singleError(yaml)
        #expect(error.message == "unknown profile 'senior' for 'claire-martin'")

        let noRate = OfferFixture.offer(replacing: "  directeur: { label: \"Directeur·rice de mission\", rate: 950, cost: 500 }\n",
                                        with: "")
        let missing = try singleError(noRate)
        #expect(missing.message == "'claire-martin' has no day rate")
        #expect(missing.hint?.contains("profile 'directeur'") == true)
        #expect(missing.location?.line == OfferFixture.line(of: "id: claire-martin", in: noRate))
    }

    @Test func aPersonNotInTheLibraryIsAnError() throws {
        let error = try singleError(OfferFixture.offer, people: ["claire-martin": OfferFixture.claire,
                                                                 "paul-durant": OfferFixture.paul])
        #expect(error.message.hasPrefix("no person 'paul-durand' in the team library"))
        #expect(error.hint?.hasPrefix("did you mean 'paul-durant'?") == true)

        let notInTeam = try singleError(OfferFixture.offer(replacing: "paul-durand: 0.5", with: "paul-durnd: 0.5"))
        #expect(notInTeam.message == "'paul-durnd' is not in the offer's team")
        #expect(notInTeam.hint == "did you mean 'paul-durand'?")
    }

    @Test func duplicateIdsAreErrors() throws {
        let team = try singleError(OfferFixture.offer(replacing: "team:\n", with: "team:\n  - { id: paul-durand }\n"))
        #expect(team.message == "duplicate team member 'paul-durand'")

        let tranche = try singleError(OfferFixture.offer(replacing: "id: TO", with: "id: TF"))
        #expect(tranche.message == "duplicate tranche id 'TF'")

        let document = try singleError(OfferFixture.offer(replacing: "{ id: cv,", with: "{ id: memoire,"))
        #expect(document.message == "duplicate document id 'memoire'")

        // Twice the same key in a mapping: caught while reading the YAML.
        let key = try singleError(OfferFixture.offer(replacing: "days: { claire-martin: 1, paul-durand: 0.5 }",
                                                     with: "days: { claire-martin: 1, claire-martin: 0.5 }"))
        #expect(key.message == "duplicate key 'claire-martin'")
    }

    @Test func anUnknownTrancheKindIsAnError() throws {
        let error = try singleError(OfferFixture.offer(replacing: "kind: conditional", with: "kind: optionel"))
        #expect(error.message == "'tranches[1].kind' must be one of 'fixed', 'optional', 'conditional', not 'optionel'")
        #expect(error.hint == "did you mean 'optional'?")
    }

    @Test func aVATRateOutsideZeroToOneIsAnError() throws {
        let error = try singleError(OfferFixture.offer(replacing: "rate: 0.20", with: "rate: 20"))
        #expect(error.message == "'bidder.vat.rate' must be between 0 and 1, got 20")
        #expect(error.location?.line == OfferFixture.line(of: "vat:", in: OfferFixture.offer))
        #expect(try singleError(OfferFixture.offer(replacing: "rate: 0.20", with: "rate: -0.2")).message.contains("between 0 and 1"))
        let both = try singleError(OfferFixture.offer(replacing: "vat: { rate: 0.20 }",
                                                      with: "vat: { rate: 0.20, exemption: \"TVA non applicable\" }"))
        #expect(both.message == "'bidder.vat' (VAT) takes 'rate' or 'exemption', not both")
        let none = try singleError(OfferFixture.offer(replacing: "vat: { rate: 0.20 }", with: "vat: {}"))
        #expect(none.message == "'bidder.vat' (VAT) needs 'rate' or 'exemption'")
    }

    @Test func proBonoMistakesAreErrors() throws {
        let share = try singleError(OfferFixture.offer + "pro_bono: { share: 10 }\n")
        #expect(share.message == "'pro_bono.share' must be between 0 and 1, got 10")
        let tooMany = try singleError(OfferFixture.offer + "pro_bono: { days: { paul-durand: 4 }, tranches: [TF] }\n")
        #expect(tooMany.message == "'paul-durand' gives 4 days free but works 3 days in the tranches of the mécénat")
        let tranche = try singleError(OfferFixture.offer + "pro_bono: { share: 0.1, tranches: [TX] }\n")
        #expect(tranche.message == "unknown tranche 'TX' in pro_bono.tranches")
    }

    @Test func everyErrorOfAnOfferIsReportedAtOnce() throws {
        let yaml = OfferFixture.offer
            .replacingOccurrences(of: "deadline: 2021-11-07T12:00", with: "deadlin: 2021-11-07T12:00")
            .replacingOccurrences(of: "rate: 0.20", with: "rate: 1.2")
            .replacingOccurrences(of: "claire-martin: 1.5", with: "claire-martin: -1.5")
            .replacingOccurrences(of: "paul-durand: 3", with: "paul-durand: trois")
            .replacingOccurrences(of: "kind: conditional", with: "kind: conditionnelle")
            .replacingOccurrences(of: "{ id: paul-durand, role", with: "{ id: paul-dupont, role")
            .replacingOccurrences(of: "amount: 600", with: "amount: -600")
        let error = try OfferFixture(offer: yaml).errors()
        #expect(error.status == .invalidInput)
        let messages = error.diagnostics.map(\.message)
        #expect(messages == [
            "unknown key 'deadlin' in 'tender'",
            "'bidder.vat.rate' must be between 0 and 1, got 1.2",
            "no person 'paul-dupont' in the team library (\(error.diagnostics[2].message.split(separator: "(").last!.dropLast()))",
            "'tranches[0].tasks[0].days.claire-martin' must not be negative, got -1.5",
            "'tranches[0].tasks[0].days.paul-durand' must be a number, got the text 'trois'",
            "'tranches[0].tasks[1].amount' must not be negative, got -600",
            "'tranches[1].kind' must be one of 'fixed', 'optional', 'conditional', not 'conditionnelle'",
            // The optional tranche still names the member renamed in the team.
            "'paul-durand' is not in the offer's team",
        ], "\(error)")
        // In reading order, each with its place.
        let lines = error.diagnostics.compactMap(\.location?.line)
        #expect(lines.count == messages.count)
        #expect(lines == lines.sorted())
    }

    @Test func malformedYAMLHasAPlace() throws {
        let error = try OfferFixture(offer: "tender: [a, b\nbidder: 3\n").errors()
        #expect(error.diagnostics[0].message.hasPrefix("malformed YAML"))
        #expect(error.diagnostics[0].location?.line != nil)
    }

    @Test func aMissingOfferIsExit66() throws {
        do {
            _ = try Offer.load(path: NSTemporaryDirectory() + "no-such-offer/offer.yaml")
            Issue.record("should fail")
        } catch let error as TenderError {
            #expect(error.status == .missingInput)
        }
    }

    @Test func suggestionsUseEditDistance() {
        #expect(Suggestions.editDistance("rate", "rat") == 1)
        #expect(Suggestions.editDistance("kind", "knid") == 1)   // transposition
        #expect(Suggestions.editDistance("", "abc") == 3)
        #expect(Suggestions.closest(to: "tranche", among: ["tranches", "team"]) == "tranches")
        #expect(Suggestions.closest(to: "xyz", among: ["tranches", "team"]) == nil)
        #expect(Suggestions.closest(to: "Rate", among: ["rate"]) == "rate")
    }

    // MARK: Schema

    func jsonObject(_ kind: SchemaGenerator.FileKind) throws -> [String: Any] {
        let data = Data(SchemaGenerator.json(for: kind).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func schemaIsValidJSONWithEveryKey() throws {
        let offer = try jsonObject(.offer)
        #expect(offer["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        #expect(offer["additionalProperties"] as? Bool == false)
        let properties = try #require(offer["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(OfferKeys.offer.keys))
        // `bidder` may be left out: the offer then takes the firm's profile, ../bidder.yaml.
        #expect(Set(offer["required"] as? [String] ?? []) == ["tender", "team", "tranches"])

        let tranches = try #require(properties["tranches"] as? [String: Any])
        let tranche = try #require(tranches["items"] as? [String: Any])
        let kind = try #require((tranche["properties"] as? [String: Any])?["kind"] as? [String: Any])
        #expect(kind["enum"] as? [String] == ["fixed", "optional", "conditional"])

        let bidder = try #require(properties["bidder"] as? [String: Any])
        let vat = try #require((bidder["properties"] as? [String: Any])?["vat"] as? [String: Any])
        #expect((vat["oneOf"] as? [Any])?.count == 2)
        let rate = try #require((vat["properties"] as? [String: Any])?["rate"] as? [String: Any])
        #expect(rate["minimum"] as? Int == 0)
        #expect(rate["maximum"] as? Int == 1)

        let team = try jsonObject(.team)
        let teamProperties = try #require(team["properties"] as? [String: Any])
        #expect(Set(teamProperties.keys) == Set(OfferKeys.person.keys))
        #expect(team["required"] as? [String] == ["name"])
    }
}

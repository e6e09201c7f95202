import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TenderKit

/// A small offer with its own tiny templates, written in a temporary folder:
/// `team/alice.yaml` (15 years: a 2-page CV), `team/bob.yaml` (5 years: 1 page), `memoire.docx`
/// (headings Présentation, Méthodologie, Calendrier (level 2), Coût par profil; one page per
/// paragraph of `memoire.approach`, plus the first) and `cv.docx`, and `offer/offer.yaml`.
///
/// Pricing: TF 10 days × 700 = 7 000,00 HT, 8 400,00 TTC; TO 2 days = 1 400,00 HT, 1 680,00 TTC;
/// all 8 400,00 HT, 10 080,00 TTC.
struct CheckFixture {
    struct Options {
        var rules = "{}"
        /// Paragraphs of memoire.approach, each on a new page: the mémoire has this + 1 pages.
        var approachParagraphs = 1
        var summary = "Synthèse de l'offre."
        var bobDays = "5"
        var proBono = ""
        var profileCost = ", cost: 350"
        var documents = """
          - { id: memoire, template: ../memoire.docx, output: "Mémoire.docx" }
          - { id: cv, template: ../cv.docx, per: team, output: "CV {{ person.name }}.docx" }
        """
    }

    let dir: TemporaryFolder
    var offerPath: String { dir.file("offer/offer.yaml") }

    static let styles = """
    <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
    <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>\
    <w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="Titre 2"/><w:basedOn w:val="Normal"/></w:style>\
    <w:style w:type="paragraph" w:styleId="SousTitre"><w:name w:val="Sous-titre maison"/><w:basedOn w:val="Titre2"/></w:style>\
    <w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Heading"/><w:basedOn w:val="Normal"/></w:style>\
    <w:style w:type="paragraph" w:styleId="Encadre"><w:name w:val="Encadré"/><w:basedOn w:val="Heading"/></w:style>
    """

    static func heading(_ text: String, style: String = "Heading1") -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>\(r(text))</w:p>"
    }

    static let pageBreak = "<w:r><w:br w:type=\"page\"/></w:r>"

    static func memoireBody(extra: String = "") -> String {
        heading("Présentation") + p(r("{{ bidder.name }} répond à la consultation.")) + p(r("{{ memoire.summary }}"))
            + heading("Méthodologie")
            + p(r("{%p for para in memoire.approach.split(\"\\n\\n\") %}")) + p(pageBreak + r("{{ para }}")) + p(r("{%p endfor %}"))
            + heading("Calendrier", style: "SousTitre")
            + "<w:p><w:pPr><w:pStyle w:val=\"Encadre\"/></w:pPr>\(r("Engagement de l’Atelier Test"))</w:p>"
            + heading("Coût par profil")
            + p(r("Montant total\u{00A0}: {{ pricing.all.ttc | eur }} TTC ({{ pricing.all.ht | eur }} HT)"))
            + p(r("{%p if pricing.mecenat %}"))
            + p(r("Mécénat : {{ pricing.mecenat.value_at_rate | eur }} déduits ; valeur au coût : {{ pricing.mecenat.value_at_cost | eur }}"))
            + p(r("{%p endif %}")) + extra
    }

    static let cvBody = heading("{{ person.name }}") + p(r("{{ person.title }}"))
        + p(r("{%p if person.years > 10 %}")) + p(pageBreak + r("Expériences (suite)")) + p(r("{%p endif %}"))

    init(_ options: Options = Options(), memoire: String = CheckFixture.memoireBody()) throws {
        dir = try TemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir.file("team"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.file("offer"), withIntermediateDirectories: true)
        let plain = (header: p(r("{{ tender.reference }}")), footer: p(r("{{ tender.buyer }}")), footnote: p(r("n")))
        try DocxFixture.make(at: dir.file("memoire.docx"), body: memoire, header: plain.header, footer: plain.footer,
                             footnote: plain.footnote, title: "Mémoire", subject: "Réponse", styles: CheckFixture.styles)
        try DocxFixture.make(at: dir.file("cv.docx"), body: CheckFixture.cvBody, header: plain.header, footer: plain.footer,
                             footnote: plain.footnote, title: "CV", subject: "CV", styles: CheckFixture.styles)
        try "name: Alice Martin\ntitle: Consultante\nyears: 15\n".write(toFile: dir.file("team/alice.yaml"), atomically: true, encoding: .utf8)
        try "name: Bob Durand\ntitle: Consultant\nyears: 5\n".write(toFile: dir.file("team/bob.yaml"), atomically: true, encoding: .utf8)
        let approach = (1...max(1, options.approachParagraphs)).map { "Paragraphe \($0) de la méthodologie." }
        let offer = """
        tender:
          reference: "T-1"
          buyer: "Ville de Test"
          title: "Étude test"
          deadline: 2021-11-07T23:59
          rules: \(options.rules)
        bidder:
          name: "Atelier Test"
          vat: { rate: 0.20 }
          turnover: 100000
          references:
            - { client: "A", subject: "Étude A", start: 2021-01-04, end: 2021-09-24 }
            - { client: "B", subject: "Étude B", start: 2020-06-01, end: 2021-05-28 }
            - { client: "C", subject: "Étude C", start: 2019-01-07, end: 2020-06-26 }
            - { client: "D", subject: "Étude D", start: 2021-06-07 }
        profiles:
          senior: { label: "Senior", rate: 700\(options.profileCost) }
        team:
          - { id: alice, profile: senior }
          - { id: bob, profile: senior }
        tranches:
          - id: TF
            kind: fixed
            title: "Étude"
            tasks:
              - { title: "Étude", days: { alice: 5, bob: \(options.bobDays) } }
          - id: TO
            kind: optional
            title: "Suite"
            tasks:
              - { title: "Suite", days: { alice: 2 } }
        \(options.proBono)
        schedule: { start: 2021-11-22, end: 2022-04-29 }
        documents:
        \(options.documents)
        memoire:
          summary: "\(options.summary)"
          approach: |
        \(approach.map { "    " + $0 }.joined(separator: "\n\n"))
        """
        try offer.write(toFile: offerPath, atomically: true, encoding: .utf8)
    }

    func load() throws -> Offer { try Offer.load(path: offerPath) }
}

/// Runs every rule on a prepared offer (and documents), without building.
func evaluate(_ offer: Offer, asOf: String = "2021-11-01", documents: [InspectedDocument] = [],
              render: RenderState = .noDocuments) -> CheckReport {
    PreSubmissionCheck.evaluate(CheckContext(offer: offer, pricing: OfferPricing(offer: offer), asOf: DateValue(moment: asOf)!,
                                             documents: documents, render: render))
}

extension CheckReport {
    func status(_ rule: String) -> RuleStatus? { rules.first { $0.id == rule }?.status }
    func findings(_ rule: String, _ severity: Finding.Severity? = nil) -> [Finding] {
        findings.filter { $0.rule == rule && (severity == nil || $0.severity == severity) }
    }
}

/// A folder for PATH holding only links to the given programs (and `timeout`, which the
/// LibreOffice call runs under).
func pathFolder(_ dir: TemporaryFolder, linking tools: [String]) throws -> String {
    let bin = dir.file("bin")
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    // coreutils a build needs whatever the test fakes: timeout, and sha256sum for the manifest.
    for tool in tools + ["timeout", "sha256sum"].filter({ !tools.contains($0) }) {
        if let real = CLI.which(tool) { try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: real) }
    }
    return bin
}

@Suite(.serialized, .inLanguage(.french)) struct CheckTests {
    // MARK: Offer rules

    @Test func budgetComparesTheRightTotalWithTheCap() throws {
        let fixture = try CheckFixture()
        var offer = try fixture.load()

        offer.tender.rules = ["budget": ["max": 10000, "basis": "ttc", "scope": "all"]]
        var report = evaluate(offer)
        #expect(report.status("budget") == .failed)
        let over = try #require(report.findings("budget", .error).first)
        #expect(over.measured == FrenchFormat.euros(10080) + " TTC")
        #expect(over.limit == FrenchFormat.euros(10000) + " TTC")
        #expect(over.message.contains("dépasse de \(FrenchFormat.euros(80)) le plafond de " + FrenchFormat.euros(10000)))
        #expect(report.status == .failure)

        offer.tender.rules = ["budget": ["max": 10000, "basis": "ttc", "scope": "fixed"]]
        report = evaluate(offer)
        #expect(report.status("budget") == .passed)
        #expect(report.findings("budget", .info).first?.message.contains("marge " + FrenchFormat.euros(1600)) == true)

        offer.tender.rules = ["budget": ["max": 7000, "basis": "ht", "scope": "fixed"]]
        #expect(evaluate(offer).status("budget") == .passed)
        offer.tender.rules = ["budget": ["max": 6999, "basis": "ht", "scope": "fixed"]]
        #expect(evaluate(offer).status("budget") == .failed)
        // Unsaid basis and scope: the stricter reading (TTC, all tranches), and the message says so.
        offer.tender.rules = ["budget": ["max": 10000]]
        report = evaluate(offer)
        #expect(report.status("budget") == .failed)
        #expect(report.findings("budget").first?.message.contains("base TTC, périmètre toutes tranches retenus") == true)
        // No rule: skipped, and says why.
        offer.tender.rules = .null
        #expect(evaluate(offer).status("budget") == .skipped("la consultation ne fixe aucune règle `budget`"))
    }

    @Test func durationAddsCalendarMonthsFromTheStartOrTheNotification() throws {
        let fixture = try CheckFixture()
        var offer = try fixture.load()   // 2021-11-22 → 2022-04-29, 5.2 months
        func status(_ rule: Value) -> RuleStatus? {
            offer.tender.rules = ["duration": rule]
            return evaluate(offer).status("duration")
        }
        #expect(status(["max_months": 6]) == .passed)
        #expect(status(["max_months": 5]) == .failed)        // end after 2022-04-22
        #expect(status(["min_months": 6]) == .failed)        // end before 2022-05-22
        #expect(status(["min_months": 5, "max_months": 6]) == .passed)
        offer.tender.rules = ["duration": ["max_months": 5]]
        let late = try #require(evaluate(offer).findings("duration", .error).first)
        #expect(late.message.contains("22 avril 2022"))
        #expect(late.measured == "5,2 mois (22 novembre 2021 → 29 avril 2022)")
        #expect(late.limit == "au plus 5 mois")
        #expect(late.location?.line != nil)

        // "at most 1 month from notification": 31 January + 1 month is 28 February.
        offer.schedule = Schedule(start: DateValue(iso: "2021-01-31"), startIsNotification: true,
                                  end: DateValue(iso: "2021-02-28"), durationMonths: nil, milestones: [])
        #expect(status(["max_months": 1]) == .passed)
        offer.schedule?.end = DateValue(iso: "2021-03-01")
        #expect(status(["max_months": 1]) == .failed)
        #expect(evaluate(offer).findings("duration").first?.message.contains("notification supposée (31 janvier 2021)") == true)
        // Notification without an assumed date: an error that says what to add.
        offer.schedule?.start = nil
        #expect(status(["max_months": 1]) == .failed)
        #expect(evaluate(offer).findings("duration").first?.hint?.contains("schedule.notification") == true)
    }

    @Test func deadlineIsComparedWithAsOfInItsZone() throws {
        let fixture = try CheckFixture()
        let offer = try fixture.load()   // 2021-11-07T23:59 Europe/Paris (+01:00)
        #expect(evaluate(offer, asOf: "2021-10-01").status("deadline") == .passed)
        #expect(evaluate(offer, asOf: "2021-10-31T23:58").status("deadline") == .passed)  // 7 days 1 min before
        #expect(evaluate(offer, asOf: "2021-11-01").status("deadline") == .warned)        // within 7 days
        #expect(evaluate(offer, asOf: "2021-11-05").status("deadline") == .warned)
        #expect(evaluate(offer, asOf: "2021-11-07T23:59").status("deadline") == .warned)   // at the minute: still on time
        #expect(evaluate(offer, asOf: "2021-11-08").status("deadline") == .failed)
        #expect(evaluate(offer, asOf: "2021-11-07T22:58Z").status("deadline") == .warned)  // 23:58 in Paris
        #expect(evaluate(offer, asOf: "2021-11-07T23:00Z").status("deadline") == .failed)  // 00:00 on the 8th in Paris
        #expect(evaluate(offer, asOf: "2021-11-08T00:30+02:00").status("deadline") == .warned)  // 23:30 in Paris
        let late = try #require(evaluate(offer, asOf: "2021-11-09T12:00").findings("deadline", .error).first)
        #expect(late.message.contains("dépassée depuis 1 jour 12 h 01 min"))
        #expect(late.limit == "2021-11-07 23:59 +01:00")
        #expect(DateValue(moment: "2021-11-05")?.momentText == "2021-11-05 00:00 +01:00")
        #expect(DateValue(moment: "2021-07-05T12:00")?.momentText == "2021-07-05 12:00 +02:00")
        #expect(DateValue(moment: "5/11/2021") == nil)
    }

    @Test func referencesCountThoseEndedRecentlyBeforeTheDeadline() throws {
        let fixture = try CheckFixture()
        var offer = try fixture.load()   // ended 2021-09-24, 2021-05-28, 2020-06-26; one ongoing
        offer.tender.rules = ["references": ["count": 2, "within_months": 12]]
        #expect(evaluate(offer).status("references") == .passed)
        offer.tender.rules = ["references": ["count": 3, "within_months": 12]]
        let report = evaluate(offer)
        #expect(report.status("references") == .failed)
        let short = try #require(report.findings("references", .error).first)
        #expect(short.measured == "2 références")
        #expect(short.limit == "au moins 3")
        #expect(short.message.contains("1 référence en cours ne compte pas"))
        offer.tender.rules = ["references": ["count": 3, "within_months": 18]]
        #expect(evaluate(offer).status("references") == .passed)
    }

    @Test func aRuleNoCheckReadsIsAnError() throws {
        var offer = try CheckFixture().load()   // no document is read: the folder may go
        offer.tender.rules = ["budget": ["max": 20000], "page_limit": 20]
        let report = evaluate(offer)
        #expect(report.status("rules") == .failed)
        #expect(report.findings("rules", .error).first?.message.contains("page_limit") == true)
        // The loader already refuses unknown keys in offer.yaml, with a suggestion.
        let misspelt = try CheckFixture(.init(rules: "{ budgte: { max: 1 } }"))
        let error = try thrown { try misspelt.load() }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("budget"))
    }

    // MARK: Documents (built, not rendered)

    @Test func headingsComeFromStylesInDocxAndTextHInOdt() throws {
        let fixture = try CheckFixture()
        let paragraphs = try DocumentText.paragraphs(of: fixture.dir.file("memoire.docx"))
        let headings = paragraphs.filter { $0.inBody && $0.headingLevel != nil }.map { "\($0.headingLevel!) \($0.text)" }
        #expect(headings == ["1 Présentation", "1 Méthodologie", "2 Calendrier", "1 Coût par profil"])
        #expect(paragraphs.contains { $0.text == "Engagement de l’Atelier Test" && $0.headingLevel == nil })  // based on "Heading", not Heading N

        let odt = fixture.dir.file("t.odt")
        let ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        try Fixture.zip(at: odt, [
            .init("mimetype", text: "application/vnd.oasis.opendocument.text", stored: true),
            .init("content.xml", text: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \(ns)><office:body><office:text>"
                  + "<text:h text:outline-level=\"1\">Méthodologie</text:h><text:p>Texte<text:s text:c=\"2\"/>suite</text:p>"
                  + "<text:h text:outline-level=\"2\">Coût<text:tab/>par profil</text:h></office:text></office:body></office:document-content>"),
        ])
        let odtParagraphs = try DocumentText.paragraphs(of: odt)
        #expect(odtParagraphs.map(\.text) == ["Méthodologie", "Texte  suite", "Coût\tpar profil"])
        #expect(odtParagraphs.map(\.headingLevel) == [1, nil, 2])
        #expect(FoldedText.contains("2. COUT  par-profil et prix", words: "Coût par profil"))
        #expect(!FoldedText.contains("CVthèque", words: "CV"))
    }

    /// Builds the fixture's documents (no PDF) and checks them.
    func check(_ offer: Offer, asOf: String = "2021-11-01", documentsFolder: String? = nil) throws -> CheckReport {
        try PreSubmissionCheck.run(offer, pricing: OfferPricing(offer: offer),
                                   options: CheckOptions(asOf: DateValue(moment: asOf)!, render: false, documentsFolder: documentsFolder))
    }

    @Test func sectionsArePresentInOrderAsHeadings() throws {
        let fixture = try CheckFixture()
        var offer = try fixture.load()
        offer.tender.rules = ["sections": ["PRESENTATION", "methodologie", "Cout par profil"], "sections_document": "memoire"]
        var report = try check(offer)
        #expect(report.status("sections") == .passed)
        #expect(report.status("render") == .skipped("--no-render"))

        offer.tender.rules = ["sections": ["Méthodologie", "Présentation", "Planning", "Atelier Test", "Engagement"]]
        report = try check(offer)
        #expect(report.status("sections") == .failed)
        let messages = report.findings("sections", .error).map(\.message)
        #expect(messages.count == 4)
        #expect(messages[0].contains("« Présentation » n’est pas à sa place"))
        #expect(messages[1].contains("« Planning » n’a pas de titre"))
        #expect(messages[2].contains("« Atelier Test » n’a pas de titre") && messages[2].contains("mais pas en titre"))
        #expect(messages[3].contains("« Engagement » n’a pas de titre") && messages[3].contains("mais pas en titre"))
        let outOfOrder = report.findings("sections", .error)[0]
        #expect(outOfOrder.anchor == "Présentation")
        #expect(outOfOrder.document?.hasSuffix("Mémoire.docx") == true)
        #expect(outOfOrder.location?.paragraph == 1)

        offer.tender.rules = ["sections": ["Présentation"], "sections_document": "annexe"]
        #expect(try check(offer).findings("sections", .error).first?.message.contains("« annexe »") == true)
    }

    @Test func everyPricedPersonHasACVAndEveryCVIsPriced() throws {
        let idle = try CheckFixture(.init(bobDays: "0"))
        var report = try check(try idle.load())
        #expect(report.status("team") == .warned)
        #expect(report.findings("team", .warning).first?.message.contains("Bob Durand a un CV") == true)

        let fixture = try CheckFixture()
        var offer = try fixture.load()
        #expect(try check(offer).status("team") == .passed)
        offer.documents.removeAll { $0.perTeamMember }
        report = try check(offer)
        #expect(report.status("team") == .failed)
        #expect(report.findings("team", .error).count == 2)
    }

    @Test func leftoversAreFoundInTheGeneratedText() throws {
        let clean = try CheckFixture()
        #expect(try check(try clean.load()).status("leftovers") == .passed)
        let summary = "TODO relire ; {{ oubli }} ; [à compléter : chiffres] ; Lorem ipsum dolor ; XXX"
        let dirty = try CheckFixture(.init(summary: summary), memoire: CheckFixture.memoireBody(extra: CheckFixture.heading("{{ memoire.means }}")))
        let report = try check(try dirty.load())
        #expect(report.status("leftovers") == .failed)
        let found = report.findings("leftovers", .error).compactMap(\.anchor)
        #expect(found == ["{{ oubli }}", "TODO", "XXX", "[à compléter\u{00A0}: chiffres]", "Lorem ipsum"])
        #expect(report.findings("leftovers", .error).first?.location?.paragraph == 3)
        #expect(report.findings("leftovers", .warning).first?.message.contains("un titre vide") == true)
    }

    @Test func printedTotalsMatchThePricingOrTheDocumentsAreStale() throws {
        let fixture = try CheckFixture()
        let offer = try fixture.load()
        var report = try check(offer)
        #expect(report.status("totals") == .passed)
        #expect(report.findings("totals", .info).first?.message.contains(FrenchFormat.euros(10080)) == true)

        // Documents built, then the offer changed: their totals are no longer the pricing.
        let folder = fixture.dir.file("built")
        _ = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                        options: BuildOptions(outputFolder: folder, today: DateValue(iso: "2021-11-01")!))
        let changed = try CheckFixture(.init(bobDays: "6"))
        report = try check(try changed.load(), documentsFolder: folder)
        #expect(report.status("totals") == .failed)
        let wrong = report.findings("totals", .error)
        #expect(wrong.contains { $0.anchor == FrenchFormat.euros(10080) && $0.message.contains("ne correspond à aucun montant") })
        #expect(wrong.contains { $0.message.contains("pas le total TTC de l’offre, " + FrenchFormat.euros(10920)) })
        #expect(wrong.allSatisfy { $0.document == folder + "/Mémoire.docx" })

        // A missing document of the folder is a missing input.
        try FileManager.default.removeItem(atPath: folder + "/CV Bob Durand.docx")
        let missing = try thrown { try check(offer, documentsFolder: folder) }
        #expect(missing.status == .missingInput)
        #expect(missing.description.contains("CV Bob Durand.docx"))
    }

    @Test func proBonoIsASeparateLineValuedAtCostAndFlaggedForLegalReview() throws {
        let proBono = "pro_bono: { days: { alice: 1 } }"
        let fixture = try CheckFixture(.init(proBono: proBono))
        var offer = try fixture.load()
        var report = try check(offer)
        #expect(report.status("pro_bono") == .warned)
        let review = report.findings("pro_bono", .warning)
        #expect(review.count == 1)
        #expect(review[0].message.contains("prévoit \(FrenchFormat.days(1)) de mécénat (\(FrenchFormat.euros(700)) aux taux de l’offre, \(FrenchFormat.euros(350)) au coût"))
        #expect(review[0].hint == Mecenat.legalReview)
        #expect(review[0].anchor == FrenchFormat.euros(700))

        offer.documents.removeAll { !$0.perTeamMember }   // no document prints the mécénat
        report = try check(offer)
        #expect(report.findings("pro_bono", .error).first?.message.contains("ne figure dans aucun document") == true)

        let costless = try CheckFixture(.init(proBono: proBono, profileCost: ""))
        report = try check(try costless.load())
        #expect(report.findings("pro_bono", .error).contains { $0.message.contains("ne peut pas être valorisé au coût") })
        let none = try CheckFixture()
        #expect(try check(try none.load()).status("pro_bono") == .skipped("l’offre ne prévoit aucun jour de mécénat (`pro_bono`)"))
    }

    // MARK: Rendered for real

    @Test(.needs(.libreOffice, .poppler)) func pageLimitsOnRenderedPDFs() throws {
        // 20 paragraphs of method, each on its own page: a 21-page mémoire; Alice's CV has 2 pages.
        let rules = "{ pages: [{ documents: [memoire], max: 20 }, { documents: [memoire, cv], max: 24 }], cv_pages: 1 }"
        let fixture = try CheckFixture(.init(rules: rules, approachParagraphs: 20))
        var offer = try fixture.load()
        let report = try PreSubmissionCheck.run(offer, pricing: OfferPricing(offer: offer),
                                                options: CheckOptions(asOf: DateValue(moment: "2021-10-01")!))
        #expect(report.documents.map(\.pages) == [21, 2, 1])
        #expect(report.status("render") == .passed)
        #expect(report.status("pages") == .failed)
        let pages = report.findings("pages")
        #expect(pages.map(\.severity) == [.error, .info])
        #expect(pages[0].measured == "21 pages" && pages[0].limit == "20 pages")
        #expect(pages[0].message.contains("1 page de trop pour une limite de 20 pages"))
        #expect(pages[0].location?.line != nil)
        #expect(pages[1].measured == "24 pages" && pages[1].limit == "24 pages")   // 21 + 2 + 1: at the limit
        #expect(report.status("cv_pages") == .failed)
        let cvs = report.findings("cv_pages")
        #expect(cvs.map(\.severity) == [.error, .info])
        #expect(cvs[0].message.contains("Alice Martin") && cvs[0].measured == "2 pages" && cvs[0].limit == "1 page")
        #expect(cvs[0].anchor == "Alice Martin" && cvs[0].document?.hasSuffix("CV Alice Martin.docx") == true)
        // The text rules read the PDF.
        #expect(report.findings("leftovers", .info).first?.message.contains("texte des PDF") == true)
        #expect(report.status("totals") == .passed)
        #expect(report.status == .failure)

        // The same rendered pages against other limits: passing.
        let context = { (rules: Value) -> CheckReport in
            offer.tender.rules = rules
            return PreSubmissionCheck.evaluate(CheckContext(offer: offer, pricing: OfferPricing(offer: offer), asOf: report.asOf,
                                                            documents: report.documents, render: .rendered))
        }
        let passing = context(["pages": [["documents": ["memoire"], "max": 21]], "cv_pages": 2])
        #expect(passing.status("pages") == .passed && passing.status("cv_pages") == .passed)
        #expect(passing.status == .ok)
        let unknown = context(["pages": [["documents": ["annexes"], "max": 2]]])
        #expect(unknown.findings("pages", .error).first?.message.contains("annexes") == true)

        // CVs inside one document: page ranges found by the headings naming the people.
        let shared = PreSubmissionCheck.evaluate(CheckContext(
            offer: offer, pricing: OfferPricing(offer: offer), asOf: report.asOf,
            documents: [InspectedDocument(id: "cvs", member: nil, path: "cvs.docx", pdf: "cvs.pdf", pages: 4,
                                          pageTexts: ["Alice Martin\nConsultante", "suite", "Bob Durand\nConsultant", "Annexe"],
                                          paragraphs: [DocumentParagraph(part: "word/document.xml", number: 1, text: "Alice Martin", headingLevel: 1, inBody: true),
                                                       DocumentParagraph(part: "word/document.xml", number: 2, text: "Bob Durand", headingLevel: 1, inBody: true),
                                                       DocumentParagraph(part: "word/document.xml", number: 3, text: "Annexe", headingLevel: 1, inBody: true)])],
            render: .rendered))
        #expect(context(["cv_pages": 1]).status("cv_pages") == .failed)
        offer.tender.rules = ["cv_pages": 1]
        let ranges = PreSubmissionCheck.evaluate(CheckContext(offer: offer, pricing: OfferPricing(offer: offer), asOf: report.asOf,
                                                              documents: shared.documents, render: .rendered))
        #expect(ranges.findings("cv_pages").map(\.measured) == ["2 pages", "1 page"])
    }

    // MARK: Command line

    @Test(.needs(.tender)) func exitStatusesAndTheThreeFormats() throws {
        let good = try CheckFixture(.init(rules: "{ budget: { max: 20000, basis: ttc, scope: all }, references: { count: 2, within_months: 12 } }"))
        let ok = try CLI.run(["check", good.dir.file("offer"), "--as-of", "2021-10-01", "--no-render"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("OK : 0 erreur, 0 avertissement ; 18 règles : "))
        #expect(ok.stdout.contains("render : --no-render"))
        #expect(ok.stdout.contains("budget : le prix, \(FrenchFormat.euros(10080)) TTC (toutes tranches), respecte le plafond"))

        // --as-of moves the deadline from fine to warning to late.
        let soon = try CLI.run(["check", good.offerPath, "--as-of", "2021-11-05T18:00", "--no-render"])
        #expect(soon.status == 0 && soon.stdout.contains("Avertissements (1)") && soon.stdout.contains("est dans 2 jours 5 h 59 min"))
        let late = try CLI.run(["check", good.offerPath, "--as-of", "2021-11-08T00:00+01:00", "--no-render"])
        #expect(late.status == 1 && late.stdout.contains("Erreurs (1)") && late.stdout.contains("deadline : la date limite"))

        let bad = try CheckFixture(.init(rules: "{ budget: { max: 10000 }, references: { count: 3, within_months: 12 } }"))
        let failed = try CLI.run(["check", bad.offerPath, "--as-of", "2021-10-01", "--no-render"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("Erreurs (2)"))
        #expect(failed.stdout.contains("    correction : "))
        #expect(failed.stdout.contains("ÉCHEC : 2 erreurs, 0 avertissement ; 18 règles : "))

        // JSON: one object per finding.
        let json = try CLI.run(["check", bad.offerPath, "--as-of", "2021-10-01", "--no-render", "--format", "json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(errors.compactMap { $0["id"] as? String } == ["budget", "references"])
        #expect(errors[0]["measured"] as? String == "10080.00")
        #expect(errors[0]["measured_text"] as? String == FrenchFormat.euros(10080) + " TTC")
        #expect(errors[0]["limit"] as? String == "10000.00")
        #expect(errors[0]["limit_text"] as? String == FrenchFormat.euros(10000) + " TTC")
        #expect(errors[1]["measured"] as? String == "2" && errors[1]["limit"] as? String == "3")
        #expect((errors[0]["location"] as? [String: Any])?["line"] as? Int != nil)
        #expect(Set(findings.flatMap(\.keys)) == ["id", "severity", "message", "hint", "location", "measured", "measured_text",
                                                  "limit", "limit_text", "document", "anchor"])
        #expect(object["status"] as? Int == 1 && object["errors"] as? Int == 2)
        #expect(object["schema_version"] as? Int == 1)
        #expect(object["as_of"] as? String == "2021-10-01T00:00:00+02:00")
        // No temporary path: documents are named as in the build folder.
        #expect(!json.stdout.contains("tender-check-"))
        // Two runs on the same inputs, the same bytes.
        let again = try CLI.run(["check", bad.offerPath, "--as-of", "2021-10-01", "--no-render", "--format", "json"])
        #expect(again.stdout == json.stdout)

        // JUnit: one test case per rule, failures and skipped counted, written with -o.
        let xmlPath = bad.dir.file("report.xml")
        let junit = try CLI.run(["check", bad.offerPath, "--as-of", "2021-10-01", "--no-render", "--format", "junit", "-o", xmlPath])
        #expect(junit.status == 1 && junit.stdout.isEmpty)
        let parsed = try JUnitCounts(path: xmlPath)
        #expect(parsed.testcases == PreSubmissionCheck.rules.count)
        #expect(parsed.names == PreSubmissionCheck.rules.map(\.id))
        #expect(parsed.failureElements == 2 && parsed.suiteFailures == 2)
        #expect(parsed.skippedElements == parsed.suiteSkipped && parsed.suiteSkipped >= 5)
        #expect(parsed.suiteTests == PreSubmissionCheck.rules.count)
        #expect(parsed.timedTestcases == parsed.testcases)
        #expect(parsed.suiteWarnings == parsed.warningProperties)

        // Invalid and missing input, wrong options.
        #expect(try CLI.run(["check", bad.dir.file("nope")]).status == 66)
        let misspelt = try CheckFixture(.init(rules: "{ budgte: { max: 1 } }"))
        let invalid = try CLI.run(["check", misspelt.offerPath, "--no-render"])
        #expect(invalid.status == 65 && invalid.stderr.contains("budget"))
        #expect(try CLI.run(["check", good.offerPath, "--as-of", "05/11/2021"]).status == 64)
        #expect(try CLI.run(["check", good.offerPath, "--format", "xml"]).status == 64)
        #expect(try CLI.run(["check", good.offerPath, "--documents", good.dir.file("none"), "--no-render"]).status == 66)
    }

    @Test(.needs(.tender)) func aMissingLibreOfficeIsAFindingNotASilentPass() throws {
        let fixture = try CheckFixture(.init(rules: "{ pages: [{ documents: [memoire], max: 20 }] }"))
        let bin = try pathFolder(fixture.dir, linking: ["pdfinfo", "pdftotext"])
        let run = try CLI.runProgram(CLI.binary!, ["check", fixture.offerPath, "--as-of", "2021-10-01"], environment: ["PATH": bin])
        #expect(run.status == 1)
        #expect(run.stdout.contains("render : limites de pages non vérifiées (pages) : LibreOffice (soffice) n’est pas installé"))
        #expect(run.stdout.contains("correction : installer LibreOffice : apt-get install libreoffice-writer-nogui"))
        #expect(run.stdout.contains("pages : les documents n’ont pas pu être convertis en PDF (voir render)"))
        // Without page rules the XML text is checked instead, and the report says so.
        let plain = try CheckFixture()
        let warned = try CLI.runProgram(CLI.binary!, ["check", plain.offerPath, "--as-of", "2021-10-01"], environment: ["PATH": bin])
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("vérifiés dans le XML des documents au lieu du PDF"))
    }

    @Test(.needs(.tender, .timeout)) func aHungConversionIsStoppedAfterTheTimeout() throws {
        let fixture = try CheckFixture(.init(rules: "{ cv_pages: 1 }"))
        let bin = try pathFolder(fixture.dir, linking: ["pdfinfo", "pdftotext"])
        try "#!/bin/sh\nexec /bin/sleep 60\n".write(toFile: bin + "/soffice", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/soffice")
        let started = Date()
        let run = try CLI.runProgram(CLI.binary!, ["check", fixture.offerPath, "--as-of", "2021-10-01", "--timeout", "2"],
                                     environment: ["PATH": bin])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(run.status == 1)
        #expect(run.stdout.contains("LibreOffice n’a pas terminé la conversion en 2 s et a été arrêté"))
        #expect(run.stderr.contains("conversion des 3 documents en PDF avec LibreOffice"))   // progress, after a second
    }

    @Test(.needs(.tender, .libreOffice, .poppler)) func buildThenCheckTheDocumentsItWrote() throws {
        let fixture = try CheckFixture(.init(rules: "{ pages: [{ documents: [memoire, cv], max: 20 }], cv_pages: 1 }", approachParagraphs: 20))
        let folder = fixture.dir.file("out")
        let build = try CLI.run(["build", fixture.offerPath, "--pdf", "-o", folder, "--today", "2021-10-01"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("vérification : 2 erreurs, 0 avertissement (détail : tender check \(fixture.offerPath))"))
        // The PDFs tender build wrote are used: no LibreOffice needed (sha256sum and qpdf check
        // the folder against its manifest).
        let bin = try pathFolder(fixture.dir, linking: ["pdfinfo", "pdftotext", "sha256sum", "qpdf"])
        let check = try CLI.runProgram(CLI.binary!, ["check", fixture.offerPath, "--documents", folder, "--as-of", "2021-10-01",
                                                     "--format", "junit"], environment: ["PATH": bin])
        #expect(check.status == 1)
        let parsed = try JUnitCounts(xml: check.stdout)
        #expect(parsed.failureElements == 2 && parsed.suiteFailures == 2)
        #expect(parsed.failedNames == ["pages", "cv_pages"])
        #expect(parsed.names.last == "folder")
        #expect(check.stdout.contains("24 pages"))
    }

    @Test(.needs(.tender, .libreOffice, .poppler)) func sampleOffersPassAsOfTheirREADMEDates() throws {
        let readme = try String(contentsOfFile: CLI.packageRoot + "/offers/README.md", encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.contains("| exit 0") }
        #expect(rows.count == 4)
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            let run = try CLI.run(["check", CLI.packageRoot + "/offers/" + cells[0], "--as-of", cells[1]])
            #expect(run.status == 0, "\(cells[0]): \(run.stdout)")
            #expect(run.stdout.contains("OK : 0 erreur, "))
            let stated = cells[2].firstMatch(of: #/(\d+) avertissements?/#)
            #expect(stated != nil, "\(cells[0]): no warning count in \(cells[2])")
            if let stated {
                #expect(run.stdout.contains("OK : 0 erreur, \(stated.1) avertissement"), "\(cells[0])")
            }
        }
    }
}

/// Counts in a JUnit XML report, read with Foundation's XML parser.
final class JUnitCounts: NSObject, XMLParserDelegate {
    var testcases = 0, failureElements = 0, skippedElements = 0
    var suiteTests = 0, suiteFailures = 0, suiteSkipped = 0
    var names: [String] = []
    var failedNames: [String] = []
    var suiteWarnings = -1, warningProperties = 0, timedTestcases = 0

    convenience init(path: String) throws { try self.init(xml: String(contentsOfFile: path, encoding: .utf8)) }

    init(xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "testsuite":
            suiteTests = Int(attributes["tests"] ?? "") ?? -1
            suiteFailures = Int(attributes["failures"] ?? "") ?? -1
            suiteSkipped = Int(attributes["skipped"] ?? "") ?? -1
            suiteWarnings = Int(attributes["warnings"] ?? "") ?? -1
        case "property" where attributes["name"] == "warning":
            warningProperties += 1
        case "testcase":
            testcases += 1
            if Double(attributes["time"] ?? "") != nil { timedTestcases += 1 }
            names.append(attributes["name"] ?? "")
        case "failure":
            failureElements += 1
            failedNames.append(names.last ?? "")
        case "skipped":
            skippedElements += 1
        default:
            break
        }
    }
}

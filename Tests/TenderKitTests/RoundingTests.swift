import Foundation
import Testing
@testable import TenderKit

/// The rounding rule of offers/FORMAT.md ("Pricing"): every line is rounded half-up to the cent,
/// and every printed total is the exact sum of its printed lines. Fixture: `OfferFixture`
/// (Claire 950 €/day on profile directeur; Paul 700 €/day of his own on profile senior, card 750).
@Suite(.inLanguage(.english)) struct RoundingTests {
    func d(_ text: String) -> Decimal { Decimal(exactly: text)! }

    func price(_ yaml: String, people: [String: String]? = nil) throws -> OfferPricing {
        let fixture = try people.map { try OfferFixture(offer: yaml, people: $0) } ?? OfferFixture(offer: yaml)
        return OfferPricing(offer: try fixture.load())
    }

    /// The fixture with Paul at `rate` and `days` on the first task.
    func paul(rate: String, days: String) -> String {
        OfferFixture.offer(replacing: "rate: \"700.00\"", with: "rate: \"\(rate)\"")
            .replacingOccurrences(of: "days: { claire-martin: 1.5, paul-durand: 3 }", with: "days: { claire-martin: 1.5, paul-durand: \(days) }")
    }

    @Test func aLineBelowTheCentIsRoundedPrintedAndSummed() throws {
        // The example of the issue: 0.25 d × 100.10 € = 25.025 € → 25.03 €.
        let p = try price(paul(rate: "100.10", days: "0.25"))
        let tf = p.tranches[0]
        #expect(tf.tasks[0].lines.map(\.amount) == [1425, d("25.03")])
        #expect(tf.tasks[0].amount == d("1450.03"))
        #expect(tf.totals.ht == d("2050.03"))            // + 600 lump sum
        #expect(tf.totals.vat == d("410.01"))            // 410.006
        #expect(tf.totals.ttc == d("2460.04"))
        // The person's total is the sum of the printed lines (25.03 + 50.05), not 0.75 × 100.10 = 75.075.
        #expect(p.people[1].amount == d("75.08"))
        // tender price says which line, and which rates keep it exact (multiples of 0.04 €).
        let warning = try #require(p.warnings.first)
        #expect(p.warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("Paul Durand on 'Cadrage et entretiens' (TF), 0.25 d × 100.1 € = 25.025 €, printed and counted as 25.03 €"))
        #expect(warning.hint?.contains("multiple of 0.04 € (100.08 or 100.12)") == true)
        #expect(warning.location?.line == OfferFixture.line(of: "paul-durand: 0.25", in: paul(rate: "100.10", days: "0.25")))
    }

    @Test func halfCentTiesGoUpNotToEven() throws {
        // 0.5 × 100.05 = 50.025: half-up 50.03, half-even 50.02.
        // 0.5 × 100.03 = 50.015: half-up 50.02, half-even 50.02 (both) — the pair tells the rules apart.
        let up = try price(paul(rate: "100.05", days: "0.5"))
        #expect(up.tranches[0].tasks[0].lines[1].amount == d("50.03"))
        let even = try price(paul(rate: "100.03", days: "0.5"))
        #expect(even.tranches[0].tasks[0].lines[1].amount == d("50.02"))
        // 1.5 × 100.01 = 150.015 → 150.02 (half-even: 150.02); 2.5 × 100.01 = 250.025 → 250.03 (half-even: 250.02).
        let tie = try price(paul(rate: "100.01", days: "2.5"))
        #expect(tie.tranches[0].tasks[0].lines[1].amount == d("250.03"))
        // A lump sum with fractions of a cent is rounded too, and said.
        let lump = try price(OfferFixture.offer(replacing: "amount: 600", with: "amount: \"600.125\""))
        #expect(lump.tranches[0].tasks[1].lumpSum == d("600.13"))
        #expect(lump.warnings.first?.message.contains("600.125") == true)
    }

    @Test func aNegotiatedRateHasARowOfItsOwnInTheCostPerProfile() throws {
        // Nadia on profile senior at the card's 750, Paul on senior at his own 700.
        let yaml = OfferFixture.offer(replacing: "  - { id: paul-durand, role: \"Chef de projet\", rate: \"700.00\", cost: 380 }",
                                      with: "  - { id: paul-durand, role: \"Chef de projet\", rate: \"700.00\", cost: 380 }\n  - { id: nadia, role: \"Consultante\" }")
            .replacingOccurrences(of: "days: { claire-martin: 1, paul-durand: 0.5 }", with: "days: { claire-martin: 1, paul-durand: 0.5, nadia: 2 }")
        let p = try price(yaml, people: ["claire-martin": OfferFixture.claire, "paul-durand": OfferFixture.paul,
                                         "nadia": "name: Nadia Ferhat\nprofile: senior\n"])
        #expect(p.profiles.map(\.label) == ["Directeur·rice de mission", "Consultant·e senior", "Consultant·e senior (taux spécifique)"])
        #expect(p.profiles.map(\.rate) == [950, 750, 700])
        #expect(p.profiles.map(\.days) == [d("2.5"), 2, d("3.5")])
        #expect(p.profiles.map(\.amount) == [2375, 1500, 2450])
        for row in p.profiles { #expect(row.rate * row.days == row.amount) }
        let text = PricingReport.text(p, in: .french)
        #expect(text.contains("Consultant·e senior (taux spécifique)   700,00\u{00A0}€     3,5   2\u{202F}450,00\u{00A0}€"))
    }

    @Test func anExemptBidderSaysNetNeverHTNorTTC() throws {
        let wording = "TVA non applicable, art. 293 B du CGI"
        let p = try price(OfferFixture.offer(replacing: "vat: { rate: 0.20 }", with: "vat: { exemption: \"\(wording)\" }"))
        let text = PricingReport.text(p, in: .french)
        #expect(!text.contains("HT"))
        #expect(!text.contains("TTC"))
        #expect(text.contains("Total net"))
        #expect(text.contains(wording))
        let words = PriceWords(p.offer.bidder.vat)
        #expect(words.total == "Total net" && words.net == "Net à payer" && words.ttc == nil && words.dayRate == "Prix de journée net")
        #expect(BuildSummary.totals(p).contains("5\u{202F}425,00\u{00A0}€ net (\(wording))"))
        #expect(!BuildSummary.totals(p).contains("HT"))
        let labels = p.templateContext(today: DateValue(year: 2021, month: 11, day: 1))["pricing"]?["labels"]
        #expect(labels?["ht"] == "net")
        #expect(labels?["ttc"] == .null)
    }

    @Test(.inLanguage(.french)) func theFigureAfterTheMecenatIsNetHT() throws {
        let p = try price(OfferFixture.offer + "pro_bono: { share: 0.10 }\n")
        #expect(BuildSummary.totals(p).contains("net HT, TVA"))
        let text = PricingReport.text(p)
        #expect(text.contains("Total HT"))
        #expect(text.contains("Net HT"))
    }

    @Test func aDiscountIsItsOwnLineBeforeTheMecenat() throws {
        // 5 % of TF 4 125 = 206.25; of TO 1 300 = 65.
        let p = try price(OfferFixture.offer + "discount: { rate: 0.05 }\npro_bono: { share: 0.10 }\n")
        let tf = p.tranches[0].totals
        #expect(tf.discount == d("206.25"))
        #expect(tf.proBono == d("352.5"))
        #expect(tf.netHT == 4125 - d("206.25") - d("352.5"))
        #expect(tf.vat == (tf.netHT * d("0.2")).roundedHalfUp(2))
        #expect(p.all.discount == d("271.25"))
        #expect(p.mecenat?.valueAtRate == p.all.proBono)   // the mécénat is valued at rates, not discounted
        let text = PricingReport.text(p)
        #expect(text.contains("Remise commerciale (5\u{00A0}%)"))
        #expect(text.contains("-206,25\u{00A0}€"))
        let csv = PricingReport.csv(p)
        #expect(csv.contains("discount,TF,fixed,Remise commerciale (5\u{00A0}%)"))
        // The CSV amounts still add up to the TTC.
        let amounts = csv.split(separator: "\n").dropFirst().compactMap { Decimal(string: String($0.split(separator: ",").last!)) }
        #expect(amounts.reduce(0, +) == p.all.ttc)
    }

    @Test func aDiscountOnAHalfCentGoesUp() throws {
        // Paul at 701 €: TO = 950 + 350.50 = 1 300.50; 5 % = 65.025 → 65.03 (half-even: 65.02).
        let p = try price(OfferFixture.offer(replacing: "rate: \"700.00\"", with: "rate: \"701.00\"")
                          + "discount: { rate: 0.05 }\n")
        #expect(p.tranches[1].totals.ht == d("1300.5"))
        #expect(p.tranches[1].totals.discount == d("65.03"))
        #expect(p.tranches[1].totals.netHT == d("1235.47"))
        #expect(p.tranches[1].totals.vat == d("247.09"))     // 247.094
    }

    @Test func anOfferWideAmountIsSharedProRataAndAddsUpExactly() throws {
        // 100 € over TF 4 125 and TO 1 300: 100 × 4125 / 5425 = 76.036… → 76.04; TO takes the rest, 23.96.
        let p = try price(OfferFixture.offer + "discount: { amount: 100, label: \"Remise fidélité\" }\n")
        #expect(p.tranches.map(\.totals.discount) == [d("76.04"), d("23.96")])
        #expect(p.all.discount == 100)
        #expect(PricingReport.text(p).contains("Remise fidélité"))
        // Per tranche, an amount stays on its tranche.
        let own = try price(OfferFixture.offer(replacing: "    title: \"Séminaire\"\n", with: "    title: \"Séminaire\"\n    discount: { amount: 50 }\n"))
        #expect(own.tranches.map(\.totals.discount) == [0, 50])
        #expect(own.tranches[1].totals.netHT == 1250)
    }

    @Test func discountsThatCannotBeAreErrors() throws {
        let both = try OfferFixture(offer: OfferFixture.offer(replacing: "    title: \"Séminaire\"\n", with: "    title: \"Séminaire\"\n    discount: { amount: 50 }\n")
                                    + "discount: { rate: 0.05 }\n").errors()
        #expect(both.description.contains("a discount is given both on the offer and on tranche 'TO'"))
        let tooMuch = try OfferFixture(offer: OfferFixture.offer(replacing: "    title: \"Séminaire\"\n", with: "    title: \"Séminaire\"\n    discount: { amount: 1300.01 }\n")).errors()
        #expect(tooMuch.description.contains("the discount of 'TO' (1300.01 €) is more than its total HT (1300 €)"))
        let neither = try OfferFixture(offer: OfferFixture.offer + "discount: { label: \"Remise\" }\n").errors()
        #expect(neither.diagnostics.count == 1)
    }

    @Test func quantitiesAreLinesLikeAnyOther() throws {
        let items = OfferFixture.offer(replacing: "      - title: \"Frais de déplacement\"\n        amount: 600",
                                       with: "      - title: \"Kits d'animation\"\n        quantity: 15\n        unit: kit\n        unit_price: 42.50\n"
                                           + "      - title: \"Déplacements\"\n        quantity: 123\n        unit: km\n        unit_price: \"0.603\"")
        let p = try price(items)
        let tasks = p.tranches[0].tasks
        #expect(tasks[1].item == PricedItem(quantity: 15, unit: "kit", unitPrice: d("42.5"), amount: d("637.5")))
        #expect(tasks[2].item?.amount == d("74.17"))      // 123 × 0.603 = 74.169
        #expect(tasks[2].amount == d("74.17"))
        #expect(p.tranches[0].totals.ht == 3525 + d("637.5") + d("74.17"))
        #expect(p.warnings.count == 1)
        #expect(p.warnings[0].message.contains("123 × 0.603 € = 74.169 €, printed and counted as 74.17 €"))
        let text = PricingReport.text(p)
        #expect(text.contains("kit"))
        #expect(text.contains("637,50\u{00A0}€"))
        let context = p.templateContext(today: DateValue(year: 2021, month: 11, day: 1))
        #expect(context["tranches"]?.asList?[0]["tasks"]?.asList?[1]["item"]?["unit_price"] == .number(d("42.5")))
        // A quantity needs its price.
        let half = try OfferFixture(offer: OfferFixture.offer(replacing: "        amount: 600", with: "        amount: 600\n        quantity: 3")).errors()
        #expect(half.description.contains("the quantity of 'Frais de déplacement' has no unit_price"))
    }

    @Test func anOptionalTrancheHasItsOwnDurationAndConfirmationDeadline() throws {
        let p = try price(OfferFixture.offer(replacing: "    title: \"Séminaire\"\n",
                                             with: "    title: \"Séminaire\"\n    duration_months: 2\n    confirmation_deadline: 2022-06-30\n"))
        let to = p.tranches[1]
        #expect(to.durationMonths == 2)
        #expect(to.confirmationDeadline == DateValue(year: 2022, month: 6, day: 30))
        #expect(TrancheWords.terms(to) == "Durée : 2 mois ; affermissement au plus tard le 30 juin 2022")
        #expect(PricingReport.text(p, in: .french).contains("Durée : 2 mois ; affermissement au plus tard le 30 juin 2022"))
        let fixed = try OfferFixture(offer: OfferFixture.offer(replacing: "    title: \"Étude et livrables\"\n",
                                                               with: "    title: \"Étude et livrables\"\n    duration_months: 2\n")).errors()
        #expect(fixed.description.contains("`duration_months` is for an optional tranche; 'TF' is fixed"))
    }

    @Test(.inLanguage(.french)) func theBudgetMayCapEachTranche() throws {
        var offer = try OfferFixture().load()
        offer.tender.rules = ["budget": ["max": 4000, "basis": "ht", "scope": "tranche"]]
        let pricing = OfferPricing(offer: offer)
        let report = PreSubmissionCheck.evaluate(CheckContext(offer: offer, pricing: pricing, asOf: DateValue(year: 2021, month: 11, day: 1),
                                                              documents: [], render: .noDocuments))
        let findings = report.findings.filter { $0.rule == "budget" }
        #expect(findings.count == 2)
        #expect(findings[0].severity == .error)
        #expect(findings[0].message.contains("tranche ferme TF, 4\u{202F}125,00\u{00A0}€ HT, dépasse de 125,00\u{00A0}€ le plafond par tranche"))
        #expect(findings[1].severity == .info)
    }
}

/// The `tables` rule re-adds what documents print.
@Suite(.inLanguage(.french)) struct TablesRuleTests {
    func d(_ text: String) -> Decimal { Decimal(exactly: text)! }

    /// A document whose body is one table: each row a list of cells.
    func document(_ rows: [[String]]) -> InspectedDocument {
        var paragraphs: [DocumentParagraph] = []
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                paragraphs.append(DocumentParagraph(part: "word/document.xml", number: paragraphs.count + 1, text: cell,
                                                    headingLevel: nil, inBody: true, row: r + 1, table: 1, column: c))
            }
        }
        return InspectedDocument(id: "annexes", member: nil, path: "/tmp/Bordereau.docx", pdf: nil, pages: nil, pageTexts: nil,
                                 paragraphs: paragraphs)
    }

    func findings(_ rows: [[String]]) throws -> [Finding] {
        let offer = try OfferFixture().load()
        let context = CheckContext(offer: offer, pricing: OfferPricing(offer: offer), asOf: DateValue(year: 2021, month: 11, day: 1),
                                   documents: [document(rows)], render: .notRequested)
        return TablesRule().evaluate(context).findings
    }

    let head = ["Tâche", "Intervenant", "Jours", "Prix de journée HT", "Montant HT"]

    @Test func aTableThatAddsUpHasNoFinding() throws {
        let found = try findings([head,
                                  ["Cadrage", "Claire", "1,5", "950,00 €", "1 425,00 €"],
                                  ["", "Paul", "3", "700,00 €", "2 100,00 €"],
                                  ["Total TF", "", "4,5", "", "3 525,00 €"]])
        #expect(found.map(\.severity) == [.info])
        #expect(found[0].message.hasPrefix("1 tableau de prix re-additionné"))
    }

    @Test func aWrongTotalNamesDocumentTableRowAndBothFigures() throws {
        let found = try findings([head,
                                  ["Cadrage", "Claire", "1,5", "950,00 €", "1 425,00 €"],
                                  ["", "Paul", "3", "700,00 €", "2 100,00 €"],
                                  ["Total TF", "", "4,5", "", "3 525,01 €"]])
        let error = try #require(found.first { $0.severity == .error })
        #expect(error.message == "Bordereau.docx, tableau 1 (« Tâche | Intervenant | Jours | … »), ligne « Total TF », colonne « Montant HT » : le total imprimé 3\u{202F}525,01\u{00A0}€ n’est pas la somme des lignes, 3\u{202F}525,00\u{00A0}€")
        #expect(error.location?.table == 1 && error.location?.row == 4)
    }

    @Test func aRowWhoseRateTimesDaysIsNotItsAmountIsAnError() throws {
        // The old « cost per profile » bug: 27 days at the card's 720 € next to the amount at 780 €.
        let found = try findings([["Profil", "Prix de journée HT", "Jours", "Montant HT"],
                                  ["Consultant·e senior", "720,00 €", "27", "19 680,00 €"]])
        let error = try #require(found.first { $0.severity == .error })
        #expect(error.message.contains("ligne « Consultant·e senior » : 27 × 720,00\u{00A0}€ = 19\u{202F}440,00\u{00A0}€, mais la ligne imprime 19\u{202F}680,00\u{00A0}€"))
    }

    @Test func aLineBelowTheCentIsAWarningNamingTheRow() throws {
        let found = try findings([head,
                                  ["Cadrage", "Nadia", "0,25", "100,10 €", "25,03 €"],
                                  ["Total TF", "", "0,25", "", "25,03 €"]])
        let warning = try #require(found.first { $0.severity == .warning })
        #expect(warning.message.contains("ligne « Cadrage » : 0,25 × 100,10\u{00A0}€ = 25,025\u{00A0}€, imprimé 25,03\u{00A0}€"))
        #expect(!found.contains { $0.severity == .error })
    }

    @Test func fixedAndOptionalTotalsAddTheirOwnTranches() throws {
        let found = try findings([["Tranche", "Jours", "Total HT"],
                                  ["TF Tranche ferme", "4,5", "4 125,00 €"],
                                  ["TO Tranche optionnelle", "1,5", "1 300,00 €"],
                                  ["Total tranche ferme", "4,5", "4 125,00 €"],
                                  ["Total tranches optionnelles", "1,5", "1 300,00 €"],
                                  ["Total général", "6", "5 425,00 €"]])
        #expect(!found.contains { $0.severity != .info })
    }

    @Test func aPDFLineIsReadWhenNoTableHadIt() throws {
        #expect(TablesRule.pricedLine("  Nadia Ferhat   Consultant·e senior    1,5     720,00 €     1 080,00 €") ?? (0, 0, 0) == (d("1.5"), 720, 1080))
        // Read only under a heading naming a count, a price and an amount, in that order.
        var doc = document([])
        doc.pageTexts = ["Tranche / tâche   Intervenant   Jours / qté   Prix unitaire HT   Montant HT\n"
                         + "  Nadia Ferhat    1,5     720,00 €     1 080,00 €\n"
                         + "Tranche    Jours    Total HT    Mécénat\n"
                         + "TF — Étude  13   8 250,00 €   0,00 €\n"]
        #expect(TablesRule.pricedLines(doc).map(\.text) == ["  Nadia Ferhat    1,5     720,00 €     1 080,00 €"])
    }
}

/// The templates of `templates/`, filled with crafted offers, print tables that the check re-adds
/// without an error, in DOCX and ODT.
@Suite(.inLanguage(.french)) struct PriceDocumentTests {
    /// A crafted offer on the real templates: a line below the cent, a negotiated rate, an item,
    /// a discount on the optional tranche with its own terms, and a mécénat.
    static func offer(_ ext: String, exempt: Bool = false) -> String {
        let root = CLI.packageRoot + "/templates/"
        var yaml = OfferFixture.offer(replacing: "rate: \"700.00\"", with: "rate: \"100.10\"")
            .replacingOccurrences(of: "days: { claire-martin: 1.5, paul-durand: 3 }", with: "days: { claire-martin: 1.5, paul-durand: 0.25 }")
            .replacingOccurrences(of: "      - title: \"Frais de déplacement\"\n        amount: 600",
                                  with: "      - title: \"Kits d'animation\"\n        quantity: 15\n        unit: kit\n        unit_price: 42.50")
            .replacingOccurrences(of: "    title: \"Séminaire\"\n",
                                  with: "    title: \"Séminaire\"\n    duration_months: 2\n    confirmation_deadline: 2022-06-30\n    discount: { rate: 0.05 }\n")
            .replacingOccurrences(of: "  - { id: memoire, template: ../../templates/memoire.docx, output: \"01 Mémoire.docx\" }\n  - { id: cv, template: ../../templates/cv.docx, per: team, output: \"02 CV {{ person.name }}.docx\" }",
                                  with: "  - { id: memoire, template: \(root)memoire-technique.\(ext), output: \"01 Mémoire.\(ext)\" }\n  - { id: annexes, template: \(root)bordereau-prix.\(ext), output: \"03 Bordereau.\(ext)\" }")
            + "pro_bono: { share: 0.10 }\n"
            + "memoire:\n  sections:\n"
            + "    - { id: offre, title: \"Notre offre\", body: \"Texte.\", blocks: [key_figures, tasks, team, price] }\n"
        if exempt { yaml = yaml.replacingOccurrences(of: "vat: { rate: 0.20 }", with: "vat: { exemption: \"TVA non applicable, art. 293 B du CGI\" }") }
        return yaml
    }

    func check(_ yaml: String, render: Bool = false) throws -> (CheckReport, [String: String]) {
        let fixture = try OfferFixture(offer: yaml)
        let offer = try fixture.load()
        let work = try TemporaryFolder()
        let report = try PreSubmissionCheck.run(offer, pricing: OfferPricing(offer: offer),
                                                options: CheckOptions(asOf: DateValue(year: 2021, month: 11, day: 1, secondsOfDay: 0, utcOffset: 3600),
                                                                      render: render, workFolder: work.path))
        var texts: [String: String] = [:]
        for doc in report.documents { texts[doc.name] = doc.paragraphs.map(\.text).joined(separator: "\n") }
        return (report, texts)
    }

    @Test(arguments: ["docx", "odt"]) func theDocumentsAddUpAndSaySo(ext: String) throws {
        let (report, texts) = try check(Self.offer(ext))
        #expect(report.findings.filter { ["tables", "totals"].contains($0.rule) && $0.severity == .error }.map(\.message) == [])
        // The sub-cent line is named, as a warning; the profile table has a row per rate.
        let warnings = report.findings.filter { $0.rule == "tables" && $0.severity == .warning }
        #expect(warnings.contains { $0.message.contains("0,25 × 100,10\u{00A0}€ = 25,025\u{00A0}€, imprimé 25,03\u{00A0}€") })
        let memoire = try #require(texts["01 Mémoire.\(ext)"]), bordereau = try #require(texts["03 Bordereau.\(ext)"])
        #expect(memoire.contains("Consultant·e senior (taux spécifique)"))
        #expect(memoire.contains("Durée\u{00A0}: 2 mois\u{202F}; affermissement au plus tard le 30 juin 2022"))
        #expect(memoire.contains("15 kit à 42,50\u{00A0}€ HT"))
        #expect(bordereau.contains("Remise commerciale (5\u{00A0}%) sur tranche optionnelle TO"))
        #expect(bordereau.contains("Fournitures"))
        #expect(bordereau.contains("net HT)"))
        #expect(memoire.contains("Remise"))
    }

    @Test(arguments: ["docx", "odt"]) func cellsAreReadInTheirGridColumnsAcrossSpans(ext: String) throws {
        // « Total TF — … » spans three columns: its days are in the fourth, under « Jours ».
        let (report, _) = try check(Self.offer(ext))
        let bordereau = try #require(report.documents.first { $0.id == "annexes" })
        let table = try #require(ReadTable.tables(of: bordereau).first { $0.rows.first?.cells[3] == "Jours" })
        #expect(table.rows.first?.cells[4] == "Qté")
        let total = try #require(table.rows.first { $0.label.hasPrefix("Total TF") })
        #expect(total.number(3) == Decimal(string: "1.75"))
        #expect(total.cells[6].flatMap(ReadTable.number) == OfferPricing(offer: try OfferFixture(offer: Self.offer(ext)).load()).tranches[0].totals.ht)
        let item = try #require(table.rows.first { $0.cells[1] == "Fournitures" })
        #expect(item.number(4) == 15 && item.number(3) == nil)
    }

    @Test(arguments: ["docx", "odt"]) func anExemptBiddersDocumentsSayNeitherHTNorTTC(ext: String) throws {
        let (report, texts) = try check(Self.offer(ext, exempt: true))
        #expect(report.findings.filter { ["tables", "totals"].contains($0.rule) && $0.severity == .error }.map(\.message) == [])
        for (name, text) in texts {
            let words = Set(text.components(separatedBy: CharacterSet.alphanumerics.inverted))
            #expect(!words.contains("HT"), "\(name) says HT")
            #expect(!words.contains("TTC"), "\(name) says TTC")
            #expect(text.contains("TVA non applicable, art. 293 B du CGI"))
        }
        #expect(texts["03 Bordereau.\(ext)"]?.contains("Net à payer") == true)
    }

    @Test(.needs(.libreOffice, .poppler))
    func theRenderedPDFsAddUpToo() throws {
        let (report, _) = try check(Self.offer("docx"), render: true)
        #expect(report.rules.first { $0.id == "render" }?.status == .passed)
        #expect(report.findings.filter { ["tables", "totals", "leftovers"].contains($0.rule) && $0.severity == .error }.map(\.message) == [])
        #expect(report.findings.contains { $0.rule == "tables" && $0.severity == .warning })
    }
}

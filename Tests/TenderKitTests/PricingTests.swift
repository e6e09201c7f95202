import Foundation
import Testing
@testable import TenderKit

/// Every amount below is computed by hand from the fixture of `OfferFixture`:
/// Claire 950 €/day (her profile), Paul 700 €/day (explicit); TF = Claire 1.5 d + Paul 3 d + 600 € lump
/// sum; TO (optional) = Claire 1 d + Paul 0.5 d.
@Suite(.inLanguage(.french)) struct PricingTests {
    func d(_ text: String) -> Decimal { Decimal(exactly: text)! }

    func price(_ yaml: String = OfferFixture.offer) throws -> OfferPricing {
        OfferPricing(offer: try OfferFixture(offer: yaml).load())
    }

    @Test func linesAreDaysTimesRateWithHalfDaysAndLumpSums() throws {
        let p = try price()
        let tf = p.tranches[0]
        #expect(tf.tasks[0].lines.map(\.amount) == [1425, 2100])   // 1.5 × 950, 3 × 700
        #expect(tf.tasks[0].amount == 3525)
        #expect(tf.tasks[1].lumpSum == 600)
        #expect(tf.tasks[1].amount == 600)
        #expect(tf.tasks[1].lines.isEmpty)
        #expect(tf.totals == Totals(days: d("4.5"), ht: 4125, proBonoDays: 0, proBono: 0, netHT: 4125, vat: 825, ttc: 4950))
        let to = p.tranches[1]
        #expect(to.kind == .optional)
        #expect(to.tasks[0].lines.map(\.amount) == [950, 350])      // 1 × 950, 0.5 × 700
        #expect(to.totals == Totals(days: d("1.5"), ht: 1300, proBonoDays: 0, proBono: 0, netHT: 1300, vat: 260, ttc: 1560))
    }

    @Test func fixedAndOptionalTranchesSeparatelyAndTogether() throws {
        let p = try price()
        #expect(p.fixed == Totals(days: d("4.5"), ht: 4125, proBonoDays: 0, proBono: 0, netHT: 4125, vat: 825, ttc: 4950))
        #expect(p.optional == Totals(days: d("1.5"), ht: 1300, proBonoDays: 0, proBono: 0, netHT: 1300, vat: 260, ttc: 1560))
        #expect(p.all == Totals(days: 6, ht: 5425, proBonoDays: 0, proBono: 0, netHT: 5425, vat: 1085, ttc: 6510))
    }

    @Test func vatIsRoundedHalfUpOnEachTranche() throws {
        // 10 % of 4 527.25 = 452.725 → 452.73 (half-even would give 452.72).
        let p = try price(OfferFixture.offer(replacing: "amount: 600", with: "amount: 1002.25")
            .replacingOccurrences(of: "rate: 0.20", with: "rate: 0.10"))
        #expect(p.tranches[0].totals.ht == d("4527.25"))
        #expect(p.tranches[0].totals.vat == d("452.73"))
        #expect(p.tranches[0].totals.ttc == d("4979.98"))
        #expect(p.all.vat == d("582.73"))   // 452.73 + 130.00
    }

    @Test(.inLanguage(.english)) func halfADayAtAnOddRateIsRoundedOnItsLineAndTotalsAreSumsOfTranches() throws {
        // Paul at 1 500.25 €: 0.5 d = 750.125 € → 750.13 € (half-up; half-even gives 750.12);
        // VAT 20 % of 750.13 = 150.026 → 150.03.
        let yaml = OfferFixture.offer(replacing: "rate: \"700.00\"", with: "rate: \"1500.25\"")
            .replacingOccurrences(of: "days: { claire-martin: 1, paul-durand: 0.5 }", with: "days: { paul-durand: 0.5 }")
            .replacingOccurrences(of: "schedule:\n", with: """
                  - id: TO2
                    kind: optional
                    title: "Second séminaire"
                    tasks:
                      - { title: "Animation", days: { paul-durand: 0.5 } }
                schedule:

                """)
        let p = try price(yaml)
        let to = p.tranches[1].totals
        #expect(p.tranches[1].tasks[0].lines[0].amount == d("750.13"))
        #expect(to.ht == d("750.13"))
        #expect(to.vat == d("150.03"))
        #expect(to.ttc == d("900.16"))
        // The optional total is the sum of the tranche figures (150.03 × 2), not 20 % of 1 500.26 (300.05).
        #expect(p.optional.ht == d("1500.26"))
        #expect(p.optional.vat == d("300.06"))
        #expect(p.optional.ttc == d("1800.32"))
        #expect(p.warnings.count == 2)
        #expect(p.warnings.allSatisfy { $0.message.contains("0.5 d × 1500.25 € = 750.125 €, printed and counted as 750.13 €") })
        #expect(p.all.vat == p.fixed.vat! + p.optional.vat!)
        #expect(p.all.ttc == p.tranches.map(\.totals.ttc).reduce(0, +))
    }

    @Test func anExemptBidderHasNoVATAndTTCEqualsNetHT() throws {
        let wording = "TVA non applicable, art. 293 B du CGI"
        let p = try price(OfferFixture.offer(replacing: "vat: { rate: 0.20 }", with: "vat: { exemption: \"\(wording)\" }"))
        #expect(p.tranches[0].totals.vat == nil)
        #expect(p.tranches[0].totals.ttc == 4125)
        #expect(p.all.vat == nil)
        #expect(p.all.ttc == p.all.netHT)
        #expect(p.all.ttc == 5425)

        let context = p.templateContext(today: DateValue(year: 2021, month: 11, day: 1))
        #expect(context["pricing"]?["vat_rate"] == .null)
        #expect(context["pricing"]?["vat_label"] == .string(wording))
        #expect(context["pricing"]?["all"]?["vat"] == .null)
        #expect(context["bidder"]?["vat"]?["exemption"] == .string(wording))
        #expect(context["bidder"]?["vat"]?["rate"] == .null)

        let text = PricingReport.text(p)
        #expect(text.contains(wording))
        #expect(!text.contains("TVA 20"))
    }

    @Test func aProBonoShareIsDeductedAtTheSameRates() throws {
        let p = try price(OfferFixture.offer + "pro_bono: { share: 0.10, note: \"Offert\" }\n")
        // TF: 10 % of 1.5 d × 950 + 10 % of 3 d × 700 = 142.50 + 210 = 352.50.
        #expect(p.tranches[0].totals == Totals(days: d("4.5"), ht: 4125, proBonoDays: d("0.45"), proBono: d("352.5"),
                                               netHT: d("3772.5"), vat: d("754.5"), ttc: 4527))
        // TO: 95 + 35 = 130.
        #expect(p.tranches[1].totals == Totals(days: d("1.5"), ht: 1300, proBonoDays: d("0.15"), proBono: 130,
                                               netHT: 1170, vat: 234, ttc: 1404))
        #expect(p.all == Totals(days: 6, ht: 5425, proBonoDays: d("0.6"), proBono: d("482.5"), netHT: d("4942.5"),
                                vat: d("988.5"), ttc: 5931))
        #expect(p.people.map(\.proBonoDays) == [d("0.25"), d("0.35")])

        // At cost: 0.25 d × 500 + 0.35 d × 380 = 125 + 133 = 258; reduction 60 % = 154.80;
        // cap = max(20 000, 0.5 % × 850 000 = 4 250).
        let m = try #require(p.mecenat)
        #expect(m == Mecenat(days: d("0.6"), valueAtRate: d("482.5"), valueAtCost: 258, taxReduction: d("154.8"),
                             cap: 20000, withinCap: true, share: d("0.10"), note: "Offert"))
        #expect(p.warnings.isEmpty)
    }

    @Test func theProBonoDeductionIsRoundedToTheCentOnItsTranche() throws {
        // Only TO, 15 %: Claire 0.15 d × 950 = 142.50; Paul 0.075 d × 733 = 54.975; 197.475 → 197.48.
        let yaml = OfferFixture.offer(replacing: "rate: \"700.00\"", with: "rate: 733")
            + "pro_bono: { share: 0.15, tranches: [TO] }\n"
        let p = try price(yaml)
        #expect(p.tranches[0].totals.proBono == 0)
        let to = p.tranches[1].totals
        #expect(to.ht == d("1316.5"))
        #expect(to.proBonoDays == d("0.225"))
        #expect(to.proBono == d("197.48"))
        #expect(to.netHT == d("1119.02"))
        #expect(to.vat == d("223.8"))      // 223.804
        #expect(to.ttc == d("1342.82"))
    }

    @Test func proBonoDaysPerPersonAreTakenFromTheTranchesInOrder() throws {
        // Claire gives 2 days: 1.5 in TF (1 425 €), the last 0.5 in TO (475 €).
        let p = try price(OfferFixture.offer + "pro_bono:\n  days: { claire-martin: 2 }\n")
        #expect(p.tranches[0].totals.proBonoDays == d("1.5"))
        #expect(p.tranches[0].totals.proBono == 1425)
        #expect(p.tranches[0].totals.netHT == 2700)
        #expect(p.tranches[0].totals.ttc == 3240)
        #expect(p.tranches[1].totals.proBonoDays == d("0.5"))
        #expect(p.tranches[1].totals.proBono == 475)
        #expect(p.tranches[1].totals.ttc == 990)
        let m = try #require(p.mecenat)
        #expect(m.days == 2)
        #expect(m.valueAtCost == 1000)        // 2 × 500
        #expect(m.taxReduction == 600)
        #expect(m.share == nil)
    }

    @Test func theMecenatCapIsTheLargerOf20000AndHalfAPercentOfTurnover() throws {
        let big = try price(OfferFixture.offer(replacing: "turnover: 850000", with: "turnover: 10000000")
            + "pro_bono: { days: { claire-martin: 2 } }\n")
        #expect(big.mecenat?.cap == 50000)

        // 2 days at a cost of 20 000 €/day = 40 000 € > 20 000 €: reduction 60 % of the cap.
        let over = try price(OfferFixture.offer(replacing: "cost: 500", with: "cost: 20000")
            + "pro_bono: { days: { claire-martin: 2 } }\n")
        let m = try #require(over.mecenat)
        #expect(m.valueAtCost == 40000)
        #expect(m.cap == 20000)
        #expect(m.withinCap == false)
        #expect(m.taxReduction == 12000)
    }

    @Test(.inLanguage(.english)) func aMecenatWithoutCostsIsAWarning() throws {
        let p = try price(OfferFixture.offer(replacing: ", cost: 380", with: "") + "pro_bono: { share: 0.1 }\n")
        #expect(p.mecenat?.valueAtCost == nil)
        #expect(p.mecenat?.taxReduction == nil)
        #expect(p.mecenat?.withinCap == nil)
        #expect(p.warnings.count == 1)
        #expect(p.warnings[0].message.contains("'paul-durand'"))
    }

    @Test func totalsPerPersonAndPerProfile() throws {
        let p = try price()
        #expect(p.people.map(\.id) == ["claire-martin", "paul-durand"])
        #expect(p.people.map(\.days) == [d("2.5"), d("3.5")])
        #expect(p.people.map(\.amount) == [2375, 2450])
        #expect(p.profiles == [
            ProfileTotal(id: "directeur", label: "Directeur·rice de mission", rate: 950, days: d("2.5"), amount: 2375,
                         cardRate: 950, negotiated: false),
            // Paul's own rate (700) is not the card's (750): a row of its own, so that 3.5 × 700 = 2 450.
            ProfileTotal(id: "senior", label: "Consultant·e senior (taux spécifique)", rate: 700, days: d("3.5"), amount: 2450,
                         cardRate: 750, negotiated: true),
        ])
        #expect(p.tranches[1].people.map(\.amount) == [950, 350])
    }

    // MARK: Template context

    func keys(_ value: Value?) -> [String] { value?.asMap?.keys ?? [] }

    @Test func theContextHasTheNamesOfFORMAT() throws {
        let memoire = "memoire:\n  presentation: |\n    Maillages est une SCOP.\n\n    Elle répond.\n"
        let p = try price(OfferFixture.offer(replacing: "deliverable: \"Note de cadrage\"",
                                             with: "description: \"Réunion de lancement, puis entretiens.\"\n        deliverable: \"Note de cadrage\"")
                          + "pro_bono: { share: 0.10 }\n" + memoire)
        let today = DateValue(year: 2021, month: 11, day: 1)
        let c = p.templateContext(today: today, person: "paul-durand")
        #expect(keys(c) == ["today", "tender", "bidder", "team", "person", "profiles", "tranches", "pricing", "schedule",
                            "memoire", "matrix"])
        #expect(keys(c["matrix"]) == ["pages", "pdf", "note", "requirements", "rows"])
        #expect(keys(c["memoire"]) == ["presentation", "understanding", "summary", "approach", "tasks_intro", "means", "sections"])
        #expect(c["memoire"]?["presentation"] == .string("Maillages est une SCOP.\n\nElle répond."))   // as written
        #expect(c["memoire"]?["means"] == .null)
        #expect(c["today"] == .date(today))
        #expect(keys(c["tender"]) == ["reference", "buyer", "buyer_address", "title", "deadline", "rules"])
        #expect(keys(c["bidder"]) == ["name", "legal_form", "siret", "siret_formatted", "address", "city", "email", "phone",
                                      "logo", "signatory", "turnover", "vat", "references"])
        #expect(keys(c["bidder"]?["vat"]) == ["rate", "exemption", "label"])
        #expect(keys(c["bidder"]?["signatory"]) == ["name", "title"])
        let reference = c["bidder"]?["references"]?.asList?.first
        #expect(keys(reference) == ["client", "subject", "start", "end", "amount", "role", "months_before_deadline"])
        #expect(reference?["months_before_deadline"] == .number(d("4.2")))   // 2021-07-02 → 2021-11-07

        let member = c["team"]?.asList?.first
        #expect(keys(member) == ["id", "name", "title", "role", "profile", "profile_label", "rate", "cost", "years", "summary",
                                 "education", "languages", "skills", "experiences", "days", "amount", "pro_bono_days"])
        #expect(c["person"] == c["team"]?.asList?[1])
        #expect(c["person"]?["name"] == "Paul Durand")
        #expect(keys(c["profiles"]?.asList?.first) == ["id", "label", "rate", "days", "amount", "card_rate", "negotiated"])

        let tranche = c["tranches"]?.asList?.first
        #expect(keys(tranche) == ["id", "kind", "kind_label", "title", "days", "ht", "discount", "pro_bono_days", "pro_bono",
                                  "net_ht", "vat", "ttc", "discount_label", "duration_months", "confirmation_deadline",
                                  "terms", "tasks", "people"])
        #expect(c["tranches"]?.asList?.map { $0["kind_label"] } == ["Tranche ferme", "Tranche optionnelle"])
        let task = tranche?["tasks"]?.asList?.first
        #expect(keys(task) == ["title", "description", "deliverable", "days", "amount", "lump_sum", "lump_sum_amount",
                               "item", "lines"])
        #expect(task?["description"] == .string("Réunion de lancement, puis entretiens."))
        #expect(keys(task?["lines"]?.asList?.first) == ["id", "name", "profile", "profile_label", "days", "rate", "amount"])
        #expect(keys(tranche?["people"]?.asList?.first) == ["id", "name", "days", "amount"])
        #expect(tranche?["tasks"]?.asList?[1]["lump_sum"] == .bool(true))

        let pricing = c["pricing"]
        #expect(keys(pricing) == ["fixed", "optional", "all", "vat_rate", "vat_label", "exempt", "labels", "discount", "items", "people",
                                  "profiles", "mecenat"])
        #expect(keys(pricing?["all"]) == ["days", "ht", "discount", "pro_bono_days", "pro_bono", "net_ht", "vat", "ttc"])
        #expect(keys(pricing?["labels"]) == ["ht", "total", "net", "ttc", "amount", "day_rate", "unit_price", "vat"])
        #expect(pricing?["all"]?["ttc"] == .number(5931))
        #expect(pricing?["vat_label"] == .string("TVA 20\u{00A0}%"))
        #expect(keys(pricing?["people"]?.asList?.first) == ["id", "name", "profile", "rate", "days", "amount"])
        #expect(keys(pricing?["mecenat"]) == ["days", "share", "value_at_rate", "value_at_cost", "tax_reduction", "cap",
                                              "within_cap", "note", "legal_review"])
        #expect(pricing?["mecenat"]?["legal_review"]?.asString?.hasPrefix("à faire valider par un juriste") == true)
        #expect(keys(c["schedule"]) == ["start", "end", "duration_months", "start_is_notification", "milestones"])
        #expect(c["bidder"]?["siret_formatted"] == .string("812\u{00A0}345\u{00A0}678\u{00A0}00021"))
    }

    @Test func withoutProBonoTheMecenatIsNull() throws {
        let c = try price().templateContext(today: DateValue(year: 2021, month: 11, day: 1))
        #expect(c["pricing"]?["mecenat"] == .null)
        #expect(c["person"] == .null)
    }

    // MARK: Reports

    @Test func jsonHasNumbersAsStringsWithTwoDecimals() throws {
        let json = PricingReport.json(try price())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tranches = try #require(object["tranches"] as? [[String: Any]])
        #expect(tranches[0]["ht"] as? String == "4125.00")
        #expect(tranches[0]["days"] as? String == "4.50")
        let line = try #require(((tranches[0]["tasks"] as? [[String: Any]])?[0]["lines"] as? [[String: Any]])?[0])
        #expect(line["days"] as? String == "1.50")
        #expect(line["rate"] as? String == "950.00")
        let pricing = try #require(object["pricing"] as? [String: Any])
        #expect((pricing["all"] as? [String: Any])?["ttc"] as? String == "6510.00")
        #expect(pricing["vat_rate"] as? String == "0.20")
        #expect(pricing["mecenat"] is NSNull)
    }

    @Test func csvAmountsAddUpToTheOverallTTC() throws {
        let p = try price(OfferFixture.offer + "pro_bono: { share: 0.10 }\n")
        let rows = PricingReport.csv(p).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].joined(separator: ",") == "type,tranche,kind,task,deliverable,person_id,person,profile,days,rate,amount")
        #expect(rows[1].joined(separator: ",")
                == "line,TF,fixed,Cadrage et entretiens,Note de cadrage,claire-martin,Claire Martin,directeur,1.50,950.00,1425.00")
        #expect(rows.contains { $0.first == "pro_bono" && $0.last == "-352.50" })
        let total = rows.dropFirst().compactMap { $0.last.flatMap { Decimal(exactly: String($0)) } }.reduce(0, +)
        #expect(total == p.all.ttc)   // 5 931
    }

    @Test func theTextReportIsAlignedAndFrench() throws {
        let text = PricingReport.text(try price(OfferFixture.offer + "pro_bono: { share: 0.10 }\n"))
        #expect(text.contains("Tranche ferme TF — Étude et livrables"))
        #expect(text.contains("Tranche optionnelle TO — Séminaire"))
        #expect(text.contains("4\u{202F}527,00\u{00A0}€"))
        #expect(text.contains("À FAIRE VALIDER PAR UN JURISTE"))
        // In each table, amounts end in the same column, counted in characters.
        let tables = text.components(separatedBy: "\n\n")
        let first = try #require(tables.first { $0.hasPrefix("Tranche ferme") })
        let amountLines = first.split(separator: "\n").filter { $0.hasSuffix("€") }
        #expect(amountLines.count == 8)
        #expect(Set(amountLines.map(\.count)).count == 1)
        let rule = try #require(first.split(separator: "\n").first { $0.contains("──") })
        #expect(amountLines[0].count == rule.count)
    }

    @Test func textTableCountsCharactersNotBytes() {
        var table = TextTable([("Nom", .left), ("Montant", .right)])
        table.add(["Élodie", "1\u{202F}000,00\u{00A0}€"])
        table.add(["Zoé", "5,00\u{00A0}€"])
        let lines = table.render(indent: "").split(separator: "\n")
        #expect(lines[2] == "Élodie   1\u{202F}000,00\u{00A0}€")
        #expect(lines[3] == "Zoé" + String(repeating: " ", count: 10) + "5,00\u{00A0}€")

        var narrow = TextTable([("Tâche", .left)], maxWidths: [0: 8])
        narrow.add(["Animation des ateliers"])
        #expect(narrow.render(indent: "").split(separator: "\n")[2] == "Animati…")
    }
}

/// Runs the built `tender` binary (`.build/debug/tender`), when it is there.
@Suite(.inLanguage(.french)) struct PriceCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try CLI.run(arguments)
        return (r.status, r.stdout, r.stderr)
    }

    @Test(.needs(.tender))
    func priceWritesJSONAtomically() throws {
        let fixture = try OfferFixture()
        let output = fixture.root + "/price.json"
        let result = try run(["price", fixture.root + "/x", "--format", "json", "-o", output])
        #expect(result.status == 0, "\(result.err)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("\"ttc\": \"6510.00\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test(.needs(.tender))
    func badOffersExit65WithEveryErrorAndWriteNothing() throws {
        let yaml = OfferFixture.offer(replacing: "kind: conditional", with: "kind: optionel")
            .replacingOccurrences(of: "claire-martin: 1.5", with: "claire-martin: -1.5")
        let fixture = try OfferFixture(offer: yaml)
        let output = fixture.root + "/price.csv"
        let result = try run(["price", fixture.offerPath, "--format", "csv", "-o", output])
        #expect(result.status == 65)
        #expect(result.err.contains("x/offer.yaml:34:11 : « tranches[1].kind »"))
        #expect(result.err.contains("x/offer.yaml:30:32 : « tranches[0].tasks[0].days.claire-martin » ne doit pas être négatif"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}

@Suite(.inLanguage(.french)) struct CityTests {
    @Test func theTownOfAFrenchAddress() {
        #expect(TemplateContext.city(fromAddress: "8 rue Pizay\n69001 Lyon") == "Lyon")
        #expect(TemplateContext.city(fromAddress: "1 place X\n13090 Aix-en-Provence Cedex") == "Aix-en-Provence Cedex")
        #expect(TemplateContext.city(fromAddress: "Paris") == "Paris")
    }
}

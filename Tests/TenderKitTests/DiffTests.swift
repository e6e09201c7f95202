import Foundation
import Testing
@testable import TenderKit

/// Versions of `offers/cuf-dcol` in a temporary folder (`team/`, `v1/offer.yaml`, `v2/offer.yaml`…).
///
/// v2 raises Nadia Ferhat's rate from 720 € (her profile) to 760 € (her team entry), adds an
/// optional tranche TO (Nadia 1 d, Mathieu 1.5 d) and replaces Lucas Perrin (consultant, 540 €) by
/// Mathieu Roussel (senior, 720 €) on the same days. By hand, TVA 20 %:
/// TF v1 = 6 × 720 + 7 × 540 + 150 = 8 250 HT, 9 900 TTC; v2 = 6 × 760 + 7 × 720 + 150 = 9 750 HT
/// (+1 500, +18,2 %), 11 700 TTC; TO = 760 + 1.5 × 720 = 1 840 HT, 2 208 TTC; all v2 = 11 590 HT
/// (+3 340, +40,5 %), 13 908 TTC (+4 008).
struct DiffFixture {
    let folder: TemporaryFolder
    let original: String

    static let v2Edits = [
        ("  - { id: nadia-ferhat, role: \"Cheffe de mission\" }",
         "  - { id: nadia-ferhat, role: \"Cheffe de mission\", rate: 760 }"),
        ("  - { id: lucas-perrin, role: \"Consultant, entretiens et analyse\" }",
         "  - { id: mathieu-roussel, role: \"Consultant, entretiens et analyse\" }"),
        ("lucas-perrin:", "mathieu-roussel:"),
        ("\nschedule:\n", """

              - id: TO
                kind: optional
                title: "Restitution aux adhérents"
                tasks:
                  - title: "Atelier de restitution"
                    days: { nadia-ferhat: 1, mathieu-roussel: 1.5 }

            schedule:

            """),
    ]

    /// v3 changes no money: the end of the schedule, a milestone moved and one added, the
    /// deadline and the budget rule.
    static let v3Edits = [
        ("end: 2022-04-29 ", "end: 2022-05-31 "),
        ("{ title: \"Fin des entretiens\", date: 2022-01-28 }", "{ title: \"Fin des entretiens\", date: 2022-02-11 }"),
        ("    - { title: \"Validation des deux documents\"",
         "    - { title: \"Comité de suivi\", date: 2022-03-15 }\n    - { title: \"Validation des deux documents\""),
        ("deadline: 2021-11-07T23:59", "deadline: 2021-11-05T12:00"),
        ("budget: { max: 10000,", "budget: { max: 12000,"),
    ]

    init() throws {
        folder = try TemporaryFolder()
        original = try String(contentsOfFile: CLI.packageRoot + "/offers/cuf-dcol/offer.yaml", encoding: .utf8)
        try DiffFixture.copyTeam(to: folder.file("team"))
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/offers/bidder.yaml", toPath: folder.file("bidder.yaml"))
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/offers/library", toPath: folder.file("library"))
        try write("v1")
    }

    static func copyTeam(to target: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        let library = CLI.packageRoot + "/offers/team"
        for name in try fm.contentsOfDirectory(atPath: library) where name.hasSuffix(".yaml") {
            try fm.copyItem(atPath: library + "/" + name, toPath: target + "/" + name)
        }
    }

    /// The original offer with `edits`, each of which must apply.
    func text(_ edits: [(String, String)] = []) throws -> String {
        var text = original
        for (old, new) in edits {
            guard text.contains(old) else { throw Fixture.Failure(description: "the sample offer no longer contains \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// Writes `<name>/offer.yaml` (or `path`) with the edits.
    func write(_ name: String, _ edits: [(String, String)] = [], path: String? = nil) throws {
        let file = path ?? folder.file(name + "/offer.yaml")
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text(edits).write(toFile: file, atomically: true, encoding: .utf8)
    }

    func pricing(_ name: String) throws -> OfferPricing {
        OfferPricing(offer: try Offer.load(path: folder.file(name + "/offer.yaml")))
    }

    /// The report of v1 → v2 with these names for the versions. Amounts use U+202F between digit
    /// groups and U+00A0 before `€` and `%`, as `tender price` does.
    static func report(before: String, after: String) -> String {
        "Différences de l’offre CUF-DCOL-2021 — Cités Unies France\n  avant : \(before)\n  après : \(after)\n" + v2Body + "\n"
    }

    /// The command also compares the rules that read the offer alone: the budget rule now fails
    /// (13 908,00 € TTC against the 10 000 € cap).
    static func commandReport(before: String, after: String) -> String {
        report(before: before, after: after) + "\nVérifications\n  Règle    Avant      Après\n  " + String(repeating: "─", count: 32) +
            "\n  budget   conforme   non conforme\n"
    }

    static let v2Body = """

        Montants
          Tranche                              Montant        Avant         Après         Écart   Écart %
          ───────────────────────────────────────────────────────────────────────────────────────────────
          TF — tranche ferme                   HT        8 250,00 €    9 750,00 €   +1 500,00 €   +18,2 %
                                               TTC       9 900,00 €   11 700,00 €   +1 800,00 €   +18,2 %
          TO — tranche optionnelle (ajoutée)   HT                 —    1 840,00 €   +1 840,00 €         —
                                               TTC                —    2 208,00 €   +2 208,00 €         —
          ───────────────────────────────────────────────────────────────────────────────────────────────
          Tranches fermes                      HT        8 250,00 €    9 750,00 €   +1 500,00 €   +18,2 %
                                               TTC       9 900,00 €   11 700,00 €   +1 800,00 €   +18,2 %
          Tranches optionnelles                HT            0,00 €    1 840,00 €   +1 840,00 €         —
                                               TTC           0,00 €    2 208,00 €   +2 208,00 €         —
          Total (fermes et optionnelles)       HT        8 250,00 €   11 590,00 €   +3 340,00 €   +40,5 %
                                               TTC       9 900,00 €   13 908,00 €   +4 008,00 €   +40,5 %

        Jours par intervenant
          Intervenant       Avant   Après   Écart
          ───────────────────────────────────────
          Nadia Ferhat          6       7      +1
          Lucas Perrin          7       —      -7
          Mathieu Roussel       —     8,5    +8,5

        Jours par tâche
          Tâche                         Avant   Après   Écart
          ───────────────────────────────────────────────────
          TO — Atelier de restitution       —     2,5    +2,5

        Équipe
          Intervenant       Changement   Avant                    Après
          ─────────────────────────────────────────────────────────────────────────────────────
          Nadia Ferhat      taux HT      720,00 €                 760,00 €
          Lucas Perrin      retrait      Consultant·e, 540,00 €   —
          Mathieu Roussel   ajout        —                        Consultant·e senior, 720,00 €
        """
}

@Suite(.serialized, .inLanguage(.french)) struct DiffTests {
    @Test func aRateChangeAnOptionalTrancheAndAPersonReplaced() throws {
        let f = try DiffFixture()
        try f.write("v2", DiffFixture.v2Edits)
        let diff = OfferDiff(before: try f.pricing("v1"), after: try f.pricing("v2"))

        #expect(diff.tranches.map(\.key) == ["TF", "TO"])
        #expect(diff.tranches.map(\.status) == [.changed, .added])
        #expect(diff.tranches[0].ht == OfferDiff.Change(8250, 9750))
        #expect(diff.tranches[0].ttc.delta == 1800)
        #expect(diff.tranches[1].ttc == OfferDiff.Change(nil, 2208))
        #expect(diff.totals.map(\.key) == ["fixed", "optional", "all"])
        #expect(diff.totals[2].ht == OfferDiff.Change(8250, 11590))
        #expect(diff.totals[2].ttc.delta == 4008)
        #expect(diff.totals[1].ht.ratio == nil)   // from zero: no percentage

        #expect(diff.team.map(\.id) == ["nadia-ferhat", "lucas-perrin", "mathieu-roussel"])
        #expect(diff.team.map(\.status) == [.changed, .removed, .added])
        #expect(diff.team[0].fields == [.rate])
        #expect(diff.people.map(\.id) == ["nadia-ferhat", "lucas-perrin", "mathieu-roussel"])
        #expect(diff.people.map(\.days) == [OfferDiff.Change(6, 7), OfferDiff.Change(7, nil), OfferDiff.Change(nil, Decimal(string: "8.5")!)])
        // The replacement works the same days, so only the new task's days changed.
        #expect(diff.tasks.map(\.title) == ["Atelier de restitution"])
        #expect(!diff.schedule.isChanged)
        #expect(diff.facts.isEmpty)
        #expect(diff.rules.isEmpty)

        let report = DiffReport.text(diff, before: "v1", after: "v2")
        #expect(report == DiffFixture.report(before: "v1", after: "v2"))
        #expect(report.contains("+1\u{202F}500,00\u{00A0}€   +18,2\u{00A0}%"))
    }

    @Test(.needs(.tender)) func commandPrintsTheReportAndExitsZeroOrOneWithExitCode() throws {
        let f = try DiffFixture()
        try f.write("v2", DiffFixture.v2Edits)
        let result = try CLI.run(["diff", "v1", "v2"], cwd: f.folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == DiffFixture.commandReport(before: "v1", after: "v2"))
        #expect(result.stderr == "")
        #expect(try CLI.run(["diff", "--exit-code", "v1", "v2/offer.yaml"], cwd: f.folder.path).status == 1)
    }

    @Test(.needs(.tender)) func unchangedOffersMakeNoDifference() throws {
        let f = try DiffFixture()
        try f.write("copy")
        #expect(OfferDiff(before: try f.pricing("v1"), after: try f.pricing("copy")).isEmpty)
        for arguments in [["diff", "v1", "copy"], ["diff", "--exit-code", "v1", "copy"]] {
            let result = try CLI.run(arguments, cwd: f.folder.path)
            #expect(result.status == 0)
            #expect(result.stdout == """
                Différences de l’offre CUF-DCOL-2021 — Cités Unies France
                  avant : v1
                  après : copy

                Aucune différence.

                """)
        }
        let json = try CLI.run(["diff", "--format", "json", "v1", "copy"], cwd: f.folder.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["different"] as? Bool == false)
    }

    @Test(.needs(.tender)) func jsonHasEverySectionWithNumbersAsStrings() throws {
        let f = try DiffFixture()
        try f.write("v2", DiffFixture.v2Edits)
        let result = try CLI.run(["diff", "--format", "json", "v1", "v2"], cwd: f.folder.path)
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["different"] as? Bool == true)
        #expect(json["before"] as? String == "v1")
        let money = try #require(json["money"] as? [String: Any])
        let tranches = try #require(money["tranches"] as? [[String: Any]])
        #expect(tranches.map { $0["id"] as? String } == ["TF", "TO"])
        #expect(tranches.map { $0["status"] as? String } == ["changed", "added"])
        let tf = try #require(tranches[0]["ht"] as? [String: Any])
        #expect(tf["before"] as? String == "8250.00")
        #expect(tf["after"] as? String == "9750.00")
        #expect(tf["delta"] as? String == "1500.00")
        #expect(tf["percent"] as? String == "18.18")
        let toTTC = try #require(tranches[1]["ttc"] as? [String: Any])
        #expect(toTTC["before"] is NSNull)
        #expect(toTTC["after"] as? String == "2208.00")
        #expect(toTTC["percent"] is NSNull)
        let all = try #require((money["totals"] as? [String: Any])?["all"] as? [String: Any])
        #expect((all["ttc"] as? [String: Any])?["delta"] as? String == "4008.00")
        #expect((all["ht"] as? [String: Any])?["percent"] as? String == "40.48")
        let team = try #require(json["team"] as? [[String: Any]])
        #expect(team.map { $0["id"] as? String } == ["nadia-ferhat", "lucas-perrin", "mathieu-roussel"])
        #expect(team.map { $0["status"] as? String } == ["changed", "removed", "added"])
        #expect(team[0]["changes"] as? [String] == ["rate"])
        #expect((team[0]["after"] as? [String: Any])?["rate"] as? String == "760.00")
        let effort = try #require(json["effort"] as? [String: Any])
        let people = try #require(effort["people"] as? [[String: Any]])
        #expect(people.map { ($0["days"] as? [String: Any])?["delta"] as? String } == ["1.00", "-7.00", "8.50"])
        #expect((effort["tasks"] as? [[String: Any]])?.count == 1)
        #expect((json["schedule"] as? [String: Any])?["changed"] as? Bool == false)
        #expect((json["facts"] as? [Any])?.isEmpty == true)
        // The budget rule passed before and fails now (13 908,00 € TTC against a 10 000 € cap).
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.count == 1)
        #expect(rules.first?["id"] as? String == "budget")
    }

    @Test func scheduleFactsAndTheResultsOfTheRules() throws {
        let f = try DiffFixture()
        try f.write("v3", DiffFixture.v3Edits)
        // The rules' results come from `tender check`; here they are given as it will give them.
        let diff = OfferDiff(before: try f.pricing("v1"), after: try f.pricing("v3"),
                             rulesBefore: ["budget": "pass", "pages": "pass"],
                             rulesAfter: ["budget": "fail", "pages": "pass", "cv_pages": "pass"])
        #expect(diff.tranches.isEmpty && diff.people.isEmpty && diff.team.isEmpty)
        #expect(diff.schedule.milestones.map(\.date.status) == [.changed, .added])
        #expect(diff.facts.map(\.key) == ["tender.deadline", "tender.rules.budget"])
        #expect(diff.rules.map(\.id) == ["budget", "cv_pages"])
        #expect(DiffReport.text(diff, before: "v1", after: "v3") == """
            Différences de l’offre CUF-DCOL-2021 — Cités Unies France
              avant : v1
              après : v3

            Calendrier
              Élément                      Avant             Après
              ──────────────────────────────────────────────────────────────
              Fin                          29 avril 2022     31 mai 2022
              Durée                        5,2 mois          6,3 mois
              Jalon : Fin des entretiens   28 janvier 2022   11 février 2022
              Jalon : Comité de suivi      —                 15 mars 2022

            Offre
              Élément            Avant                                            Après
              ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────
              Date limite        dimanche 7 novembre 2021 à 23 h 59               vendredi 5 novembre 2021 à 12 h 00
              Règle « budget »   {'max': 10000, 'basis': 'ttc', 'scope': 'all'}   {'max': 12000, 'basis': 'ttc', 'scope': 'all'}

            Vérifications
              Règle      Avant   Après
              ────────────────────────
              budget     pass    fail
              cv_pages   —       pass

            """)
        // Without results on either side, there is nothing to say about the rules.
        #expect(OfferDiff(before: try f.pricing("v1"), after: try f.pricing("v1"), rulesBefore: ["budget": "pass"],
                          rulesAfter: ["budget": "pass"]).isEmpty)
    }

    @Test(.needs(.tender)) func usageAndMissingInput() throws {
        let f = try DiffFixture()
        #expect(try CLI.run(["diff", "v1"], cwd: f.folder.path).status == 64)
        #expect(try CLI.run(["diff", "v1", "v1", "v1"], cwd: f.folder.path).status == 64)
        #expect(try CLI.run(["diff", "--rev", "HEAD", "v1", "v1"], cwd: f.folder.path).status == 64)
        #expect(try CLI.run(["diff", "--format", "csv", "v1", "v1"], cwd: f.folder.path).status == 64)
        let missing = try CLI.run(["diff", "v1", "nope"], cwd: f.folder.path)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope"))
        try f.write("bad", [("kind: fixed", "kind: firm")])
        #expect(try CLI.run(["diff", "v1", "bad"], cwd: f.folder.path).status == 65)
    }

    @Test(.needs(.tender, .git)) func revComparesTheWorkingCopyWithAGitRevision() throws {
        let git = try Tool.path("git", of: .git)
        let f = try DiffFixture()
        let repo = f.folder.file("repo")
        try DiffFixture.copyTeam(to: repo + "/offers/team")
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/offers/bidder.yaml", toPath: repo + "/offers/bidder.yaml")
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/offers/library", toPath: repo + "/offers/library")
        try f.write("", path: repo + "/offers/x/offer.yaml")
        func gitRun(_ arguments: [String]) throws {
            let r = try CLI.runProgram(git, ["-c", "user.name=tender", "-c", "user.email=tender@localhost",
                                             "-c", "commit.gpgsign=false"] + arguments, cwd: repo)
            guard r.status == 0 else { throw Fixture.Failure(description: "git \(arguments.joined(separator: " ")): \(r.stderr)") }
        }
        try gitRun(["init", "-q"])
        try gitRun(["add", "."])
        try gitRun(["commit", "-q", "-m", "v1"])
        try f.write("", DiffFixture.v2Edits, path: repo + "/offers/x/offer.yaml")

        let result = try CLI.run(["diff", "--rev", "HEAD", "offers/x"], cwd: repo)
        #expect(result.status == 0)
        #expect(result.stdout == DiffFixture.commandReport(before: "HEAD:offers/x/offer.yaml",
                                                    after: "offers/x/offer.yaml (copie de travail)"))
        // From inside the offer's folder, the revision's path is still the repository's.
        let inside = try CLI.run(["diff", "--rev", "HEAD", "--exit-code", "offer.yaml"], cwd: repo + "/offers/x")
        #expect(inside.status == 1)
        #expect(inside.stdout.hasPrefix("Différences de l’offre CUF-DCOL-2021 — Cités Unies France\n  avant : HEAD:offers/x/offer.yaml\n"))

        try gitRun(["commit", "-q", "-a", "-m", "v2"])
        let same = try CLI.run(["diff", "--rev", "HEAD", "--exit-code", "offers/x"], cwd: repo)
        #expect(same.status == 0)
        #expect(same.stdout.hasSuffix("\nAucune différence.\n"))
        #expect(try CLI.run(["diff", "--rev", "HEAD~1", "offers/x"], cwd: repo).stdout.contains("TO — tranche optionnelle (ajoutée)"))

        let unknown = try CLI.run(["diff", "--rev", "nope", "offers/x"], cwd: repo)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("révision inconnue « nope »"))
        try f.write("", path: repo + "/offers/y/offer.yaml")
        let absent = try CLI.run(["diff", "--rev", "HEAD", "offers/y"], cwd: repo)
        #expect(absent.status == 66)
        #expect(absent.stderr.contains("offers/y/offer.yaml n’existe pas à la révision « HEAD »"))
        let outside = try CLI.run(["diff", "--rev", "HEAD", "v1"], cwd: f.folder.path)
        #expect(outside.status == 66)
        #expect(outside.stderr.contains("n’est pas dans un dépôt git"))

        // An invalid offer at the revision is reported at its place in that revision.
        try f.write("", [("kind: fixed", "kind: firm")], path: repo + "/offers/x/offer.yaml")
        try gitRun(["commit", "-q", "-a", "-m", "broken"])
        try f.write("", path: repo + "/offers/x/offer.yaml")
        let broken = try CLI.run(["diff", "--rev", "HEAD", "offers/x"], cwd: repo)
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("HEAD:offers/x/offer.yaml:"))
    }
}

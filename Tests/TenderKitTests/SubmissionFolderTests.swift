import Foundation
import Testing
@testable import TenderKit

/// The submission folder: a build replaces it whole, drafts stay out of it, and
/// `check --documents` tells a folder that is exactly a build of the current offer.
@Suite(.serialized, .inLanguage(.french)) struct SubmissionFolderTests {
    static let today = DateValue(iso: "2021-11-05")!

    /// A copy of the CUF offer, its team library and the templates, laid out as in the repository.
    struct Workspace {
        let dir: TemporaryFolder
        var offerFile: String { dir.file("offers/cuf-dcol/offer.yaml") }
        var target: String { dir.file("build/cuf-dcol") }

        init() throws {
            dir = try TemporaryFolder()
            let root = CLI.packageRoot, fm = FileManager.default
            try fm.createDirectory(atPath: dir.file("offers"), withIntermediateDirectories: true)
            try fm.copyItem(atPath: root + "/offers/team", toPath: dir.file("offers/team"))
            try fm.copyItem(atPath: root + "/offers/bidder.yaml", toPath: dir.file("offers/bidder.yaml"))
            try fm.copyItem(atPath: root + "/offers/library", toPath: dir.file("offers/library"))
            try fm.copyItem(atPath: root + "/offers/cuf-dcol", toPath: dir.file("offers/cuf-dcol"))
            try fm.copyItem(atPath: root + "/templates", toPath: dir.file("templates"))
        }

        func edit(_ change: (String) -> String) throws {
            let text = try String(contentsOfFile: offerFile, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text)
            try changed.write(toFile: offerFile, atomically: true, encoding: .utf8)
        }

        /// Lucas Perrin leaves the team, Camille Nguyen takes his place and his days.
        func replaceLucas() throws {
            try edit { $0.replacingOccurrences(of: "lucas-perrin", with: "camille-nguyen") }
        }

        func build(draft: Bool = false, pdf: Bool = false, folder: String? = nil, failAfter: SubmissionBuilder.Phase? = nil) throws -> BuildResult {
            let offer = try Offer.load(path: offerFile)
            var options = BuildOptions(outputFolder: folder ?? target, pdf: pdf, merge: pdf, draft: draft, today: SubmissionFolderTests.today)
            options.failAfter = failAfter
            return try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer), options: options)
        }

        /// Every file of the target with its bytes.
        func snapshot(_ folder: String? = nil) throws -> [String: Data] {
            let f = folder ?? target
            var out: [String: Data] = [:]
            for name in try BuildManifest.listing(of: f) { out[name] = FileManager.default.contents(atPath: f + "/" + name) }
            return out
        }

        /// What lies beside the target: no staging folder may remain.
        func besideTarget() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.file("build")).sorted() }

        func check(_ folder: String? = nil) throws -> CheckReport {
            let offer = try Offer.load(path: offerFile)
            return try PreSubmissionCheck.run(offer, pricing: OfferPricing(offer: offer),
                                              options: CheckOptions(asOf: DateValue(moment: "2021-11-05T12:00")!, render: false,
                                                                    documentsFolder: folder ?? target, verifyFolder: true))
        }
    }

    /// Two documents whose names differ only by their extension or case would give one PDF
    /// (and one file on the buyer's case-insensitive disk): the build names both, writes nothing.
    @Test func namesThatGiveTheSamePDFAreRefused() throws {
        let ws = try Workspace()
        try ws.edit { text in
            text.replacingOccurrences(of: "\ndocuments:\n", with: """

                documents:
                  - { id: dpgf-ods, template: ../../templates/dpgf.ods, output: "04 dpgf.ods" }

                """)
        }
        do {
            _ = try ws.build()
            Issue.record("should fail")
        } catch let e as TenderError {
            #expect(e.diagnostics.count == 1)
            #expect(e.diagnostics.first?.message == "« 04 dpgf.ods » et « 04 DPGF.xlsx » ne diffèrent que par l’extension ou la casse : tous deux donneraient « 04 DPGF.pdf » (et un seul fichier sur un disque qui ignore la casse)")
            #expect(e.diagnostics.first?.location?.file == ws.offerFile)
        }
        #expect(!FileManager.default.fileExists(atPath: ws.target))
    }

    @Test func replacingATeamMemberLeavesNoFileOfTheOldPerson() throws {
        let ws = try Workspace()
        _ = try ws.build()
        #expect(try ws.snapshot().keys.contains("02 CV Lucas Perrin.docx"))
        try ws.replaceLucas()
        let result = try ws.build()
        let names = try ws.snapshot().keys.sorted()
        #expect(!names.contains { $0.contains("Lucas") }, "\(names)")
        #expect(names.contains("02 CV Camille Nguyen.docx"))
        #expect(Set(names) == Set(result.documents.map(\.fileName) + [BuildManifest.fileName]))
        #expect(try ws.besideTarget() == ["cuf-dcol"])
    }

    @Test(arguments: SubmissionBuilder.Phase.allCases)
    func aBuildStoppedAtAnyStepLeavesTheOldOrTheNewCompleteFolder(_ phase: SubmissionBuilder.Phase) throws {
        let ws = try Workspace()
        _ = try ws.build()
        let old = try ws.snapshot()
        try ws.replaceLucas()
        #expect(throws: TenderError.self) { try ws.build(failAfter: phase) }
        let after = try ws.snapshot()
        if phase == .swap {
            // Stopped once the new folder is in place: it is the whole new build.
            #expect(after.keys.contains("02 CV Camille Nguyen.docx") && !after.keys.contains("02 CV Lucas Perrin.docx"))
            let manifest = try #require(BuildManifest.read(ws.target + "/" + BuildManifest.fileName))
            #expect(Set(manifest.files.map(\.name)) == Set(after.keys).subtracting([BuildManifest.fileName]))
        } else {
            #expect(after == old, "stopped after \(phase.rawValue)")
        }
        #expect(try ws.besideTarget() == ["cuf-dcol"], "stopped after \(phase.rawValue)")
    }

    @Test func theStagingFolderOfAKilledBuildIsRemovedByTheNext() throws {
        let ws = try Workspace()
        _ = try ws.build()
        // A process that has ended: its staging folder is abandoned.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = ws.dir.file("build/.cuf-dcol.building-\(ended.processIdentifier)")
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: abandoned + "/half.docx", contents: Data([1, 2, 3]))
        #expect(try ws.check().errors == 0)
        _ = try ws.build()
        #expect(try ws.besideTarget() == ["cuf-dcol"])
    }

    @Test func aDraftNeverLandsInTheFinalFolder() throws {
        let ws = try Workspace()
        _ = try ws.build()
        let final = try ws.snapshot()
        // The command line puts drafts in build/<offer>-projet/ and refuses a final folder.
        let cli = try CLI.run(["build", ws.offerFile, "--draft", "--today", "2021-11-05"], cwd: ws.dir.path)
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(try ws.besideTarget() == ["cuf-dcol", "cuf-dcol-projet"])
        #expect(try ws.snapshot() == final)
        #expect(try ws.snapshot(ws.dir.file("build/cuf-dcol-projet")).keys.contains("review.md"))
        let refused = try CLI.run(["build", ws.offerFile, "--draft", "-o", "build/cuf-dcol", "--today", "2021-11-05"], cwd: ws.dir.path)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("build/cuf-dcol"))
        #expect(try ws.snapshot() == final)
        // A final build after a draft keeps no review.md.
        let again = try CLI.run(["build", ws.offerFile, "--today", "2021-11-05"], cwd: ws.dir.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!(try ws.snapshot()).keys.contains("review.md"))
    }

    @Test func aFreshBuildPassesTheFolderCheck() throws {
        let ws = try Workspace()
        _ = try ws.build()
        let report = try ws.check()
        #expect(report.rules.first { $0.id == "folder" }?.status == .passed)
        #expect(report.errors == 0, "\(report.findings.filter { $0.severity == .error }.map(\.message))")
    }

    func folderErrors(_ report: CheckReport) -> [Finding] {
        report.findings.filter { $0.rule == "folder" && $0.severity == .error }
    }

    @Test func checkDocumentsFindsEachPlantedProblem() throws {
        let ws = try Workspace()
        _ = try ws.build()
        // A draft of the price schedule put in place of the final one (changed hash, « PROJET »).
        let drafts = ws.dir.file("drafts")
        _ = try ws.build(draft: true, folder: drafts)
        let schedule = "03 Bordereau des prix.docx"
        try FileManager.default.removeItem(atPath: ws.target + "/" + schedule)
        try FileManager.default.copyItem(atPath: drafts + "/" + schedule, toPath: ws.target + "/" + schedule)
        // A file that does not belong to the offer.
        _ = FileManager.default.createFile(atPath: ws.target + "/notes internes.txt", contents: Data("à ne pas déposer".utf8))
        // A comment in the mémoire.
        let memoire = ws.target + "/01 Mémoire technique.docx"
        try DraftAnnotator.annotate(memoire, mark: nil, comments: [ReviewComment(anchor: nil, text: "à revoir")], date: Self.today)
        let errors = folderErrors(try ws.check())
        func about(_ name: String, _ words: String) -> Bool {
            errors.contains { $0.document == name && $0.message.contains(name) && $0.message.contains(words) }
        }
        #expect(about("notes internes.txt", "n’est pas dans le manifeste"))
        #expect(about(schedule, "a changé"))
        #expect(about(schedule, "« PROJET »"))
        #expect(about("01 Mémoire technique.docx", "a changé"))
        #expect(about("01 Mémoire technique.docx", "1 commentaire"))
        #expect(!errors.contains { $0.document == "02 CV Nadia Ferhat.docx" })
    }

    @Test func checkDocumentsFindsDocumentsBuiltFromOtherInputs() throws {
        let ws = try Workspace()
        _ = try ws.build()
        // The offer changes after the build: every document was built from the earlier version.
        try ws.edit { $0.replacingOccurrences(of: "Notre pôle", with: "Notre équipe") }
        let errors = folderErrors(try ws.check())
        for name in ["01 Mémoire technique.docx", "02 CV Nadia Ferhat.docx", "03 Bordereau des prix.docx"] {
            #expect(errors.contains { $0.document == name && $0.message.contains("autres données") && $0.message.contains("offer.yaml") }, "\(name)")
        }
        // A template changed: only the documents made from it.
        let ws2 = try Workspace()
        _ = try ws2.build()
        let template = ws2.dir.file("templates/cv.docx")
        let archive = try ZipArchive(path: template)
        let edited = try archive.read("word/document.xml") + Array("\n".utf8)
        try ArchiveWriter.write(to: ws2.dir.file("cv-edited.docx"), from: archive, replacing: ["word/document.xml": edited])
        try FileManager.default.removeItem(atPath: template)
        try FileManager.default.moveItem(atPath: ws2.dir.file("cv-edited.docx"), toPath: template)
        let errors2 = folderErrors(try ws2.check())
        #expect(errors2.contains { $0.document == "02 CV Nadia Ferhat.docx" && $0.message.contains("cv.docx") })
        #expect(!errors2.contains { $0.document == "01 Mémoire technique.docx" })
    }

    @Test func aFolderWithoutManifestIsNotASubmission() throws {
        let ws = try Workspace()
        _ = try ws.build()
        try FileManager.default.removeItem(atPath: ws.target + "/" + BuildManifest.fileName)
        #expect(folderErrors(try ws.check()).contains { $0.message.contains("manifest.json") })
    }

    @Test func theManifestListsEveryFileAndInput() throws {
        let ws = try Workspace()
        let result = try ws.build()
        let manifestPath = try #require(result.manifest)
        let first = try #require(FileManager.default.contents(atPath: manifestPath))
        let manifest = try #require(BuildManifest.read(ws.target + "/" + BuildManifest.fileName))
        #expect(manifest.kind == .final)
        #expect(manifest.files.map(\.name) == result.documents.map(\.fileName).sorted())
        #expect(manifest.files.allSatisfy { $0.sha256.count == 64 && $0.size > 0 })
        #expect(manifest.inputs.map(\.role) == [.offer, .bidder, .library, .library, .team, .team, .template, .template, .template, .template, .template])
        #expect(manifest.inputs.first?.path == "../../offers/cuf-dcol/offer.yaml")
        #expect(manifest.check == nil)
        // Same inputs, same manifest.
        _ = try ws.build()
        #expect(FileManager.default.contents(atPath: ws.target + "/" + BuildManifest.fileName) == first)
    }

    @Test(.enabled(if: LibreOffice.isAvailable && ExternalTool.find("qpdf") != nil))
    func draftPDFsCarryTheCommentsAndCheckDocumentsFindsThem() throws {
        let ws = try Workspace()
        let offer = try Offer.load(path: ws.offerFile)
        let pricing = OfferPricing(offer: offer)
        let folder = ws.dir.file("build/cuf-dcol-projet")
        let result = try SubmissionBuilder.build(offer, pricing: pricing,
                                                 options: BuildOptions(outputFolder: folder, pdf: true, draft: true, today: Self.today),
                                                 review: { staged in
            try DraftReview.finish(staged, offer: offer, pricing: pricing, folder: staged.folder,
                                   asOf: DateValue(moment: "2021-11-05T12:00")!, today: Self.today).report.manifestSummary
        })
        // The deadline warning is a comment of the first document, and an annotation of its PDF.
        let pdf = try #require(result.documents.first?.pdf)
        #expect(try PDF.commentCount(pdf) > 0)
        #expect(try PDF.pageTexts(pdf).joined().contains("PROJET"))
        let manifest = try #require(BuildManifest.read(folder + "/" + BuildManifest.fileName))
        #expect(manifest.kind == .draft && manifest.check?.warnings == 1)
        #expect(manifest.files.contains { $0.name == "review.md" })
        let errors = folderErrors(try ws.check(folder))
        #expect(errors.contains { $0.document == "01 Mémoire technique.pdf" && $0.message.contains("annotation") })
        #expect(errors.contains { $0.message.contains("projets") })
    }

    @Test(.enabled(if: LibreOffice.isAvailable && ExternalTool.find("qpdf") != nil))
    func theMergedPDFHasABookmarkPerDocumentAndTheOffersTitle() throws {
        let ws = try Workspace()
        let result = try ws.build(pdf: true)
        let merged = try #require(result.merged)
        let qpdf = try #require(ExternalTool.find("qpdf"))
        let outline = try ExternalTool.run(qpdf, ["--json=2", "--json-key=outlines", merged], timeout: 60)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outline.stdout.utf8)) as? [String: Any])
        let items = try #require(json["outlines"] as? [[String: Any]])
        #expect(items.compactMap { $0["title"] as? String } == ["Mémoire technique", "CV Nadia Ferhat", "CV Lucas Perrin", "Bordereau des prix", "DPGF", "Matrice de conformité"])
        var start = 1
        for (item, doc) in zip(items, result.documents) {
            #expect(item["destpageposfrom1"] as? Int == start)
            start += doc.pages ?? 0
        }
        let pdfinfo = try #require(ExternalTool.find("pdfinfo"))
        let info = try ExternalTool.run(pdfinfo, [merged], timeout: 60).stdout
        #expect(info.contains("Title:           Rédaction d'une étude"))
        #expect(info.contains("Subject:         CUF-DCOL-2021"))
        let manifest = try #require(BuildManifest.read(ws.target + "/" + BuildManifest.fileName))
        #expect(manifest.files.first { $0.name == "01 Mémoire technique.pdf" }?.pages == 7)
        #expect(manifest.files.first { $0.name == (merged as NSString).lastPathComponent }?.pages == start - 1)
        #expect(try PDF.commentCount(merged) == 0)
        // The mémoire's table of contents still leads to its pages: qpdf's join empties the page
        // of each link's destination, and tender puts it back.
        let memoirePDF = ws.target + "/01 Mémoire technique.pdf"
        let own = try ExternalTool.run(qpdf, ["--json=2", "--json-key=qpdf", "--json-key=pages", memoirePDF], timeout: 60)
        let joined = try ExternalTool.run(qpdf, ["--json=2", "--json-key=qpdf", "--json-key=pages", merged], timeout: 60)
        let ownLinks = PDF.linkTargets(try #require(try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [String: Any]))
        let joinedLinks = PDF.linkTargets(try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])).filter { $0.page < 7 }
        #expect(ownLinks.count >= 10, "\(ownLinks)")
        #expect(joinedLinks.map { "\($0.page) \($0.slot) \($0.target)" } == ownLinks.map { "\($0.page) \($0.slot) \($0.target)" })
    }
}

@Suite(.inLanguage(.french)) struct ReportFormatTests {
    func report() -> CheckReport {
        let asOf = DateValue(moment: "2021-11-05T12:00")!
        let doc = InspectedDocument(id: "memoire", member: nil, path: "/tmp/tender-check-X/01 Mémoire.docx",
                                    pdf: "/tmp/tender-check-X/01 Mémoire.pdf", pages: 6, pageTexts: nil, paragraphs: [], temporary: true)
        return CheckReport(offer: "offers/x/offer.yaml", asOf: asOf,
                           rules: [RuleOutcome(id: "deadline", title: "Date limite", status: .warned, seconds: 0.0125),
                                   RuleOutcome(id: "budget", title: "Budget", status: .passed, seconds: 0.001)],
                           findings: [Finding(rule: "deadline", .warning, "la date limite est dans 2 jours"),
                                      Finding(rule: "budget", .info, "le prix respecte le plafond", measured: "34 380,00 € HT",
                                              limit: "40 000,00 € HT", document: doc.path, measuredValue: "34380.00", limitValue: "40000.00")],
                           documents: [doc])
    }

    @Test func junitShowsWarningsAndTimes() throws {
        let xml = CheckOutput.junit(report())
        let parsed = try JUnitCounts(xml: xml)
        #expect(parsed.testcases == 2 && parsed.timedTestcases == 2)
        #expect(parsed.suiteWarnings == 1 && parsed.warningProperties == 1)
        #expect(xml.contains("time=\"0.013\""))
        #expect(xml.contains("<system-out>avertissement : la date limite est dans 2 jours"))
    }

    @Test func jsonHasNumbersInStringsRelativeNamesAndISODates() throws {
        let text = CheckOutput.json(report())
        #expect(text == CheckOutput.json(report()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        #expect(object["as_of"] as? String == "2021-11-05T12:00:00+01:00")
        let budget = try #require((object["findings"] as? [[String: Any]])?.last)
        #expect(budget["measured"] as? String == "34380.00")
        #expect(budget["measured_text"] as? String == "34 380,00 € HT")
        #expect(budget["document"] as? String == "01 Mémoire.docx")
        #expect(!text.contains("tender-check-X"))
    }
}

@Suite(.inLanguage(.french)) struct ReviewProseTests {
    @Test func changedParagraphsAreComparedWordByWord() {
        let before = ["approach": "Phase 1, cadrage.\n\nPhase 2, entretiens avec dix collectivités.\n\nPhase 3, guide.",
                      "means": "Deux consultants."]
        let after = ["approach": "Phase 1, cadrage.\n\nPhase 2, entretiens avec vingt collectivités et CUF.\n\nPhase 3, guide.",
                     "means": "Deux consultants."]
        let changes = ProseDiff.changes(before: before, after: after, order: ["approach", "means"])
        #expect(changes == [ProseDiff.Change(key: "approach", paragraph: 2,
                                             markdown: "Phase 2, entretiens avec ~~dix collectivités.~~ **vingt collectivités et CUF.**")])
        // A paragraph added at the end, one removed.
        let added = ProseDiff.changes(before: ["s": "A b."], after: ["s": "A b.\n\nNouveau paragraphe."], order: [])
        #expect(added == [ProseDiff.Change(key: "s", paragraph: 2, markdown: "**Nouveau paragraphe.**")])
        let removed = ProseDiff.changes(before: ["s": "A b.\n\nVieux."], after: ["s": "A b."], order: [])
        #expect(removed == [ProseDiff.Change(key: "s", paragraph: 2, markdown: "~~Vieux.~~")])
    }

    @Test func passingRulesShowTheirMargin() {
        let budget = Finding(rule: "budget", .info, "ok", measured: "9 900,00 € TTC", limit: "10 000,00 € TTC",
                             measuredValue: "9900.00", limitValue: "10000.00")
        #expect(DraftReview.measure(budget) == "9 900,00 € TTC pour un plafond de 10 000,00 € TTC (marge \(FrenchFormat.euros(100)))")
        let pages = Finding(rule: "pages", .info, "ok", measured: "10 pages", limit: "20 pages", measuredValue: "10", limitValue: "20")
        #expect(DraftReview.measure(pages) == "10 pages utilisées sur 20 pages (reste 10)")
    }
}

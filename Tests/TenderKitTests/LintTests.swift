import Foundation
import Testing
@testable import TenderKit

/// `tender lint` lists every error of a template at once.
@Suite(.inLanguage(.french)) struct LintTests {
    static func template(_ dir: TemporaryFolder, _ name: String, _ paragraphs: [String]) throws -> String {
        let path = dir.file(name)
        let body = paragraphs.map { p(r(escapeXML($0))) }.joined()
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """),
            .init("_rels/.rels", text: """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """),
            .init("word/document.xml", data: docxPart(body)),
        ])
        return path
    }

    @Test(.needs(.tender)) func filtersAndSyntaxErrorsAllAtOnce() throws {
        let dir = try TemporaryFolder()
        let path = try Self.template(dir, "bad.docx", [
            "{{ tender.deadline | date(\"longue\") }}", "{{ total | eurr }}", "{{ a + }}", "{% if %}{% endif %}",
            "{{ b ] }}", "{{ total | round(2, method=\"sideways\") }}", "{{ ok | upper }}",
        ])
        let run = try CLI.run(["lint", path])
        #expect(run.status == 65)
        for words in ["paragraphe 1", "date", "longue", "paragraphe 2", "filtre inconnu « eurr »", "vouliez-vous dire « eur » ?",
                      "paragraphe 3", "paragraphe 4", "paragraphe 5", "paragraphe 6", "sideways"] {
            #expect(run.stderr.contains(words), "\(words)")
        }
        #expect(!run.stdout.contains("aucune erreur"))
        // Seven: the `{% if %}` without a condition also leaves its `{% endif %}` unmatched.
        #expect(run.stdout.contains("7 erreurs"))
    }

    /// An `attribute=` depends on the data: without it, the filter cannot be judged (a probe item
    /// has no such attribute), so it is no error; with data that has it, the template renders.
    @Test(.needs(.tender)) func attributeArgumentsAreNotJudgedWithoutData() throws {
        let dir = try TemporaryFolder()
        let path = try Self.template(dir, "equipe.docx", ["{{ team | sort(attribute='days') | map(attribute='name') | join(', ') }}",
                                                          "{{ team | sum(attribute=\"days\") }}"])
        let lint = try CLI.run(["lint", path])
        #expect(lint.status == 0, "\(lint.stderr)")
        let data = dir.file("d.json")
        try #"{"team": [{"name": "Ana", "days": 12}, {"name": "Léo", "days": 3}]}"#.write(toFile: data, atomically: true, encoding: .utf8)
        let out = dir.file("out.docx")
        let render = try CLI.run(["render", path, data, "-o", out])
        #expect(render.status == 0, "\(render.stderr)")
        let text = try DocumentText.paragraphs(of: out).map(\.text).joined(separator: "\n")
        #expect(text.contains("Léo, Ana") && text.contains("15"))
    }

    @Test(.needs(.tender)) func namesAgainstAnOfferAsBuildFillsIt() throws {
        let dir = try TemporaryFolder()
        let path = try Self.template(dir, "lettre.docx", ["{{ tender.titre }}", "{{ pricing.all.ttc | eur }}", "{{ person.name }}",
                                                           "{{ bidder.nom }}"])
        for data in [CLI.packageRoot + "/offers/cuf-dcol", CLI.packageRoot + "/offers/cuf-dcol/offer.yaml"] {
            let run = try CLI.run(["lint", path, "--data", data, "--today", "2021-11-05"])
            #expect(run.status == 65)
            #expect(run.stderr.contains("nom non défini « tender.titre »") && run.stderr.contains("vouliez-vous dire « tender.title » ?"))
            #expect(run.stderr.contains("nom non défini « bidder.nom »") && run.stderr.contains("vouliez-vous dire « bidder.name » ?"))
            #expect(!run.stderr.contains("pricing.all.ttc") && !run.stderr.contains("person.name"))
            #expect(run.stdout.contains("4 balises, 2 erreurs"))
        }
        // The sample templates lint clean against their offer.
        let clean = try CLI.run(["lint", CLI.packageRoot + "/templates/cv.docx", "--data", CLI.packageRoot + "/offers/cuf-dcol"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("aucune erreur"))
    }

    @Test(.needs(.tender)) func oneLanguagePerRunFrenchByDefaultEnglishWhenTheLocaleSaysSo() throws {
        let binary = try #require(CLI.binary)
        let dir = try TemporaryFolder()
        let path = try Self.template(dir, "t.docx", ["{{ a | eurr }}"])
        var environment = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { environment[key] = nil }
        let french = try CLI.runProgram(binary, ["lint", path], environment: environment)
        #expect(french.stderr.hasPrefix("erreur : ") && french.stderr.contains(", paragraphe 1, balise {{ a | eurr }} : "))
        #expect(french.stderr.contains("\n  correction : "))
        #expect(french.stdout == "1 erreur\n")
        environment["LANG"] = "en_GB.UTF-8"
        let english = try CLI.runProgram(binary, ["lint", path], environment: environment)
        #expect(english.stderr.hasPrefix("error: ") && english.stderr.contains(", paragraph 1, tag {{ a | eurr }}: "))
        #expect(english.stderr.contains("\n  hint: "))
        #expect(english.stdout == "1 error\n")
        let price = try CLI.runProgram(binary, ["build", CLI.packageRoot + "/offers/cuf-dcol", "-o", dir.file("out"), "--today", "2021-11-05"],
                                       environment: environment)
        #expect(price.stdout.contains("Total: 8\u{202F}250,00\u{00A0}€ net excl. VAT"))
        #expect(price.stdout.contains("check: 0 errors, 1 warning"))
        #expect(price.stderr.contains("6 documents written in"))
    }
}

import Foundation
import Testing
@testable import TenderKit

/// `tender lint` lists every error of a template at once.
@Suite struct LintTests {
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

    @Test func filtersAndSyntaxErrorsAllAtOnce() throws {
        guard CLI.binary != nil else { return }
        let dir = try TemporaryFolder()
        let path = try Self.template(dir, "bad.docx", [
            "{{ tender.deadline | date(\"longue\") }}", "{{ total | eurr }}", "{{ a + }}", "{% if %}{% endif %}",
            "{{ b ] }}", "{{ total | round(2, method=\"sideways\") }}", "{{ ok | upper }}",
        ])
        let run = try CLI.run(["lint", path])
        #expect(run.status == 65)
        for words in ["paragraph 1", "date", "longue", "paragraph 2", "unknown filter 'eurr'", "did you mean 'eur'",
                      "paragraph 3", "paragraph 4", "paragraph 5", "paragraph 6", "sideways"] {
            #expect(run.stderr.contains(words), "\(words)")
        }
        #expect(!run.stdout.contains("no errors"))
        // Seven: the `{% if %}` without a condition also leaves its `{% endif %}` unmatched.
        #expect(run.stdout.contains("7 errors"))
    }

    @Test func namesAgainstAnOfferAsBuildFillsIt() throws {
        guard CLI.binary != nil else { return }
        let dir = try TemporaryFolder()
        let path = try Self.template(dir, "lettre.docx", ["{{ tender.titre }}", "{{ pricing.all.ttc | eur }}", "{{ person.name }}",
                                                           "{{ bidder.nom }}"])
        for data in [CLI.packageRoot + "/offers/cuf-dcol", CLI.packageRoot + "/offers/cuf-dcol/offer.yaml"] {
            let run = try CLI.run(["lint", path, "--data", data, "--today", "2021-11-05"])
            #expect(run.status == 65)
            #expect(run.stderr.contains("undefined name 'tender.titre'") && run.stderr.contains("did you mean 'tender.title'"))
            #expect(run.stderr.contains("undefined name 'bidder.nom'") && run.stderr.contains("did you mean 'bidder.name'"))
            #expect(!run.stderr.contains("pricing.all.ttc") && !run.stderr.contains("person.name"))
            #expect(run.stdout.contains("4 tags, 2 errors"))
        }
        // The sample templates lint clean against their offer.
        let clean = try CLI.run(["lint", CLI.packageRoot + "/templates/cv.docx", "--data", CLI.packageRoot + "/offers/cuf-dcol"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("no errors"))
    }
}

import CLibzip
import Foundation
import Testing
@testable import TenderKit

/// A small but complete DOCX: document, header, footer, footnotes, core properties.
enum DocxFixture {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    static let rNamespace = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    static func part(_ root: String, _ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:\(root) \(w) \(rNamespace) " +
            "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">\(body)</w:\(root)>"
    }

    static func make(at path: String, body: String, header: String = p(r("{{ ref }}")),
                     footer: String = p(r("Page {{ 1 + 1 }}")), footnote: String = p(r("Note {{ ref }}")),
                     title: String = "{{ ref }} — offre", subject: String = "Réponse à {{ ref }}",
                     styles: String = Fixture.styles) throws {
        let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
        """
        let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
        """
        let docRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>
        """
        let sect = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId1\"/><w:footerReference w:type=\"default\" r:id=\"rId2\"/></w:sectPr>"
        let core = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(title)</dc:title><dc:subject>\(subject)</dc:subject><dc:creator>tender</dc:creator></cp:coreProperties>
        """
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: contentTypes),
            .init("_rels/.rels", text: rootRels),
            .init("word/document.xml", text: part("document", "<w:body>\(body)\(sect)</w:body>")),
            .init("word/_rels/document.xml.rels", text: docRels),
            .init("word/header1.xml", text: part("hdr", header)),
            .init("word/footer1.xml", text: part("ftr", footer)),
            .init("word/footnotes.xml", text: part("footnotes", "<w:footnote w:type=\"separator\" w:id=\"-1\">\(p(r("")))</w:footnote><w:footnote w:id=\"1\">\(footnote)</w:footnote>")),
            .init("word/styles.xml", text: part("styles", styles), level: 9),
            .init("docProps/core.xml", text: core),
        ])
    }

    /// Paragraph texts of a part of a rendered file.
    static func texts(_ path: String, _ part: String) throws -> [String] {
        paragraphTexts(String(decoding: try ZipArchive(path: path).read(part), as: UTF8.self))
    }
}

@Suite(.inLanguage(.french)) struct DocumentTests {
    let data: Value = ["ref": "CUF-2021", "items": ["a", "b"], "who": "Ana & Léo"]

    @Test func everyTextPartIsRendered() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("Bonjour {{ who }}")) + p(r("{% for i in items %}")) + p(r("- {{ i }}")) + p(r("{% endfor %}")))
        try DocumentTemplate(path: dir.file("t.docx")).render(data, to: dir.file("o.docx"))
        #expect(try DocxFixture.texts(dir.file("o.docx"), "word/document.xml") == ["Bonjour Ana & Léo", "- a", "- b"])
        #expect(try DocxFixture.texts(dir.file("o.docx"), "word/header1.xml") == ["CUF-2021"])
        #expect(try DocxFixture.texts(dir.file("o.docx"), "word/footer1.xml") == ["Page 2"])
        #expect(try DocxFixture.texts(dir.file("o.docx"), "word/footnotes.xml") == ["", "Note CUF-2021"])
        let core = String(decoding: try ZipArchive(path: dir.file("o.docx")).read("docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("<dc:title>CUF-2021 — offre</dc:title>"))
        #expect(core.contains("<dc:subject>Réponse à CUF-2021</dc:subject>"))
    }

    @Test func unchangedPartsAreByteIdenticalAndOutputIsDeterministic() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ ref }}")))
        let template = try DocumentTemplate(path: dir.file("t.docx"))
        try template.render(data, to: dir.file("a.docx"))
        try template.render(data, to: dir.file("b.docx"))
        #expect(FileManager.default.contents(atPath: dir.file("a.docx")) == FileManager.default.contents(atPath: dir.file("b.docx")))
        let original = try Fixture.rawEntry(dir.file("t.docx"), "word/styles.xml")
        let copied = try Fixture.rawEntry(dir.file("a.docx"), "word/styles.xml")
        #expect(original.data == copied.data)
        #expect(try ZipArchive(path: dir.file("a.docx")).entryNames == ZipArchive(path: dir.file("t.docx")).entryNames)
    }

    @Test func aFailedRenderWritesNothingAndLeavesTheTemplateAlone() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ missing }}")))
        let before = FileManager.default.contents(atPath: dir.file("t.docx"))
        let error = try thrown { try DocumentTemplate(path: dir.file("t.docx")).render(data, to: dir.file("o.docx")) }
        #expect(error.diagnostics.first?.message == EngineMessage.undefinedName("missing").text)
        #expect(error.diagnostics.first?.location?.part == "word/document.xml")
        #expect(try dir.contents() == ["t.docx"])
        #expect(FileManager.default.contents(atPath: dir.file("t.docx")) == before)
    }

    @Test func errorsOfAllPartsAreReportedTogether() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ a + }}")), header: p(r("{% if x %}")))
        let error = try thrown { try DocumentTemplate(path: dir.file("t.docx")) }
        #expect(error.diagnostics.map { $0.location?.part } == ["word/document.xml", "word/header1.xml"])
        #expect(error.status == .invalidInput)
    }

    @Test func doctypeAndEntitiesAreRefusedNeverLoaded() throws {
        let dir = try TemporaryFolder()
        let secret = dir.file("secret.txt")
        try "TOP SECRET".write(toFile: secret, atomically: true, encoding: .utf8)
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("x")))
        // Rebuild the document part with an external entity.
        let evil = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://\(secret)\">]>" +
            "<w:document \(DocxFixture.w)><w:body>\(p(r("&x; {{ ref }}")))</w:body></w:document>"
        try Fixture.zip(at: dir.file("e.docx"), [
            .init("[Content_Types].xml", text: "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            .init("word/document.xml", text: evil),
        ])
        let error = try thrown { try DocumentTemplate(path: dir.file("e.docx")) }
        #expect(error.diagnostics[0].message.contains("DTD"))
        #expect(error.status == .invalidInput)
    }

    @Test func repeatedDrawingsAndBookmarksGetFreshIds() throws {
        let dir = try TemporaryFolder()
        let drawing = "<w:r><w:drawing><wp:inline><wp:docPr id=\"7\" name=\"Image 1\"/></wp:inline></w:drawing></w:r>"
        let body = p(r("{% for i in items %}")) + "<w:p><w:bookmarkStart w:id=\"3\" w:name=\"ref\"/>\(r("{{ i }}"))<w:bookmarkEnd w:id=\"3\"/>\(drawing)</w:p>" + p(r("{% endfor %}"))
        try DocxFixture.make(at: dir.file("t.docx"), body: body)
        try DocumentTemplate(path: dir.file("t.docx")).render(["ref": "R", "items": ["a", "b", "c"]], to: dir.file("o.docx"))
        let xml = String(decoding: try ZipArchive(path: dir.file("o.docx")).read("word/document.xml"), as: UTF8.self)
        let ids = xml.components(separatedBy: "docPr id=\"").dropFirst().map { $0.prefix(while: { $0 != "\"" }) }
        #expect(ids == ["7", "8", "9"])
        let starts = xml.components(separatedBy: "bookmarkStart w:id=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
        let ends = xml.components(separatedBy: "bookmarkEnd w:id=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
        #expect(Set(starts).count == 3)
        #expect(starts == ends)
    }

    @Test func notADocument() throws {
        let dir = try TemporaryFolder()
        try Fixture.zip(at: dir.file("x.docx"), [.init("hello.txt", text: "hi")])
        let error = try thrown { try DocumentTemplate(path: dir.file("x.docx")) }
        #expect(error.diagnostics[0].message.contains("pas un document DOCX"))
    }
}

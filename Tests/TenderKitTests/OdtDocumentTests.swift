import CLibzip
import Foundation
import Testing
@testable import TenderKit

/// ODT documents through the whole path (`DocumentTemplate(path:).render(_:to:)`): parts found
/// in content.xml, styles.xml (master-page headers and footers) and meta.xml; the archive laid
/// out as ODF requires; the output read back by LibreOffice and by odfdo; bad input treated as
/// for DOCX.
@Suite(.inLanguage(.french)) struct OdtDocumentTests {
    // MARK: Fixtures

    /// The body of the hand-written fixture: what LibreOffice writes for a template typed with
    /// bold parts, edits from another session, soft page breaks, bookmarks and tracked changes.
    static let body: [Node] = [
        .heading([.text("Offre {{ cli"), .bold("ent }}")]),
        para(.text("Dear "), .bold("{{ na"), .text("me }}, welcome to {{ pla"), .mark(.softPageBreak), .text("ce }}.")),
        para(.text("Amount: {{ amo"), .mark(.bookmarkStart), .text("unt }} € ({{"), .mark(.changeStart), .run(" notes "),
             .mark(.changeEnd), .text("}})"), .mark(.bookmarkEnd)),
        para("Ref.  {{  reference  }}"),
        para("{% for x in xs %}"), para("Point {{ x }}"), para("{% endfor %}"),
        bullets(["{% for i in items %}", "{{ i }}", "{% endfor %}"]),
        grid([["Nom", "Jours"], ["{% for m in team %}", ""], ["{{ m.name }}", "{{ m.days }}"], ["{% endfor %}", ""]], headerRows: 1),
        para("{%p if show_terms %}"), para("Conditions générales."), para("{%p endif %}"),
        para("Fin."),
    ]

    static let data: Value = [
        "client": "ACME & <Co>", "name": "Ana", "place": "Paris", "amount": "1 250,00", "reference": "CUF-2021",
        "notes": "net  30\tdays\nsee terms",
        "xs": ["a", "b"], "items": ["i1", "i2"],
        "team": [["name": "Alice", "days": "1.5"], ["name": "Bob", "days": 3]],
        "show_terms": false,
    ]

    /// The paragraphs the fixture must show once rendered with `data` (bold between `*`).
    static let shown = [
        "Offre ACME & <Co>", "Dear *Ana*, welcome to Paris.", "Amount: 1 250,00 € (net  30\tdays\nsee terms)",
        "Ref.  CUF-2021", "Point a", "Point b", "i1", "i2", "Nom", "Jours", "Alice", "1.5", "Bob", "3", "Fin.",
    ]

    /// content.xml of the fixture; LibreOffice puts a soft page break beside the paragraph of
    /// the list item that starts a page.
    static var content: String {
        OdtWriter.content(body).replacingOccurrences(
            of: "<text:list-item><text:p text:style-name=\"P1\">{% for i in items %}",
            with: "<text:list-item><text:soft-page-break/><text:p text:style-name=\"P1\">{% for i in items %}")
    }

    // MARK: Rendering

    @Test func rendersATemplateWrittenAsLibreOfficeWritesIt() throws {
        let dir = try TemporaryFolder()
        let template = dir.file("offre.odt"), output = dir.file("out.odt")
        try OdtFile.write(template, content: Self.content)
        let warnings = try DocumentTemplate(path: template).render(Self.data, to: output)
        #expect(warnings.isEmpty)

        let out = try ZipArchive(path: output)
        let content = try out.read("content.xml")
        let xml = String(decoding: content, as: UTF8.self)
        let shown = Shown.read(content, .odt)
        #expect(shown.paragraphs == Self.shown)
        #expect(shown.items == 2)
        #expect(shown.rows == 3)
        #expect(!xml.contains("{{") && !xml.contains("{%"))
        // Styles: the automatic styles are kept; the value takes the span where its tag starts.
        #expect(xml.contains("<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\""))
        #expect(xml.contains("Dear <text:span text:style-name=\"T1\">Ana</text:span>, welcome to Paris<text:soft-page-break/>."))
        #expect(xml.contains("<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Offre ACME &amp; &lt;Co&gt;</text:h>"))
        // Values: breaks, tabs and runs of spaces as ODF elements.
        #expect(xml.contains("net<text:s text:c=\"2\"/>30<text:tab/>days<text:line-break/>see terms"))
        // Markers inside tags stay, after the value.
        #expect(xml.contains("<text:bookmark-start text:name=\"bm\"/>"))
        #expect(xml.contains("<text:change-start text:change-id=\"ct1\"/><text:change-end text:change-id=\"ct1\"/>)<text:bookmark-end text:name=\"bm\"/>"))
        // The list item holding the soft page break and the loop's paragraph went with it.
        #expect(xml.contains("<text:list xml:id=\"list1\" text:style-name=\"L1\"><text:list-item><text:p text:style-name=\"P1\">i1</text:p></text:list-item>"))
        #expect(xml.contains("<table:table-header-rows><table:table-row>"))

        // Headers and footers live in styles.xml's master pages; the title in meta.xml.
        let styles = Shown.read(try out.read("styles.xml"), .odt)
        #expect(styles.paragraphs == ["Client : ACME & <Co>", "Réf. CUF-2021"])
        let meta = String(decoding: try out.read("meta.xml"), as: UTF8.self)
        #expect(meta.contains("<dc:title>Offre ACME &amp; &lt;Co&gt;</dc:title>"))
        #expect(meta.contains("<dc:subject>Réponse à CUF-2021</dc:subject>"))
    }

    @Test func lintListsTheTagsOfEveryPart() throws {
        let dir = try TemporaryFolder()
        let template = dir.file("offre.odt")
        try OdtFile.write(template, content: Self.content)
        let tags = try DocumentTemplate(path: template).tags
        #expect(tags.filter { $0.part == "content.xml" }.count == 18)
        #expect(tags.filter { $0.part == "styles.xml" }.map(\.tag) == ["{{ client }}", "{{ reference }}"])
        #expect(tags.filter { $0.part == "meta.xml" }.map(\.tag) == ["{{ client }}", "{{ reference }}"])
        let ref = try #require(tags.first { $0.tag == "{{  reference  }}" })
        #expect(ref.paragraph == 4)
        let name = try #require(tags.first { $0.tag == "{{ m.name }}" })
        #expect(name.table == 1 && name.row == 3)
    }

    /// A real fixture: LibreOffice 7.4 converted Tests/Fixtures/odt/libreoffice.fodt to
    /// libreoffice.odt, choosing how to write the tags itself.
    @Test func rendersATemplateLibreOfficeWrote() throws {
        let template = OdtFile.fixture("libreoffice.odt")
        let source = try ZipArchive(path: template)
        let written = String(decoding: try source.read("content.xml"), as: UTF8.self)
        // How LibreOffice split the tags: a bold span, a collapsed space, a bookmark, a soft page break.
        #expect(written.contains("Bonjour {{ na<text:span text:style-name=\"T1\">me }}</text:span>, a <text:s text:c=\"2\"/>b {{ place <text:s/>}}"))
        #expect(written.contains("<text:bookmark-start text:name=\"montant\"/>{{ amo<text:bookmark-end text:name=\"montant\"/>unt }}"))
        #expect(written.contains("<text:soft-page-break/>{% endfor %}"))
        #expect(written.contains("<table:table-header-rows>"))
        let styles = String(decoding: try source.read("styles.xml"), as: UTF8.self)
        #expect(styles.contains("<style:header><text:p text:style-name=\"Standard\">Client : {{ cli<text:span text:style-name=\"MT1\">ent }}</text:span></text:p></style:header>"))

        let dir = try TemporaryFolder()
        let output = dir.file("out.odt")
        try DocumentTemplate(path: template).render(OdtDocumentTests.libreOfficeData, to: output)
        let out = try ZipArchive(path: output)
        let shown = Shown.read(try out.read("content.xml"), .odt).paragraphs
        #expect(Array(shown.prefix(3)) == ["Offre ACME & <Co>", "Bonjour Ana, a   b Paris 1 250,00 €.", "Note :\tà lire\nligne  2"])
        #expect(shown.filter { !$0.hasPrefix("Paragraphe de remplissage") && !$0.hasPrefix("Ana Ana") }.suffix(12) ==
                ["- a", "- b", "i1", "i2", "i3", "Nom", "Jours", "A", "1.5", "B", "3", "Fin."])
        #expect(Shown.read(try out.read("styles.xml"), .odt).paragraphs == ["Client : ACME & <Co>", "Réf. CUF-2021"])
        #expect(String(decoding: try out.read("meta.xml"), as: UTF8.self).contains("<dc:title>Offre ACME &amp; &lt;Co&gt;</dc:title>"))
    }

    static let libreOfficeData: Value = [
        "client": "ACME & <Co>", "reference": "CUF-2021", "name": "Ana", "place": "Paris", "amount": "1 250,00",
        "notes": "Note :\tà lire\nligne  2", "xs": ["a", "b"], "items": ["i1", "i2", "i3"],
        "team": [["name": "A", "days": "1.5"], ["name": "B", "days": 3]], "show_terms": false,
    ]

    // MARK: The archive

    @Test func theArchiveIsLaidOutAsODFRequires() throws {
        let dir = try TemporaryFolder()
        let template = dir.file("offre.odt"), first = dir.file("a.odt"), second = dir.file("b.odt")
        try OdtFile.write(template, content: Self.content)
        let before = try Data(contentsOf: URL(fileURLWithPath: template))
        let document = try DocumentTemplate(path: template)
        try document.render(Self.data, to: first)
        try DocumentTemplate(path: template).render(Self.data, to: second)

        // mimetype first, stored: its local header has method 0 and its name at offset 30,
        // its bytes right after, uncompressed.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: first)))
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0)
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8, extraLength = Int(bytes[28]) | Int(bytes[29]) << 8
        #expect(String(decoding: bytes[30..<(30 + nameLength)], as: UTF8.self) == "mimetype")
        let dataStart = 30 + nameLength + extraLength
        #expect(String(decoding: bytes[dataStart..<(dataStart + 39)], as: UTF8.self) == "application/vnd.oasis.opendocument.text")

        // Same entries in the same order; unchanged ones (the manifest among them) byte for byte.
        let inEntries = try OdtFile.rawEntries(template), outEntries = try OdtFile.rawEntries(first)
        #expect(outEntries.map(\.name) == inEntries.map(\.name))
        let changed: Set = ["content.xml", "styles.xml", "meta.xml"]
        for (a, b) in zip(inEntries, outEntries) where !changed.contains(a.name) {
            #expect(a.method == b.method && a.compressed == b.compressed, "\(a.name) changed")
        }
        #expect(try ZipArchive(path: first).read("META-INF/manifest.xml") == Array(OdtFile.manifest.utf8))
        for (a, b) in zip(inEntries, outEntries) where changed.contains(a.name) {
            #expect(a.compressed != b.compressed, "\(a.name) not rendered")
        }

        // Deterministic; the template untouched.
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == before)
    }

    @Test func aTemplateWhoseMimetypeIsNotFirstComesOutWithItFirst() throws {
        let dir = try TemporaryFolder()
        let template = dir.file("t.odt"), output = dir.file("out.odt")
        var entries = OdtFile.entries(content: OdtWriter.content([para("{{ a }}")]), tagged: false)
        entries.append(entries.removeFirst())
        entries[entries.count - 1].stored = false
        try OdtFile.zip(template, entries)
        try DocumentTemplate(path: template).render(["a": "x"], to: output)
        let out = try OdtFile.rawEntries(output)
        #expect(out.first?.name == "mimetype")
        #expect(out.first?.method == ZIP_CM_STORE)
    }

    static let columnLoop = [grid([["Jours", "{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"], ["Total", "", "", ""]]), para("Fin.")]

    /// After a column loop the table declares as many columns as its widest row (DOCX
    /// `w:gridCol`, ODT `table:table-column`): LibreOffice drops cells beyond the columns.
    @Test(arguments: [["c1", "c2", "c3", "c4", "c5"], ["c1"]])
    func columnLoopsMakeAsManyColumnsAsCells(_ cols: [String]) throws {
        let dir = try TemporaryFolder()
        var shown: [Shown] = []
        for flavor in Flavor.allCases {
            let path = dir.file(flavor.fileName), output = dir.file("out-" + flavor.fileName)
            try OdtFile.writeDocument(path, flavor, main: flavor.part(Self.columnLoop))
            try DocumentTemplate(path: path).render(["cols": .list(cols.map { .string($0) })], to: output)
            let main = try ZipArchive(path: output).read(flavor.partName)
            shown.append(Shown.read(main, flavor))
            let tree = try XMLTree(bytes: main, location: SourceLocation())
            var columns = 0
            func count(_ n: XMLNodePtr) {
                for c in n.children where c.isElement {
                    if c.localName == (flavor == .docx ? "gridCol" : "table-column") {
                        columns += Int(c.attribute("number-columns-repeated", Namespaces.table[0]) ?? "1") ?? 1
                    }
                    count(c)
                }
            }
            count(tree.root!)
            // The first row has "Jours" and one cell per column; the second row keeps its four.
            #expect(columns == max(1 + cols.count, 4), "\(flavor)")
        }
        #expect(shown[0] == shown[1])
        #expect(shown[1].paragraphs == ["Jours"] + cols + ["Total", "", "", "", "Fin."])
    }

    // MARK: Second readers

    @Test(.needs(.libreOffice, .poppler))
    func libreOfficeConvertsTheOutputToPDF() throws {
        let dir = try TemporaryFolder()
        let template = dir.file("offre.odt")
        try OdtFile.write(template, content: Self.content)
        try DocumentTemplate(path: template).render(Self.data, to: dir.file("hand.odt"))
        try DocumentTemplate(path: OdtFile.fixture("libreoffice.odt")).render(Self.libreOfficeData, to: dir.file("real.odt"))
        try OdtFile.writeDocument(dir.file("columns-template.odt"), .odt, main: Flavor.odt.part(Self.columnLoop))
        try DocumentTemplate(path: dir.file("columns-template.odt")).render(["cols": ["c1", "c2", "c3", "c4", "c5"]], to: dir.file("columns.odt"))
        // One LibreOffice call for all files.
        let convert = try Tools.run("soffice", ["-env:UserInstallation=file:///tmp/lo-odt", "--headless", "--convert-to", "pdf",
                                                "--outdir", dir.path, dir.file("hand.odt"), dir.file("real.odt"), dir.file("columns.odt")])
        #expect(convert.status == 0, "\(convert.output)")
        func text(_ name: String) throws -> String {
            let r = try Tools.run("pdftotext", [dir.file(name), "-"])
            #expect(r.status == 0, "\(r.output)")
            return r.output
        }
        let hand = try text("hand.pdf")
        for expected in ["Offre ACME & <Co>", "Dear Ana, welcome to Paris.", "Amount: 1 250,00 € (net", "see terms)",
                         "Ref.", "CUF-2021", "Point a", "Point b", "i1", "i2", "Alice", "Bob", "1.5", "Fin.",
                         "Client : ACME & <Co>", "Réf. CUF-2021"] {
            #expect(hand.contains(expected), "\(expected) missing from the PDF:\n\(hand)")
        }
        let real = try text("real.pdf")
        for expected in ["Offre ACME & <Co>", "Bonjour Ana, a", "b Paris 1 250,00 €.", "ligne", "i3", "Fin.", "Client : ACME & <Co>", "Réf. CUF-2021"] {
            #expect(real.contains(expected), "\(expected) missing from the PDF:\n\(real)")
        }
        let columns = try text("columns.pdf")
        for expected in ["Jours", "c1", "c2", "c3", "c4", "c5", "Total", "Fin."] {
            #expect(columns.contains(expected), "\(expected) missing from the PDF:\n\(columns)")
        }
        for pdf in [hand, real, columns] {
            #expect(!pdf.contains("{{") && !pdf.contains("{%") && !pdf.contains("Conditions"))
        }
    }

    /// odfdo, a second ODF reader from PyPI, installed by the test in a venv under /tmp.
    @Test(.needs(.python)) func odfdoReadsTheOutput() throws {
        let python = try Tools.odfdoPython()
        let dir = try TemporaryFolder()
        let template = dir.file("offre.odt"), output = dir.file("out.odt")
        try OdtFile.write(template, content: Self.content)
        try DocumentTemplate(path: template).render(Self.data, to: output)
        let script = dir.file("read.py")
        try """
            import json, sys, odfdo
            doc = odfdo.Document(sys.argv[1])
            paragraphs = [e.text_recursive for e in doc.body.get_elements("descendant::text:p | descendant::text:h")]
            master = [e.text_recursive for e in doc.get_part("styles").get_elements("//style:master-page//text:p")]
            print(json.dumps({"mimetype": doc.mimetype, "paragraphs": paragraphs, "master": master,
                              "title": doc.get_part("meta").get_title()}))
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let r = try Tools.run(python, [script, output])
        #expect(r.status == 0, "\(r.output)")
        struct Read: Decodable { var mimetype: String; var paragraphs: [String]; var master: [String]; var title: String }
        let read = try JSONDecoder().decode(Read.self, from: Data(r.output.utf8))
        #expect(read.mimetype == "application/vnd.oasis.opendocument.text")
        #expect(read.paragraphs == Self.shown.map { $0.replacingOccurrences(of: "*", with: "") })
        #expect(read.master == ["Client : ACME & <Co>", "Réf. CUF-2021"])
        #expect(read.title == "Offre ACME & <Co>")
    }

    // MARK: Bad input, as for DOCX

    /// The same abstract template as a .docx and as an .odt: opening and rendering must fail
    /// (or not) with the same messages, places and exit status.
    @Test(arguments: [
        ("a tag spanning two paragraphs", [para("x"), para("{{ a"), para("}}")], false),
        ("crossed blocks", [para("{% for x in xs %}{% if x %}"), para("{% endfor %}{% endif %}")], false),
        ("a DTD in the main part", [para("{{ a }}")], true),
        ("an undefined name", [para("{{ b }}")], false),
    ] as [(String, [Node], Bool)])
    func badTemplatesFailAsForDocx(_ name: String, _ body: [Node], _ doctype: Bool) throws {
        let dir = try TemporaryFolder()
        func failure(_ flavor: Flavor) throws -> (TenderError, String) {
            let path = dir.file(flavor.fileName)
            try OdtFile.writeDocument(path, flavor, main: flavor.part(body, doctype: doctype))
            do {
                try DocumentTemplate(path: path).render(["a": 1, "xs": [1]], to: dir.file("out-" + flavor.fileName))
            } catch let e as TenderError {
                return (e, "\(path), \(flavor.partName)")
            }
            Issue.record("\(flavor) rendered")
            throw CancellationError()
        }
        let (docx, docxPlace) = try failure(.docx), (odt, odtPlace) = try failure(.odt)
        #expect(docx.status == .invalidInput && odt.status == .invalidInput)
        func normalized(_ e: TenderError, _ place: String) -> [String] {
            e.diagnostics.map { d in
                var l = d.location ?? SourceLocation()
                l.file = nil; l.part = nil
                return "\(d.message.replacingOccurrences(of: place, with: "FILE")) @\(l.description) hint: \(d.hint ?? "")"
            }
        }
        #expect(normalized(docx, docxPlace) == normalized(odt, odtPlace))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out-t.odt")))
    }

    @Test(.inLanguage(.english)) func truncatedArchivesFailAsForDocx() throws {
        let dir = try TemporaryFolder()
        var messages: [String] = []
        for flavor in Flavor.allCases {
            let whole = dir.file("whole-" + flavor.fileName), cut = dir.file(flavor.fileName)
            try OdtFile.writeDocument(whole, flavor, main: flavor.part([para("{{ a }}")]))
            let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
            do {
                _ = try DocumentTemplate(path: cut)
                Issue.record("\(flavor) opened")
            } catch let e as TenderError {
                #expect(e.status == .invalidInput)
                messages.append(e.diagnostics.map(\.message).joined(separator: "\n"))
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
        #expect(messages.first?.contains("truncated") == true)
    }

    @Test func aSpreadsheetIsReadAsOne() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.ods")
        var entries = OdtFile.entries(content: OdtWriter.content([para("{{ a }}")]))
        entries[0].data = Array("application/vnd.oasis.opendocument.spreadsheet".utf8)
        try OdtFile.zip(path, entries)
        #expect(try DocumentTemplate(path: path).format == .ods)
    }
}

// MARK: - Helpers

/// Small .odt (and .docx) files, zipped with libzip as LibreOffice lays them out.
enum OdtFile {
    struct Entry {
        var name: String
        var data: [UInt8]
        var stored: Bool
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/odt/\(name)").path
    }

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
         <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
         <manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>
         <manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """

    /// styles.xml with a master page whose header and footer hold tags (the header's split by a span).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(OdtWriter.namespaces) office:version="1.3">\(OdtWriter.fontFaces)\
        <office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt"/></style:default-style>\
        <style:style style:name="Standard" style:family="paragraph" style:class="text"/>\
        <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-size="130%" fo:font-weight="bold"/></style:style>\
        <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/>\
        <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>\
        <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>\
        </office:styles><office:automatic-styles>\
        <style:style style:name="MT1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>\
        <style:page-layout style:name="Mpm1"><style:page-layout-properties fo:page-width="21.001cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>\
        <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.499cm"/></style:header-style>\
        <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.499cm"/></style:footer-style></style:page-layout>\
        </office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Mpm1">\
        <style:header><text:p text:style-name="Header">Client : {{ cli<text:span text:style-name="MT1">ent }}</text:span></text:p></style:header>\
        <style:footer><text:p text:style-name="Footer">Réf. {{ reference }}</text:p></style:footer>\
        </style:master-page></office:master-styles></office:document-styles>
        """

    static let meta = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-meta \(OdtWriter.namespaces) office:version="1.3"><office:meta>\
        <meta:creation-date>2024-03-01T10:00:00.000000000</meta:creation-date><dc:title>Offre {{ client }}</dc:title>\
        <dc:subject>Réponse à {{ reference }}</dc:subject><dc:date>2024-03-01T10:00:00.000000000</dc:date>\
        <meta:editing-cycles>3</meta:editing-cycles><meta:generator>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</meta:generator>\
        <meta:document-statistic meta:table-count="1" meta:image-count="0" meta:object-count="0" meta:page-count="1" meta:paragraph-count="20"/>\
        </office:meta></office:document-meta>
        """

    static let settings = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">\
        <office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item config:name="ViewAreaTop" config:type="long">0</config:config-item></config:config-item-set></office:settings></office:document-settings>
        """

    /// A few bytes standing for LibreOffice's thumbnail (stored, as LibreOffice stores it).
    static let thumbnail: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<200).map { UInt8(($0 * 37) & 0xFF) }

    /// The entries in LibreOffice's order: mimetype first and stored, the manifest last.
    /// Without `tagged`, styles.xml and meta.xml hold no tag.
    static func entries(content: String, tagged: Bool = true) -> [Entry] {
        func untagged(_ s: String) -> String {
            s.replacingOccurrences(of: "{{ cli<text:span text:style-name=\"MT1\">ent }}</text:span>", with: "ACME")
                .replacingOccurrences(of: "{{ client }}", with: "ACME").replacingOccurrences(of: "{{ reference }}", with: "R")
        }
        return [
            Entry(name: "mimetype", data: Array("application/vnd.oasis.opendocument.text".utf8), stored: true),
            Entry(name: "meta.xml", data: Array((tagged ? meta : untagged(meta)).utf8), stored: false),
            Entry(name: "settings.xml", data: Array(settings.utf8), stored: false),
            Entry(name: "Thumbnails/thumbnail.png", data: thumbnail, stored: true),
            Entry(name: "styles.xml", data: Array((tagged ? styles : untagged(styles)).utf8), stored: false),
            Entry(name: "content.xml", data: Array(content.utf8), stored: false),
            Entry(name: "META-INF/manifest.xml", data: Array(manifest.utf8), stored: false),
        ]
    }

    static func write(_ path: String, content: String) throws {
        try zip(path, entries(content: content))
    }

    /// A minimal .docx or .odt around this main part.
    static func writeDocument(_ path: String, _ flavor: Flavor, main: [UInt8]) throws {
        switch flavor {
        case .odt:
            try zip(path, entries(content: String(decoding: main, as: UTF8.self), tagged: false))
        case .docx:
            let types = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """
            let rels = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """
            try zip(path, [Entry(name: "[Content_Types].xml", data: Array(types.utf8), stored: false),
                           Entry(name: "_rels/.rels", data: Array(rels.utf8), stored: false),
                           Entry(name: "word/document.xml", data: main, stored: false)])
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Writes a zip with these entries, in this order.
    static func zip(_ path: String, _ entries: [Entry]) throws {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else { throw Failure(description: "zip_open \(code)") }
        func fail() -> Failure {
            let f = Failure(description: String(cString: zip_error_strerror(zip_get_error(archive))))
            zip_discard(archive)
            return f
        }
        for entry in entries {
            let copy = malloc(max(entry.data.count, 1))!
            entry.data.withUnsafeBytes { if $0.count > 0 { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
            guard let source = zip_source_buffer(archive, copy, UInt64(entry.data.count), 1) else { free(copy); throw fail() }
            let index = zip_file_add(archive, entry.name, source, ZIP_FL_ENC_UTF_8)
            guard index >= 0 else { zip_source_free(source); throw fail() }
            guard zip_set_file_compression(archive, UInt64(index), entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) == 0 else { throw fail() }
        }
        guard zip_close(archive) == 0 else { throw fail() }
    }

    /// Every entry's name, compression method and raw (still compressed) bytes, in archive order.
    static func rawEntries(_ path: String) throws -> [(name: String, method: Int32, compressed: [UInt8])] {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw Failure(description: "open \(path)") }
        defer { zip_discard(archive) }
        var out: [(String, Int32, [UInt8])] = []
        for i in 0..<UInt64(zip_get_num_entries(archive, 0)) {
            var info = zip_stat_t()
            guard zip_stat_index(archive, i, 0, &info) == 0, let file = zip_fopen_index(archive, i, ZIP_FL_COMPRESSED) else {
                throw Failure(description: "entry \(i) of \(path)")
            }
            defer { zip_fclose(file) }
            var data = [UInt8](repeating: 0, count: Int(info.comp_size))
            let n = data.isEmpty ? 0 : data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress!, info.comp_size) }
            guard n == Int64(info.comp_size) else { throw Failure(description: "short read") }
            out.append((String(cString: info.name), Int32(info.comp_method), data))
        }
        return out
    }
}

/// Outside programs the tests use when present.
enum Tools {
    static func path(_ name: String) -> String? {
        if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program; returns its exit status and its output (standard output and error together).
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let executable = path(name) else { throw OdtFile.Failure(description: "\(name) not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A Python with odfdo: a venv under /tmp made (once) by the tests. Cancels the test, with
    /// the reason, when no venv can be made or PyPI cannot be reached (fails instead where
    /// tools are required, as in CI).
    static func unavailable(_ reason: String) throws -> Never {
        if Tool.required { throw Fixture.Failure(description: reason) }
        try Test.cancel(Comment(rawValue: reason))
    }

    static func odfdoPython() throws -> String {
        let venv = "/tmp/tender-tests-odfdo-venv"
        let python = venv + "/bin/python"
        if FileManager.default.isExecutableFile(atPath: python), (try? run(python, ["-c", "import odfdo"]))?.status == 0 {
            return python
        }
        guard let system = path("python3") else { try unavailable("python3 is not installed: odfdo cannot be run") }
        let made = try run(system, ["-m", "venv", venv])
        guard made.status == 0 else { try unavailable("cannot make a venv (python3-venv missing?): \(made.output)") }
        let installed = try run(venv + "/bin/pip", ["install", "--quiet", "--disable-pip-version-check", "odfdo"])
        guard installed.status == 0 else { try unavailable("cannot install odfdo from PyPI (offline?): \(installed.output)") }
        return python
    }
}

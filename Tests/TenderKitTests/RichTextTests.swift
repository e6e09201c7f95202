import Foundation
import Testing
@testable import TenderKit

/// Markdown, images and French typography written into DOCX and ODT.
@Suite struct RichTextTests {
    static let markdown = """
        Intro **gras** et *italique*, voir [le site](https://example.org).

        1. premier
        2. deuxième avec **gras dans un point**
           - sous-point a
           - sous-point b
        3. troisième

        Entre deux listes.

        1. alpha
        2. beta

        | Profil | Jours |
        |---|---|
        | Senior | 6 |
        | Consultant | 7 |
        """

    static func template(_ flavor: Flavor, _ dir: TemporaryFolder, body: [Node]) throws -> String {
        let path = dir.file(flavor.fileName)
        try OdtFile.writeDocument(path, flavor, main: flavor.part(body))
        return path
    }

    static func entry(_ path: String, _ name: String) throws -> String {
        String(decoding: try ZipArchive(path: path).read(name), as: UTF8.self)
    }

    @Test(arguments: Flavor.allCases)
    func markdownBecomesNativeStructure(_ flavor: Flavor) throws {
        let dir = try TemporaryFolder()
        let template = try Self.template(flavor, dir, body: [para("Avant."), para("{{ body | markdown }}"), para("Fin.")])
        let out = dir.file("out-" + flavor.fileName)
        try DocumentTemplate(path: template).render(["body": .string(Self.markdown)], to: out)
        let xml = try Self.entry(out, flavor.partName)
        switch flavor {
        case .docx:
            // Three lists (two outer, one nested in the first), each with its own numbering instance.
            let numbering = try Self.entry(out, "word/numbering.xml")
            #expect(numbering.components(separatedBy: "<w:num ").count - 1 == 2)
            #expect(numbering.contains("w:numFmt w:val=\"decimal\"") && numbering.contains("w:numFmt w:val=\"bullet\""))
            #expect(xml.contains("<w:ilvl w:val=\"1\"/>"))
            #expect(xml.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">gras dans un point"))
            #expect(xml.contains("<w:tbl>") && xml.contains("<w:tblHeader/>"))
            #expect(xml.contains("HYPERLINK \"https://example.org\""))
            #expect(try Self.entry(out, "[Content_Types].xml").contains("/word/numbering.xml"))
        case .odt:
            #expect(xml.contains("<text:list text:style-name=\"TenderList1\">"))
            #expect(xml.contains("<text:list text:style-name=\"TenderList2\">"))
            #expect(xml.contains("<text:list-item><text:p text:style-name=\"Standard\">sous-point a</text:p></text:list-item>"))
            #expect(xml.contains("<text:list-level-style-number text:level=\"1\""))
            #expect(xml.contains("<table:table-header-rows>"))
            #expect(xml.contains("xlink:href=\"https://example.org\""))
        }
        // The paragraph that held the tag is gone; the text around it stays.
        #expect(!xml.contains("{{"))
        #expect(try XMLTree(bytes: Array(xml.utf8), location: SourceLocation()).root != nil)
    }

    @Test(.enabled(if: Tools.available("soffice") && Tools.available("pdftotext"), "LibreOffice (soffice) and pdftotext are needed"))
    func libreOfficeShowsListNumbersAndTables() throws {
        let dir = try TemporaryFolder()
        var outputs: [String] = []
        for flavor in Flavor.allCases {
            let template = try Self.template(flavor, dir, body: [para("Avant."), para("{{ body | markdown }}"), para("Fin.")])
            let out = dir.file("rich-" + flavor.fileName)
            try DocumentTemplate(path: template).render(["body": .string(Self.markdown)], to: out)
            outputs.append(out)
        }
        let convert = try Tools.run("soffice", ["-env:UserInstallation=file:///tmp/lo-rich-\(getpid())", "--headless", "--convert-to", "pdf",
                                                "--outdir", dir.path] + outputs)
        #expect(convert.status == 0, "\(convert.output)")
        for out in outputs {
            let pdf = (out as NSString).deletingPathExtension + ".pdf"
            let text = try Tools.run("pdftotext", ["-layout", pdf, "-"]).output
            func has(_ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
            #expect(has(#"Intro gras et italique, voir le site\."#), "\(out): \(text)")
            #expect(has(#"1\.\s+premier"#) && has(#"2\.\s+deuxième avec gras dans un point"#) && has(#"3\.\s+troisième"#), "\(out): \(text)")
            #expect(has(#"–\s+sous-point a"#) && has(#"–\s+sous-point b"#), "\(out): \(text)")
            // The second list starts again at 1.
            #expect(has(#"1\.\s+alpha"#) && has(#"2\.\s+beta"#), "\(out): \(text)")
            #expect(has(#"Profil\s+Jours"#) && has(#"Senior\s+6"#) && has(#"Consultant\s+7"#), "\(out): \(text)")
            #expect(has(#"Avant\.[\s\S]*Intro[\s\S]*Fin\."#), "\(out): \(text)")
        }
    }
}

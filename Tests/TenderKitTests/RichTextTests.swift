import Foundation
import Testing
@testable import TenderKit

/// Markdown, images and French typography written into DOCX and ODT.
@Suite(.inLanguage(.french)) struct RichTextTests {
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

    @Test(.needs(.libreOffice, .poppler))
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

/// A small valid PNG (RGB, uncompressed deflate blocks), for image tests.
enum TestPNG {
    static func make(width: Int, height: Int) -> [UInt8] {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return c ^ 0xFFFF_FFFF
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc(body))
        }
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width { raw += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 0x80] }
        }
        var z: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            z.append(i + n == raw.count ? 1 : 0)
            z += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += raw[i..<(i + n)]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        let header = be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", z) + chunk("IEND", [])
    }
}

@Suite(.inLanguage(.english)) struct ImageTests {
    static func logo(_ dir: TemporaryFolder) throws -> String {
        let path = dir.file("logo.png")
        try Data(TestPNG.make(width: 200, height: 100)).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func render(_ flavor: Flavor, _ dir: TemporaryFolder, _ data: Value, body: [Node]? = nil) throws -> String {
        let template = try RichTextTests.template(flavor, dir, body: body ?? [para("Logo :"), para("{{ logo | image(width=\"4cm\") }}"),
                                                                        para("En ligne {{ logo | image(height=\"5mm\") }} fin.")])
        let out = dir.file("img-" + flavor.fileName)
        try DocumentTemplate(path: template).render(data, to: out)
        return out
    }

    @Test(arguments: Flavor.allCases)
    func imagesAreEmbeddedWithTheirSize(_ flavor: Flavor) throws {
        let dir = try TemporaryFolder()
        let out = try Self.render(flavor, dir, ["logo": .string(try Self.logo(dir))])
        let archive = try ZipArchive(path: out)
        let xml = try RichTextTests.entry(out, flavor.partName)
        switch flavor {
        case .docx:
            // 4 cm × 2 cm (the proportions of 200 × 100 pixels), and 1 cm × 0.5 cm inline.
            #expect(xml.contains("<wp:extent cx=\"1440000\" cy=\"720000\"/>"))
            #expect(xml.contains("<wp:extent cx=\"360000\" cy=\"180000\"/>"))
            let ids = xml.components(separatedBy: "<wp:docPr id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(ids.count == 2 && Set(ids).count == 2)
            #expect(archive.contains("word/media/tender-image1.png") && archive.contains("word/media/tender-image2.png"))
            let rels = try RichTextTests.entry(out, "word/_rels/document.xml.rels")
            #expect(rels.contains("Id=\"rIdTenderImage1\"") && rels.contains("Target=\"media/tender-image1.png\""))
            #expect(try RichTextTests.entry(out, "[Content_Types].xml").contains("Extension=\"png\""))
        case .odt:
            #expect(xml.contains("svg:width=\"4cm\" svg:height=\"2cm\""))
            #expect(xml.contains("svg:width=\"1cm\" svg:height=\"0.5cm\""))
            #expect(archive.contains("Pictures/tender-image1.png"))
            #expect(try RichTextTests.entry(out, "META-INF/manifest.xml").contains("manifest:full-path=\"Pictures/tender-image1.png\" manifest:media-type=\"image/png\""))
        }
    }

    @Test(arguments: Flavor.allCases)
    func aMissingOrWrongImageIsAnErrorNamingTheKeyAndTheFile(_ flavor: Flavor) throws {
        let dir = try TemporaryFolder()
        let text = dir.file("notes.txt")
        try Data("pas une image".utf8).write(to: URL(fileURLWithPath: text))
        let big = dir.file("big.png")
        _ = FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 50 << 20)
        try handle.close()
        for (file, words) in [(dir.file("absent.png"), "does not exist"), (text, "is not a PNG or JPEG image"), (big, "50 MiB")] {
            let error = try thrown { try Self.render(flavor, dir, ["logo": .string(file)], body: [para("{{ logo | image(width=\"4cm\") }}")]) }
            let message = error.diagnostics.map { "\($0.message) \($0.location?.description ?? "")" }.joined(separator: "\n")
            #expect(message.contains(file) && message.contains(words) && message.contains("{{ logo | image(width=\"4cm\") }}"), "\(message)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("img-" + flavor.fileName)))
    }

    @Test(.needs(.libreOffice, .poppler))
    func imagesAreVisibleInThePDF() throws {
        let dir = try TemporaryFolder()
        let logo = try Self.logo(dir)
        let outputs = try Flavor.allCases.map { try Self.render($0, dir, ["logo": .string(logo)]) }
        let convert = try Tools.run("soffice", ["-env:UserInstallation=file:///tmp/lo-img-\(getpid())", "--headless", "--convert-to", "pdf",
                                                "--outdir", dir.path] + outputs)
        #expect(convert.status == 0, "\(convert.output)")
        for out in outputs {
            let list = try Tools.run("pdfimages", ["-list", (out as NSString).deletingPathExtension + ".pdf"]).output
            let images = list.split(separator: "\n").dropFirst(2).filter { $0.contains("image") }
            #expect(images.count == 2, "\(out): \(list)")
            // The 4 cm logo: its 200 × 100 pixels at 127 pixels per inch (200 px over 4 cm).
            let first = images.first.map { $0.split(separator: " ").map(String.init) } ?? []
            #expect(first.count > 12 && first[3] == "200" && first[4] == "100" && first[12] == "127", "\(list)")
        }
    }

    @Test func jpegSizeIsReadFromItsFrameHeader() {
        // SOI, an APP0 segment, then SOF0 with height 30 and width 40.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x1E, 0x00, 0x28, 0x03, 0, 0, 0, 0, 0, 0]
        let header = ImageFile.header(jpeg)
        #expect(header?.0 == .jpeg && header?.1 == 40 && header?.2 == 30)
    }
}

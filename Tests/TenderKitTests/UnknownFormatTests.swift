import Foundation
import Testing
@testable import TenderKit

/// Files that are not DOCX or ODT documents are refused with their format named, never filled
/// or copied as if they were.
@Suite(.inLanguage(.french)) struct UnknownFormatTests {
    static func ooxml(_ dir: TemporaryFolder, _ name: String, main: String, contentType: String) throws -> String {
        let path = dir.file(name)
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="xml" ContentType="application/xml"/><Override PartName="/\(main)" ContentType="\(contentType)"/></Types>
                """),
            .init("_rels/.rels", text: """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\(main)"/></Relationships>
                """),
            .init(main, text: "<?xml version=\"1.0\"?><root><t>{{ prix }}</t></root>"),
        ])
        return path
    }

    static func cases(_ dir: TemporaryFolder) throws -> [(path: String, words: String)] {
        let rtf = dir.file("lettre.rtf")
        try "{\\rtf1\\ansi {{ prix }}}".write(toFile: rtf, atomically: true, encoding: .utf8)
        let doc = dir.file("ancien.doc")
        _ = FileManager.default.createFile(atPath: doc, contents: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512)))
        let text = dir.file("notes.txt")
        try "{{ prix }}".write(toFile: text, atomically: true, encoding: .utf8)
        return [
            // Workbooks are filled (XlsxTests); a macro-enabled one is not.
            (try ooxml(dir, "bpu.xlsm", main: "xl/workbook.xml",
                       contentType: "application/vnd.ms-excel.sheet.macroEnabled.main+xml"), "XLSX"),
            (try ooxml(dir, "slides.pptx", main: "ppt/presentation.xml",
                       contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"), "PPTX"),
            (rtf, "RTF"), (doc, ".doc"), (text, "pas un fichier DOCX, ODT, XLSX ou ODS"),
        ]
    }

    @Test func theLibraryRefusesThemNamingTheFormat() throws {
        let dir = try TemporaryFolder()
        for (path, words) in try Self.cases(dir) {
            let error = try thrown { try DocumentTemplate(path: path) }
            #expect(error.status == .invalidInput, "\(path)")
            #expect(error.description.contains(words), "\(error.description)")
        }
    }

    @Test(.needs(.tender)) func renderAndLintExit65AndWriteNothing() throws {
        let dir = try TemporaryFolder()
        try "prix: 10".write(toFile: dir.file("data.yaml"), atomically: true, encoding: .utf8)
        for (path, words) in try Self.cases(dir) {
            let out = dir.file("out-" + (path as NSString).lastPathComponent)
            let render = try CLI.run(["render", path, dir.file("data.yaml"), "-o", out])
            #expect(render.status == 65, "\(path): \(render.stderr)")
            #expect(render.stderr.contains(words), "\(render.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
            let lint = try CLI.run(["lint", path])
            #expect(lint.status == 65, "\(path)")
            #expect(!lint.stdout.contains("no errors") && !lint.stdout.contains("aucune erreur"))
        }
    }
}

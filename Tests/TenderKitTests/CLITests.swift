import Foundation
import Testing
@testable import TenderKit

/// Runs the built `tender` executable.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static var binary: String? {
        for config in ["debug", "release"] {
            let p = packageRoot + "/.build/\(config)/tender"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs tender in French (the default language), whatever the locale of the test run;
    /// `language: .english` runs it with `LANG=en_US.UTF-8`.
    static func run(_ args: [String], cwd: String? = nil, language: Language = .french) throws -> Result {
        guard let binary else { throw MissingTool(tool: .tender) }
        return try runProgram(binary, args, cwd: cwd, environment: environment(language))
    }

    /// The test process's environment with the locale set to `language` alone.
    static func environment(_ language: Language, _ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = base
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { environment[key] = nil }
        environment["LANG"] = language == .french ? "fr_FR.UTF-8" : "en_US.UTF-8"
        return environment
    }

    static func runProgram(_ path: String, _ args: [String], cwd: String? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so that a large output cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func which(_ tool: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

@Suite(.serialized, .inLanguage(.french)) struct CLITests {
    /// French typography on data values by default; `--typography off` gives docxtpl's output
    /// (how the shared docxtpl conformance corpus is run); a bad value is a usage error.
    @Test(.needs(.tender)) func renderTypographyAutoOrOff() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ t }}")))
        try #"{"ref": "R", "t": "Saint-Exupery : L'aviateur; Testé&xx;"}"#.write(toFile: dir.file("d.json"), atomically: true, encoding: .utf8)
        let auto = try CLI.run(["render", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("a.docx")])
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(try DocxFixture.texts(dir.file("a.docx"), "word/document.xml") == ["Saint-Exupery\u{00A0}: L\u{2019}aviateur\u{202F}; Testé&xx;"])
        #expect(try CLI.run(["render", "--typography", "off", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("b.docx")]).status == 0)
        #expect(try DocxFixture.texts(dir.file("b.docx"), "word/document.xml") == ["Saint-Exupery : L'aviateur; Testé&xx;"])
        #expect(try CLI.run(["render", "--typography", "french", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("c.docx")]).status == 64)
    }

    @Test(.needs(.tender)) func renderExitStatuses() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ ref }}")))
        try #"{"ref": "A"}"#.write(toFile: dir.file("d.json"), atomically: true, encoding: .utf8)
        try "{\n  \"ref\": \"A\",\n  \"x\" 1\n}".write(toFile: dir.file("bad.json"), atomically: true, encoding: .utf8)
        try "ref: [1, 2\nx: 1\n".write(toFile: dir.file("bad.yaml"), atomically: true, encoding: .utf8)
        try "not a zip".write(toFile: dir.file("junk.docx"), atomically: true, encoding: .utf8)

        let ok = try CLI.run(["render", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("o.docx")])
        #expect(ok.status == 0)
        #expect(try DocxFixture.texts(dir.file("o.docx"), "word/document.xml") == ["A"])

        #expect(try CLI.run(["render", dir.file("t.docx"), dir.file("d.json")]).status == 64)
        let missing = try CLI.run(["render", dir.file("nope.docx"), dir.file("d.json"), "-o", dir.file("x.docx")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.docx"))
        let badJSON = try CLI.run(["render", dir.file("t.docx"), dir.file("bad.json"), "-o", dir.file("x.docx")])
        #expect(badJSON.status == 65)
        #expect(badJSON.stderr.contains("bad.json:3:7"))
        let badYAML = try CLI.run(["render", dir.file("t.docx"), dir.file("bad.yaml"), "-o", dir.file("x.docx")])
        #expect(badYAML.status == 65)
        #expect(badYAML.stderr.contains("bad.yaml:"))
        let junk = try CLI.run(["render", dir.file("junk.docx"), dir.file("d.json"), "-o", dir.file("x.docx")])
        #expect(junk.status == 65)
        #expect(junk.stderr.contains("pas un fichier DOCX, ODT, XLSX ou ODS"))
        // The data is read while the template opens: what is wrong with each is said at once.
        let both = try CLI.run(["render", dir.file("junk.docx"), dir.file("bad.json"), "-o", dir.file("x.docx")])
        #expect(both.status == 65)
        let data = both.stderr.range(of: "bad.json:3:7"), template = both.stderr.range(of: "pas un fichier DOCX, ODT, XLSX ou ODS")
        #expect(data != nil && template != nil && data!.lowerBound < template!.lowerBound, "\(both.stderr)")
        let mismatch = try CLI.run(["render", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("x.odt")])
        #expect(mismatch.status == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.docx")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.odt")))
    }

    @Test(.needs(.tender)) func lenientRendersUndefinedNamesEmptyWithAWarning() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("[{{ tender.titel }}]")), header: p(r("h")),
                             footer: p(r("f")), footnote: p(r("n")), title: "t")
        try #"{"tender": {"title": "T"}}"#.write(toFile: dir.file("d.json"), atomically: true, encoding: .utf8)
        let strict = try CLI.run(["render", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("o.docx")])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("nom non défini « tender.titel »"))
        #expect(strict.stderr.contains("paragraphe 1"))
        let lenient = try CLI.run(["render", "--lenient", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("o.docx")])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.hasPrefix("attention : "))
        #expect(try DocxFixture.texts(dir.file("o.docx"), "word/document.xml") == ["[]"])
    }

    @Test(.needs(.tender)) func lintListsTagsAndErrors() throws {
        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ a }}")) + p(r("{{ b.c }}")))
        let ok = try CLI.run(["lint", dir.file("t.docx")])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("word/document.xml, paragraphe 2 : {{ b.c }}"))
        try #"{"a": 1}"#.write(toFile: dir.file("d.json"), atomically: true, encoding: .utf8)
        let withData = try CLI.run(["lint", dir.file("t.docx"), "--data", dir.file("d.json")])
        #expect(withData.status == 65)
        #expect(withData.stderr.contains("« b »"))
        try DocxFixture.make(at: dir.file("bad.docx"), body: p(r("{{ a + }}")) + p(r("{% endfor %}")))
        let bad = try CLI.run(["lint", dir.file("bad.docx")])
        #expect(bad.status == 65)
        #expect(bad.stderr.split(separator: "\n").filter { $0.hasPrefix("erreur : ") }.count == 2)
    }

    @Test(.needs(.tender, .libreOffice, .poppler)) func libreOfficeReadsTheRenderedDocument() throws {
        let soffice = try Tool.path("soffice", of: .libreOffice), pdftotext = try Tool.path("pdftotext", of: .poppler)
        let dir = try TemporaryFolder()
        func row(_ cells: [String]) -> String { "<w:tr>" + cells.map { "<w:tc>" + p(r($0)) + "</w:tc>" }.joined() + "</w:tr>" }
        let body = p(r("Offre {{ ref }} pour {{ who }}")) +
            "<w:tbl><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>" + row(["Nom", "Jours"]) +
            row(["{% for m in team %}", ""]) + row(["{{ m.n }}", "{{ m.d }}"]) + row(["{% endfor %}", ""]) + "</w:tbl>"
        try DocxFixture.make(at: dir.file("t.docx"), body: body)
        let data: Value = ["ref": "CUF-2021", "who": "Cités Unies France", "team": [["n": "Hélène", "d": "6"], ["n": "Lucas", "d": "7"]]]
        try DocumentTemplate(path: dir.file("t.docx")).render(data, to: dir.file("o.docx"))
        let convert = try CLI.runProgram(soffice, ["-env:UserInstallation=file://\(dir.path)/lo", "--headless", "--convert-to", "pdf",
                                                   "--outdir", dir.path, dir.file("o.docx")])
        #expect(convert.status == 0)
        let text = try CLI.runProgram(pdftotext, ["-layout", dir.file("o.pdf"), "-"]).stdout
        #expect(text.contains("Offre CUF-2021 pour Cités Unies France"))
        #expect(text.range(of: #"Hélène\s+6"#, options: .regularExpression) != nil)
        #expect(text.range(of: #"Lucas\s+7"#, options: .regularExpression) != nil)
        #expect(text.contains("CUF-2021")) // header
    }
}

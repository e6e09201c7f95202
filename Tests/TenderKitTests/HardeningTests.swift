import CLibzip
import Foundation
import Testing
@testable import TenderKit

/// Issue 17: hostile input and faults end in a clear refusal, within bounds (time and memory).
/// Each test names the item of the issue it covers.

/// A minimal DOCX: content types, relationships, the main part with `body`, and `extra` entries.
func hostileDocx(at path: String, body: String, extra: [Fixture.Entry] = []) throws {
    let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>
    """
    let rels = """
    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
    """
    try Fixture.zip(at: path, [
        .init("[Content_Types].xml", text: contentTypes),
        .init("_rels/.rels", text: rels),
        .init("word/document.xml", data: docxPart(body)),
    ] + extra)
}

/// The processor time `body` takes on this thread, in seconds: unlike the wall clock, it
/// does not count the time other processes of a busy machine take.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
}

@Suite(.serialized, .inLanguage(.english)) struct HardeningTests {
    // MARK: 1. -o never replaces a special file or a symbolic link

    @Test func item01_outputRefusesSymlinksFifosAndDevices() throws {
        let dir = try TemporaryFolder()
        try "keep".write(toFile: dir.file("target.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.json"), withDestinationPath: dir.file("target.txt"))
        #expect(mkfifo(dir.file("fifo.json"), 0o644) == 0)

        let link = try thrown { try AtomicFile.write(to: dir.file("link.json"), bytes: Array("x".utf8)) }
        #expect(link.status == .cannotCreate)
        #expect(link.description.contains("symbolic link"))
        #expect(try String(contentsOfFile: dir.file("target.txt"), encoding: .utf8) == "keep")
        var info = stat()
        #expect(lstat(dir.file("link.json"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)

        let fifo = try thrown { try AtomicFile.write(to: dir.file("fifo.json"), bytes: Array("x".utf8)) }
        #expect(fifo.status == .cannotCreate)
        #expect(fifo.description.contains("not a regular file"))
        #expect(lstat(dir.file("fifo.json"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

        let device = try thrown { try AtomicFile.write(to: "/dev/null", bytes: Array("x".utf8)) }
        #expect(device.status == .cannotCreate)
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        // No temporary file is left behind.
        #expect(try dir.contents() == ["fifo.json", "link.json", "target.txt"])
    }

    @Test(.needs(.tender))
    func item01_schemaDashOOnASymlinkExits73() throws {
        let dir = try TemporaryFolder()
        try "keep".write(toFile: dir.file("target"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.file("out.json"), withDestinationPath: dir.file("target"))
        let result = try CLI.run(["schema", "-o", dir.file("out.json")])
        #expect(result.status == 73)
        #expect(try String(contentsOfFile: dir.file("target"), encoding: .utf8) == "keep")
    }

    // MARK: 2. Deep nesting is an error, not a stack overflow

    @Test func item02_deeplyNestedBlocksAreRefused() throws {
        let body = p(r(String(repeating: "{% if 1 %}", count: 6000) + "x" + String(repeating: "{% endif %}", count: 6000)))
        let error = try thrown { try PartTemplate.compile(docxPart(body), name: "word/document.xml", dialect: .docx, file: "t.docx") }
        #expect(error.diagnostics.count == 1)
        #expect(error.description.contains("nest more than 200 levels"))
        // Up to the bound, nesting works.
        let fine = p(r(String(repeating: "{% if 1 %}", count: 150) + "x" + String(repeating: "{% endif %}", count: 150)))
        #expect(try renderDocxPart(fine, [:]).paragraphs == ["x"])
    }

    @Test func item02_deeplyNestedExpressionsAreRefused() throws {
        for text in [String(repeating: "(", count: 8000) + "1" + String(repeating: ")", count: 8000),
                     String(repeating: "[", count: 8000) + String(repeating: "]", count: 8000),
                     String(repeating: "-", count: 8000) + "1",
                     String(repeating: "not ", count: 8000) + "x",
                     String(repeating: "f(", count: 8000) + String(repeating: ")", count: 8000)] {
            #expect(throws: SyntaxError.self) { try Parser.expression(text) }
        }
        #expect(try Evaluator(globals: [:]).eval(try Parser.expression(String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100))) == 1)
    }

    @Test func item02_deeplyNestedDataIsRefused() throws {
        let yaml = "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let error = try thrown { try DataLoader.parseYAML(yaml, file: "d.yaml") }
        #expect(error.description.contains("nests too deeply"))
        #expect(!error.description.contains("yaml_"))
        let json = String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000)
        #expect(try thrown { try DataLoader.parseJSON(json, file: "d.json") }.description.contains("too deep"))
    }

    // MARK: 3. Alias bombs in data files

    @Test func item03_yamlAliasBombInDataIsRefused() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...10 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(yaml.utf8.count < 600)
        var error: TenderError?
        let time = try seconds { error = try thrown { try DataLoader.parseYAML(yaml, file: "bomb.yaml") } }
        #expect(error?.description.contains("aliases") == true)
        #expect(time < 5)
        #expect(Fixture.peakMemory() < 512 << 20)
        // Ordinary aliases still work.
        let fine = try DataLoader.parseYAML("base: &b { rate: 1 }\nother: *b\n")
        #expect(fine["other"]?["rate"] == 1)
    }

    // MARK: 4. range() checks before it builds

    @Test func item04_rangeChecksItsSizeFirst() throws {
        func eval(_ text: String) throws -> Value { try Evaluator(globals: [:]).eval(try Parser.expression(text)) }
        var failure: Error?
        let time = seconds {
            do { _ = try eval("range(1000000000)") } catch { failure = error }
        }
        #expect((failure as? EvalError)?.message.contains(inRunLanguage("range() trop grand", "range() too large")) == true)
        #expect(time < 1)
        #expect(try eval("range(10 ** 18) | length") == .number(Decimal(string: "1000000000000000000")!))
        #expect(try eval("range(10, 0, -3) | length") == 4)
        #expect(try eval("range(10, 0, -3) | list | length") == 4)
        #expect(try eval("range(5) | count") == 5)
        #expect(throws: EvalError.self) { try eval("range(10 ** 30) | length") }
        #expect(throws: EvalError.self) { try eval("range(10 ** 30)") }
    }

    // MARK: 6. Damaged parts are refused even when copied unchanged

    @Test func item06_damagedUntouchedPartIsRefused() throws {
        let dir = try TemporaryFolder()
        let image = Fixture.noise(count: 4096)
        try hostileDocx(at: dir.file("t.docx"), body: p(r("{{ a }}")),
                        extra: [.init("word/media/image1.png", data: image, stored: true)])
        // Flip one byte of the stored image: its CRC no longer matches.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("t.docx"))))
        let at = try #require(bytes.indices.first { bytes[$0..<min($0 + 64, bytes.count)].elementsEqual(image.prefix(64)) })
        bytes[at + 100] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("t.docx")))

        let error = try thrown { try DocumentTemplate(path: dir.file("t.docx")) }
        #expect(error.description.contains("word/media/image1.png"))
        #expect(error.description.contains("damaged"))
    }

    /// Issue 16: `render` checks the raw parts while it renders; a damaged or malformed one is
    /// still refused, with the same error, before anything is written, and a deflated part whose
    /// stored bytes are damaged is named as libzip reads it.
    @Test func rawPartsCheckedDuringTheRenderAreRefusedBeforeWriting() throws {
        let dir = try TemporaryFolder()
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">&e;</w:styles>"
        try hostileDocx(at: dir.file("dtd.docx"), body: p(r("{{ a }}")), extra: [.init("word/styles.xml", text: dtd)])
        let template = try DocumentTemplate(path: dir.file("dtd.docx"), checkingRawPartsWhileRendering: true)
        let out = dir.file("out.docx")
        let error = try thrown { try template.render(["a": "x"], to: out) }
        #expect(error.description.contains("word/styles.xml") && error.description.contains("DTD"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // Again: the same refusal, not a pass.
        #expect(try thrown { try template.render(["a": "x"], to: out) }.description.contains("DTD"))

        // A deflated settings part whose stored bytes are damaged: libdeflate refuses it, libzip says why.
        let settings = "<w:rsids>" + (0..<2000).map { "<w:rsid w:val=\"\(String($0 * 7919 % 10007, radix: 16))\"/>" }.joined() + "</w:rsids>"
        try hostileDocx(at: dir.file("crc.docx"), body: p(r("{{ a }}")),
                        extra: [.init("word/settings.xml", text: "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\(settings)</w:settings>")])
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("crc.docx"))))
        let name = Array("word/settings.xml".utf8)
        let header = try #require(bytes.indices.first { bytes[$0..<min($0 + name.count, bytes.count)].elementsEqual(name) })
        bytes[header + name.count + 400] ^= 0x55   // well inside the deflated data after the local header
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("crc.docx")))
        let damaged = try thrown { try DocumentTemplate(path: dir.file("crc.docx"), checkingRawPartsWhileRendering: true).render(["a": "x"], to: out) }
        #expect(damaged.description.contains("word/settings.xml"), "\(damaged)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Issue 16: the untouched parts found sound are remembered by their fingerprint and not
    /// parsed again; a part that differs by one byte is parsed again, a refused one is never
    /// remembered, and a folder that cannot be written only means parsing again.
    @Test func soundPartsAreRememberedByTheirBytesOnly() throws {
        let dir = try TemporaryFolder()
        let known = CheckedParts(folder: dir.file("cache"))
        func styles(_ name: String) -> String {
            "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + (0..<500).map { "<w:style w:styleId=\"\(name)\($0)\"/>" }.joined() + "</w:styles>"
        }
        func parsed(_ path: String, _ known: CheckedParts) throws -> Int {
            let check = TemplateIntegrity.start(try ZipArchive(path: path), skipping: ["word/document.xml"], known: known)
            try check.wait()
            return check.parsedParts
        }
        try hostileDocx(at: dir.file("a.docx"), body: p(r("{{ a }}")), extra: [.init("word/styles.xml", text: styles("A"))])
        let first = try parsed(dir.file("a.docx"), known)
        #expect(first >= 3)   // [Content_Types].xml, _rels/.rels, word/styles.xml
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("cache")).count == first)
        #expect(try parsed(dir.file("a.docx"), known) == 0)
        // The same size, one byte changed: only that part is parsed again.
        try hostileDocx(at: dir.file("b.docx"), body: p(r("{{ a }}")), extra: [.init("word/styles.xml", text: styles("B"))])
        #expect(try parsed(dir.file("b.docx"), known) == 1)
        // A part with a DTD, of the same size as a sound one: refused each time, never remembered.
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">&e;</w:styles>"
        try hostileDocx(at: dir.file("dtd.docx"), body: p(r("{{ a }}")), extra: [.init("word/styles.xml", text: dtd)])
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.file("cache")).count
        for _ in 0..<2 {
            #expect(try thrown { try parsed(dir.file("dtd.docx"), known) }.description.contains("DTD"))
            #expect(try thrown { try DocumentTemplate(path: dir.file("dtd.docx"), options: RenderOptions(checkedParts: known)) }.description.contains("DTD"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("cache")).count == before)
        // A folder that cannot be made (under a file), or none at all: every part is parsed, every time.
        try Data().write(to: URL(fileURLWithPath: dir.file("file")))
        for nowhere in [CheckedParts(folder: dir.file("file") + "/cache"), CheckedParts(folder: nil)] {
            #expect(try parsed(dir.file("a.docx"), nowhere) == first)
            #expect(try parsed(dir.file("a.docx"), nowhere) == first)
        }
        // The rendered document is the same, remembered parts or not.
        let out1 = dir.file("1.docx"), out2 = dir.file("2.docx")
        try DocumentTemplate(path: dir.file("a.docx"), options: RenderOptions(checkedParts: known)).render(["a": "x"], to: out1)
        try DocumentTemplate(path: dir.file("a.docx"), options: RenderOptions(checkedParts: CheckedParts(folder: nil))).render(["a": "x"], to: out2)
        #expect(FileManager.default.contents(atPath: out1) == FileManager.default.contents(atPath: out2))
    }

    /// The fingerprints are SHA-256 (FIPS 180-2's examples); the folder comes from the environment;
    /// past `most` verdicts the folder is emptied before the next is written (counted at one in 256).
    @Test func checkedPartsFolderAndFingerprints() throws {
        #expect(CheckedParts.sha256(Array("a".utf8), Array("bc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(CheckedParts.sha256([], []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(CheckedParts.folder(in: ["HOME": "/home/a"]) == "/home/a/.cache/tender/checked-parts")
        #expect(CheckedParts.folder(in: ["HOME": "/home/a", "XDG_CACHE_HOME": "/c"]) == "/c/tender/checked-parts")
        #expect(CheckedParts.folder(in: ["HOME": "/home/a", "XDG_CACHE_HOME": "relative"]) == "/home/a/.cache/tender/checked-parts")
        #expect(CheckedParts.folder(in: ["HOME": "/home/a", "TENDER_CACHE_DIR": "/t"]) == "/t")
        #expect(CheckedParts.folder(in: ["HOME": "/home/a", "TENDER_CACHE_DIR": ""]) == nil)
        #expect(CheckedParts.folder(in: [:]) == nil)

        let dir = try TemporaryFolder()
        let known = CheckedParts(folder: dir.file("cache"))
        let names = (0..<CheckedParts.most).map { CheckedParts.sha256([], Array("\($0)".utf8)) }
        for name in names { known.remember(name) }
        #expect(names.allSatisfy(known.knows))
        // The folder is counted when a fingerprint starts with 00.
        let more = try #require((0...).lazy.map { CheckedParts.sha256([], Array("more \($0)".utf8)) }.first { $0.hasPrefix("00") })
        known.remember(more)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("cache")) == [more])
    }

    // MARK: 7. Every XML part is parsed, tags or not

    @Test func item07_tagFreePartsAreValidated() throws {
        let dir = try TemporaryFolder()
        // A tag-free main part, truncated.
        try hostileDocxRaw(at: dir.file("cut.docx"), document: Array(docxPart(p(r("plain"))).dropLast(20)))
        #expect(try thrown { try DocumentTemplate(path: dir.file("cut.docx")) }.description.contains("malformed XML"))
        // A DTD with an external entity in styles.xml, which holds no tag.
        let dtd = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">&e;</w:styles>"
        try hostileDocx(at: dir.file("dtd.docx"), body: p(r("{{ a }}")), extra: [.init("word/styles.xml", text: dtd)])
        let error = try thrown { try DocumentTemplate(path: dir.file("dtd.docx")) }
        #expect(error.description.contains("word/styles.xml"))
        #expect(error.description.contains("DTD"))
        // Binary junk in a tag-free content-types part.
        try Fixture.zip(at: dir.file("junk.docx"), [
            .init("[Content_Types].xml", data: Fixture.noise(count: 300)),
            .init("word/document.xml", data: docxPart(p(r("x")))),
        ])
        #expect(throws: TenderError.self) { try DocumentTemplate(path: dir.file("junk.docx")) }
        // An ODT without content.xml.
        try Fixture.zip(at: dir.file("empty.odt"), [
            .init("mimetype", text: "application/vnd.oasis.opendocument.text", stored: true),
            .init("styles.xml", text: "<?xml version=\"1.0\"?><office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"),
        ])
        #expect(try thrown { try DocumentTemplate(path: dir.file("empty.odt")) }.description.contains("content.xml"))
    }

    @Test func item07_braceEscapesBehaveTheSameWithoutOtherTags() throws {
        let alone = try renderDocxPart(p(r("{_{ x }_}")), [:])
        let beside = try renderDocxPart(p(r("{_{ x }_}")) + p(r("{{ 1 }}")), [:])
        #expect(alone.paragraphs == ["{{ x }}"])
        #expect(beside.paragraphs == ["{{ x }}", "1"])
    }

    // MARK: 8. Overflow is an error, never NaN

    @Test func item08_overflowInTemplatesIsAnError() throws {
        for text in ["{{ ((10 ** 100) * (10 ** 100)) | eur }}", "{{ (10 ** 13) | eur }}", "{{ x | eur }}", "{{ 10 ** 40 }}"] {
            let error = try thrown { try renderDocxPart(p(r(text)), ["x": .number(Decimal(string: "1e125")!)]) }
            #expect(error.description.contains("too large"), "\(text)")
            #expect(!error.description.contains("NaN"))
        }
        #expect(try renderDocxPart(p(r("{{ 123456789012.5 | eur }}")), [:]).paragraphs == ["123\u{202F}456\u{202F}789\u{202F}012,50\u{A0}€"])
    }

    @Test func item08_hugeDaysAndRatesInAnOfferAreRefused() throws {
        let fixture = try OfferFixture(offer: OfferFixture.offer(replacing: "days: { claire-martin: 1.5, paul-durand: 3 }",
                                                                 with: "days: { claire-martin: 1e125, paul-durand: 3 }")
            .replacingOccurrences(of: "rate: 950", with: "rate: 1e125"))
        let error = try fixture.errors()
        #expect(error.description.contains("too large"))
        #expect(error.diagnostics.count == 2)
        let months = try OfferFixture(offer: OfferFixture.offer(replacing: "end: 2022-04-08", with: "duration_months: 1e30"))
        #expect(try months.errors().description.contains("duration_months"))
    }

    @Test func item08_numbersBeyondDecimalPrecisionAreRefused() throws {
        let digits42 = "123456789012345678901234567890123456789012"
        #expect(Decimal(exactly: digits42) == nil)
        #expect(Decimal(exactly: "12345678901234567890123456789012345678") != nil)
        #expect(Decimal(exactly: "1e125") != nil)
        #expect(Decimal(exactly: "1000000000000000000000000000000000000000000000") != nil)
        let json = try thrown { try DataLoader.parseJSON("{\"a\": \(digits42)}", file: "d.json") }
        #expect(json.description.contains("out of range"))
    }

    // MARK: 9. Linear time, and an iteration budget

    @Test func item09_manyAttributesAreRefusedQuickly() throws {
        let attributes = (0..<200_000).map { " a\($0)=\"1\"" }.joined()
        let body = "<w:p\(attributes)>" + r("x") + "</w:p>"
        var error: TenderError?
        let time = try seconds { error = try thrown { try PartTemplate.compile(docxPart(body), name: "word/document.xml", dialect: .docx, file: "t.docx") } }
        #expect(error?.description.contains("attributes") == true)
        #expect(time < 5)
    }

    @Test func item09_uniqueIsLinear() throws {
        var result: Value = .null
        let time = try seconds {
            result = try Evaluator(globals: [:]).eval(try Parser.expression("range(30000) | unique | list | length"))
        }
        #expect(result == 30000)
        #expect(time < 5)
        #expect(try Evaluator(globals: [:]).eval(try Parser.expression("[1, 1.0, true, 'a', 'a', 2] | unique | length")) == 3)
        let grouped = try Evaluator(globals: ["xs": [["k": 1], ["k": 2], ["k": 1]]]).eval(try Parser.expression("xs | groupby('k') | map(attribute='grouper') | join(',')"))
        #expect(grouped == "1,2")
    }

    @Test func item09_nestedLoopsStopAtTheIterationBudget() throws {
        let body = p(r("{% for i in range(100000) %}")) + p(r("{% for j in range(100000) %}")) + p(r("{{ j }}")) + p(r("{% endfor %}")) + p(r("{% endfor %}"))
        var error: TenderError?
        let time = try seconds { error = try thrown { try renderDocxPart(body, [:]) } }
        #expect(error?.description.contains("more than 100000 times") == true)
        #expect(time < 5)
    }

    // MARK: 10. Memory within the archive limits

    @Test func item10_millionsOfEmptyParagraphsAreRefused() throws {
        let dir = try TemporaryFolder()
        let paragraphs = String(repeating: "<w:p/>", count: 3_000_000)
        try hostileDocx(at: dir.file("t.docx"), body: paragraphs + p(r("{{ a }}")))
        let size = try FileManager.default.attributesOfItem(atPath: dir.file("t.docx"))[.size] as? Int
        #expect((size ?? .max) < 1 << 20)
        var error: TenderError?
        let time = try seconds { error = try thrown { try DocumentTemplate(path: dir.file("t.docx")) } }
        #expect(error?.description.contains("more than 2000000 elements") == true)
        #expect(time < 5)
        #expect(Fixture.peakMemory() < 512 << 20)
    }

    // MARK: 16. Messages quote input briefly, in the tool's own words

    @Test func item16_messagesCutQuotedInput() throws {
        let long = String(repeating: "x", count: 1_000_000)
        let error = try thrown { try renderDocxPart(p(r("{{ " + long + " }}")), [:]) }
        #expect(error.description.count < 2000)
        // A person file that is some other text file is not echoed whole.
        let passwd = (0..<40).map { "user\($0):x:\($0):\($0):User:/home/user\($0):/bin/sh" }.joined(separator: "\n")
        let fixture = try OfferFixture(people: ["claire-martin": passwd, "paul-durand": OfferFixture.paul])
        let person = try fixture.errors()
        #expect(person.description.count < 600)
        #expect(!person.description.contains("user39"))
    }

    @Test func item16_noLibraryFunctionNamesInMessages() throws {
        let error = try thrown { try XMLTree(bytes: Array("<?xml version=\"1.0\"?><a>&#0;</a>".utf8), location: SourceLocation(part: "p.xml")) }
        #expect(error.description.contains("malformed XML"))
        #expect(!error.description.contains("xmlParse"))
        #expect(!error.description.contains("xmlChar"))
    }

    @Test func item16_duplicateZipEntryIsNamedSo() throws {
        let dir = try TemporaryFolder()
        // Two entries with names of the same length; the second is then renamed to the first's name.
        try Fixture.zip(at: dir.file("dup.docx"), [
            .init("[Content_Types].xml", text: "<Types/>"), .init("_rels/.rels", text: "<a/>"), .init("_rels/.relx", text: "<b/>"),
        ])
        let from = Array("_rels/.rels".utf8)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.file("dup.docx"))))
        let x = Array("_rels/.relx".utf8)
        var i = 0
        while i + x.count <= bytes.count {
            if Array(bytes[i..<(i + x.count)]) == x { bytes.replaceSubrange(i..<(i + x.count), with: from) }
            i += 1
        }
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("dup.docx")))
        let error = try thrown { try ZipArchive(path: dir.file("dup.docx")) }
        #expect(error.description.contains("two entries of the same name"))
        #expect(!error.description.contains("File already exists"))
    }

    @Test func item11_zip64SizeMarkerIsNotNoSuchFile() throws {
        let dir = try TemporaryFolder()
        try Fixture.zip(at: dir.file("one.zip"), [.init("word/document.xml", text: "<a/>")])
        try Fixture.withDeclaredSize(0xFFFF_FFFF, of: dir.file("one.zip"), into: dir.file("t.docx"))
        let error = try thrown { try ZipArchive(path: dir.file("t.docx")) }
        #expect(!error.description.contains("No such file"))
        #expect(error.status == .invalidInput)
    }

    // MARK: 15. Invalid values

    @Test func item15_utcOffsetsBeyondFourteenHoursAreRefused() {
        #expect(DateValue(iso: "2021-11-05T12:00+25:00") == nil)
        #expect(DateValue(iso: "2021-11-05T12:00+99:00") == nil)
        #expect(DateValue(iso: "2021-11-05T12:00+14:00") != nil)
        #expect(DateValue(iso: "2021-11-05T12:00-05:30")?.utcOffset == -(5 * 3600 + 30 * 60))
        #expect(DateValue(moment: "2021-11-05T12:00+25:00") == nil)
    }

    @Test func item15_outputNamesMustNameAFile() throws {
        let dir = try TemporaryFolder()
        #expect(try thrown { try AtomicFile.write(to: "", bytes: [1]) }.status == .usage)
        #expect(try thrown { try AtomicFile.write(to: dir.path + "/", bytes: [1]) }.status == .usage)
        #expect(try thrown { try AtomicFile.write(to: dir.file("a\u{0}b.docx"), bytes: [1]) }.status == .usage)
        #expect(try thrown { try AtomicFile.write(to: dir.file(String(repeating: "n", count: 300) + ".docx"), bytes: [1]) }.status == .usage)
        #expect(try dir.contents().isEmpty)
    }
}

/// A minimal DOCX whose main part is `document`, as given (possibly broken).
func hostileDocxRaw(at path: String, document: [UInt8]) throws {
    try Fixture.zip(at: path, [
        .init("[Content_Types].xml", text: "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        .init("word/document.xml", data: document),
    ])
}

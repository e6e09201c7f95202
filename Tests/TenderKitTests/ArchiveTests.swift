import CLibzip
import Foundation
import Testing
@testable import TenderKit

/// Tests of the package I/O layer: `ZipArchive`, `ArchiveWriter`, `AtomicFile`.
///
/// Fixtures are built in a fresh temporary folder per test, with libzip itself (see `Fixture`).
/// Serialized, because the zip-bomb test measures the process's peak memory.
@Suite(.serialized, .inLanguage(.english)) struct ArchiveTests {
    // MARK: Reading

    @Test func readsEntriesInArchiveOrder() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: "<Types/>"),
            .init("word/document.xml", text: String(repeating: "<w:p>Bonjour</w:p>", count: 200)),
            .init("word/media/", data: []),
            .init("word/media/image1.png", data: Array(0...255), stored: true),
        ])
        let archive = try ZipArchive(path: path)
        #expect(archive.path == path)
        #expect(archive.entryNames == ["[Content_Types].xml", "word/document.xml", "word/media/", "word/media/image1.png"])
        #expect(archive.contains("word/document.xml"))
        #expect(!archive.contains("word/Document.xml"))
        #expect(try archive.read("[Content_Types].xml") == Array("<Types/>".utf8))
        #expect(try archive.read("word/document.xml") == Array(String(repeating: "<w:p>Bonjour</w:p>", count: 200).utf8))
        #expect(try archive.read("word/media/image1.png") == Array(0...255))
        #expect(try archive.read("word/media/") == [])

        let missing = try thrown { try archive.read("word/footer1.xml") }
        #expect(missing.status == .invalidInput)
        #expect(missing.description.contains("word/footer1.xml is missing"))
    }

    @Test func missingFileIsMissingInput() throws {
        let dir = try TemporaryFolder()
        let error = try thrown { try ZipArchive(path: dir.file("nope.docx")) }
        #expect(error.status == .missingInput)
        #expect(error.status.rawValue == 66)
        #expect(error.diagnostics.first?.location?.file == dir.file("nope.docx"))
        #expect(error.diagnostics.first?.hint != nil)
    }

    @Test func folderIsMissingInput() throws {
        let dir = try TemporaryFolder()
        let error = try thrown { try ZipArchive(path: dir.path) }
        #expect(error.status == .missingInput)
        #expect(error.description.contains("folder"))
    }

    @Test func deviceIsNotARegularFile() throws {
        let error = try thrown { try ZipArchive(path: "/dev/null") }
        #expect(error.status == .missingInput)
        #expect(error.description.contains("not a regular file"))
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file"))
    func unreadableFileIsMissingInput() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, [.init("a.xml", text: "<a/>")])
        chmod(path, 0)
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .missingInput)
        #expect(error.description.contains("cannot read"))
    }

    @Test func plainTextIsNotAnArchive() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Data("Dear sir, this is not a zip file at all.\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("not a DOCX, ODT, XLSX or ODS file (not a zip archive, or truncated)"))
    }

    @Test func emptyFileIsNotAnArchive() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("not a DOCX, ODT, XLSX or ODS file"))
    }

    @Test func truncatedZipIsNotAnArchive() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, [
            .init("word/document.xml", data: Fixture.noise(count: 20_000)),
            .init("word/styles.xml", data: Fixture.noise(count: 20_000)),
        ])
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("not a zip archive, or truncated"))
    }

    @Test func oleCompoundFileIsRecognized() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("protected.docx")
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        try Data(ole).write(to: URL(fileURLWithPath: path))
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("password-protected"))
        #expect(error.diagnostics.first?.hint == "remove the password (File > Info > Protect) or save as .docx")
    }

    @Test func encryptedEntryIsRefused() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: "<Types/>"),
            .init("word/document.xml", text: "<w:document/>", password: "secret"),
        ])
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("encrypted"))
        #expect(error.diagnostics.first?.location == TenderKit.SourceLocation(file: path, part: "word/document.xml"))
    }

    @Test(arguments: ["../evil", "word/../../evil", "/abs", "\\abs", "C:evil", "word\\document.xml", ""])
    func unsafeEntryNameIsRefused(name: String) throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, [.init("[Content_Types].xml", text: "<Types/>"), .init(name, text: "x")])
        let error = try thrown { try ZipArchive(path: path) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("unsafe entry name \"\(name)\""))
        #expect(error.diagnostics.first?.location?.part == (name.isEmpty ? nil : name))
    }

    @Test func safeEntryNamesAreAccepted() {
        for name in ["word/document.xml", "a..b/c", "..x", "x..", "Pictures/100000000000.png", "é/ü.xml"] {
            #expect(EntryName.problem(name) == nil, "\(name)")
        }
    }

    @Test func tooManyEntriesAreRefused() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, (1...6).map { .init("part\($0).xml", text: "<p/>") })
        #expect(try ZipArchive(path: path, limits: ArchiveLimits(maxEntries: 6)).entryNames.count == 6)
        let error = try thrown { try ZipArchive(path: path, limits: ArchiveLimits(maxEntries: 5)) }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("6 entries, more than the limit of 5"))
    }

    @Test func zipBombIsRefusedWithBoundedMemory() throws {
        let dir = try TemporaryFolder()
        let honest = dir.file("bomb.docx")
        try Fixture.zipOfZeros(at: honest, name: "word/document.xml", megabytes: 200)
        let bombSize = try #require(FileManager.default.attributesOfItem(atPath: honest)[.size] as? Int)
        #expect(bombSize < 1 << 20)

        // The central directory says 200 MiB: refused before inflating anything.
        let limits = ArchiveLimits(maxEntrySize: 1 << 20)
        let declared = try thrown { try ZipArchive(path: honest, limits: limits).read("word/document.xml") }
        #expect(declared.status == .invalidInput)
        #expect(declared.description.contains("part word/document.xml inflates beyond 1 MiB (possible zip bomb)"))

        // The same bomb lying about its size (1,000 bytes) is stopped while inflating.
        let lying = dir.file("lying.docx")
        try Fixture.withDeclaredSize(1000, of: honest, into: lying)
        let archive = try ZipArchive(path: lying, limits: limits)
        #expect(archive.entries[0].declaredSize == 1000)
        let peakBefore = Fixture.peakMemory()
        let inflated = try thrown { try archive.read("word/document.xml") }
        #expect(inflated.description.contains("part word/document.xml inflates beyond 1 MiB (possible zip bomb)"))
        #expect(inflated.diagnostics.first?.location == TenderKit.SourceLocation(file: lying, part: "word/document.xml"))
        #expect(Fixture.peakMemory() - peakBefore < 32 << 20, "reading must stop near the 1 MiB bound")
    }

    @Test(arguments: [4000, 6000] as [UInt32])
    func wrongDeclaredSizeIsDamage(declared: UInt32) throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        try Fixture.zip(at: path, [.init("word/document.xml", data: Fixture.noise(count: 5000))])
        let lying = dir.file("lying.docx")
        try Fixture.withDeclaredSize(declared, of: path, into: lying)
        let error = try thrown { try ZipArchive(path: lying).read("word/document.xml") }
        #expect(error.status == .invalidInput)
        #expect(error.description.contains("damaged"))
        #expect(error.description.contains("inflates to 5000 bytes, but the archive declares \(declared)"))
    }

    @Test func totalInflatedSizeIsBounded() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.docx")
        let part = [UInt8](repeating: 65, count: 600 << 10)
        try Fixture.zip(at: path, [.init("a.xml", data: part), .init("b.xml", data: part)])
        let archive = try ZipArchive(path: path, limits: ArchiveLimits(maxEntrySize: 1 << 20, maxTotalSize: 1 << 20))
        #expect(try archive.read("a.xml") == part)
        let error = try thrown { try archive.read("b.xml") }
        #expect(error.description.contains("inflate beyond 1 MiB in total (possible zip bomb)"))
    }

    // MARK: Writing

    /// A template like Word's: deflated at level 9 (not libzip's default 6, so a recompression
    /// would show), one stored part, one part replaced.
    private func makeTemplate(in dir: TemporaryFolder) throws -> String {
        let path = dir.file("template.docx")
        try Fixture.zip(at: path, [
            .init("[Content_Types].xml", text: "<Types>" + String(repeating: "<Default Extension=\"xml\"/>", count: 50)
                  + "</Types>", level: 9),
            .init("word/document.xml", text: "<w:document>{{ tender.titel }}</w:document>", level: 9),
            .init("word/styles.xml", text: Fixture.styles, level: 9),
            .init("word/media/image1.png", data: Fixture.noise(count: 5000), stored: true),
            .init("word/settings.xml", text: String(repeating: "<w:zoom w:percent=\"100\"/>", count: 20), stored: true),
            .init("mimetype", text: "application/vnd.oasis.opendocument.text", level: 9),
        ])
        return path
    }

    @Test func unchangedEntriesAreCopiedByteForByte() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let output = dir.file("out.docx")
        let source = try ZipArchive(path: template)
        try ArchiveWriter.write(to: output, from: source,
                                replacing: ["word/document.xml": Array("<w:document>Offre</w:document>".utf8)])

        let written = try ZipArchive(path: output)
        #expect(written.entryNames == source.entryNames)
        for name in ["[Content_Types].xml", "word/styles.xml", "word/media/image1.png", "word/settings.xml",
                     "mimetype"] {
            let before = try Fixture.rawEntry(template, name)
            let after = try Fixture.rawEntry(output, name)
            #expect(after.data == before.data, "\(name): compressed bytes differ")
            #expect(after.method == before.method, "\(name)")
            #expect(try written.read(name) == source.read(name), "\(name)")
        }
        // Sanity check of the test itself: libzip's default level would have compressed the styles differently.
        #expect(try Fixture.deflated(Fixture.styles, level: 6) != Fixture.rawEntry(template, "word/styles.xml").data)
    }

    @Test func replacedAndAddedEntries() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let output = dir.file("out.docx")
        let document = Array(String(repeating: "<w:p>Offre</w:p>", count: 100).utf8)
        try ArchiveWriter.write(
            to: output, from: try ZipArchive(path: template),
            replacing: ["word/document.xml": document, "word/styles.xml": []],
            adding: [(name: "word/footer1.xml", data: Array("<w:ftr/>".utf8)), (name: "customXml/item1.xml", data: [])])

        let written = try ZipArchive(path: output)
        #expect(written.entryNames == ["[Content_Types].xml", "word/document.xml", "word/styles.xml",
                                       "word/media/image1.png", "word/settings.xml", "mimetype",
                                       "word/footer1.xml", "customXml/item1.xml"])
        #expect(try written.read("word/document.xml") == document)
        #expect(try written.read("word/styles.xml") == [])
        #expect(try written.read("word/footer1.xml") == Array("<w:ftr/>".utf8))
        #expect(try written.read("customXml/item1.xml") == [])
        #expect(try Fixture.rawEntry(output, "word/document.xml").method == ZIP_CM_DEFLATE)
        #expect(try Fixture.rawEntry(output, "word/document.xml").data.count < document.count / 10)
    }

    /// New parts are deflated before libzip writes them: a part up to one piece exactly as libzip
    /// deflated it; a larger one in pieces on all cores, one stream whatever the number of cores;
    /// every part read back whole, its CRC checked.
    @Test func newPartsDeflatedInPiecesReadBackWhole() throws {
        let piece = DeflatedPart.piece
        func data(_ count: Int) -> [UInt8] {
            // Text that repeats across pieces (back-references into the previous piece), with noise.
            let text = Array(String(repeating: "<w:tr><w:tc><w:p>Ligne de prix</w:p></w:tc></w:tr>", count: count / 40 + 1).utf8)
            let noise = Fixture.noise(count: count)
            return (0..<count).map { $0 % 7000 < 500 ? noise[$0] : text[$0] }
        }
        let sizes = [1, 1000, piece - 1, piece, piece + 1, 3 * piece + 17]
        for size in sizes {
            let bytes = data(size)
            let one = try #require(bytes.withUnsafeBytes { DeflatedPart($0, lanes: 1) })
            let many = try #require(bytes.withUnsafeBytes { DeflatedPart($0, lanes: 3) })
            #expect(one.bytes == many.bytes && one.crc == many.crc, "\(size)")
            #expect(one.size == size)
            if size <= piece {
                #expect(one.bytes == (try Fixture.deflated(bytes, level: 3)), "\(size): libzip's own bytes")
            }
        }
        #expect([UInt8]().withUnsafeBytes { DeflatedPart($0) } == nil)

        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let output = dir.file("out.docx")
        let parts = sizes.map { (name: "part\($0).xml", data: data($0)) }
        try ArchiveWriter.write(to: output, from: try ZipArchive(path: template), replacing: [:], adding: parts)
        let written = try ZipArchive(path: output)
        for part in parts {
            #expect(try written.read(part.name) == part.data, "\(part.name)")
            #expect(try Fixture.rawEntry(output, part.name).method == ZIP_CM_DEFLATE)
        }
        // libzip's reader agrees (it checks the CRC too).
        for part in parts {
            #expect(try Fixture.readWithLibzip(output, part.name) == part.data, "\(part.name)")
        }
    }

    @Test func storedFirstIsFirstAndStored() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let source = try ZipArchive(path: template)
        #expect(try Fixture.rawEntry(template, "mimetype").method == ZIP_CM_DEFLATE)

        let output = dir.file("out.odt")
        try ArchiveWriter.write(to: output, from: source, replacing: [:], storedFirst: "mimetype")
        let written = try ZipArchive(path: output)
        #expect(written.entryNames == ["mimetype", "[Content_Types].xml", "word/document.xml", "word/styles.xml",
                                       "word/media/image1.png", "word/settings.xml"])
        let raw = try Fixture.rawEntry(output, "mimetype")
        #expect(raw.method == ZIP_CM_STORE)
        #expect(raw.data == Array("application/vnd.oasis.opendocument.text".utf8))
        // As ODT requires: the file starts with a local header, then the name "mimetype", then its bytes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype")

        // A replaced or added entry can be the stored first one too.
        let replaced = dir.file("replaced.odt")
        try ArchiveWriter.write(to: replaced, from: source, replacing: ["mimetype": Array("text/plain".utf8)],
                                storedFirst: "mimetype")
        #expect(try Fixture.rawEntry(replaced, "mimetype").data == Array("text/plain".utf8))
        #expect(try ZipArchive(path: replaced).entryNames.first == "mimetype")
        let added = dir.file("added.odt")
        try ArchiveWriter.write(to: added, from: source, replacing: [:],
                                adding: [(name: "new", data: Array("hello".utf8))], storedFirst: "new")
        #expect(try ZipArchive(path: added).entryNames.first == "new")
        #expect(try Fixture.rawEntry(added, "new").method == ZIP_CM_STORE)

        let missing = try thrown { try ArchiveWriter.write(to: dir.file("x.odt"), from: source, replacing: [:],
                                                            storedFirst: "nope") }
        #expect(missing.status == .invalidInput)
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.odt")))
    }

    @Test func outputIsDeterministic() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let source = try ZipArchive(path: template)
        let replacing = ["word/document.xml": Array("<w:document>Offre</w:document>".utf8)]
        let adding = [(name: "word/footer1.xml", data: Array("<w:ftr/>".utf8))]
        try ArchiveWriter.write(to: dir.file("one.docx"), from: source, replacing: replacing, adding: adding,
                                storedFirst: "mimetype")
        sleep(2)  // a clock-dependent timestamp would now differ (DOS times count in 2 s steps)
        try ArchiveWriter.write(to: dir.file("two.docx"), from: try ZipArchive(path: template), replacing: replacing,
                                adding: adding, storedFirst: "mimetype")
        let one = try Data(contentsOf: URL(fileURLWithPath: dir.file("one.docx")))
        let two = try Data(contentsOf: URL(fileURLWithPath: dir.file("two.docx")))
        #expect(one == two)

        // Every entry is dated 1980-01-01 00:00.
        let written = try ZipArchive(path: dir.file("one.docx"))
        for entry in written.entries {
            var info = zip_stat_t()
            #expect(zip_stat_index(written.handle, entry.index, 0, &info) == 0)
            var time = info.mtime
            var local = tm()
            localtime_r(&time, &local)
            #expect([local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min]
                    == [1980, 1, 1, 0, 0], "\(entry.name)")
        }
    }

    @Test func sourceIsNeverModifiedAndNoTemporaryFilesRemain() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: template))
        let modifiedBefore = try FileManager.default.attributesOfItem(atPath: template)[.modificationDate] as? Date
        let source = try ZipArchive(path: template)
        try ArchiveWriter.write(to: dir.file("out.docx"), from: source, replacing: ["word/document.xml": [1, 2, 3]],
                                storedFirst: "mimetype")
        // Overwriting an existing output is fine.
        try ArchiveWriter.write(to: dir.file("out.docx"), from: source, replacing: [:])
        #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: template)[.modificationDate] as? Date == modifiedBefore)
        #expect(try dir.contents() == ["out.docx", "template.docx"])
        #expect(try ZipArchive(path: dir.file("out.docx")).read("word/document.xml") == source.read("word/document.xml"))
    }

    @Test func failedWriteLeavesNothingBehind() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let source = try ZipArchive(path: template)

        // Destination folder missing.
        let nowhere = try thrown {
            try ArchiveWriter.write(to: dir.file("missing/out.docx"), from: source, replacing: [:])
        }
        #expect(nowhere.status == .cannotCreate)
        #expect(nowhere.status.rawValue == 73)
        #expect(nowhere.description.contains("does not exist"))

        // A bad argument: nothing written, the existing output untouched.
        try AtomicFile.write(to: dir.file("out.docx"), bytes: Array("previous".utf8))
        let unknown = try thrown {
            try ArchiveWriter.write(to: dir.file("out.docx"), from: source, replacing: ["word/nope.xml": []])
        }
        #expect(unknown.status == .software)
        let duplicate = try thrown {
            try ArchiveWriter.write(to: dir.file("out.docx"), from: source, replacing: [:],
                                    adding: [(name: "word/styles.xml", data: [])])
        }
        #expect(duplicate.status == .software)
        let unsafe = try thrown {
            try ArchiveWriter.write(to: dir.file("out.docx"), from: source, replacing: [:],
                                    adding: [(name: "../evil", data: [])])
        }
        #expect(unsafe.status == .software)

        // A failure midway through the atomic write: the temporary file is removed.
        let midway = try thrown {
            try AtomicFile.write(to: dir.file("out.docx")) { temporary in
                try Data("partial".utf8).write(to: URL(fileURLWithPath: temporary))
                throw TenderError.error("simulated failure", status: .cannotCreate)
            }
        }
        #expect(midway.description.contains("simulated failure"))

        // Output is a folder.
        try FileManager.default.createDirectory(atPath: dir.file("folder.docx"), withIntermediateDirectories: false)
        let folder = try thrown { try ArchiveWriter.write(to: dir.file("folder.docx"), from: source, replacing: [:]) }
        #expect(folder.status == .cannotCreate)

        // libzip failing while it writes: the template was emptied after it was opened, so the
        // entries to copy can no longer be read.
        truncate(template, 0)
        let vanished = try thrown { try ArchiveWriter.write(to: dir.file("out.docx"), from: source, replacing: [:]) }
        #expect(vanished.status == .cannotCreate)

        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.file("out.docx"))) == Data("previous".utf8))
        #expect(try dir.contents() == ["folder.docx", "out.docx", "template.docx"])
    }

    @Test func outputHasTheUsualPermissions() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let source = try ZipArchive(path: template)
        let output = dir.file("out.docx")
        let mask = umask(0o022)
        defer { umask(mask) }
        try ArchiveWriter.write(to: output, from: source, replacing: [:])
        #expect(try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int == 0o644)
        // A replaced output keeps its permissions.
        chmod(output, 0o600)
        try ArchiveWriter.write(to: output, from: source, replacing: [:])
        #expect(try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int == 0o600)
    }

    @Test(.enabled(if: geteuid() != 0, "root writes anywhere"))
    func readOnlyFolderIsRefused() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let locked = dir.file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        let error = try thrown {
            try ArchiveWriter.write(to: locked + "/out.docx", from: try ZipArchive(path: template), replacing: [:])
        }
        #expect(error.status == .cannotCreate)
        #expect(error.description.contains("not writable"))
    }

    @Test func overwritingTheTemplateIsRefused() throws {
        let dir = try TemporaryFolder()
        let template = try makeTemplate(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: template))
        let source = try ZipArchive(path: template)
        symlink(template, dir.file("link.docx"))
        link(template, dir.file("hardlink.docx"))
        for destination in [template, dir.path + "/./template.docx", dir.file("link.docx"), dir.file("hardlink.docx")] {
            let error = try thrown { try ArchiveWriter.write(to: destination, from: source, replacing: [:]) }
            #expect(error.status == .cannotCreate, "\(destination)")
            #expect(error.description.contains("would overwrite the template"), "\(destination)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == before)
        #expect(try dir.contents() == ["hardlink.docx", "link.docx", "template.docx"])
    }

    // MARK: AtomicFile

    @Test func atomicFileWritesBytes() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("report.csv")
        try AtomicFile.write(to: path, bytes: Array("a;b\n".utf8))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("a;b\n".utf8))
        chmod(path, 0o640)
        try AtomicFile.write(to: path, bytes: [])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data())
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        #expect(try dir.contents() == ["report.csv"])

        // A bare file name is written in the current folder.
        #expect(AtomicFile.folder(of: "offer.docx") == ".")
        #expect(AtomicFile.folder(of: "/offer.docx") == "/")
        #expect(AtomicFile.folder(of: "out/offer.docx") == "out")
    }
}


import CLibzip
import Foundation
import Testing
@testable import TenderKit

// MARK: - Helpers

/// Runs `body`, which must throw a `TenderError`, and returns that error.
func thrown<T>(_ body: () throws -> T,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TenderError {
    do {
        _ = try body()
    } catch let error as TenderError {
        return error
    }
    Issue.record("expected a TenderError", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// A fresh folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tender-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the folder, hidden ones included, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// Zip fixtures, made with libzip.
enum Fixture {
    struct Entry {
        var name: String
        var data: [UInt8]
        var stored = false
        var level: UInt32 = 0
        var password: String?

        init(_ name: String, data: [UInt8], stored: Bool = false, level: UInt32 = 0, password: String? = nil) {
            self.name = name; self.data = data; self.stored = stored; self.level = level; self.password = password
        }

        init(_ name: String, text: String, stored: Bool = false, level: UInt32 = 0, password: String? = nil) {
            self.init(name, data: Array(text.utf8), stored: stored, level: level, password: password)
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static let styles = (1...80).map { "<w:style w:styleId=\"S\($0)\"><w:name w:val=\"Style \($0 * 7 % 13)\"/></w:style>" }
        .joined()

    /// Writes a zip archive with these entries, in this order.
    static func zip(at path: String, _ entries: [Entry]) throws {
        try write(path) { archive in
            for entry in entries {
                let copy = malloc(max(entry.data.count, 1))!
                entry.data.withUnsafeBytes { bytes in
                    if bytes.count > 0 { copy.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
                }
                guard let source = zip_source_buffer(archive, copy, UInt64(entry.data.count), 1) else {
                    free(copy)
                    throw failure(archive)
                }
                let index = zip_file_add(archive, entry.name, source, ZIP_FL_ENC_UTF_8)
                guard index >= 0 else { zip_source_free(source); throw failure(archive) }
                let method = entry.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
                guard zip_set_file_compression(archive, UInt64(index), method, entry.level) == 0 else {
                    throw failure(archive)
                }
                if let password = entry.password,
                   zip_file_set_encryption(archive, UInt64(index), UInt16(ZIP_EM_AES_256), password) != 0 {
                    throw failure(archive)
                }
            }
        }
    }

    /// Writes a zip with one entry of `megabytes` MiB of zeros, deflated from a sparse file.
    static func zipOfZeros(at path: String, name: String, megabytes: Int) throws {
        let zeros = path + ".zeros"
        let fd = open(zeros, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0, ftruncate(fd, off_t(megabytes) << 20) == 0 else { throw Failure(description: "sparse file") }
        close(fd)
        defer { unlink(zeros) }
        try write(path) { archive in
            guard let source = zip_source_file(archive, zeros, 0, -1) else { throw failure(archive) }
            guard zip_file_add(archive, name, source, 0) >= 0 else { zip_source_free(source); throw failure(archive) }
        }
    }

    /// Copies the single-entry zip `path` into `output`, changing the uncompressed size it
    /// declares, in both its local header and the central directory.
    static func withDeclaredSize(_ size: UInt32, of path: String, into output: String) throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func put(_ value: UInt32, at offset: Int) {
            for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
        }
        func get(_ offset: Int) -> Int {
            (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        let end = bytes.count - 22  // end of central directory record, no comment
        guard get(end) == 0x0605_4B50, get(0) == 0x0403_4B50 else { throw Failure(description: "layout") }
        let central = get(end + 16)
        guard get(central) == 0x0201_4B50 else { throw Failure(description: "layout") }
        put(size, at: 22)            // local file header: uncompressed size
        put(size, at: central + 24)  // central directory header: uncompressed size
        try Data(bytes).write(to: URL(fileURLWithPath: output))
    }

    /// The compression method and the raw (still compressed) bytes of entry `name`.
    static func rawEntry(_ path: String, _ name: String) throws -> (method: Int32, data: [UInt8]) {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw Failure(description: "open \(path)") }
        defer { zip_discard(archive) }
        var info = zip_stat_t()
        guard zip_stat(archive, name, 0, &info) == 0,
              let file = zip_fopen_index(archive, info.index, ZIP_FL_COMPRESSED) else { throw failure(archive) }
        defer { zip_fclose(file) }
        var data = [UInt8](repeating: 0, count: Int(info.comp_size))
        let count = data.isEmpty ? 0 : data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress!, info.comp_size) }
        guard count == Int64(info.comp_size) else { throw Failure(description: "short read of \(name)") }
        return (Int32(info.comp_method), data)
    }

    /// `text` deflated by libzip at `level`, as raw compressed bytes.
    static func deflated(_ text: String, level: UInt32) throws -> [UInt8] {
        try deflated(Array(text.utf8), level: level)
    }

    /// `bytes` deflated by libzip at `level`, as raw compressed bytes.
    static func deflated(_ bytes: [UInt8], level: UInt32) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "tender-deflated-" + UUID().uuidString + ".zip"
        defer { unlink(path) }
        try zip(at: path, [Entry("x", data: bytes, level: level)])
        return try rawEntry(path, "x").data
    }

    /// Entry `name` read whole by libzip (inflated by zlib, its CRC checked).
    static func readWithLibzip(_ path: String, _ name: String) throws -> [UInt8] {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw Failure(description: "open \(path)") }
        defer { zip_discard(archive) }
        var info = zip_stat_t()
        guard zip_stat(archive, name, 0, &info) == 0, let file = zip_fopen_index(archive, info.index, 0) else { throw failure(archive) }
        defer { zip_fclose(file) }
        var data = [UInt8](repeating: 0, count: Int(info.size))
        let count = data.isEmpty ? 0 : data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress!, info.size) }
        // Reading past the end is what makes libzip compare the CRC.
        var past: UInt8 = 0
        guard count == Int64(info.size), zip_fread(file, &past, 1) == 0 else {
            throw Failure(description: "read of \(name): \(String(cString: zip_file_strerror(file)))")
        }
        return data
    }

    /// Pseudo-random bytes that do not compress, the same every time.
    static func noise(count: Int) -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// The process's peak resident memory so far, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024  // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss  // bytes on macOS
        #endif
    }

    private static func write(_ path: String, _ fill: (OpaquePointer) throws -> Void) throws {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            throw Failure(description: "zip_open \(path): \(code)")
        }
        do {
            try fill(archive)
        } catch {
            zip_discard(archive)
            throw error
        }
        guard zip_close(archive) == 0 else {
            let error = failure(archive)
            zip_discard(archive)
            throw error
        }
    }

    private static func failure(_ archive: OpaquePointer) -> Failure {
        Failure(description: String(cString: zip_error_strerror(zip_get_error(archive))))
    }
}

// MARK: - Tools some tests need

/// A program some tests need. Such a test carries `.needs(...)`: where the tool is missing it
/// shows as skipped, with the reason. Under `TENDER_REQUIRE_TOOLS=1` (set by `.ci/test`) or
/// `CI=true` it runs anyway, so a missing tool is a failure and CI skips nothing.
enum Tool: String, CaseIterable, CustomStringConvertible {
    case tender, libreOffice, poppler, git, python, timeout

    /// Whether tests must run even where a tool is missing.
    static let required: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["TENDER_REQUIRE_TOOLS"] == "1" || environment["CI"] == "true"
    }()

    var isPresent: Bool {
        switch self {
        case .tender: return CLI.binary != nil
        case .libreOffice: return LibreOffice.isAvailable
        case .poppler: return CLI.which("pdfinfo") != nil && CLI.which("pdftotext") != nil
        case .git: return CLI.which("git") != nil
        case .python: return CLI.which("python3") != nil
        case .timeout: return CLI.which("timeout") != nil
        }
    }

    var description: String {
        switch self {
        case .tender: return "the tender executable (swift build)"
        case .libreOffice: return "LibreOffice (apt-get install libreoffice-writer-nogui)"
        case .poppler: return "poppler (apt-get install poppler-utils)"
        case .git: return "git"
        case .python: return "python3 with venv (apt-get install python3-venv)"
        case .timeout: return "timeout (coreutils)"
        }
    }

    /// The path of `program`, or an error naming what to install (for a test that runs
    /// without the tool because tools are required).
    static func path(_ program: String, of tool: Tool) throws -> String {
        guard let path = CLI.which(program) else { throw MissingTool(tool: tool) }
        return path
    }
}

/// A test ran without a tool it needs: only under `TENDER_REQUIRE_TOOLS=1` or `CI=true`,
/// where that is a failure.
struct MissingTool: Error, CustomStringConvertible {
    var tool: Tool
    var description: String { "\(tool) is not installed (bash .ci/test installs what it can)" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where every tool is installed, or where tools are required.
    static func needs(_ tools: Tool...) -> Self {
        let missing = tools.filter { !$0.isPresent }
        return .enabled(if: Tool.required || missing.isEmpty,
                        Comment(rawValue: "needs " + missing.map(\.description).joined(separator: ", ")))
    }
}

@Suite(.inLanguage(.french)) struct ToolTests {
    /// Where tools are required, one failure lists every missing one.
    @Test(.enabled(if: Tool.required, "only under TENDER_REQUIRE_TOOLS=1 or CI=true"))
    func everyToolIsInstalled() {
        let missing = Tool.allCases.filter { !$0.isPresent }
        #expect(missing.isEmpty, "missing: \(missing.map(\.description).joined(separator: "; "))")
    }
}

/// The text a message has in the language of this test run (French unless the locale is
/// English): in-process tests read messages in the process's language.
func inRunLanguage(_ french: String, _ english: String) -> String {
    Language.current == .french ? french : english
}

/// Runs a test (or every test of a suite) in one language, whatever the locale of the test
/// run: `@Suite(.inLanguage(.english))` for tests that read English messages.
struct InLanguage: SuiteTrait, TestTrait, TestScoping {
    let language: Language
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await Language.$override.withValue(language) { try await function() }
    }
}

extension Trait where Self == InLanguage {
    static func inLanguage(_ language: Language) -> Self { InLanguage(language: language) }
}

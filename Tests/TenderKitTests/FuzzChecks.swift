import Foundation
@testable import TenderKit

/// What each fuzz target checks on one input. The fuzzers under fuzz/ compile this very file
/// (a symbolic link in each target's folder) and crash on a `Failure`;
/// FuzzRegressionTests replays every committed corpus input through the same checks.
/// Foundation and TenderKit only: no test framework here.
enum FuzzCheck {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static let targets = ["FuzzJSON", "FuzzYAML", "FuzzTemplate", "FuzzZip"]

    static func run(_ target: String, _ bytes: [UInt8], scratch: String) throws {
        switch target {
        case "FuzzJSON": try json(bytes)
        case "FuzzYAML": yaml(bytes)
        case "FuzzTemplate": try template(bytes)
        case "FuzzZip": try zip(bytes, scratch: scratch)
        default: throw Failure(description: "no fuzz target \(target)")
        }
    }

    /// The JSON data reader: any bytes parse or fail with a diagnostic; what parses prints as
    /// JSON that parses back to the same value.
    static func json(_ bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self), let value = try? DataLoader.parseJSON(text) else { return }
        let printed = value.jsonText
        guard let again = try? DataLoader.parseJSON(printed) else {
            throw Failure(description: "JSON printed by tender does not parse: \(printed)")
        }
        if again != value { throw Failure(description: "the JSON round trip changed \(value) into \(again)") }
    }

    /// The YAML data loader (Yams, then tender's scalar resolution): parses or throws.
    static func yaml(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        _ = try? DataLoader.parseYAML(text, file: "fuzz.yaml")
    }

    static let context: Value = [
        "ref": "CUF-2021 & <co>", "n": 3, "amount": .number(Decimal(exactly: "1234.5")!), "flag": true, "empty": "",
        "items": ["a", "b", "c"], "nested": ["x": ["y": [1, 2]]],
        "team": [["name": "Ana", "days": 2], ["name": "Léo", "days": 0]],
    ]

    /// The tag lexer, expression parser, part compiler and renderer over one XML part. The
    /// first byte picks the dialect (even: DOCX `word/document.xml`, odd: ODT `content.xml`).
    /// What compiles is rendered, strict and lenient, and must give well-formed XML.
    static func template(_ bytes: [UInt8]) throws {
        guard let first = bytes.first else { return }
        let odt = first & 1 == 1
        let name = odt ? "content.xml" : "word/document.xml"
        guard let part = try? PartTemplate.compile(Array(bytes.dropFirst()), name: name, dialect: odt ? .odt : .docx, file: "fuzz")
        else { return }
        for strict in [true, false] {
            guard let output = try? part.render(Evaluator(globals: context, strict: strict)) else { continue }
            do { _ = try XMLTree(bytes: output, location: SourceLocation(file: "fuzz", part: name)) } catch {
                throw Failure(description: "rendering a well-formed part gave malformed XML: \(error)")
            }
        }
    }

    /// The zip reader (libzip behind tender's entry checks and inflation bounds), then format
    /// detection and template compilation over what it accepts. libzip reads a path: `scratch`.
    static func zip(_ bytes: [UInt8], scratch: String) throws {
        guard FileManager.default.createFile(atPath: scratch, contents: Data(bytes)) else {
            throw Failure(description: "cannot write \(scratch)")
        }
        defer { unlink(scratch) }
        let limits = ArchiveLimits(maxEntrySize: 1 << 20, maxTotalSize: 4 << 20, maxEntries: 200)
        guard let archive = try? ZipArchive(path: scratch, limits: limits) else { return }
        for name in archive.entryNames { _ = try? archive.read(name) }
        _ = try? DocumentTemplate(path: scratch, options: RenderOptions(limits: limits))
    }
}

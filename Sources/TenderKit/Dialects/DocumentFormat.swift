import Foundation

/// The two document formats, as thin adapters over the one engine: which parts carry
/// text, which dialect each uses, and what to tidy after rendering.
public enum DocumentFormat: String, Sendable {
    case docx = "DOCX"
    case odt = "ODT"

    static let odtMimeTypes = ["application/vnd.oasis.opendocument.text",
                               "application/vnd.oasis.opendocument.text-template"]

    /// Tells the format from the archive's content (not its extension).
    static func detect(_ archive: ZipArchive) throws -> DocumentFormat {
        if archive.contains("mimetype"),
           let mime = String(bytes: try archive.read("mimetype"), encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines) {
            if odtMimeTypes.contains(mime) { return .odt }
            throw TenderError.error("this is an OpenDocument file of type '\(mime)', not a text document",
                                    at: SourceLocation(file: archive.path),
                                    hint: "use a Writer document (.odt) or a Word document (.docx)")
        }
        if archive.contains("[Content_Types].xml") { return .docx }
        throw TenderError.error("not a DOCX or ODT document (a zip archive without [Content_Types].xml or mimetype)",
                                at: SourceLocation(file: archive.path),
                                hint: "save the template from Word as .docx or from LibreOffice as .odt")
    }

    /// The entry written first and stored uncompressed.
    var storedFirst: String? { self == .odt ? "mimetype" : nil }

    /// The parts that carry text, in document order, each with its dialect.
    func textParts(of archive: ZipArchive) throws -> [(name: String, dialect: Dialect)] {
        switch self {
        case .odt:
            guard archive.contains("content.xml") else {
                throw TenderError.error("part content.xml, the document's text, is missing", at: SourceLocation(file: archive.path),
                                        hint: "the file is damaged; re-save it from LibreOffice")
            }
            var parts: [(String, Dialect)] = []
            for name in ["content.xml", "styles.xml"] where archive.contains(name) { parts.append((name, .odt)) }
            if archive.contains("meta.xml") { parts.append(("meta.xml", DocumentFormat.odtProperties)) }
            return parts
        case .docx:
            let main = try Relationships.targets(of: "", in: archive, type: "officeDocument").first ?? "word/document.xml"
            guard archive.contains(main) else {
                throw TenderError.error("the main document part \(main) is missing", at: SourceLocation(file: archive.path),
                                        hint: "the file is damaged; re-save it from Word")
            }
            var parts: [(String, Dialect)] = [(main, .docx)]
            let related = try Relationships.all(of: main, in: archive)
            for kind in ["header", "footer", "footnotes", "endnotes"] {
                let names = related.filter { $0.type == kind }.map(\.target).sorted(by: Relationships.naturalOrder)
                for n in names where archive.contains(n) && !parts.contains(where: { $0.0 == n }) { parts.append((n, .docx)) }
            }
            if let core = try Relationships.targets(of: "", in: archive, type: "core-properties").first, archive.contains(core) {
                parts.append((core, DocumentFormat.docxProperties))
            }
            return parts
        }
    }

    static let dc = ["http://purl.org/dc/elements/1.1/"]
    static let docxProperties = Dialect.properties(paragraphs: [
        QName("title", dc), QName("subject", dc), QName("description", dc), QName("creator", dc),
        QName("keywords", ["http://schemas.openxmlformats.org/package/2006/metadata/core-properties"]),
        QName("category", ["http://schemas.openxmlformats.org/package/2006/metadata/core-properties"]),
    ])
    static let odtProperties = Dialect.properties(paragraphs: [
        QName("title", dc), QName("subject", dc), QName("description", dc),
        QName("keyword", ["urn:oasis:names:tc:opendocument:xmlns:meta:1.0"]),
    ])
}

/// Reads OPC relationship parts (`_rels/*.rels`).
enum Relationships {
    struct Relationship { var type: String; var target: String }

    static func all(of part: String, in archive: ZipArchive) throws -> [Relationship] {
        let dir = (part as NSString).deletingLastPathComponent
        let relsName = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
        guard archive.contains(relsName) else { return [] }
        let tree = try XMLTree(bytes: try archive.read(relsName), location: SourceLocation(file: archive.path, part: relsName))
        var out: [Relationship] = []
        for rel in tree.root?.children ?? [] where rel.isElement && rel.localName == "Relationship" {
            guard rel.attribute("TargetMode", nil) != "External",
                  let type = rel.attribute("Type", nil), let target = rel.attribute("Target", nil) else { continue }
            out.append(Relationship(type: String(type.split(separator: "/").last ?? ""), target: resolve(target, from: dir)))
        }
        return out
    }

    static func targets(of part: String, in archive: ZipArchive, type: String) throws -> [String] {
        try all(of: part, in: archive).filter { $0.type == type }.map(\.target)
    }

    static func resolve(_ target: String, from dir: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = dir.isEmpty ? [] : dir.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    /// header2 before header10.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric]) == .orderedAscending
    }
}

@preconcurrency import CLibXML2
import Foundation

extension Namespaces {
    static let text = ["urn:oasis:names:tc:opendocument:xmlns:text:1.0"]
    static let table = ["urn:oasis:names:tc:opendocument:xmlns:table:1.0"]
    static let office = ["urn:oasis:names:tc:opendocument:xmlns:office:1.0"]
}

/// OpenDocument text (ODF 1.3, Writer): what tender knows about its XML.
struct OdtFormat: FormatAdapter {
    static let mimeTypes = ["application/vnd.oasis.opendocument.text",
                            "application/vnd.oasis.opendocument.text-template"]

    var signature: String { "mimetype" }
    var savedFrom: String { FileMessage.savedFrom(application: "LibreOffice", extension: "odt").text }
    /// ODF requires `mimetype` first in the archive, stored uncompressed.
    var storedFirst: String? { "mimetype" }
    var extensions: [String] { ["odt", "ott"] }

    func recognizes(_ archive: ZipArchive) throws -> Bool {
        guard archive.contains("mimetype"),
              let mime = String(bytes: try archive.read("mimetype"), encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        else { return false }
        if OdtFormat.mimeTypes.contains(mime) { return true }
        let kinds: [(String, Message.DocumentKind)] = [("spreadsheet", .ods), ("presentation", .odp), ("graphics", .odg)]
        let kind = kinds.first { mime.contains($0.0) }?.1 ?? .openDocument(mimeType: mime)
        throw TenderError.error(Message.notFillable(kind).text, at: SourceLocation(file: archive.path),
                                hint: Message.notFillableHint.text)
    }

    /// The `office:annotation` elements of the content.
    func commentCount(in archive: ZipArchive) throws -> Int {
        try XMLTree.count(QName("annotation", Namespaces.office), inPart: "content.xml", of: archive)
    }

    func textParts(of archive: ZipArchive) throws -> [TextPart] {
        guard archive.contains("content.xml") else {
            throw TenderError.error(FileMessage.contentMissing.text, at: SourceLocation(file: archive.path),
                                    hint: FileMessage.resaveFromLibreOffice.text)
        }
        var parts: [TextPart] = []
        for (name, role) in [("content.xml", TextPart.Role.body), ("styles.xml", .other)] where archive.contains(name) {
            parts.append(TextPart(name: name, dialect: .odt, role: role))
        }
        if archive.contains("meta.xml") { parts.append(TextPart(name: "meta.xml", dialect: OdtFormat.properties, role: .properties)) }
        return parts
    }

    static let properties = Dialect.properties(paragraphs: [
        QName("title", Namespaces.dc), QName("subject", Namespaces.dc), QName("description", Namespaces.dc),
        QName("keyword", ["urn:oasis:names:tc:opendocument:xmlns:meta:1.0"]),
    ])

    func finisher(for template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) -> any PartFinisher { OdtFinisher() }

    func defaultLanguage(of archive: ZipArchive) -> String? { OdtRichWriter.defaultLanguage(archive) }
    func holdsIndex(_ archive: ZipArchive) -> Bool { OdtRichWriter.holdsIndex(archive) }

    /// A heading is a `text:h`, at its outline level.
    func headings(in archive: ZipArchive, parts: [TextPart]) throws -> (XMLNodePtr) -> Int? {
        let text = Namespaces.text
        return { paragraph in
            guard paragraph.is(QName("h", text)) else { return nil }
            return Int(paragraph.attribute("outline-level", text[0]) ?? "1") ?? 1
        }
    }
}

/// After a render: the declared columns of tables whose shape loops changed.
struct OdtFinisher: PartFinisher {
    mutating func finish(_ bytes: [UInt8], part: TextPart, program: Program, location: SourceLocation) throws -> [UInt8] {
        guard part.role != .properties, program.changesTableShape else { return bytes }
        return try OdtTableRepair.repair(bytes, location: location)
    }

    func richWriter(_ archive: ZipArchive) -> RichWriter? { OdtRichWriter(archive: archive) }
}

extension Dialect {
    static let odt: Dialect = {
        let t = Namespaces.text, tb = Namespaces.table, o = Namespaces.office
        return Dialect(
            name: "ODT",
            paragraphs: [QName("p", t), QName("h", t)],
            run: QName("span", t),
            runProperties: nil,
            textElements: nil,
            tabs: [QName("tab", t)],
            lineBreaks: [QName("line-break", t)],
            spaceElement: (QName("s", t), "c", t[0]),
            skipped: [QName("annotation", o), QName("annotation-end", o), QName("tracked-changes", t),
                      QName("note-citation", t), QName("sequence-decls", t)],
            table: QName("table", tb), row: QName("table-row", tb), cell: QName("table-cell", tb),
            coveredCell: QName("covered-table-cell", tb),
            listItem: QName("list-item", t),
            markers: [QName("soft-page-break", t), QName("bookmark", t), QName("bookmark-start", t),
                      QName("bookmark-end", t), QName("change", t), QName("change-start", t), QName("change-end", t)],
            objects: ["frame", "image", "object"],
            lineBreakMarkup: "<text:line-break/>",
            tabMarkup: "<text:tab/>",
            collapsesSpaces: true,
            spaceElementMarkup: ("text:s", "text:c"),
            preservesSpaceAttribute: false)
    }()
}

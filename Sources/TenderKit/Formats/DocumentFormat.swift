import Foundation

/// The document formats tender fills. Each case's knowledge is in its own folder under
/// `Formats/` behind `FormatAdapter`; adding a format is one folder and one case here.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case docx = "DOCX"
    case odt = "ODT"
    case xlsx = "XLSX"
    case ods = "ODS"

    /// What the format knows.
    var adapter: any FormatAdapter {
        switch self {
        case .docx: return DocxFormat()
        case .odt: return OdtFormat()
        case .xlsx: return XlsxFormat()
        case .ods: return OdsFormat()
        }
    }

    /// The order in which formats look at an archive: a package that names its own type in
    /// a `mimetype` entry says what it is before any other sign is read.
    /// Spreadsheets before documents: a document format refuses a workbook it sees.
    static let detectionOrder: [DocumentFormat] = [.ods, .odt, .xlsx, .docx]

    /// Tells the format from the archive's content (not its extension).
    static func detect(_ archive: ZipArchive) throws -> DocumentFormat {
        for format in detectionOrder where try format.adapter.recognizes(archive) { return format }
        let adapters = allCases.map(\.adapter)
        throw TenderError.error(FileMessage.notADocument(formats: allCases.map(\.rawValue), signatures: adapters.map(\.signature)).text,
                                at: SourceLocation(file: archive.path),
                                hint: FileMessage.saveTemplate(adapters.map(\.savedFrom)).text)
    }

    /// The entry written first and stored uncompressed.
    var storedFirst: String? { adapter.storedFirst }
    /// The file extensions a document of this format is written with, the usual one first.
    public var extensions: [String] { adapter.extensions }

    /// The format a file's extension names (`memoire.docx` → DOCX), nil for any other file.
    public init?(extensionOf path: String) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = DocumentFormat.allCases.first(where: { $0.extensions.contains(ext) }) else { return nil }
        self = format
    }

    /// Whether the document at `path` holds a table of contents or another index.
    static func holdsIndex(path: String) -> Bool {
        guard let archive = try? ZipArchive(path: path), let format = try? DocumentFormat.detect(archive) else { return false }
        return format.adapter.holdsIndex(archive)
    }

    /// Whether LibreOffice must compute the heights of the document's rows before a PDF.
    static func needsRowHeights(path: String) -> Bool {
        guard let archive = try? ZipArchive(path: path), let format = try? DocumentFormat.detect(archive) else { return false }
        return format.adapter.needsRowHeights(archive)
    }

    /// Whether the document at `path` is a workbook: its text is read by sheet and cell, and its
    /// figures are what its formulas compute (LibreOffice recalculates them before they are read).
    static func isWorkbook(path: String) -> Bool {
        guard let archive = try? ZipArchive(path: path), let format = try? DocumentFormat.detect(archive),
              let parts = try? format.adapter.textParts(of: archive) else { return false }
        return isWorkbook(parts)
    }

    /// Whether a document of these text parts is a workbook: its text is in cells.
    static func isWorkbook(_ parts: [TextPart]) -> Bool {
        parts.contains { $0.dialect.cellPlace != nil }
    }

    /// The number of reviewer comments in a document: what a final document must not carry.
    public static func commentCount(of path: String) throws -> Int {
        let archive = try ZipArchive(path: path)
        return try detect(archive).adapter.commentCount(in: archive)
    }
}

/// A part of a document that carries text, with the dialect the engine reads it in.
struct TextPart {
    enum Role {
        /// The document's body (DOCX `word/document.xml`, ODT `content.xml`).
        case body
        /// Headers, footers, notes, styles: text the document shows around its body.
        case other
        /// The document's properties (title, subject, keywords).
        case properties
    }
    var name: String
    var dialect: Dialect
    var role: Role
}

/// Everything one document format knows about its XML. The engine, the checks, the review
/// and the build see formats only through this.
protocol FormatAdapter {
    /// Whether the archive is a document of this format (by content, not by extension);
    /// throws when it is clearly of a kind tender cannot fill (an OpenDocument spreadsheet, an
    /// Excel workbook), naming that kind.
    func recognizes(_ archive: ZipArchive) throws -> Bool
    /// The entry an archive of this format lacks when it is not one (for the error message).
    var signature: String { get }
    /// How to save a document in this format (`from Word as .docx`), for hints.
    var savedFrom: String { get }
    /// The entry written first and stored uncompressed, if the format has one.
    var storedFirst: String? { get }
    /// The file extensions a document of this format is written with, the usual one first.
    var extensions: [String] { get }
    /// The parts that carry text, in document order, each with its dialect.
    func textParts(of archive: ZipArchive) throws -> [TextPart]
    /// A text part as the engine compiles it (a spreadsheet puts the shared strings holding
    /// a tag in the cells that use them); see the extension's default.
    func prepare(_ bytes: [UInt8], part: TextPart, archive: ZipArchive) throws -> [UInt8]
    /// What to repair in the parts a render wrote, knowing the template's parts as read.
    func finisher(for template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) -> any PartFinisher
    /// Tells the heading level of a paragraph of this document (nil: not a heading).
    func headings(in archive: ZipArchive, parts: [TextPart]) throws -> (XMLNodePtr) -> Int?
    /// The language of the document's default style (`fr-FR`), when declared.
    func defaultLanguage(of archive: ZipArchive) -> String?
    /// Whether the document holds a table of contents or another index (to refresh before a PDF).
    func holdsIndex(_ archive: ZipArchive) -> Bool
    /// Whether LibreOffice must compute the heights of the rows that fit their contents before
    /// a PDF (it keeps the height a workbook gives them when it converts; see the default).
    func needsRowHeights(_ archive: ZipArchive) -> Bool
    /// The number of reviewer comments the document carries.
    func commentCount(in archive: ZipArchive) throws -> Int
    /// Puts a draft mark in every page's header and comments at their paragraphs.
    func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws
}

extension FormatAdapter {
    /// The part's bytes as the engine compiles them; by default the part as stored.
    func prepare(_ bytes: [UInt8], part: TextPart, archive: ZipArchive) throws -> [UInt8] { bytes }
    /// By default no: LibreOffice lays out text documents itself, and computes the heights of an
    /// ODS's rows marked `style:use-optimal-row-height` when it loads it.
    func needsRowHeights(_ archive: ZipArchive) -> Bool { false }
}

/// Repairs one render's parts after the engine wrote them (fresh ids for repeated drawings,
/// table grids after column loops). A value: each render starts from the template's copy.
protocol PartFinisher {
    mutating func finish(_ bytes: [UInt8], part: TextPart, program: Program, location: SourceLocation) throws -> [UInt8]
    /// The writer of rich values (Markdown, images) for one rendering of the template.
    func richWriter(_ archive: ZipArchive) -> RichWriter?
    /// Completes the package once every part is rendered and finished: parts the render did
    /// not write that depend on those it did, and entries to leave out. See the default.
    mutating func finishPackage(parts: inout [String: [UInt8]], removing: inout Set<String>, archive: ZipArchive) throws
}

extension PartFinisher {
    /// Documents need nothing more than their parts.
    mutating func finishPackage(parts: inout [String: [UInt8]], removing: inout Set<String>, archive: ZipArchive) throws {}
}

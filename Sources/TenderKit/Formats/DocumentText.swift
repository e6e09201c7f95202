@preconcurrency import CLibXML2
import Foundation

/// A paragraph of a built document, as its XML has it.
public struct DocumentParagraph: Sendable, Equatable {
    /// The part, e.g. `word/document.xml`, `content.xml`.
    public var part: String
    /// 1-based, in document order within the part (nested paragraphs counted where they start),
    /// as template locations count them.
    public var number: Int
    public var text: String
    /// 1, 2… for a heading, as the document's format tells them.
    public var headingLevel: Int?
    /// Whether the part is the document body (not a header, footer, note or property).
    public var inBody: Bool
    /// The table row it is in (numbered within the part), so that a row reads as one line.
    public var row: Int?
    /// The table it is in (numbered within the part, in document order) and the grid column
    /// (0-based) of its cell, spanned columns counted: how `tender check` re-adds a table.
    public var table: Int? = nil
    public var column: Int? = nil
    /// In a workbook: the sheet and the cell (`B7`) it is the text of, when the format tells.
    public var sheet: String? = nil
    public var cell: String? = nil

    /// Where it is, for a message: `part, paragraphe 14`, or `feuille DPGF, cellule B7`.
    func location(file: String) -> SourceLocation {
        var l = SourceLocation(file: file, part: part, paragraph: number)
        l.sheet = sheet
        l.cell = cell
        return l
    }

    /// The same in words, in the run's language, as the check writes them.
    var place: String {
        let words = Language.current.locationWords
        if let sheet { return "\(words.sheet) \(sheet)" + (cell.map { ", \(words.cell) \($0)" } ?? "") }
        return "\(part), \(words.paragraph) \(number)"
    }
}

/// Reads the paragraphs of a document with the one paragraph reader, and tells headings
/// from other paragraphs as its format does.
enum DocumentText {
    static func paragraphs(of path: String) throws -> [DocumentParagraph] {
        try read(path).paragraphs
    }

    /// The paragraphs, and whether the document is a workbook (as `DocumentFormat.isWorkbook`
    /// says), from one opening of the file.
    static func read(_ path: String) throws -> (paragraphs: [DocumentParagraph], workbook: Bool) {
        let archive = try ZipArchive(path: path)
        let adapter = try DocumentFormat.detect(archive).adapter
        let parts = try adapter.textParts(of: archive)
        let level = try adapter.headings(in: archive, parts: parts)
        var out: [DocumentParagraph] = []
        for part in parts {
            let tree = try XMLTree(bytes: try archive.read(part.name), location: SourceLocation(file: path, part: part.name))
            guard let root = tree.root else { continue }
            let dialect = part.dialect
            // Tables and rows numbered in document order; each cell's grid column within its row.
            var tables: [XMLNodePtr: Int] = [:], rows: [XMLNodePtr: Int] = [:]
            var columns: [XMLNodePtr: Int] = [:], nextColumn: [XMLNodePtr: Int] = [:]
            let cells = [dialect.cell] + (dialect.coveredCell.map { [$0] } ?? [])
            var reader = ParagraphReader(dialect: dialect)
            reader.visit = { element, _ in
                if element.is(dialect.table) {
                    tables[element] = tables.count + 1
                } else if element.is(dialect.row) {
                    rows[element] = rows.count + 1
                } else if cells.contains(where: { element.is($0) }) {
                    let row = element.ancestor(dialect.row)
                    let column = row.flatMap { nextColumn[$0] } ?? 0
                    columns[element] = column
                    if let row { nextColumn[row] = column + dialect.columnSpan(of: element) }
                }
            }
            for (index, p) in reader.read(root).enumerated() {
                let place = dialect.cellPlace?(p.node)
                out.append(DocumentParagraph(part: part.name, number: index + 1, text: p.text,
                                             headingLevel: level(p.node),
                                             inBody: part.role == .body,
                                             row: p.node.ancestor(dialect.row).flatMap { rows[$0] },
                                             table: p.node.ancestor(dialect.table).flatMap { tables[$0] },
                                             column: p.node.ancestor(in: cells).flatMap { columns[$0] },
                                             sheet: place.map { $0.sheet ?? dialect.sheet } ?? nil, cell: place?.cell))
            }
        }
        return (out, DocumentFormat.isWorkbook(parts))
    }

    /// Every paragraph's text, one per line.
    static func plainText(of path: String) throws -> String {
        try paragraphs(of: path).map(\.text).joined(separator: "\n")
    }
}

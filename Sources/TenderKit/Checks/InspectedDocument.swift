import Foundation

/// A document `tender check` looks at: built (or taken from a folder), and rendered when it could be.
public struct InspectedDocument: Sendable {
    /// The offer's `documents[].id`.
    public var id: String
    /// The team member, for per-member documents (CVs).
    public var member: String?
    /// The DOCX/ODT.
    public var path: String
    public var pdf: String?
    public var pages: Int?
    /// The text of each page of the PDF, when rendered.
    public var pageTexts: [String]?
    /// Every paragraph of every text part.
    public var paragraphs: [DocumentParagraph]
    /// Whether `path` is in a temporary folder removed after the check (locations then name the file alone).
    public var temporary: Bool = false
    /// Whether it is a workbook (XLSX, ODS): its figures are what its formulas compute.
    public var workbook: Bool = false
    /// A workbook's sheets once LibreOffice recalculated them, each cell as shown; nil when
    /// not recalculated (`--no-render`, LibreOffice missing or failing: see `sheetsProblem`).
    public var sheets: [SheetValues]? = nil
    /// Why LibreOffice did not give a workbook's sheets, when it ran for them.
    public var sheetsProblem: String? = nil

    /// Keeps the sheets LibreOffice exported, or says that it exported none.
    mutating func readSheets(_ exported: [(sheet: String, csv: String)]) {
        if exported.isEmpty {
            sheetsProblem = CheckMessage.noSheetExported.text
        } else {
            sheets = exported.map { SheetValues(name: $0.sheet, csv: $0.csv) }
        }
    }

    public var name: String { (path as NSString).lastPathComponent }
    /// The path locations show: the file's name when it was built in a temporary folder.
    public var shownPath: String { temporary ? name : path }
    /// The headings of the body, in order.
    public var headings: [DocumentParagraph] { paragraphs.filter { $0.inBody && $0.headingLevel != nil } }

    /// The text rules search: the rendered pages when there are some (what the buyer reads),
    /// else the paragraphs of the XML; each piece with where it is, in words (French, as the
    /// check writes it: `page 3`, `word/document.xml, paragraphe 14`).
    public var searchableText: [(text: String, place: String, location: SourceLocation)] {
        let shownPath = shownPath  // once, not once a paragraph
        if let pageTexts {
            return pageTexts.enumerated().map { index, text in
                (text, CheckMessage.page(index + 1).text, SourceLocation(file: shownPath))
            }
        }
        return paragraphs.map { p in
            (p.text, p.place, p.location(file: shownPath))
        }
    }

    /// The searchable text as lines: a PDF line, or a paragraph (a table row's cells joined by tabs).
    public var lines: [(text: String, place: String, location: SourceLocation)] {
        if pageTexts != nil {
            return searchableText.flatMap { page in
                page.text.split(separator: "\n").map { (String($0), page.place, page.location) }
            }
        }
        let shownPath = shownPath
        var out: [(text: String, place: String, location: SourceLocation)] = []
        var previous: DocumentParagraph?
        for p in paragraphs {
            if let row = p.row, let last = previous, last.row == row, last.part == p.part, !out.isEmpty {
                out[out.count - 1].text += "\t" + p.text
            } else {
                out.append((p.text, p.place, p.location(file: shownPath)))
            }
            previous = p
        }
        return out
    }
}

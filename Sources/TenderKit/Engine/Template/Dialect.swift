import Foundation

/// Where a tag's scope ends: the element it stands for, or only itself.
enum Scope: String, Equatable {
    case row = "tr", cell = "tc", paragraph = "p", run = "r", inline
}

/// The facts that tell the engine how one document format is built: which elements are
/// paragraphs, runs, breaks, tables. Each format (`Formats/…`) gives its own; the engine
/// reads only these facts and never names a format's elements itself.
struct Dialect {
    /// The format's name, as messages show it (`DOCX`, `ODT`).
    let name: String
    /// Elements that are paragraphs (DOCX `w:p`; ODT `text:p`, `text:h`).
    let paragraphs: [QName]
    /// The run element (`w:r`; `text:span`), its properties element (`w:rPr`; none).
    let run: QName
    let runProperties: QName?
    /// When set, only text inside these elements is document text (`w:t`); otherwise any
    /// text node inside a paragraph is.
    let textElements: [QName]?
    /// Elements that break a paragraph's text: a tag cannot span them. Tabs read as `\t`,
    /// line breaks as `\n`.
    let tabs: [QName]
    let lineBreaks: [QName]
    /// An element standing for N spaces (ODT `text:s`, attribute `text:c`).
    let spaceElement: (name: QName, countAttribute: String, namespace: String)?
    /// Subtrees whose text is never template text (deleted text, field codes, comments).
    let skipped: [QName]
    let table: QName
    let row: QName
    let cell: QName
    /// A cell hidden under a spanning one, which still takes its grid column (ODT
    /// `table:covered-table-cell`); DOCX has none and says the span on the cell instead.
    var coveredCell: QName? = nil
    /// ODT list items: a paragraph loop inside a list repeats the item.
    let listItem: QName?
    /// Empty elements that only mark a place (ODT soft page breaks, bookmarks, change marks):
    /// a list item holding them beside one paragraph still holds only that paragraph.
    let markers: [QName]
    /// Local names of elements that are objects in a paragraph (drawings, frames, fields):
    /// a paragraph holding one is never taken whole by a tag.
    let objects: Set<String>
    /// Markup written for a line break and a tab inside text, and how text is reopened after it.
    let lineBreakMarkup: String
    let tabMarkup: String
    /// ODT collapses runs of spaces: write them as `<text:s text:c="n"/>` (the qualified
    /// names of the space element and its count attribute, as written in values).
    let collapsesSpaces: Bool
    let spaceElementMarkup: (element: String, count: String)?
    /// Whether the text element needs `xml:space="preserve"` to keep edge spaces (DOCX `w:t`).
    let preservesSpaceAttribute: Bool
    /// The table-cell edits behind `{% hm %}`, `{% vm %}`, `{% colspan %}`, `{% cellbg %}`,
    /// for a format that has them.
    var cellMarkup: (any CellMarkup)? = nil
    /// In a spreadsheet: the sheet the part holds (when it holds one), and the sheet and cell
    /// (`B7`) a paragraph (a cell's text) is in, so that messages say « feuille DPGF, cellule B7 ».
    var sheet: String? = nil
    var cellPlace: ((XMLNodePtr) -> (sheet: String?, cell: String)?)? = nil

    var separators: [QName] { tabs + lineBreaks }

    func isParagraph(_ n: XMLNodePtr) -> Bool { paragraphs.contains { n.is($0) } }
    func isSeparator(_ n: XMLNodePtr) -> Bool { isTab(n) || lineBreaks.contains { n.is($0) } }
    func isTab(_ n: XMLNodePtr) -> Bool { tabs.contains { n.is($0) } }
    func isSkipped(_ n: XMLNodePtr) -> Bool { skipped.contains { n.is($0) } }

    /// How many grid columns a cell takes: the span its format's cell markup says (DOCX), else
    /// 1 (ODT, whose covered cells take the other columns).
    func columnSpan(of cell: XMLNodePtr) -> Int {
        guard coveredCell == nil, let cells = cellMarkup else { return 1 }
        return cells.span(of: cell)
    }

    /// The element a tag that takes its whole paragraph stands for: the paragraph itself, or,
    /// in an ODT list, the list item the paragraph is alone in, so that a paragraph loop
    /// repeats list items and a paragraph `if` drops the item with its bullet.
    func paragraphScope(of paragraph: XMLNodePtr) -> XMLNodePtr {
        guard let item = listItem, let parent = paragraph.parent, parent.is(item) else { return paragraph }
        let content = parent.children.filter { c in c.isElement && !markers.contains { c.is($0) } }
        return content == [paragraph] ? parent : paragraph
    }

    /// Writes a value's text as escaped character data, turning `\n` and `\t` into the
    /// dialect's break and tab. This is the only way a value reaches the output.
    ///
    /// Where the dialect collapses spaces (ODT), a space survives as a character only when
    /// it stands alone between two characters of the value; every other space (a run of
    /// them, or one at the value's edge or beside a break or tab, which the reader would
    /// drop or merge with the template's text around the value) is written as the space
    /// element with its count.
    func writeText(_ text: String, into out: inout [UInt8]) {
        var pendingSpaces = 0
        var afterCharacter = false
        func flushSpaces(beforeCharacter: Bool) {
            guard pendingSpaces > 0 else { return }
            if pendingSpaces == 1 && afterCharacter && beforeCharacter {
                out.append(0x20)
            } else if let space = spaceMarkup {
                out.append(contentsOf: (pendingSpaces == 1 ? space.one : space.many(pendingSpaces)).utf8)
            }
            pendingSpaces = 0
        }
        // Byte by byte over UTF-8: every byte that needs care is ASCII, and no byte of a
        // multi-byte sequence is, so plain runs are copied whole.
        let bytes = Array(text.utf8)
        let count = bytes.count
        var runStart = 0
        var i = 0
        func flushRun() {
            if runStart < i { out.append(contentsOf: bytes[runStart..<i]) }
        }
        while i < count {
            let b = bytes[i]
            let special = b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || (collapsesSpaces && b == 0x20)
                || (b == 0xEF && i + 2 < count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE)
            if !special {
                if pendingSpaces > 0 { flushSpaces(beforeCharacter: true) }
                afterCharacter = true
                i += 1
                continue
            }
            flushRun()
            if b == 0x20 {                       // ODT: a run of spaces
                pendingSpaces += 1
            } else if b == 0x0D {                // carriage returns are dropped
            } else if b == 0xEF {                // U+FFFE, U+FFFF: not XML characters
                i += 2
            } else {
                if collapsesSpaces { flushSpaces(beforeCharacter: b != 0x0A && b != 0x09) }
                switch b {
                case 0x26: out.append(contentsOf: "&amp;".utf8); afterCharacter = true
                case 0x3C: out.append(contentsOf: "&lt;".utf8); afterCharacter = true
                case 0x3E: out.append(contentsOf: "&gt;".utf8); afterCharacter = true
                case 0x0A: out.append(contentsOf: lineBreakMarkup.utf8); afterCharacter = false
                case 0x09: out.append(contentsOf: tabMarkup.utf8); afterCharacter = false
                default: break                   // other control characters are dropped
                }
            }
            i += 1
            runStart = i
        }
        flushRun()
        flushSpaces(beforeCharacter: false)
    }

    /// The space element as markup, for one space and for `n` (ODT `<text:s/>`, `<text:s text:c="n"/>`).
    private var spaceMarkup: (one: String, many: (Int) -> String)? {
        guard collapsesSpaces, let name = spaceElementMarkup else { return nil }
        return ("<\(name.element)/>", { "<\(name.element) \(name.count)=\"\($0)\"/>" })
    }

    /// Escapes a value for an attribute (the value of a cell property, see `CellMarkup`).
    static func writeAttribute(_ text: String, into out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0..<0x20: continue
            default: out.append(b)
            }
        }
    }
}

extension Dialect {
    /// Document properties (such as a title or keywords): each property element is treated
    /// as a paragraph of plain text.
    static func properties(paragraphs: [QName]) -> Dialect {
        Dialect(name: "properties", paragraphs: paragraphs, run: QName("-", []), runProperties: nil,
                textElements: nil, tabs: [], lineBreaks: [], spaceElement: nil, skipped: [],
                table: QName("-", []), row: QName("-", []), cell: QName("-", []), listItem: nil, markers: [], objects: [],
                lineBreakMarkup: "\n", tabMarkup: "\t", collapsesSpaces: false, spaceElementMarkup: nil, preservesSpaceAttribute: false)
    }
}

/// The cell properties the table tags set.
enum CellProperty {
    /// How many grid columns the cell spans (`{% colspan n %}`, `{% hm %}`).
    case span
    /// The cell's fill colour (`{% cellbg color %}`).
    case background
    /// Whether the cell starts or continues a vertical merge (`{% vm %}`).
    case verticalMerge
}

/// How a format writes the table-cell edits (`{% colspan %}`, `{% cellbg %}`, `{% hm %}`,
/// `{% vm %}`): the engine decides what repeats and computes the values, the format owns
/// the markup.
protocol CellMarkup {
    /// Removes the property from the cell; returns its value when it had one.
    @discardableResult
    func remove(_ property: CellProperty, from cell: XMLNodePtr, in tree: XMLTree) -> String?
    /// Puts `node` (a marker that renders the property) where the property goes in the cell.
    func insert(_ node: XMLNodePtr, as property: CellProperty, into cell: XMLNodePtr, in tree: XMLTree)
    /// The markup around the property's computed value.
    func markup(_ property: CellProperty) -> (before: String, after: String)
    /// How many grid columns the cell spans (1 when it says nothing), at most 1,000.
    func span(of cell: XMLNodePtr) -> Int
}

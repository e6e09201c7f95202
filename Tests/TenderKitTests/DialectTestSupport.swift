import Foundation
@testable import TenderKit

// A template described once, abstractly, and two builders that write it as Word and as
// LibreOffice write it; plus readers that tell what a reader of each format would show.
// The shared conformance table (DialectConformanceTests) and the ODT document tests use them.

/// A piece of a paragraph.
enum Piece: Sendable {
    /// Text in the paragraph's own formatting (DOCX: a plain run; ODT: text directly in the paragraph).
    case text(String)
    /// Text in a run of its own that looks the same (DOCX: a run with another rsid; ODT: a span
    /// whose automatic style only carries an rsid, as LibreOffice writes typed text).
    case run(String)
    /// Bold text (DOCX: `<w:b/>`; ODT: a span with the automatic style T1, bold).
    case bold(String)
    /// An empty element that only marks a place and must not break a tag.
    case mark(Mark)
}

enum Mark: Sendable {
    /// DOCX `w:bookmarkStart`/`w:bookmarkEnd`; ODT `text:bookmark-start`/`text:bookmark-end`.
    case bookmarkStart, bookmarkEnd
    /// DOCX `w:lastRenderedPageBreak`; ODT `text:soft-page-break`.
    case softPageBreak
    /// DOCX `w:proofErr` (spelling marks); ODT `text:change-start`/`text:change-end` (tracked insertion).
    case changeStart, changeEnd
}

/// A block of the body.
indirect enum Node: Sendable {
    case paragraph([Piece])
    /// DOCX: a paragraph styled Heading1; ODT: `text:h`.
    case heading([Piece])
    /// Rows of cells of blocks; the first `headerRows` rows repeat on each page
    /// (DOCX `w:tblHeader`; ODT `table:table-header-rows`).
    case table(rows: [[[Node]]], headerRows: Int)
    /// List items, each a list of blocks (DOCX: numbered paragraphs; ODT: `text:list-item`).
    case list([[Node]])
}

func para(_ pieces: Piece...) -> Node { .paragraph(pieces) }
func para(_ text: String) -> Node { .paragraph([.text(text)]) }
/// A table of one-paragraph cells.
func grid(_ rows: [[String]], headerRows: Int = 0) -> Node {
    .table(rows: rows.map { $0.map { [para($0)] } }, headerRows: headerRows)
}
/// A list of one-paragraph items.
func bullets(_ items: [String]) -> Node { .list(items.map { [para($0)] }) }

enum Flavor: String, CaseIterable, Sendable, CustomStringConvertible {
    case docx = "DOCX", odt = "ODT"
    var description: String { rawValue }

    var dialect: Dialect { self == .docx ? .docx : .odt }
    var partName: String { self == .docx ? "word/document.xml" : "content.xml" }
    var fileName: String { self == .docx ? "t.docx" : "t.odt" }

    /// The main part for these blocks, as Word or LibreOffice writes it.
    func part(_ body: [Node], doctype: Bool = false) -> [UInt8] {
        switch self {
        case .docx:
            var xml = String(decoding: docxPart(DocxWriter().blocks(body)), as: UTF8.self)
            if doctype { xml = xml.replacingOccurrences(of: "?>\n", with: "?>\n<!DOCTYPE w:document [<!ENTITY x \"y\">]>\n") }
            return Array(xml.utf8)
        case .odt:
            return Array(OdtWriter.content(body, doctype: doctype).utf8)
        }
    }
}

func escapeXML(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}

// MARK: - DOCX

struct DocxWriter {
    func blocks(_ nodes: [Node]) -> String { nodes.map(block).joined() }

    func block(_ node: Node) -> String {
        switch node {
        case .paragraph(let pieces): return "<w:p>" + pieces.map(piece).joined() + "</w:p>"
        case .heading(let pieces):
            return "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + pieces.map(piece).joined() + "</w:p>"
        case .table(let rows, let headerRows):
            let columns = rows.map(\.count).max() ?? 0
            return "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>" +
                String(repeating: "<w:gridCol w:w=\"4500\"/>", count: columns) + "</w:tblGrid>" +
                rows.enumerated().map { i, cells in
                    "<w:tr>" + (i < headerRows ? "<w:trPr><w:tblHeader/></w:trPr>" : "") +
                        cells.map { "<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>" + blocks($0) + "</w:tc>" }.joined() + "</w:tr>"
                }.joined() + "</w:tbl>"
        case .list(let items):
            return items.map { item in
                item.map { node -> String in
                    guard case .paragraph(let pieces) = node else { return block(node) }
                    return "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" +
                        pieces.map(piece).joined() + "</w:p>"
                }.joined()
            }.joined()
        }
    }

    func piece(_ piece: Piece) -> String {
        switch piece {
        case .text(let s): return run(s, properties: nil, rsid: nil)
        case .run(let s): return run(s, properties: nil, rsid: "00A1B2C3")
        case .bold(let s): return run(s, properties: "<w:rPr><w:b/><w:bCs/></w:rPr>", rsid: nil)
        case .mark(.bookmarkStart): return "<w:bookmarkStart w:id=\"7\" w:name=\"bm\"/>"
        case .mark(.bookmarkEnd): return "<w:bookmarkEnd w:id=\"7\"/>"
        case .mark(.softPageBreak): return "<w:r><w:lastRenderedPageBreak/></w:r>"
        case .mark(.changeStart): return "<w:proofErr w:type=\"spellStart\"/>"
        case .mark(.changeEnd): return "<w:proofErr w:type=\"spellEnd\"/>"
        }
    }

    func run(_ text: String, properties: String?, rsid: String?) -> String {
        let content = text.components(separatedBy: "\t").map { "<w:t xml:space=\"preserve\">\(escapeXML($0))</w:t>" }
            .joined(separator: "<w:tab/>")
        return "<w:r\(rsid.map { " w:rsidR=\"\($0)\"" } ?? "")>\(properties ?? "")\(content)</w:r>"
    }
}

// MARK: - ODT

/// Writes content.xml (and the other parts of a small .odt) as LibreOffice 7 writes them.
enum OdtWriter {
    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
        xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
        xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" \
        xmlns:officeooo="http://openoffice.org/2009/office"
        """

    static let fontFaces = """
        <office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="&apos;Liberation Serif&apos;" \
        style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>
        """

    /// The automatic styles LibreOffice writes for such a body: P1 (list paragraphs), T1 (bold),
    /// T2 (only an rsid: text typed in another session), L1 (the bullet list), table styles.
    static func automaticStyles(tables: Int) -> String {
        var s = "<office:automatic-styles>"
        for t in 0..<max(tables, 1) {
            let n = "Table\(t + 1)"
            s += "<style:style style:name=\"\(n)\" style:family=\"table\"><style:table-properties style:width=\"17cm\" table:align=\"margins\"/></style:style>"
            s += "<style:style style:name=\"\(n).A\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"8.5cm\" style:rel-column-width=\"32767*\"/></style:style>"
            s += "<style:style style:name=\"\(n).A1\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.097cm\" fo:border=\"0.5pt solid #000000\"/></style:style>"
        }
        s += "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:list-style-name=\"L1\"/>"
        s += "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>"
        s += "<style:style style:name=\"T2\" style:family=\"text\"><style:text-properties officeooo:rsid=\"00a1b2c3\"/></style:style>"
        s += "<text:list-style style:name=\"L1\"><text:list-level-style-bullet text:level=\"1\" text:style-name=\"Bullet_20_Symbols\" loext:num-list-format=\"%1%.\" style:num-suffix=\".\" text:bullet-char=\"•\"><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"1.27cm\" fo:text-indent=\"-0.635cm\" fo:margin-left=\"1.27cm\"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>"
        return s + "</office:automatic-styles>"
    }

    static let sequenceDecls = """
        <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Illustration"/>\
        <text:sequence-decl text:display-outline-level="0" text:name="Table"/>\
        <text:sequence-decl text:display-outline-level="0" text:name="Text"/>\
        <text:sequence-decl text:display-outline-level="0" text:name="Drawing"/>\
        <text:sequence-decl text:display-outline-level="0" text:name="Figure"/></text:sequence-decls>
        """

    /// The tracked insertion that `Mark.changeStart`/`changeEnd` refer to.
    static let trackedChanges = """
        <text:tracked-changes text:track-changes="false"><text:changed-region xml:id="ct1" text:id="ct1">\
        <text:insertion><office:change-info><dc:creator>Ana</dc:creator><dc:date>2024-03-01T10:00:00</dc:date>\
        </office:change-info></text:insertion></text:changed-region></text:tracked-changes>
        """

    static func content(_ body: [Node], doctype: Bool = false) -> String {
        var writer = OdtBodyWriter()
        let text = writer.blocks(body)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            (doctype ? "<!DOCTYPE office:document-content [<!ENTITY x \"y\">]>\n" : "") +
            "<office:document-content \(namespaces) office:version=\"1.3\"><office:scripts/>" + fontFaces +
            automaticStyles(tables: writer.tableCount) +
            "<office:body><office:text>" + (writer.usesChanges ? trackedChanges : "") + sequenceDecls + text +
            "</office:text></office:body></office:document-content>"
    }
}

struct OdtBodyWriter {
    var tableCount = 0
    var usesChanges = false

    mutating func blocks(_ nodes: [Node]) -> String {
        var out = ""
        for n in nodes { out += block(n) }
        return out
    }

    mutating func block(_ node: Node, paragraphStyle: String = "Standard") -> String {
        switch node {
        case .paragraph(let pieces):
            return "<text:p text:style-name=\"\(paragraphStyle)\">" + paragraph(pieces) + "</text:p>"
        case .heading(let pieces):
            return "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">" + paragraph(pieces) + "</text:h>"
        case .table(let rows, let headerRows):
            tableCount += 1
            let name = "Table\(tableCount)"
            let columns = rows.map(\.count).max() ?? 0
            var out = "<table:table table:name=\"\(name)\" table:style-name=\"\(name)\">" +
                "<table:table-column table:style-name=\"\(name).A\"" +
                (columns > 1 ? " table:number-columns-repeated=\"\(columns)\"" : "") + "/>"
            for (i, cells) in rows.enumerated() {
                if i == 0 && headerRows > 0 { out += "<table:table-header-rows>" }
                out += "<table:table-row>"
                for cell in cells {
                    out += "<table:table-cell table:style-name=\"\(name).A1\" office:value-type=\"string\">"
                    for n in cell { out += block(n, paragraphStyle: "Table_20_Contents") }
                    out += "</table:table-cell>"
                }
                out += "</table:table-row>"
                if i + 1 == headerRows { out += "</table:table-header-rows>" }
            }
            return out + "</table:table>"
        case .list(let items):
            var out = "<text:list xml:id=\"list1\" text:style-name=\"L1\">"
            for item in items {
                out += "<text:list-item>"
                for n in item { out += block(n, paragraphStyle: "P1") }
                out += "</text:list-item>"
            }
            return out + "</text:list>"
        }
    }

    /// Writes the pieces of one paragraph; spaces as LibreOffice does: the first of a run
    /// as a character, the others (and one at the paragraph's start) as `text:s`.
    mutating func paragraph(_ pieces: [Piece]) -> String {
        var out = ""
        var previousIsSpaceOrStart = true
        func text(_ s: String) -> String {
            var o = ""
            var pending = 0
            func flush() {
                if pending > 0 { o += pending == 1 ? "<text:s/>" : "<text:s text:c=\"\(pending)\"/>" }
                pending = 0
            }
            for ch in s {
                if ch == " " {
                    if previousIsSpaceOrStart { pending += 1 } else { o += " " }
                    previousIsSpaceOrStart = true
                    continue
                }
                flush()
                if ch == "\t" { o += "<text:tab/>"; previousIsSpaceOrStart = true; continue }
                o += escapeXML(String(ch))
                previousIsSpaceOrStart = false
            }
            flush()
            return o
        }
        for piece in pieces {
            switch piece {
            case .text(let s): out += text(s)
            case .run(let s): out += "<text:span text:style-name=\"T2\">" + text(s) + "</text:span>"
            case .bold(let s): out += "<text:span text:style-name=\"T1\">" + text(s) + "</text:span>"
            case .mark(.bookmarkStart): out += "<text:bookmark-start text:name=\"bm\"/>"
            case .mark(.bookmarkEnd): out += "<text:bookmark-end text:name=\"bm\"/>"
            case .mark(.softPageBreak): out += "<text:soft-page-break/>"
            case .mark(.changeStart): usesChanges = true; out += "<text:change-start text:change-id=\"ct1\"/>"
            case .mark(.changeEnd): usesChanges = true; out += "<text:change-end text:change-id=\"ct1\"/>"
            }
        }
        return out
    }
}

// MARK: - Reading the result

/// What a reader of the format shows: paragraph texts (bold text between `*`), and counts.
struct Shown: Equatable, CustomStringConvertible {
    var paragraphs: [String] = []
    var tables = 0
    var rows = 0
    var cells = 0
    /// List items: ODT `text:list-item`; DOCX numbered paragraphs.
    var items = 0

    var description: String { "\(paragraphs) tables \(tables) rows \(rows) cells \(cells) items \(items)" }

    /// A character and whether it is bold; `literal` when it came from character data (which
    /// an ODT reader collapses), not from a space, tab or break element.
    fileprivate struct Char { var c: Character; var bold: Bool; var literal: Bool }

    fileprivate static func finish(_ chars: [Char], collapse: Bool) -> String {
        var kept: [Char] = []
        for ch in chars {
            guard collapse, ch.literal, ch.c == " " || ch.c == "\t" || ch.c == "\n" || ch.c == "\r" else { kept.append(ch); continue }
            // ODF white-space processing, taken strictly: character-data white space is one
            // space, dropped at the paragraph's start or after any white space.
            if let last = kept.last, last.c != " ", last.c != "\t", last.c != "\n" {
                kept.append(Char(c: " ", bold: ch.bold, literal: true))
            }
        }
        if collapse { while let last = kept.last, last.literal, last.c == " " { kept.removeLast() } }
        var out = ""
        var bold = false
        for ch in kept {
            if ch.bold != bold { out += "*"; bold = ch.bold }
            out.append(ch.c)
        }
        if bold { out += "*" }
        return out
    }

    /// Reads a rendered DOCX or ODT main part.
    static func read(_ bytes: [UInt8], _ flavor: Flavor) -> Shown {
        let tree = try! XMLTree(bytes: bytes, location: SourceLocation())
        var shown = Shown()
        var current: [Char]? = nil
        func endParagraph() {
            if let chars = current { shown.paragraphs.append(finish(chars, collapse: flavor == .odt)) }
            current = nil
        }
        func walk(_ n: XMLNodePtr, bold: Bool) {
            for c in n.children {
                if c.isText {
                    if current != nil, flavor == .odt || c.parent?.localName == "t" {
                        current! += String(decoding: c.textBytes, as: UTF8.self).map { Char(c: $0, bold: bold, literal: true) }
                    }
                    continue
                }
                guard c.isElement else { continue }
                let name = c.localName
                switch (flavor, name) {
                case (.docx, "p"), (.odt, "p"), (.odt, "h"):
                    let outer = current
                    endParagraph()
                    current = []
                    if flavor == .docx, c.children.contains(where: { $0.localName == "pPr" && $0.children.contains { $0.localName == "numPr" } }) {
                        shown.items += 1
                    }
                    walk(c, bold: false)
                    endParagraph()
                    current = outer
                case (.docx, "tbl"), (.odt, "table"): shown.tables += 1; walk(c, bold: bold)
                case (.docx, "tr"), (.odt, "table-row"): shown.rows += 1; walk(c, bold: bold)
                case (.docx, "tc"), (.odt, "table-cell"): shown.cells += 1; walk(c, bold: bold)
                case (.odt, "list-item"): shown.items += 1; walk(c, bold: bold)
                case (.docx, "pPr"), (.docx, "rPr"), (.odt, "tracked-changes"), (.odt, "annotation"), (.odt, "automatic-styles"):
                    continue
                case (.docx, "r"):
                    let b = c.children.contains { $0.localName == "rPr" && $0.children.contains { $0.localName == "b" } }
                    walk(c, bold: b)
                case (.odt, "span"):
                    walk(c, bold: bold || c.attribute("style-name", Namespaces.text[0]) == "T1")
                case (.docx, "tab"), (.odt, "tab"): current?.append(Char(c: "\t", bold: bold, literal: false))
                case (.docx, "br"), (.docx, "cr"), (.odt, "line-break"): current?.append(Char(c: "\n", bold: bold, literal: false))
                case (.odt, "s"):
                    let n = Int(c.attribute("c", Namespaces.text[0]) ?? "1") ?? 1
                    current? += Array(repeating: Char(c: " ", bold: bold, literal: false), count: n)
                default:
                    walk(c, bold: bold)
                }
            }
        }
        walk(tree.root!, bold: false)
        return shown
    }
}

/// Renders one main part of `flavor` with the engine, as `DocumentTemplate` does for that part.
func renderPart(_ body: [Node], _ flavor: Flavor, _ data: Value, doctype: Bool = false, strict: Bool = true) throws -> (xml: String, shown: Shown) {
    let bytes = flavor.part(body, doctype: doctype)
    let part = try PartTemplate.compile(bytes, name: flavor.partName, dialect: flavor.dialect, file: flavor.fileName)
    let out = try part.render(Evaluator(globals: data, strict: strict)) ?? bytes
    return (String(decoding: out, as: UTF8.self), Shown.read(out, flavor))
}

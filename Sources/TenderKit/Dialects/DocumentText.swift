@preconcurrency import CLibXML2
import Foundation

/// A paragraph of a built DOCX/ODT, as its XML has it.
public struct DocumentParagraph: Sendable, Equatable {
    /// The part, e.g. `word/document.xml`, `content.xml`.
    public var part: String
    /// 1-based, in document order within the part (nested paragraphs counted where they start),
    /// as template locations count them.
    public var number: Int
    public var text: String
    /// 1, 2… for a heading (DOCX: a Heading N / Titre N style or one based on it; ODT: `text:h`).
    public var headingLevel: Int?
    /// Whether the part is the document body (not a header, footer, note or property).
    public var inBody: Bool
    /// The table row it is in (numbered within the part), so that a row reads as one line.
    public var row: Int?
    /// The table it is in (numbered within the part, in document order) and the grid column
    /// (0-based) of its cell, spanned columns counted: how `tender check` re-adds a table.
    public var table: Int? = nil
    public var column: Int? = nil
}

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

    public var name: String { (path as NSString).lastPathComponent }
    /// The path locations show: the file's name when it was built in a temporary folder.
    public var shownPath: String { temporary ? name : path }
    /// The headings of the body, in order.
    public var headings: [DocumentParagraph] { paragraphs.filter { $0.inBody && $0.headingLevel != nil } }

    /// The text rules search: the rendered pages when there are some (what the buyer reads),
    /// else the paragraphs of the XML; each piece with where it is, in words (French, as the
    /// check writes it: `page 3`, `word/document.xml, paragraphe 14`).
    public var searchableText: [(text: String, place: String, location: SourceLocation)] {
        if let pageTexts {
            return pageTexts.enumerated().map { index, text in
                (text, "page \(index + 1)", SourceLocation(file: shownPath))
            }
        }
        return paragraphs.map { p in
            (p.text, "\(p.part), paragraphe \(p.number)", SourceLocation(file: shownPath, part: p.part, paragraph: p.number))
        }
    }

    /// The searchable text as lines: a PDF line, or a paragraph (a table row's cells joined by tabs).
    public var lines: [(text: String, place: String, location: SourceLocation)] {
        if pageTexts != nil {
            return searchableText.flatMap { page in
                page.text.split(separator: "\n").map { (String($0), page.place, page.location) }
            }
        }
        var out: [(text: String, place: String, location: SourceLocation)] = []
        var previous: DocumentParagraph?
        for p in paragraphs {
            if let row = p.row, let last = previous, last.row == row, last.part == p.part, !out.isEmpty {
                out[out.count - 1].text += "\t" + p.text
            } else {
                out.append((p.text, "\(p.part), paragraphe \(p.number)", SourceLocation(file: shownPath, part: p.part, paragraph: p.number)))
            }
            previous = p
        }
        return out
    }
}

/// Reads the paragraphs of a DOCX/ODT and tells headings from other paragraphs.
enum DocumentText {
    static func paragraphs(of path: String) throws -> [DocumentParagraph] {
        let archive = try ZipArchive(path: path)
        let format = try DocumentFormat.detect(archive)
        let parts = try format.textParts(of: archive)
        let headingStyles = format == .docx ? try docxHeadingStyles(archive, main: parts.first?.name) : [:]
        var out: [DocumentParagraph] = []
        for (index, (name, dialect)) in parts.enumerated() {
            let location = SourceLocation(file: path, part: name)
            let tree = try XMLTree(bytes: try archive.read(name), location: location)
            guard let root = tree.root else { continue }
            var reader = ParagraphReader(dialect: dialect, part: name, inBody: index == 0, headingStyles: headingStyles)
            reader.walk(root, into: nil)
            out.append(contentsOf: reader.paragraphs)
        }
        return out
    }

    /// Every paragraph's text, one per line.
    static func plainText(of path: String) throws -> String {
        try paragraphs(of: path).map(\.text).joined(separator: "\n")
    }

    /// DOCX paragraph style ids that are headings, with their level: a style named (or with the id)
    /// Heading N / Titre N, or based on one.
    static func docxHeadingStyles(_ archive: ZipArchive, main: String?) throws -> [String: Int] {
        let stylesPart = try main.flatMap { try Relationships.targets(of: $0, in: archive, type: "styles").first } ?? "word/styles.xml"
        guard archive.contains(stylesPart) else { return [:] }
        let tree = try XMLTree(bytes: try archive.read(stylesPart), location: SourceLocation(file: archive.path, part: stylesPart))
        let w = Namespaces.w
        var basedOn: [String: String] = [:]
        var level: [String: Int] = [:]
        for style in tree.root?.children ?? [] where style.is(QName("style", w)) {
            guard style.attribute("type", w[0]) ?? style.attribute("type", w[1]) == "paragraph",
                  let id = style.attribute("styleId", w[0]) ?? style.attribute("styleId", w[1]) else { continue }
            let value = { (name: String) in
                style.children.first { $0.is(QName(name, w)) }.flatMap { $0.attribute("val", w[0]) ?? $0.attribute("val", w[1]) }
            }
            if let base = value("basedOn") { basedOn[id] = base }
            if let n = headingLevel(named: value("name") ?? "") ?? headingLevel(named: id) { level[id] = n }
        }
        var resolved: [String: Int] = [:]
        for id in Set(basedOn.keys).union(level.keys) {
            var current: String? = id
            var hops = 0
            while let c = current, hops < 20 {
                if let n = level[c] { resolved[id] = n; break }
                current = basedOn[c]
                hops += 1
            }
        }
        return resolved
    }

    /// `Heading 2`, `heading2`, `Titre 1`, `titre1` → the level.
    static func headingLevel(named name: String) -> Int? {
        let folded = name.lowercased().replacingOccurrences(of: " ", with: "")
        for prefix in ["heading", "titre"] where folded.hasPrefix(prefix) {
            if let n = Int(folded.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }

    private struct ParagraphReader {
        let dialect: Dialect
        let part: String
        let inBody: Bool
        let headingStyles: [String: Int]
        var paragraphs: [DocumentParagraph] = []
        var rows = 0
        var row: Int?
        var tables = 0
        var table: Int?
        var column: Int?
        var nextColumn = 0

        mutating func walk(_ node: XMLNodePtr, into current: Int?) {
            var child = node.firstChild
            while let c = child {
                defer { child = c.next }
                if c.isText {
                    if let current, dialect.textElements.map({ names in c.parent.map { p in names.contains { p.is($0) } } ?? false }) ?? true {
                        paragraphs[current].text += String(decoding: c.textBytes, as: UTF8.self)
                    }
                    continue
                }
                guard c.isElement else { continue }
                if dialect.isParagraph(c) {
                    paragraphs.append(DocumentParagraph(part: part, number: paragraphs.count + 1, text: "",
                                                        headingLevel: level(of: c), inBody: inBody, row: row,
                                                        table: table, column: column))
                    walk(c, into: paragraphs.count - 1)
                } else if c.is(dialect.table) {
                    let outer = (table, column, nextColumn)
                    tables += 1
                    table = tables
                    walk(c, into: current)
                    (table, column, nextColumn) = outer
                } else if c.is(dialect.row) {
                    let outer = (row, nextColumn)
                    rows += 1
                    row = rows
                    nextColumn = 0
                    walk(c, into: current)
                    (row, nextColumn) = outer
                } else if c.is(dialect.cell) || dialect.coveredCell.map({ c.is($0) }) == true {
                    let outer = column
                    column = nextColumn
                    nextColumn += dialect.columnSpan(of: c)
                    walk(c, into: current)
                    column = outer
                } else if let current, dialect.isSeparator(c) {
                    paragraphs[current].text += c.localName == "tab" || c.localName == "ptab" ? "\t" : "\n"
                } else if let current, let space = dialect.spaceElement, c.is(space.name) {
                    let n = max(1, Int(c.attribute(space.countAttribute, space.namespace) ?? "1") ?? 1)
                    paragraphs[current].text += String(repeating: " ", count: min(n, 1000))
                } else if dialect.isSkipped(c) {
                    continue
                } else {
                    walk(c, into: current)
                }
            }
        }

        func level(of paragraph: XMLNodePtr) -> Int? {
            if paragraph.is(QName("h", Namespaces.text)) {
                return Int(paragraph.attribute("outline-level", Namespaces.text[0]) ?? "1") ?? 1
            }
            let w = Namespaces.w
            guard let properties = paragraph.children.first(where: { $0.is(QName("pPr", w)) }),
                  let style = properties.children.first(where: { $0.is(QName("pStyle", w)) }),
                  let id = style.attribute("val", w[0]) ?? style.attribute("val", w[1]) else { return nil }
            return headingStyles[id]
        }
    }
}

/// Text compared the way a reader compares it: case, accents, punctuation and spacing ignored.
enum FoldedText {
    /// `Coût par profil (en euros)` → `cout par profil en euros`.
    static func fold(_ text: String) -> String {
        let lowered = text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
        var out = ""
        var pendingSpace = false
        for ch in lowered {
            if ch.isLetter || ch.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Whether `needle` appears in `haystack` as whole words, both folded.
    static func contains(_ haystack: String, words needle: String) -> Bool {
        let n = fold(needle)
        guard !n.isEmpty else { return false }
        return (" " + fold(haystack) + " ").contains(" " + n + " ")
    }

    /// Every kind of space (no-break, narrow no-break, thin…) as one ASCII space, runs kept.
    static func plainSpaces(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            scalar != "\n" && scalar != "\t" && CharacterSet.whitespaces.contains(scalar) ? " " : Character(scalar)
        })
    }
}

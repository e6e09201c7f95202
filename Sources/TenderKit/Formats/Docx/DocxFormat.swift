@preconcurrency import CLibXML2
import Foundation

/// Namespaces the formats' XML uses; each format adds its own.
enum Namespaces {}

extension Namespaces {
    static let w = ["http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    "http://purl.oclc.org/ooxml/wordprocessingml/main"]
    static let dc = ["http://purl.org/dc/elements/1.1/"]
}

/// Word documents (WordprocessingML, ECMA-376): what tender knows about their XML.
struct DocxFormat: FormatAdapter {
    var signature: String { "[Content_Types].xml" }
    var savedFrom: String { FileMessage.savedFrom(application: "Word", extension: "docx").text }
    var storedFirst: String? { nil }
    var extensions: [String] { ["docx", "docm", "dotx"] }

    /// Office Open XML packages are also spreadsheets and presentations: the main part's content
    /// type says which. Anything but a Word document is refused, never filled as one.
    func recognizes(_ archive: ZipArchive) throws -> Bool {
        guard archive.contains("[Content_Types].xml") else { return false }
        let main = try Relationships.targets(of: "", in: archive, type: "officeDocument").first ?? "word/document.xml"
        let types = try XMLTree(bytes: try archive.read("[Content_Types].xml"),
                                location: SourceLocation(file: archive.path, part: "[Content_Types].xml"))
        var contentType: String? = nil
        for node in types.root?.children ?? [] where node.isElement && node.localName == "Override" {
            if node.attribute("PartName", nil) == "/" + main { contentType = node.attribute("ContentType", nil) }
        }
        guard let contentType, !contentType.contains("wordprocessingml") && !contentType.contains("ms-word") else { return true }
        let kinds: [(String, Message.DocumentKind)] = [("spreadsheetml", .xlsx), ("presentationml", .pptx), ("ms-excel", .xlsx),
                                                   ("ms-powerpoint", .pptx)]
        let kind = kinds.first { contentType.contains($0.0) }?.1 ?? .officeOpenXML(contentType: contentType)
        throw TenderError.error(Message.notFillable(kind).text, at: SourceLocation(file: archive.path),
                                hint: Message.notFillableHint.text)
    }

    /// The `w:comment` elements of the main part's comments parts.
    func commentCount(in archive: ZipArchive) throws -> Int {
        let main = try Relationships.targets(of: "", in: archive, type: "officeDocument").first ?? "word/document.xml"
        return try Relationships.targets(of: main, in: archive, type: "comments").reduce(0) {
            $0 + (try XMLTree.count(QName("comment", Namespaces.w), inPart: $1, of: archive))
        }
    }

    /// The main part, then headers, footers and notes (header2 before header10), then the core properties.
    func textParts(of archive: ZipArchive) throws -> [TextPart] {
        let main = try Relationships.targets(of: "", in: archive, type: "officeDocument").first ?? "word/document.xml"
        guard archive.contains(main) else {
            throw TenderError.error(FileMessage.mainPartMissing(main).text, at: SourceLocation(file: archive.path),
                                    hint: FileMessage.resaveFromWord.text)
        }
        var parts = [TextPart(name: main, dialect: .docx, role: .body)]
        let related = try Relationships.all(of: main, in: archive)
        for kind in ["header", "footer", "footnotes", "endnotes"] {
            let names = related.filter { $0.type == kind }.map(\.target).sorted(by: Relationships.naturalOrder)
            for n in names where archive.contains(n) && !parts.contains(where: { $0.name == n }) {
                parts.append(TextPart(name: n, dialect: .docx, role: .other))
            }
        }
        if let core = try Relationships.targets(of: "", in: archive, type: "core-properties").first, archive.contains(core) {
            parts.append(TextPart(name: core, dialect: DocxFormat.properties, role: .properties))
        }
        return parts
    }

    static let properties = Dialect.properties(paragraphs: [
        QName("title", Namespaces.dc), QName("subject", Namespaces.dc), QName("description", Namespaces.dc),
        QName("creator", Namespaces.dc),
        QName("keywords", ["http://schemas.openxmlformats.org/package/2006/metadata/core-properties"]),
        QName("category", ["http://schemas.openxmlformats.org/package/2006/metadata/core-properties"]),
    ])

    func finisher(for template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) -> any PartFinisher {
        var maxId = 0
        var numbered = Set<String>()
        for (part, bytes, compiled) in template {
            maxId = max(maxId, IdRenumbering.maxDrawingId(in: bytes))
            if compiled, IdRenumbering.contains(bytes, "docPr ") || IdRenumbering.contains(bytes, "bookmarkStart ") {
                numbered.insert(part.name)
            }
        }
        return DocxFinisher(ids: IdRenumbering(nextDrawingId: maxId + 1), numbered: numbered)
    }

    func defaultLanguage(of archive: ZipArchive) -> String? { DocxRichWriter.defaultLanguage(archive) }
    func holdsIndex(_ archive: ZipArchive) -> Bool { DocxRichWriter.holdsIndex(archive) }

    /// A paragraph is a heading when its style is one (see `headingStyles`).
    func headings(in archive: ZipArchive, parts: [TextPart]) throws -> (XMLNodePtr) -> Int? {
        let styles = try DocxFormat.headingStyles(archive, main: parts.first?.name)
        let w = Namespaces.w
        let pPr = QName("pPr", w), pStyle = QName("pStyle", w)
        return { paragraph in
            guard let properties = paragraph.children.first(where: { $0.is(pPr) }),
                  let style = properties.children.first(where: { $0.is(pStyle) }),
                  let id = style.attribute("val", w[0]) ?? style.attribute("val", w[1]) else { return nil }
            return styles[id]
        }
    }

    /// Paragraph style ids that are headings, with their level: a style named (or with the id)
    /// Heading N / Titre N, or based on one.
    static func headingStyles(_ archive: ZipArchive, main: String?) throws -> [String: Int] {
        let stylesPart = try main.flatMap { try Relationships.targets(of: $0, in: archive, type: "styles").first } ?? "word/styles.xml"
        guard archive.contains(stylesPart) else { return [:] }
        let tree = try XMLTree(bytes: try archive.read(stylesPart), location: SourceLocation(file: archive.path, part: stylesPart))
        let w = Namespaces.w
        var basedOn: [String: String] = [:]
        var level: [String: Int] = [:]
        let styleName = QName("style", w)
        for style in tree.root?.children ?? [] where style.is(styleName) {
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
        let folded = name.lowercased().filter { $0 != " " }
        for prefix in ["heading", "titre"] where folded.hasPrefix(prefix) {
            if let n = Int(folded.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }
}

/// After a render: fresh ids where a loop repeated drawings or bookmarks, and table grids
/// fixed where loops or merges changed a table's shape. Properties parts are left alone.
struct DocxFinisher: PartFinisher {
    var ids: IdRenumbering
    /// The template parts that hold drawings or bookmarks, whose ids a loop may repeat.
    let numbered: Set<String>

    mutating func finish(_ bytes: [UInt8], part: TextPart, program: Program, location: SourceLocation) throws -> [UInt8] {
        guard part.role != .properties else { return bytes }
        var out = bytes
        if program.hasLoops && numbered.contains(part.name) { out = ids.renumber(out) }
        if program.changesTableShape { out = try TableRepair.repair(out, location: location) }
        return out
    }

    /// Pictures get drawing ids far above the template's (which loops renumber from its largest).
    func richWriter(_ archive: ZipArchive) -> RichWriter? {
        DocxRichWriter(archive: archive, firstDrawingId: ids.nextDrawingId - 1 + 100_000)
    }
}

extension Dialect {
    static let docx: Dialect = {
        let w = Namespaces.w
        return Dialect(
            name: "DOCX",
            paragraphs: [QName("p", w)],
            run: QName("r", w),
            runProperties: QName("rPr", w),
            textElements: [QName("t", w)],
            tabs: [QName("tab", w), QName("ptab", w)],
            lineBreaks: [QName("br", w), QName("cr", w)],
            spaceElement: nil,
            skipped: [QName("delText", w), QName("instrText", w), QName("del", w), QName("pPr", w), QName("rPr", w)],
            table: QName("tbl", w), row: QName("tr", w), cell: QName("tc", w),
            listItem: nil,
            markers: [],
            objects: ["drawing", "pict", "object", "fldChar", "fldSimple"],
            lineBreakMarkup: "</w:t><w:br/><w:t xml:space=\"preserve\">",
            tabMarkup: "</w:t><w:tab/><w:t xml:space=\"preserve\">",
            collapsesSpaces: false,
            spaceElementMarkup: nil,
            preservesSpaceAttribute: true,
            cellMarkup: DocxCellMarkup())
    }()
}

/// The cell properties (`w:tcPr`) the table tags set: `w:gridSpan`, `w:shd`, `w:vMerge`,
/// each in the place the schema gives it among the cell's properties.
struct DocxCellMarkup: CellMarkup {
    static let order = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
                        "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"]

    private func name(_ property: CellProperty) -> String {
        switch property {
        case .span: return "gridSpan"
        case .background: return "shd"
        case .verticalMerge: return "vMerge"
        }
    }

    func markup(_ property: CellProperty) -> (before: String, after: String) {
        switch property {
        case .span: return ("<w:gridSpan w:val=\"", "\"/>")
        case .background: return ("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"", "\"/>")
        case .verticalMerge: return ("<w:vMerge w:val=\"", "\"/>")
        }
    }

    /// The cell's `w:tcPr`, added when it has none.
    private func properties(_ cell: XMLNodePtr, _ tree: XMLTree) -> XMLNodePtr? {
        if let p = cell.children.first(where: { $0.isElement && $0.localName == "tcPr" }) { return p }
        guard let p = xmlNewDocNode(tree.doc, cell.pointee.ns, "tcPr", nil) else { return nil }
        if let first = cell.firstChild { first.insertBefore(p) } else { cell.appendChild(p) }
        return p
    }

    func remove(_ property: CellProperty, from cell: XMLNodePtr, in tree: XMLTree) -> String? {
        let local = name(property)
        guard let props = properties(cell, tree),
              let e = props.children.first(where: { $0.isElement && $0.localName == local }) else { return nil }
        let v = e.attribute("val", e.namespaceURI)
        e.unlinkAndFree()
        return v
    }

    /// `w:tcPr/w:gridSpan`.
    func span(of cell: XMLNodePtr) -> Int {
        let w = Namespaces.w
        guard let properties = cell.children.first(where: { $0.is(QName("tcPr", w)) }),
              let span = properties.children.first(where: { $0.is(QName("gridSpan", w)) }),
              let value = span.attribute("val", w[0]) ?? span.attribute("val", w[1]), let n = Int(value) else { return 1 }
        return max(1, min(n, 1000))
    }

    func insert(_ node: XMLNodePtr, as property: CellProperty, into cell: XMLNodePtr, in tree: XMLTree) {
        guard let props = properties(cell, tree) else { return }
        let rank = DocxCellMarkup.order.firstIndex(of: name(property)) ?? Int.max
        if let after = props.children.first(where: {
            $0.isElement && (DocxCellMarkup.order.firstIndex(of: $0.localName) ?? Int.max) > rank
        }) {
            after.insertBefore(node)
        } else {
            props.appendChild(node)
        }
    }
}

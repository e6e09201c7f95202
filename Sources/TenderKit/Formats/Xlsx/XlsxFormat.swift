@preconcurrency import CLibXML2
import Foundation

extension Namespaces {
    static let sml = ["http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                      "http://purl.oclc.org/ooxml/spreadsheetml/main"]
}

/// Excel workbooks (SpreadsheetML, ECMA-376 Part 1 §18): what tender knows about their XML.
///
/// The engine sees each worksheet as one table (`sheetData`) whose rows are the sheet's rows
/// and whose paragraphs are the cells' inline strings (`<is>`, with rich-text runs `<r>`), so
/// `{%tr for %}` row loops are the engine's own. Before compiling, a shared string holding a tag
/// is put inline in each cell using it (`prepare`); after rendering, the finisher renumbers
/// rows and cells, rebases formulas and shifts what refers to rows (`XlsxFinisher`).
struct XlsxFormat: FormatAdapter {
    var signature: String { "[Content_Types].xml" }
    var savedFrom: String { FileMessage.savedFrom(application: "Excel", extension: "xlsx").text }
    var storedFirst: String? { nil }
    var extensions: [String] { ["xlsx", "xltx"] }

    static let contentTypes = ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"]

    /// A package whose main part is a workbook (not a macro-enabled or binary one).
    func recognizes(_ archive: ZipArchive) throws -> Bool {
        guard archive.contains("[Content_Types].xml"), let main = try Self.workbook(archive) else { return false }
        let types = try XMLTree(bytes: try archive.read("[Content_Types].xml"),
                                location: SourceLocation(file: archive.path, part: "[Content_Types].xml"))
        for node in types.root?.elements("Override") ?? [] where node.attribute("PartName", nil) == "/" + main {
            return Self.contentTypes.contains(node.attribute("ContentType", nil) ?? "")
        }
        return false
    }

    /// The workbook part (`xl/workbook.xml`), from the package's relationships.
    static func workbook(_ archive: ZipArchive) throws -> String? {
        try Relationships.targets(of: "", in: archive, type: "officeDocument").first
    }

    /// Each worksheet in the workbook's order, named as its tab.
    static func sheets(_ archive: ZipArchive) throws -> [(name: String, part: String)] {
        guard let workbook = try workbook(archive), archive.contains(workbook) else {
            throw TenderError.error(SheetMessage.missingWorkbook.text, at: SourceLocation(file: archive.path),
                                    hint: SheetMessage.resave("Excel").text)
        }
        let rels = try Relationships.all(of: workbook, in: archive)
        let tree = try XMLTree(bytes: try archive.read(workbook), location: SourceLocation(file: archive.path, part: workbook))
        let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var out: [(String, String)] = []
        for sheets in tree.root?.elements("sheets") ?? [] {
            for sheet in sheets.elements("sheet") {
                guard let name = sheet.attribute("name", nil),
                      let id = sheet.attribute("id", relNS) ?? sheet.attribute("id", "http://purl.oclc.org/ooxml/officeDocument/relationships"),
                      let rel = rels.first(where: { $0.id == id && $0.type == "worksheet" }), archive.contains(rel.target) else { continue }
                out.append((name, rel.target))
            }
        }
        guard !out.isEmpty else {
            throw TenderError.error(SheetMessage.noSheet.text, at: SourceLocation(file: archive.path, part: workbook),
                                    hint: SheetMessage.resave("Excel").text)
        }
        return out
    }

    func textParts(of archive: ZipArchive) throws -> [TextPart] {
        try Self.sheets(archive).map { sheet in
            var dialect = Dialect.xlsx
            dialect.sheet = sheet.name
            return TextPart(name: sheet.part, dialect: dialect, role: .body)
        }
    }

    func prepare(_ bytes: [UInt8], part: TextPart, archive: ZipArchive) throws -> [UInt8] {
        try XlsxPreparation.prepare(bytes, part: part, archive: archive)
    }

    func finisher(for template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) -> any PartFinisher {
        XlsxFinisher(template: template)
    }

    func headings(in archive: ZipArchive, parts: [TextPart]) throws -> (XMLNodePtr) -> Int? { { _ in nil } }
    func defaultLanguage(of archive: ZipArchive) -> String? { nil }
    func holdsIndex(_ archive: ZipArchive) -> Bool { false }

    /// A row without `customHeight` fits its contents in Excel, but LibreOffice (7.4) keeps the
    /// default height when it converts the workbook: a wrapped cell (`wrapText`, a long
    /// designation) would spill over the rows below. Workbooks that wrap text have LibreOffice
    /// compute those rows' heights before their PDF.
    func needsRowHeights(_ archive: ZipArchive) -> Bool {
        guard let workbook = try? Self.workbook(archive), let styles = try? Relationships.targets(of: workbook, in: archive, type: "styles").first,
              let bytes = try? archive.read(styles) else { return false }
        return String(decoding: bytes, as: UTF8.self).contains("wrapText=\"1\"")
    }

    /// The notes (`comment` elements) of every sheet's comments part.
    func commentCount(in archive: ZipArchive) throws -> Int {
        var count = 0
        for sheet in try Self.sheets(archive) {
            for part in try Relationships.targets(of: sheet.part, in: archive, type: "comments") {
                count += try XMLTree.count(QName("comment", Namespaces.sml), inPart: part, of: archive)
            }
        }
        return count
    }

    /// A draft's mark goes in the centre of every sheet's printed page header (`&C`), before
    /// what the buyer put there (the left and right sections stay), on the first and even
    /// pages' headers too when the sheet has its own for them; the check's findings are not
    /// written as notes in a workbook.
    func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws {
        guard let mark else { return }
        let later = ["rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
                     "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]
        // §18.3.1.46: the headers and footers in this order.
        let order = ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"]
        for sheet in try Self.sheets(edit.archive) {
            let tree = try edit.tree(sheet.part)
            guard let root = tree.root else { continue }
            let headerFooter: XMLNodePtr
            if let existing = root.elements("headerFooter").first {
                headerFooter = existing
            } else {
                headerFooter = tree.newElement(root.pointee.ns, "headerFooter")
                if let next = root.children.first(where: { $0.isElement && later.contains($0.localName) }) {
                    next.insertBefore(headerFooter)
                } else {
                    root.appendChild(headerFooter)
                }
            }
            func on(_ flag: String) -> Bool { ["1", "true"].contains(headerFooter.attribute(flag, nil) ?? "") }
            let headers = ["oddHeader"] + (on("differentOddEven") ? ["evenHeader"] : []) + (on("differentFirst") ? ["firstHeader"] : [])
            for name in headers {
                let old = headerFooter.elements(name).first
                let header = tree.newElement(root.pointee.ns, name)
                header.appendChild(tree.newText(Array(Self.marked(old?.text, mark).utf8)))
                if let old {
                    old.insertBefore(header); old.unlinkAndFree()
                } else if let next = headerFooter.children.first(where: { c in
                    c.isElement && (order.firstIndex(of: c.localName) ?? 0) > (order.firstIndex(of: name) ?? 0) }) {
                    next.insertBefore(header)
                } else {
                    headerFooter.appendChild(header)
                }
            }
            edit.save(sheet.part)
        }
    }

    /// A header string (§18.3.1.39: `&L`, `&C`, `&R` start the sections, `&&` is an `&`) with
    /// the mark, bold, first in its centre section; the centre's own text follows on a new line.
    static func marked(_ header: String?, _ mark: String) -> String {
        let bold = "&\"-,Bold\"" + mark.replacingOccurrences(of: "&", with: "&&")
        guard let header, !header.isEmpty else { return "&C" + bold }
        let b = Array(header.unicodeScalars)
        var i = 0, firstSection: Character? = nil
        while i < b.count {
            guard b[i] == "&", i + 1 < b.count else { i += 1; continue }
            let code = Character(b[i + 1]).uppercased()
            if ["L", "C", "R"].contains(code) {
                if firstSection == nil { firstSection = Character(code) }
                if code == "C" {
                    let at = header.unicodeScalars.index(header.unicodeScalars.startIndex, offsetBy: i + 2)
                    return String(header.unicodeScalars[..<at]) + bold + "&\"-,Regular\"\n" + String(header.unicodeScalars[at...])
                }
            }
            i += 2
        }
        // No centre section: text before any section code is the centre's.
        if firstSection == nil || !(header.hasPrefix("&L") || header.hasPrefix("&l") || header.hasPrefix("&R") || header.hasPrefix("&r")) {
            return "&C" + bold + "&\"-,Regular\"\n" + header
        }
        return header + "&C" + bold
    }
}

extension Dialect {
    /// A worksheet: rows of cells whose text is an inline string, plain (`<is><t>`) or rich
    /// (`<is><r><rPr/><t>`). Formulas and cached values are not text.
    static let xlsx: Dialect = {
        let s = Namespaces.sml
        var d = Dialect(
            name: "XLSX",
            paragraphs: [QName("is", s)],
            run: QName("r", s),
            runProperties: QName("rPr", s),
            textElements: [QName("t", s)],
            tabs: [],
            lineBreaks: [],
            spaceElement: nil,
            skipped: [QName("rPh", s), QName("phoneticPr", s), QName("f", s), QName("v", s), QName("rPr", s)],
            table: QName("sheetData", s), row: QName("row", s), cell: QName("c", s),
            listItem: nil,
            markers: [],
            objects: [],
            lineBreakMarkup: "\n",
            tabMarkup: "\t",
            collapsesSpaces: false,
            spaceElementMarkup: nil,
            preservesSpaceAttribute: true)
        d.cellPlace = { paragraph in paragraph.parent?.attribute("r", nil).map { (nil, $0) } }
        return d
    }()
}

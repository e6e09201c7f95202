@preconcurrency import CLibXML2
import Foundation

/// OpenDocument spreadsheets (ODF 1.3, Calc): what tender knows about their XML.
///
/// A sheet is a `table:table` whose cells hold `text:p` paragraphs, like an ODT table, so the
/// engine reads it with the ODT vocabulary and `{%tr for %}` repeats `table:table-row`s. ODS
/// rows carry no address: `prepare` marks each row with its template row number (counting
/// `table:number-rows-repeated`), the finisher reads the marks back as the sheet's
/// `RowLayout`, rebases the formulas (`of:=[.C5]*[.D5]`) and ranges, and removes the marks.
struct OdsFormat: FormatAdapter {
    static let mimeTypes = ["application/vnd.oasis.opendocument.spreadsheet",
                            "application/vnd.oasis.opendocument.spreadsheet-template"]
    /// The attribute marking a row with its template row (no namespace: removed before writing).
    static let rowMark = "tender-row"

    var signature: String { "mimetype" }
    var savedFrom: String { FileMessage.savedFrom(application: "LibreOffice Calc", extension: "ods").text }
    var storedFirst: String? { "mimetype" }
    var extensions: [String] { ["ods", "ots"] }

    func recognizes(_ archive: ZipArchive) throws -> Bool {
        guard archive.contains("mimetype"),
              let mime = String(bytes: try archive.read("mimetype"), encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
        else { return false }
        return OdsFormat.mimeTypes.contains(mime)
    }

    func textParts(of archive: ZipArchive) throws -> [TextPart] {
        guard archive.contains("content.xml") else {
            throw TenderError.error(SheetMessage.missingContent.text, at: SourceLocation(file: archive.path),
                                    hint: SheetMessage.resave("LibreOffice Calc").text)
        }
        return [TextPart(name: "content.xml", dialect: .ods, role: .body)]
    }

    /// Marks every row of every sheet with its first row number.
    func prepare(_ bytes: [UInt8], part: TextPart, archive: ZipArchive) throws -> [UInt8] {
        guard PartTemplate.mayHoldTags(bytes) else { return bytes }
        let tree = try XMLTree(bytes: bytes, location: SourceLocation(file: archive.path, part: part.name))
        guard let root = tree.root else { return bytes }
        for table in Self.tables(root) {
            var next = 1
            for row in Self.rows(of: table) {
                row.setAttribute(Self.rowMark, String(next))
                next += Self.repeated(row, "number-rows-repeated")
            }
        }
        return tree.serialize()
    }

    func finisher(for template: [(part: TextPart, bytes: [UInt8], compiled: Bool)]) -> any PartFinisher {
        OdsFinisher(template: template)
    }

    func headings(in archive: ZipArchive, parts: [TextPart]) throws -> (XMLNodePtr) -> Int? { { _ in nil } }
    func defaultLanguage(of archive: ZipArchive) -> String? { nil }
    func holdsIndex(_ archive: ZipArchive) -> Bool { false }

    func commentCount(in archive: ZipArchive) throws -> Int {
        try XMLTree.count(QName("annotation", Namespaces.office), inPart: "content.xml", of: archive)
    }

    /// A draft's mark goes in the centre of every page style's printed header, as LibreOffice
    /// Calc writes a header (`style:region-center`); a hidden header is shown, and one whose
    /// page layout gives it no height gets one. The check's findings are not written as
    /// notes in a workbook.
    func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws {
        guard let mark, edit.archive.contains("styles.xml") else { return }
        let style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
        let fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
        let tree = try edit.tree("styles.xml")
        let sns = try DraftAnnotator.namespace(tree, style, prefix: "style")
        let tns = try DraftAnnotator.namespace(tree, Namespaces.text[0], prefix: "text")
        let fns = try DraftAnnotator.namespace(tree, fo, prefix: "fo")
        var masters: [XMLNodePtr] = [], layouts: [String: XMLNodePtr] = [:]
        func find(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.namespaceURI == style, c.localName == "master-page" { masters.append(c) }
                else if c.namespaceURI == style, c.localName == "page-layout", let name = c.attribute("name", style) { layouts[name] = c }
                else { find(c) }
            }
        }
        find(try edit.root("styles.xml"))
        func child(_ parent: XMLNodePtr, _ local: String) -> XMLNodePtr? {
            parent.children.first { $0.isElement && $0.namespaceURI == style && $0.localName == local }
        }
        for master in masters {
            let header: XMLNodePtr
            if let existing = child(master, "header") {
                header = existing
            } else {
                header = DraftAnnotator.element(tree, sns, "header")
                if let first = master.firstChild { first.insertBefore(header) } else { master.appendChild(header) }
            }
            header.removeAttribute("display", namespace: style)
            let p = DraftAnnotator.element(tree, tns, "p", text: mark)
            let regions = header.children.filter { $0.isElement && $0.localName.hasPrefix("region-") }
            if let center = child(header, "region-center") {
                if let first = center.firstChild { first.insertBefore(p) } else { center.appendChild(p) }
            } else if !regions.isEmpty || header.children.allSatisfy({ !$0.isElement }) {
                let center = DraftAnnotator.element(tree, sns, "region-center")
                center.appendChild(p)
                if let left = child(header, "region-left") { left.insertAfter(center) }
                else if let first = header.firstChild { first.insertBefore(center) } else { header.appendChild(center) }
            } else if let first = header.firstChild {
                first.insertBefore(p)                              // paragraphs without regions: Calc's centre
            }
            // The page layout gives the header its height (without one, nothing is printed).
            guard let name = master.attribute("page-layout-name", style), let layout = layouts[name] else { continue }
            let headerStyle = child(layout, "header-style") ?? {
                let h = DraftAnnotator.element(tree, sns, "header-style")
                layout.appendChild(h)
                return h
            }()
            if child(headerStyle, "header-footer-properties") == nil {
                headerStyle.appendChild(DraftAnnotator.element(tree, sns, "header-footer-properties",
                                                               [(fns, "min-height", "0.75cm"), (fns, "margin-bottom", "0.25cm")]))
            }
        }
        edit.save("styles.xml")
    }

    // MARK: The sheets' structure

    static func tables(_ root: XMLNodePtr) -> [XMLNodePtr] {
        var out: [XMLNodePtr] = []
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.is(QName("table", Namespaces.table)) { out.append(c) } else if c.localName != "table-row" { walk(c) }
            }
        }
        walk(root)
        return out
    }

    /// The rows of a sheet in order, also inside header rows and row groups.
    static func rows(of table: XMLNodePtr) -> [XMLNodePtr] {
        var out: [XMLNodePtr] = []
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement && c.namespaceURI == Namespaces.table[0] {
                if c.localName == "table-row" { out.append(c) }
                else if ["table-header-rows", "table-row-group", "table-rows"].contains(c.localName) { walk(c) }
            }
        }
        walk(table)
        return out
    }

    static func repeated(_ node: XMLNodePtr, _ attribute: String) -> Int {
        max(1, node.attribute(attribute, Namespaces.table[0]).flatMap { Int($0) } ?? 1)
    }

    /// The cell a paragraph is in, as `B7`, from the row's mark and the cells before it.
    static func place(of paragraph: XMLNodePtr) -> (sheet: String?, cell: String)? {
        let t = Namespaces.table
        guard let cell = paragraph.ancestor(in: [QName("table-cell", t), QName("covered-table-cell", t)]),
              let row = cell.parent, let number = row.attribute(rowMark, nil) else { return nil }
        var column = 1
        var c = cell.previous
        while let n = c {
            if n.isElement { column += repeated(n, "number-columns-repeated") }
            c = n.previous
        }
        let sheet = row.ancestor(QName("table", t))?.attribute("name", t[0])
        return (sheet, CellName.letters(column) + number)
    }
}

extension Dialect {
    /// The ODT vocabulary, read as sheets.
    static let ods: Dialect = {
        var d = Dialect.odt
        d = Dialect(name: "ODS", paragraphs: d.paragraphs, run: d.run, runProperties: d.runProperties,
                    textElements: d.textElements, tabs: d.tabs, lineBreaks: d.lineBreaks, spaceElement: d.spaceElement,
                    skipped: d.skipped, table: d.table, row: d.row, cell: d.cell, coveredCell: d.coveredCell,
                    listItem: d.listItem, markers: d.markers, objects: d.objects, lineBreakMarkup: d.lineBreakMarkup,
                    tabMarkup: d.tabMarkup, collapsesSpaces: d.collapsesSpaces, spaceElementMarkup: d.spaceElementMarkup,
                    preservesSpaceAttribute: d.preservesSpaceAttribute)
        d.cellPlace = OdsFormat.place(of:)
        return d
    }()
}

import Foundation

/// Writes `RichText` as OpenDocument text: paragraphs in the style of the paragraph that held
/// the tag, `text:list` elements with an automatic list style per list (a new list starts at
/// 1), tables with the template's table paragraph styles, `text:a` links, and images as
/// `draw:frame` with their file in `Pictures/` and its manifest entry. The automatic styles it
/// uses are added to the part that uses them.
final class OdtRichWriter: RichWriter {
    private let archive: ZipArchive
    // The template's styles are read when a rich value first needs them, not for every render.
    private lazy var styleNames: String = (try? archive.read("styles.xml")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    /// The lists written: the kind of each nesting level.
    private var lists: [[Bool]] = []
    private var tables = 0
    /// Automatic styles used, by part.
    private var used: [String: Set<String>] = [:]
    private struct Image { var path: String; var image: EmbeddedImage }
    private var images: [Image] = []

    init(archive: ZipArchive) {
        self.archive = archive
    }

    static func defaultLanguage(_ archive: ZipArchive) -> String? {
        let marker = "<style:default-style style:family=\"paragraph\""
        guard let bytes = try? archive.read("styles.xml"),
              let d = ByteSearch.first(marker, in: bytes) else { return nil }
        // Within the default style: its next few kilobytes.
        let end = d + marker.utf8.count + 3000
        guard let l = ByteSearch.first("fo:language=\"", in: bytes, from: d, end: end) else { return nil }
        return ByteSearch.text(in: bytes, from: l + 13, upTo: UInt8(ascii: "\""))
    }

    /// Whether the body holds a table of contents or another index.
    static func holdsIndex(_ archive: ZipArchive) -> Bool {
        guard let bytes = try? archive.read("content.xml") else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        return ["<text:table-of-content ", "<text:alphabetical-index ", "<text:illustration-index ", "<text:table-index ",
                "<text:user-index ", "<text:object-index ", "<text:bibliography "].contains { text.contains($0) }
    }

    private func hasStyle(_ name: String) -> Bool { styleNames.contains("style:name=\"\(name)\"") }

    private func use(_ style: String, _ part: String) -> String {
        used[part, default: []].insert(style)
        return style
    }

    // MARK: Blocks

    func writeBlocks(_ rich: RichText, paragraph: [UInt8], part: String, into out: inout [UInt8]) {
        let opening = String(decoding: paragraph, as: UTF8.self)
        let style = Self.attribute("text:p", "text:style-name", in: opening)
            ?? Self.attribute("text:h", "text:style-name", in: opening)
        if rich.blocks.isEmpty {
            out.append(contentsOf: "<text:p\(styleAttribute(style))/>".utf8)
            return
        }
        for block in rich.blocks { write(block, style: style, part: part, into: &out) }
    }

    func writeInline(_ rich: RichText, part: String, into out: inout [UInt8]) {
        writeInlineText(rich, dialect: .odt, image: { self.frame($0) }, into: &out)
    }

    private func styleAttribute(_ style: String?) -> String {
        style.map { " text:style-name=\"\(OdtRichWriter.escape($0))\"" } ?? ""
    }

    private func write(_ block: RichBlock, style: String?, part: String, into out: inout [UInt8]) {
        switch block {
        case .paragraph(let runs):
            paragraph(runs, style: style, part: part, into: &out)
        case .heading(let level, let runs):
            let name = "Heading_20_\(min(level + 1, 10))"
            out.append(contentsOf: "<text:h\(styleAttribute(hasStyle(name) ? name : style)) text:outline-level=\"\(min(level + 1, 10))\">".utf8)
            inline(runs, part: part, into: &out)
            out.append(contentsOf: "</text:h>".utf8)
        case .list:
            lists.append([])
            writeList(block, depth: 0, list: lists.count - 1, style: style, part: part, into: &out)
        case .table(let rows, let header):
            table(rows, header: header, part: part, into: &out)
        }
    }

    private func writeList(_ block: RichBlock, depth: Int, list: Int, style: String?, part: String, into out: inout [UInt8]) {
        guard case .list(let ordered, _, let items) = block else { return }
        if lists[list].count == depth { lists[list].append(ordered) }
        // The outer list names its style; nested lists take their level of it.
        out.append(contentsOf: (depth == 0 ? "<text:list text:style-name=\"\(use("TenderList\(list + 1)", part))\">" : "<text:list>").utf8)
        for item in items {
            out.append(contentsOf: "<text:list-item>".utf8)
            if item.isEmpty { out.append(contentsOf: "<text:p\(styleAttribute(style))/>".utf8) }
            for b in item {
                switch b {
                case .list: writeList(b, depth: depth + 1, list: list, style: style, part: part, into: &out)
                case .paragraph(let runs): paragraph(runs, style: style, part: part, into: &out)
                default:
                    // Only paragraphs, headings and lists may sit in a list item: a table is
                    // written as its text.
                    paragraph([RichRun(text: RichText(blocks: [b]).plainText)], style: style, part: part, into: &out)
                }
            }
            out.append(contentsOf: "</text:list-item>".utf8)
        }
        out.append(contentsOf: "</text:list>".utf8)
    }

    private func paragraph(_ runs: [RichRun], style: String?, part: String, into out: inout [UInt8]) {
        out.append(contentsOf: "<text:p\(styleAttribute(style))>".utf8)
        inline(runs, part: part, into: &out)
        out.append(contentsOf: "</text:p>".utf8)
    }

    private func inline(_ runs: [RichRun], part: String, into out: inout [UInt8]) {
        writeRuns(runs, into: &out, openLink: { link, out in
            out.append(contentsOf: "<text:a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:type=\"simple\" xlink:href=\"".utf8)
            Dialect.writeAttribute(link, into: &out)
            out.append(contentsOf: "\">".utf8)
        }, closeLink: "</text:a>", image: frame, lineBreak: "<text:line-break/>", text: { self.textRun($0, part: part, into: &$1) })
    }

    /// A run of text with its marks, in an automatic style naming them.
    private func textRun(_ run: RichRun, part: String, into out: inout [UInt8]) {
        var name = ""
        if run.bold { name += "B" }
        if run.italic { name += "I" }
        if run.strike { name += "S" }
        if run.code { name += "C" }
        if name.isEmpty {
            Dialect.odt.writeText(run.text, into: &out)
        } else {
            out.append(contentsOf: "<text:span text:style-name=\"\(use("TenderText" + name, part))\">".utf8)
            Dialect.odt.writeText(run.text, into: &out)
            out.append(contentsOf: "</text:span>".utf8)
        }
    }

    private func table(_ rows: [[[RichRun]]], header: Bool, part: String, into out: inout [UInt8]) {
        tables += 1
        let columns = max(1, rows.map(\.count).max() ?? 1)
        out.append(contentsOf: "<table:table table:name=\"TenderTable\(tables)\" table:style-name=\"\(use("TenderTable", part))\"><table:table-column table:number-columns-repeated=\"\(columns)\"/>".utf8)
        for (r, row) in rows.enumerated() {
            let isHeader = header && r == 0
            if isHeader { out.append(contentsOf: "<table:table-header-rows>".utf8) }
            out.append(contentsOf: "<table:table-row>".utf8)
            for c in 0..<columns {
                let cellStyle = use(isHeader ? "TenderHeadCell" : "TenderCell", part)
                let style = isHeader ? (hasStyle("Table_20_Heading") ? "Table_20_Heading" : nil)
                                     : (hasStyle("Table_20_Contents") ? "Table_20_Contents" : nil)
                out.append(contentsOf: "<table:table-cell table:style-name=\"\(cellStyle)\" office:value-type=\"string\">".utf8)
                var runs = c < row.count ? row[c] : []
                if isHeader && style == nil { runs = runs.map { var x = $0; x.bold = true; return x } }
                paragraph(runs, style: style, part: part, into: &out)
                out.append(contentsOf: "</table:table-cell>".utf8)
            }
            out.append(contentsOf: "</table:table-row>".utf8)
            if isHeader { out.append(contentsOf: "</table:table-header-rows>".utf8) }
        }
        out.append(contentsOf: "</table:table>".utf8)
    }

    // MARK: Images

    private func frame(_ image: EmbeddedImage) -> String {
        let n = images.count + 1
        let path = "Pictures/tender-image\(n).\(image.kind.fileExtension)"
        images.append(Image(path: path, image: image))
        let w = OdtRichWriter.centimetres(image.width), h = OdtRichWriter.centimetres(image.height)
        return "<draw:frame xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
            + " draw:name=\"TenderImage\(n)\" text:anchor-type=\"as-char\" svg:width=\"\(w)cm\" svg:height=\"\(h)cm\" draw:z-index=\"0\">"
            + "<draw:image xlink:href=\"\(path)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/></draw:frame>"
    }

    /// Hundredths of a millimetre as centimetres: 4000 → "4", 2625 → "2.625".
    static func centimetres(_ hundredths: Int) -> String {
        Value.plainString(Decimal(hundredths) / 1000)
    }

    // MARK: Package

    private func definition(_ name: String) -> String {
        let bold = "fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\""
        let italic = "fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\""
        if name.hasPrefix("TenderText") {
            let flags = name.dropFirst("TenderText".count)
            var props = ""
            if flags.contains("B") { props += " " + bold }
            if flags.contains("I") { props += " " + italic }
            if flags.contains("S") { props += " style:text-line-through-style=\"solid\"" }
            if flags.contains("C") { props += " style:font-name=\"Liberation Mono\" fo:font-family=\"'Liberation Mono'\"" }
            return "<style:style style:name=\"\(name)\" style:family=\"text\"><style:text-properties\(props)/></style:style>"
        }
        if name.hasPrefix("TenderList"), let k = Int(name.dropFirst("TenderList".count)) {
            let levels = lists[k - 1]
            var s = "<text:list-style style:name=\"\(name)\">"
            for level in 1...10 {
                let ordered = level <= levels.count ? levels[level - 1] : (levels.last ?? false)
                let position = "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"\(Double(level) * 0.635)cm\" fo:text-indent=\"-0.635cm\" fo:margin-left=\"\(Double(level) * 0.635)cm\"/></style:list-level-properties>"
                if ordered {
                    s += "<text:list-level-style-number text:level=\"\(level)\" style:num-suffix=\".\" style:num-format=\"1\">\(position)</text:list-level-style-number>"
                } else {
                    s += "<text:list-level-style-bullet text:level=\"\(level)\" text:bullet-char=\"\(level % 2 == 1 ? "•" : "–")\">\(position)</text:list-level-style-bullet>"
                }
            }
            return s + "</text:list-style>"
        }
        switch name {
        case "TenderTable":
            return "<style:style style:name=\"TenderTable\" style:family=\"table\"><style:table-properties style:width=\"17cm\" table:align=\"margins\" fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.2cm\"/></style:style>"
        case "TenderCell", "TenderHeadCell":
            let background = name == "TenderHeadCell" ? " fo:background-color=\"#e7e6e6\"" : ""
            return "<style:style style:name=\"\(name)\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.1cm\" fo:border=\"0.5pt solid #a6a6a6\"\(background)/></style:style>"
        default:
            return ""
        }
    }

    func finish(parts: inout [String: [UInt8]], adding: inout [(name: String, data: [UInt8])]) throws {
        for (part, names) in used {
            guard var text = parts[part].map({ String(decoding: $0, as: UTF8.self) }) else { continue }
            let styles = names.sorted().map(definition).joined()
            if let r = text.range(of: "</office:automatic-styles>") {
                text.insert(contentsOf: styles, at: r.lowerBound)
            } else if let r = text.range(of: "<office:automatic-styles/>") {
                text.replaceSubrange(r, with: "<office:automatic-styles>\(styles)</office:automatic-styles>")
            } else if let r = text.range(of: "<office:master-styles") ?? text.range(of: "<office:body") {
                text.insert(contentsOf: "<office:automatic-styles>\(styles)</office:automatic-styles>", at: r.lowerBound)
            }
            parts[part] = Array(text.utf8)
        }
        guard !images.isEmpty else { return }
        var manifest = String(decoding: try parts["META-INF/manifest.xml"] ?? archive.read("META-INF/manifest.xml"), as: UTF8.self)
        for image in images {
            adding.append((image.path, image.image.data))
            manifest = DocxRichWriter.insert("<manifest:file-entry manifest:full-path=\"\(image.path)\" manifest:media-type=\"\(image.image.kind.mediaType)\"/>",
                                             before: "</manifest:manifest>", in: manifest)
        }
        parts["META-INF/manifest.xml"] = Array(manifest.utf8)
    }

    static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        Dialect.writeAttribute(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

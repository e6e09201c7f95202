import Foundation

/// Writes `RichText` as WordprocessingML: paragraphs in the style of the paragraph that held
/// the tag, lists numbered by definitions added to `word/numbering.xml` (one per list, so each
/// list starts at 1), tables in the template's table style, links as HYPERLINK fields (no
/// relationship needed), images as inline drawings with their media part and relationship.
final class DocxRichWriter: RichWriter {
    private let archive: ZipArchive
    // The template's styles and numbering are read when a rich value first needs them, not for
    // every render (styles.xml is often the largest part of a template).
    private lazy var styles: String = (try? archive.read("word/styles.xml")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    private var nextDrawingId: Int
    /// Ids above those of the template's numbering part.
    private lazy var firstAbstractId: Int = DocxRichWriter.maxNumber(after: "w:abstractNumId=\"", in: numbering) + 1
    private lazy var firstNumId: Int = DocxRichWriter.maxNumber(after: "w:numId=\"", in: numbering) + 1
    private lazy var numbering: String = (try? archive.read("word/numbering.xml")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    /// The lists written: the kind of each nesting level.
    private var lists: [[Bool]] = []
    private struct Image { var part: String; var relationshipId: String; var media: String; var image: EmbeddedImage }
    private var images: [Image] = []

    init(archive: ZipArchive, firstDrawingId: Int) {
        self.archive = archive
        nextDrawingId = firstDrawingId
    }

    static func maxNumber(after prefix: String, in text: String) -> Int {
        var m = 0
        var rest = text[...]
        while let r = rest.range(of: prefix) {
            rest = rest[r.upperBound...]
            m = max(m, Int(rest.prefix { $0.isNumber }) ?? 0)
        }
        return m
    }

    static func defaultLanguage(_ archive: ZipArchive) -> String? {
        guard let bytes = try? archive.read("word/styles.xml"),
              let defaults = ByteSearch.first("<w:docDefaults", in: bytes),
              let lang = ByteSearch.first("<w:lang ", in: bytes, from: defaults) else { return nil }
        let tagEnd = bytes[lang...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        guard let v = ByteSearch.first("w:val=\"", in: bytes, from: lang, end: tagEnd) else { return nil }
        return ByteSearch.text(in: bytes, from: v + 7, upTo: UInt8(ascii: "\""), end: tagEnd)
    }

    /// Whether the body holds a table of contents or an index field.
    static func holdsIndex(_ archive: ZipArchive) -> Bool {
        guard let bytes = try? archive.read("word/document.xml") else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.range(of: #"<w:instrText[^>]*>\s*(TOC|INDEX)\b"#, options: .regularExpression) != nil
            || text.range(of: #"w:instr="\s*(TOC|INDEX)\b"#, options: .regularExpression) != nil
    }

    private func hasStyle(_ id: String) -> Bool { styles.contains("w:styleId=\"\(id)\"") }

    /// The first table style of the template that is not Word's default one.
    private lazy var tableStyle: String? = {
        var rest = styles[...]
        while let r = rest.range(of: "<w:style w:type=\"table\"") {
            let tag = rest[r.upperBound...].prefix { $0 != ">" }
            rest = rest[r.upperBound...]
            if tag.contains("w:default=\"1\"") { continue }
            if let v = tag.range(of: "w:styleId=\"") { return String(tag[v.upperBound...].prefix { $0 != "\"" }) }
        }
        return nil
    }()

    // MARK: Blocks

    func writeBlocks(_ rich: RichText, paragraph: [UInt8], part: String, into out: inout [UInt8]) {
        let opening = String(decoding: paragraph, as: UTF8.self)
        let style = DocxRichWriter.attribute("w:pStyle", "w:val", in: opening)
        if rich.blocks.isEmpty {
            // The cell or place keeps an (empty) paragraph of its style.
            out.append(contentsOf: "<w:p>\(pPr(style: style))</w:p>".utf8)
            return
        }
        var endsWithTable = false
        for block in rich.blocks {
            write(block, style: style, part: part, into: &out)
            if case .table = block { endsWithTable = true } else { endsWithTable = false }
        }
        // A table is followed by a paragraph (a table cell must end with one, and Word merges
        // two tables that touch).
        if endsWithTable {
            out.append(contentsOf: "<w:p>\(pPr(style: style))</w:p>".utf8)
        }
    }

    func writeInline(_ rich: RichText, part: String, into out: inout [UInt8]) {
        // Inside `w:t`: a drawing closes the text element and reopens it after itself.
        writeInlineText(rich, dialect: .docx, image: { "</w:t>" + self.drawing($0, part: part) + "<w:t xml:space=\"preserve\">" }, into: &out)
    }

    private func pPr(style: String?, numbering: (level: Int, id: Int)? = nil) -> String {
        var s = "<w:pPr>"
        if let style { s += "<w:pStyle w:val=\"\(style)\"/>" }
        if let numbering { s += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>" }
        return s + "</w:pPr>"
    }

    private func write(_ block: RichBlock, style: String?, part: String, into out: inout [UInt8]) {
        switch block {
        case .paragraph(let runs):
            paragraph(runs, pPr: pPr(style: style), part: part, into: &out)
        case .heading(let level, let runs):
            let id = "Heading\(min(level + 1, 9))"
            paragraph(runs, pPr: pPr(style: hasStyle(id) ? id : style), part: part, into: &out)
        case .list:
            lists.append([])
            let listIndex = lists.count - 1
            writeList(block, depth: 0, list: listIndex, style: style, part: part, into: &out)
        case .table(let rows, let header):
            table(rows, header: header, part: part, into: &out)
        }
    }

    private func writeList(_ block: RichBlock, depth: Int, list: Int, style: String?, part: String, into out: inout [UInt8]) {
        guard case .list(let ordered, _, let items) = block else { return }
        if lists[list].count == depth { lists[list].append(ordered) }
        let level = min(depth, 8)
        let itemStyle = hasStyle("ListParagraph") ? "ListParagraph" : style
        for item in items {
            var numbered = false
            for b in item {
                switch b {
                case .list: writeList(b, depth: depth + 1, list: list, style: style, part: part, into: &out)
                case .paragraph(let runs) where !numbered:
                    numbered = true
                    paragraph(runs, pPr: pPr(style: itemStyle, numbering: (level, firstNumId + list)), part: part, into: &out)
                case .paragraph(let runs):
                    // A later paragraph of the same item: indented like it, without a number.
                    paragraph(runs, pPr: "<w:pPr>\(itemStyle.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? "")<w:ind w:left=\"\(DocxRichWriter.indent(level))\"/></w:pPr>",
                              part: part, into: &out)
                default: write(b, style: style, part: part, into: &out)
                }
            }
            if !numbered {
                paragraph([], pPr: pPr(style: itemStyle, numbering: (level, firstNumId + list)), part: part, into: &out)
            }
        }
    }

    static func indent(_ level: Int) -> Int { 360 * (level + 1) + 357 }

    private func paragraph(_ runs: [RichRun], pPr: String, part: String, into out: inout [UInt8]) {
        out.append(contentsOf: "<w:p>\(pPr)".utf8)
        writeRuns(runs, into: &out, openLink: { link, out in
            out.append(contentsOf: "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"".utf8)
            Dialect.docx.writeText(link.replacingOccurrences(of: "\"", with: "%22"), into: &out)
            out.append(contentsOf: "\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>".utf8)
        }, closeLink: "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
           image: { "<w:r>\(self.drawing($0, part: part))</w:r>" }, lineBreak: "<w:r><w:br/></w:r>", text: textRun)
        out.append(contentsOf: "</w:p>".utf8)
    }

    /// A run of text with its marks.
    private func textRun(_ run: RichRun, into out: inout [UInt8]) {
        // Properties in the schema's order.
        var props = ""
        if run.code { props += "<w:rFonts w:ascii=\"Liberation Mono\" w:hAnsi=\"Liberation Mono\" w:cs=\"Liberation Mono\"/>" }
        if run.bold { props += "<w:b/><w:bCs/>" }
        if run.italic { props += "<w:i/><w:iCs/>" }
        if run.strike { props += "<w:strike/>" }
        if run.link != nil { props += "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/>" }
        out.append(contentsOf: "<w:r>\(props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>")<w:t xml:space=\"preserve\">".utf8)
        Dialect.docx.writeText(run.text, into: &out)
        out.append(contentsOf: "</w:t></w:r>".utf8)
    }

    private func table(_ rows: [[[RichRun]]], header: Bool, part: String, into out: inout [UInt8]) {
        let columns = max(1, rows.map(\.count).max() ?? 1)
        let width = 9638 / columns
        var s = "<w:tbl><w:tblPr>"
        if let tableStyle { s += "<w:tblStyle w:val=\"\(tableStyle)\"/>" }
        s += "<w:tblW w:w=\"5000\" w:type=\"pct\"/>"
        if tableStyle == nil {
            s += "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"].map {
                "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>" }.joined() + "</w:tblBorders>"
        }
        s += "<w:tblLook w:val=\"04A0\" w:firstRow=\"\(header ? 1 : 0)\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        s += String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns) + "</w:tblGrid>"
        out.append(contentsOf: s.utf8)
        for (r, row) in rows.enumerated() {
            let isHeader = header && r == 0
            out.append(contentsOf: "<w:tr>\(isHeader ? "<w:trPr><w:tblHeader/></w:trPr>" : "")".utf8)
            for c in 0..<columns {
                let style = isHeader ? (hasStyle("TableHeading") ? "TableHeading" : nil) : (hasStyle("TableContents") ? "TableContents" : nil)
                out.append(contentsOf: "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>".utf8)
                var runs = c < row.count ? row[c] : []
                if isHeader && style == nil { runs = runs.map { var x = $0; x.bold = true; return x } }
                paragraph(runs, pPr: pPr(style: style), part: part, into: &out)
                out.append(contentsOf: "</w:tc>".utf8)
            }
            out.append(contentsOf: "</w:tr>".utf8)
        }
        out.append(contentsOf: "</w:tbl>".utf8)
    }

    // MARK: Images

    private func drawing(_ image: EmbeddedImage, part: String) -> String {
        let n = images.count + 1
        let relationshipId = "rIdTenderImage\(n)"
        let media = "media/tender-image\(n).\(image.kind.fileExtension)"
        images.append(Image(part: part, relationshipId: relationshipId, media: media, image: image))
        let id = nextDrawingId
        nextDrawingId += 1
        // 1/100 mm → EMU (1 mm = 36 000 EMU).
        let cx = image.width * 360, cy = image.height * 360
        let name = "Image \(n)"
        return "<w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            + "<wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:docPr id=\"\(id)\" name=\"\(name)\"/>"
            + "<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
            + "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            + "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"\(id)\" name=\"\(name)\"/><pic:cNvPicPr/></pic:nvPicPr>"
            + "<pic:blipFill><a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:embed=\"\(relationshipId)\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
            + "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    }

    // MARK: Package

    func finish(parts: inout [String: [UInt8]], adding: inout [(name: String, data: [UInt8])]) throws {
        var contentTypes = try text("[Content_Types].xml", parts)
        var changedTypes = false
        let main = parts.keys.first { $0.hasSuffix("document.xml") } ?? "word/document.xml"
        let folder = (main as NSString).deletingLastPathComponent
        if !lists.isEmpty {
            let numberingName = folder + "/numbering.xml"
            var numbering: String
            if archive.contains(numberingName) {
                numbering = try text(numberingName, parts)
            } else {
                numbering = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"></w:numbering>"
                try addRelationship(of: main, id: "rIdTenderNumbering", type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
                                    target: "numbering.xml", parts: &parts, adding: &adding)
                contentTypes = DocxRichWriter.insert("<Override PartName=\"/\(numberingName)\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>",
                                                     before: "</Types>", in: contentTypes)
                changedTypes = true
            }
            var abstracts = "", nums = ""
            for (k, levels) in lists.enumerated() {
                abstracts += abstractNum(firstAbstractId + k, levels)
                nums += "<w:num w:numId=\"\(firstNumId + k)\"><w:abstractNumId w:val=\"\(firstAbstractId + k)\"/>"
                    + (0..<9).map { "<w:lvlOverride w:ilvl=\"\($0)\"><w:startOverride w:val=\"1\"/></w:lvlOverride>" }.joined() + "</w:num>"
            }
            // Every abstract definition comes before the first instance.
            if let r = numbering.range(of: "<w:num ") { numbering.insert(contentsOf: abstracts, at: r.lowerBound) }
            else { numbering = DocxRichWriter.insert(abstracts, before: "</w:numbering>", in: numbering) }
            numbering = DocxRichWriter.insert(nums, before: "</w:numbering>", in: numbering)
            if archive.contains(numberingName) { parts[numberingName] = Array(numbering.utf8) } else { adding.append((numberingName, Array(numbering.utf8))) }
        }
        for image in images {
            let name = folder + "/" + image.media
            adding.append((name, image.image.data))
            try addRelationship(of: image.part, id: image.relationshipId,
                                type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                                target: ((image.part as NSString).deletingLastPathComponent == folder ? "" : "../word/") + image.media,
                                parts: &parts, adding: &adding)
            let ext = image.image.kind.fileExtension
            if !contentTypes.lowercased().contains("extension=\"\(ext)\"") {
                contentTypes = DocxRichWriter.insert("<Default Extension=\"\(ext)\" ContentType=\"\(image.image.kind.mediaType)\"/>", before: "</Types>", in: contentTypes)
                changedTypes = true
            }
        }
        if changedTypes { parts["[Content_Types].xml"] = Array(contentTypes.utf8) }
    }

    private func abstractNum(_ id: Int, _ levels: [Bool]) -> String {
        var s = "<w:abstractNum w:abstractNumId=\"\(id)\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
        for level in 0..<9 {
            let ordered = level < levels.count ? levels[level] : (levels.last ?? false)
            let text = ordered ? "%\(level + 1)." : (level % 2 == 0 ? "•" : "–")
            s += "<w:lvl w:ilvl=\"\(level)\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(ordered ? "decimal" : "bullet")\"/>"
                + "<w:lvlText w:val=\"\(text)\"/><w:lvlJc w:val=\"left\"/>"
                + "<w:pPr><w:ind w:left=\"\(DocxRichWriter.indent(level))\" w:hanging=\"357\"/></w:pPr></w:lvl>"
        }
        return s + "</w:abstractNum>"
    }

    private func addRelationship(of part: String, id: String, type: String, target: String,
                                 parts: inout [String: [UInt8]], adding: inout [(name: String, data: [UInt8])]) throws {
        let dir = (part as NSString).deletingLastPathComponent
        let rels = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
        let entry = "<Relationship Id=\"\(id)\" Type=\"\(type)\" Target=\"\(target)\"/>"
        if let k = adding.firstIndex(where: { $0.name == rels }) {
            adding[k].data = Array(DocxRichWriter.insert(entry, before: "</Relationships>", in: String(decoding: adding[k].data, as: UTF8.self)).utf8)
        } else if archive.contains(rels) {
            parts[rels] = Array(DocxRichWriter.insert(entry, before: "</Relationships>", in: try text(rels, parts)).utf8)
        } else {
            adding.append((rels, Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + entry + "</Relationships>").utf8)))
        }
    }

    private func text(_ name: String, _ parts: [String: [UInt8]]) throws -> String {
        String(decoding: try parts[name] ?? archive.read(name), as: UTF8.self)
    }

    static func insert(_ s: String, before closing: String, in text: String) -> String {
        guard let r = text.range(of: closing, options: .backwards) else { return text + s }
        var t = text
        t.insert(contentsOf: s, at: r.lowerBound)
        return t
    }

    /// The value of `attribute` on the first `element` in `markup`.
}

import Foundation

/// Where a sentence of a call is: the file as the user named it, the PDF page, and the line
/// (a text line, a PDF line within its page, or a DOCX/ODT paragraph, a table row reading as one).
public struct CallPlace: Sendable, Equatable {
    public var file: String
    public var page: Int?
    public var line: Int

    /// `rc.pdf, page 2, ligne 14`.
    public var words: String {
        "\(file), " + (page.map { "page \($0), " } ?? "") + "ligne \(line)"
    }
}

/// A sentence of a call, as quoted in the offer, with its place.
public struct CallQuote: Sendable, Equatable {
    public var text: String
    public var place: CallPlace
}

/// One line of a call, its markup (Markdown emphasis, headings) removed and its spaces plain.
public struct CallLine: Sendable, Equatable {
    public var text: String
    public var place: CallPlace
    /// Whether the line starts a list item (`-`, `•`, `1.`, `a)`…), the marker removed from `text`.
    public var isListItem: Bool
    /// A heading: a DOCX/ODT heading paragraph, or a Markdown `#` line.
    public var isHeading = false
    /// A word processor's paragraph: a paragraph by itself (text files run paragraphs over lines).
    public var isParagraph = false
}

/// The text of one or several call documents (règlement, CCTP, lettre de consultation): plain
/// text, PDF (through poppler's `pdftotext`), DOCX or ODT (through the documents' text reader).
public struct CallText: Sendable {
    public var lines: [CallLine]

    public init(lines: [CallLine]) { self.lines = lines }

    /// Reads each file, in order. A file that cannot be read is an error naming it.
    public static func read(_ paths: [String]) throws -> CallText {
        var lines: [CallLine] = []
        var problems: [Diagnostic] = []
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append(.error(ToolMessage.callMissing(path).text, hint: ToolMessage.callMissingHint.text,
                                       status: .missingInput))
                continue
            }
            if (path as NSString).pathExtension.lowercased() == "pdf", ExternalTool.find("pdftotext") == nil {
                problems.append(.error(ToolMessage.pdftotextMissing(path).text,
                                       hint: ToolMessage.installPoppler(PDF.installCommand).text, status: .unavailable))
                continue
            }
            do {
                lines += try read(path)
            } catch let error as TenderError {
                // Only what failed is said: the reader's own message names a part or a byte offset.
                let kind = DocumentFormat(extensionOf: path)?.rawValue ?? "PDF"
                problems.append(.error(ToolMessage.callUnreadable(path, kind: kind).text,
                                       hint: ToolMessage.callUnreadableHint.text,
                                       status: error.status))
            }
        }
        if !problems.isEmpty { throw TenderError(problems) }
        return CallText(lines: lines)
    }

    static func read(_ path: String) throws -> [CallLine] {
        if (path as NSString).pathExtension.lowercased() == "pdf" {
            return try PDF.pageTexts(path).enumerated().flatMap { index, page in
                lines(of: page, file: path, page: index + 1, layout: true)
            }
        }
        if DocumentFormat(extensionOf: path) != nil {
            // The documents' own reader: a table row reads as one line, its cells separated by tabs.
            let body = try DocumentText.paragraphs(of: path).filter(\.inBody)
            let document = InspectedDocument(id: "", member: nil, path: path, pdf: nil, pages: nil, pageTexts: nil, paragraphs: body)
            let headings = Set(body.filter { $0.headingLevel != nil }.map(\.number))
            return document.lines.map { line in
                var read = cleaned(line.text.replacingOccurrences(of: "\n", with: " "),
                                   place: CallPlace(file: path, page: nil, line: line.location.paragraph ?? 0))
                read.isParagraph = true
                read.isHeading = headings.contains(read.place.line)
                return read
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TenderError.error(ToolMessage.unreadable.text, status: .missingInput)
        }
        let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
        return lines(of: text, file: path, page: nil, layout: false)
    }

    /// `pdftotext -layout` aligns table cells with runs of spaces: three or more read as a cell break.
    static func lines(of text: String, file: String, page: Int?, layout: Bool) -> [CallLine] {
        text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { index, raw in
                var line = String(raw)
                if layout {
                    line = line.replacingOccurrences(of: #"(?<=\S) {3,}(?=\S)"#, with: "\t", options: .regularExpression)
                }
                return cleaned(line, place: CallPlace(file: file, page: page, line: index + 1))
            }
    }

    static let listMarker = try! NSRegularExpression(pattern: #"^\s*(?:[-–—•▪◦●○□■*+]|\d{1,2}\s*[.)/-](?!\d)|[a-z]\))\s+"#)

    /// Markdown emphasis, heading marks, superscripts and links removed; every space plain.
    static func cleaned(_ raw: String, place: CallPlace) -> CallLine {
        var text = FoldedText.plainSpaces(raw)
        let isHeading = text.range(of: #"^\s*#{1,6}\s"#, options: .regularExpression) != nil
        for (pattern, template) in [
            (#"^\s*#{1,6}\s+"#, ""), (#"\*\*|__"#, ""), (#"(?<=\s|^)\*(?=\S)|(?<=\S)\*(?=\s|$|[.,;:])"#, ""),
            (#"</?sup>"#, ""), (#"\^\{([^}]*)\}"#, "$1"), (#"\[([^\]]*)\]\([^)]*\)"#, "$1"), (#"[ ]{2,}"#, " "),
        ] {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        text = text.trimmingCharacters(in: .whitespaces)
        let range = NSRange(location: 0, length: (text as NSString).length)
        var isListItem = false
        if let match = listMarker.firstMatch(in: text, range: range) {
            isListItem = true
            text = (text as NSString).substring(from: match.range.upperBound)
            // `- o Un guide…`: a second marker, as Word's sub-lists are converted.
            text = text.replacingOccurrences(of: #"^o\s+"#, with: "", options: .regularExpression)
        }
        return CallLine(text: text, place: place, isListItem: isListItem, isHeading: isHeading)
    }

    /// The sentences of the call, each with the place of the line it starts on. A paragraph is
    /// a run of non-empty lines (a list item starts a new one); a sentence ends at `.`, `!`, `?`
    /// or `;` followed by a capital. Table cells are joined with ` | `.
    public var sentences: [CallQuote] {
        var out: [CallQuote] = []
        var block: [(offset: Int, place: CallPlace)] = []
        var text = ""
        func flush() {
            defer { block = []; text = "" }
            guard !text.isEmpty else { return }
            let ns = text as NSString
            var start = 0
            let breaks = Self.sentenceBreak.matches(in: text, range: NSRange(location: 0, length: ns.length))
            for found in breaks.map(\.range) + [NSRange(location: ns.length, length: 0)] {
                let sentence = ns.substring(with: NSRange(location: start, length: found.location - start)).trimmingCharacters(in: .whitespaces)
                if !sentence.isEmpty {
                    let place = block.last { $0.offset <= start }?.place ?? block[0].place
                    out.append(CallQuote(text: sentence, place: place))
                }
                start = found.upperBound
            }
        }
        let contents = contentsLines
        for (index, line) in lines.enumerated() where !contents.contains(index) {
            let piece = line.text.replacingOccurrences(of: "\t", with: " | ")
            if piece.isEmpty || line.isListItem || line.isParagraph || line.place.file != block.first?.place.file || line.place.page != block.first?.place.page {
                flush()
            }
            guard !piece.isEmpty else { continue }
            if !text.isEmpty { text += " " }
            block.append(((text as NSString).length, line.place))
            text += piece
        }
        flush()
        return out
    }

    /// The lines of a table of contents (`1.2 Contexte ..... 3`, `Durée de la mission<tab>10`):
    /// their headings come again in the text, where they are read. A line ending in a number
    /// after a tab is one only in a run of three or more (else it is a table row, `Pages<tab>20`).
    public var contentsLines: Set<Int> {
        let entry = { (text: String) -> Int in
            let range = NSRange(location: 0, length: (text as NSString).length)
            if Self.dotLeader.firstMatch(in: text, range: range) != nil { return 2 }
            return Self.tabNumber.firstMatch(in: text, range: range) != nil ? 1 : 0
        }
        var out: Set<Int> = []
        var run: [Int] = []
        func close() { if run.count >= 3 { out.formUnion(run) }; run = [] }
        for (i, line) in lines.enumerated() {
            if line.text.isEmpty { continue }
            switch entry(line.text) {
            case 2: out.insert(i); run.append(i)
            case 1: run.append(i)
            default: close()
            }
        }
        close()
        return out
    }

    static let dotLeader = try! NSRegularExpression(pattern: #"(?:\.{4,}|…{2,})\s*\d+\s*$"#)
    static let tabNumber = try! NSRegularExpression(pattern: #"\t\s*\d+\s*$"#)

    static let sentenceBreak = try! NSRegularExpression(pattern: #"(?<=[.!?;])\s+(?=[A-ZÀ-ÖØ-Þ«])"#)
}

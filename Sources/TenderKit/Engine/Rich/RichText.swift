import Foundation

/// Structured text a value can carry into a document: paragraphs, lists, tables and inline
/// runs with emphasis, links and images. Each document format writes it in its own markup
/// (`RichWriter`); the engine only decides where it goes: a value alone in its paragraph
/// takes the paragraph's place, anywhere else it is written as its plain text.
public struct RichText: Sendable, Equatable {
    public var blocks: [RichBlock]
    /// False when the tag asked for no French typography (`typo=false`); nil: the document's default.
    public var typography: Bool?

    public init(blocks: [RichBlock], typography: Bool? = nil) {
        self.blocks = blocks
        self.typography = typography
    }

    /// One paragraph of unformatted text and images: written in the paragraph that held the
    /// tag, which keeps its own properties.
    public var isInline: Bool {
        guard blocks.count == 1, case .paragraph(let runs) = blocks[0] else { return false }
        return runs.allSatisfy { !$0.bold && !$0.italic && !$0.strike && !$0.code && $0.link == nil }
    }

    /// The text without its structure: blocks separated by a line break.
    public var plainText: String {
        func runs(_ r: [RichRun]) -> String { r.map { $0.lineBreak ? "\n" : $0.text }.joined() }
        func block(_ b: RichBlock) -> [String] {
            switch b {
            case .paragraph(let r), .heading(_, let r): return [runs(r)]
            case .list(_, _, let items): return items.flatMap { $0.flatMap(block) }
            case .table(let rows, _): return rows.map { $0.map(runs).joined(separator: "\t") }
            }
        }
        return blocks.flatMap(block).joined(separator: "\n")
    }

    /// Applies `transform` to the text of every run but code (French typography); its second
    /// argument tells whether text precedes the run in its paragraph.
    public func mapText(_ transform: (String, Bool) -> String) -> RichText {
        func runs(_ r: [RichRun]) -> [RichRun] {
            var afterText = false
            return r.map { run in
                var run = run
                if !run.code && run.image == nil { run.text = transform(run.text, afterText) }
                afterText = !run.lineBreak && (!run.text.isEmpty || run.image != nil)
                return run
            }
        }
        func block(_ b: RichBlock) -> RichBlock {
            switch b {
            case .paragraph(let r): return .paragraph(runs(r))
            case .heading(let l, let r): return .heading(l, runs(r))
            case .list(let o, let s, let items): return .list(ordered: o, start: s, items: items.map { $0.map(block) })
            case .table(let rows, let h): return .table(rows: rows.map { $0.map(runs) }, header: h)
            }
        }
        return RichText(blocks: blocks.map(block), typography: typography)
    }
}

public indirect enum RichBlock: Sendable, Equatable {
    case paragraph([RichRun])
    /// A heading inside the text (level 1 is the highest the text uses; formats shift it
    /// below the heading of the section that holds it).
    case heading(Int, [RichRun])
    /// A bullet or numbered list; each item is a list of blocks (paragraphs, nested lists).
    case list(ordered: Bool, start: Int, items: [[RichBlock]])
    /// A table: rows of cells of runs; `header` when the first row is a header row.
    case table(rows: [[[RichRun]]], header: Bool)
}

/// A run of text with one formatting, a line break or an image.
public struct RichRun: Sendable, Equatable {
    public var text: String
    public var bold = false
    public var italic = false
    public var strike = false
    public var code = false
    public var link: String? = nil
    public var lineBreak = false
    public var image: EmbeddedImage? = nil

    public init(text: String, bold: Bool = false, italic: Bool = false, strike: Bool = false, code: Bool = false,
                link: String? = nil, lineBreak: Bool = false, image: EmbeddedImage? = nil) {
        self.text = text; self.bold = bold; self.italic = italic; self.strike = strike; self.code = code
        self.link = link; self.lineBreak = lineBreak; self.image = image
    }
}

extension RichRun {
    /// Consecutive runs grouped by the link they carry (nil: not a link), in order.
    static func linkGroups(_ runs: [RichRun]) -> [(link: String?, runs: ArraySlice<RichRun>)] {
        var groups: [(link: String?, runs: ArraySlice<RichRun>)] = []
        var i = 0
        while i < runs.count {
            var j = i + 1
            while j < runs.count, runs[j].link == runs[i].link { j += 1 }
            groups.append((runs[i].link, runs[i..<j]))
            i = j
        }
        return groups
    }
}

/// An image read from a file, with the size it is shown at.
public struct EmbeddedImage: Sendable, Equatable {
    public enum Kind: String, Sendable { case png, jpeg
        public var mediaType: String { self == .png ? "image/png" : "image/jpeg" }
        public var fileExtension: String { self == .png ? "png" : "jpeg" }
    }
    public var kind: Kind
    public var data: [UInt8]
    /// Size in pixels, from the file's header.
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Shown size, in hundredths of a millimetre (exact for both formats' units).
    public var width: Int
    public var height: Int
    /// The file it came from, for messages.
    public var file: String
}

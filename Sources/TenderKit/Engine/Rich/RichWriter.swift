import Foundation

/// How a document format writes `RichText`. One writer serves one rendering of a document:
/// it keeps what its markup needs beyond the part being written (list definitions, images,
/// automatic styles) and adds it to the package in `finish`.
///
/// Each format's writer lives in its folder (`Formats/Docx`, `Formats/Odt`); the engine
/// only calls these methods.
protocol RichWriter: AnyObject {
    /// Writes `rich` in place of a paragraph that held only the tag. `paragraph` is the
    /// paragraph's markup up to the tag (its properties and style); `part` the part written.
    func writeBlocks(_ rich: RichText, paragraph: [UInt8], part: String, into out: inout [UInt8])
    /// Writes `rich` inside a paragraph's text, where character data is open: images as
    /// inline objects, the rest as plain text.
    func writeInline(_ rich: RichText, part: String, into out: inout [UInt8])
    /// Completes the package: changes to rendered parts and template parts, and new entries.
    func finish(parts: inout [String: [UInt8]], adding: inout [(name: String, data: [UInt8])]) throws
    /// See the extension's default: false for formats whose values are always text.
    func writeTyped(_ value: Value, part: String, into out: inout [UInt8]) -> Bool
}

extension RichWriter {
    /// The runs of a paragraph: each link's runs between the markup `openLink` writes for it and
    /// `closeLink`, every run through `run`, which writes an image as `image` gives it, a line
    /// break as `lineBreak`, and text through `text`.
    func writeRuns(_ runs: [RichRun], into out: inout [UInt8],
                   openLink: (String, inout [UInt8]) -> Void, closeLink: String,
                   image: (EmbeddedImage) -> String, lineBreak: String,
                   text: (RichRun, inout [UInt8]) -> Void) {
        for group in RichRun.linkGroups(runs) {
            if let link = group.link { openLink(link, &out) }
            for run in group.runs {
                if let picture = run.image { out.append(contentsOf: image(picture).utf8) }
                else if run.lineBreak { out.append(contentsOf: lineBreak.utf8) }
                else { text(run, &out) }
            }
            if group.link != nil { out.append(contentsOf: closeLink.utf8) }
        }
    }

    /// The value of `attribute` on the first `element` of `markup` (the style of the paragraph
    /// a tag sat in), nil when absent.
    static func attribute(_ element: String, _ attribute: String, in markup: String) -> String? {
        guard let e = markup.range(of: "<\(element) ") else { return nil }
        let tag = markup[e.upperBound...].prefix { $0 != ">" }
        guard let a = tag.range(of: "\(attribute)=\"") else { return nil }
        return String(tag[a.upperBound...].prefix { $0 != "\"" })
    }

    /// Writes `value` in place of a paragraph that held only its tag, as a typed value (a
    /// spreadsheet cell's number or date). Returns false to let the value be written as text.
    func writeTyped(_ value: Value, part: String, into out: inout [UInt8]) -> Bool { false }

    /// `writeInline` for both formats: blocks separated by a line break, images through
    /// `image`, everything else as escaped text.
    func writeInlineText(_ rich: RichText, dialect: Dialect, image: (EmbeddedImage) -> String, into out: inout [UInt8]) {
        for (k, block) in rich.blocks.enumerated() {
            if k > 0 { dialect.writeText("\n", into: &out) }
            guard case .paragraph(let runs) = block else {
                dialect.writeText(RichText(blocks: [block]).plainText, into: &out)
                continue
            }
            for run in runs {
                if let picture = run.image { out.append(contentsOf: image(picture).utf8) }
                else { dialect.writeText(run.lineBreak ? "\n" : run.text, into: &out) }
            }
        }
    }
}

/// What one rendering of a document shares across its parts.
final class RenderSession {
    /// French typography on the text of values (`FrenchTypography`).
    let typography: Bool
    let writer: RichWriter?
    init(typography: Bool, writer: RichWriter?) {
        self.typography = typography
        self.writer = writer
    }
}

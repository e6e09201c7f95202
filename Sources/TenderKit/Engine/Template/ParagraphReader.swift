@preconcurrency import CLibXML2
import Foundation

/// The one reader of paragraph text, used alike by the engine (to find tags), the checks
/// (`DocumentText`) and the drafts (`DraftAnnotator`), so that they never disagree on what a
/// paragraph says: its text nodes (inside the dialect's text elements, when it has them),
/// N spaces for a space element, a tab or a line break for a separator; skipped subtrees
/// (deleted text, field codes, comments) say nothing; a paragraph inside another (a text
/// box, a frame) is read on its own.
struct ParagraphReader {
    /// A piece of a paragraph's text: a text node, N spaces (one element), or a break.
    struct Segment {
        enum Kind { case text, spaces, tab, lineBreak }
        var kind: Kind
        var node: XMLNodePtr
        /// The text's bytes; a tab or a line break is one `0` byte (a tag cannot span it).
        var bytes: [UInt8]
        var isSeparator: Bool { kind == .tab || kind == .lineBreak }
    }

    final class Paragraph {
        let node: XMLNodePtr
        var segments: [Segment] = []
        /// Whether it holds an object (drawing, frame, field).
        var hasObjects = false
        init(node: XMLNodePtr) { self.node = node }

        /// The text as a reader sees it: tabs as `\t`, line breaks as `\n`.
        var text: String {
            var bytes: [UInt8] = []
            for s in segments {
                switch s.kind {
                case .text, .spaces: bytes.append(contentsOf: s.bytes)
                case .tab: bytes.append(0x09)
                case .lineBreak: bytes.append(0x0A)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The most spaces one space element stands for (a bound on what a template can ask).
    static let maxSpaces = 10_000

    let dialect: Dialect
    /// Called with every other element (tables, rows, runs…) before the reader goes into it,
    /// and the paragraph it is in.
    var visit: (XMLNodePtr, Paragraph?) -> Void = { _, _ in }
    /// Called with every processing instruction; it may unlink and free it.
    var instruction: (XMLNodePtr) -> Void = { _ in }

    init(dialect: Dialect) { self.dialect = dialect }

    /// Every paragraph under `root`, in document order (a nested paragraph after the one it is in).
    func read(_ root: XMLNodePtr) -> [Paragraph] {
        var out: [Paragraph] = []
        read(root, paragraph: nil, into: &out)
        return out
    }

    private func read(_ node: XMLNodePtr, paragraph: Paragraph?, into out: inout [Paragraph]) {
        var child = node.firstChild
        while let c = child {
            let next = c.next
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                if dialect.isParagraph(c) {
                    let p = Paragraph(node: c)
                    out.append(p)
                    read(c, paragraph: p, into: &out)
                } else if dialect.isSkipped(c) {
                    break
                } else if dialect.isSeparator(c) {
                    paragraph?.segments.append(Segment(kind: dialect.isTab(c) ? .tab : .lineBreak, node: c, bytes: [0]))
                } else if let space = dialect.spaceElement, c.is(space.name) {
                    let n = max(1, Int(c.attribute(space.countAttribute, space.namespace) ?? "1") ?? 1)
                    paragraph?.segments.append(Segment(kind: .spaces, node: c,
                                                       bytes: Array(repeating: 0x20, count: min(n, ParagraphReader.maxSpaces))))
                } else {
                    if dialect.objects.contains(c.localName) { paragraph?.hasObjects = true }
                    visit(c, paragraph)
                    read(c, paragraph: paragraph, into: &out)
                }
            case XML_TEXT_NODE:
                if let p = paragraph, isDocumentText(c) {
                    p.segments.append(Segment(kind: .text, node: c, bytes: c.textBytes))
                }
            case XML_PI_NODE:
                instruction(c)
            default:
                break
            }
            child = next
        }
    }

    /// Whether a text node inside a paragraph is document text.
    private func isDocumentText(_ node: XMLNodePtr) -> Bool {
        guard let names = dialect.textElements else { return true }
        guard let parent = node.parent else { return false }
        return names.contains { parent.is($0) }
    }
}

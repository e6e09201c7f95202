import Foundation

/// Reads the text of a DOCX or ODT, paragraph by paragraph, with the same dialect facts the
/// engine uses (so a check sees exactly what the engine wrote).
public enum DocumentText {
    public struct Paragraph: Sendable {
        public var part: String
        public var text: String
        /// The paragraph's style name or id (`Heading1`, `Titre 1`, ODT style name), if any.
        public var style: String?
        /// ODT `text:h` outline level, or nil.
        public var outlineLevel: Int?
    }

    public static func paragraphs(of path: String) throws -> [Paragraph] {
        let archive = try ZipArchive(path: path)
        let format = try DocumentFormat.detect(archive)
        var out: [Paragraph] = []
        for (name, dialect) in try format.textParts(of: archive) {
            let tree = try XMLTree(bytes: try archive.read(name), location: SourceLocation(file: path, part: name))
            guard let root = tree.root else { continue }
            collect(root, dialect, name, &out)
        }
        return out
    }

    public static func plainText(of path: String) throws -> String {
        try paragraphs(of: path).map(\.text).joined(separator: "\n")
    }

    private static func collect(_ node: XMLNodePtr, _ dialect: Dialect, _ part: String, _ out: inout [Paragraph]) {
        for c in node.children where c.isElement {
            if dialect.isParagraph(c) {
                var text = ""
                appendText(c, dialect, &text)
                let level = c.localName == "h" ? Int(c.attribute("outline-level", Namespaces.text[0]) ?? "1") : nil
                out.append(Paragraph(part: part, text: text, style: style(of: c, dialect), outlineLevel: level))
                // Nested paragraphs (text boxes, notes) follow their container.
                collect(c, dialect, part, &out)
            } else if !dialect.isSkipped(c) {
                collect(c, dialect, part, &out)
            }
        }
    }

    private static func appendText(_ node: XMLNodePtr, _ dialect: Dialect, _ text: inout String) {
        for c in node.children {
            if c.isText {
                let inTextElement = dialect.textElements.map { names in c.parent.map { p in names.contains { p.is($0) } } ?? false } ?? true
                if inTextElement { text += String(decoding: c.textBytes, as: UTF8.self) }
            } else if c.isElement {
                if dialect.isParagraph(c) || dialect.isSkipped(c) { continue }
                if dialect.isSeparator(c) {
                    text += (c.localName == "tab" || c.localName == "ptab") ? "\t" : "\n"
                } else if let space = dialect.spaceElement, c.is(space.name) {
                    text += String(repeating: " ", count: Int(c.attribute(space.countAttribute, space.namespace) ?? "1") ?? 1)
                } else {
                    appendText(c, dialect, &text)
                }
            }
        }
    }

    private static func style(of paragraph: XMLNodePtr, _ dialect: Dialect) -> String? {
        if dialect.name == "DOCX" {
            for pPr in paragraph.children where pPr.isElement && pPr.localName == "pPr" {
                for s in pPr.children where s.isElement && s.localName == "pStyle" {
                    return s.attribute("val", s.namespaceURI)
                }
            }
            return nil
        }
        return paragraph.attribute("style-name", Namespaces.text[0])
    }
}

import Foundation
@testable import TenderKit

/// Wraps body XML in a minimal WordprocessingML document.
func docxPart(_ body: String) -> [UInt8] {
    Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " +
           "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>" +
           body + "</w:body></w:document>").utf8)
}

/// Renders one DOCX part and returns its paragraph texts (tabs as \t, breaks as \n).
func renderDocxPart(_ body: String, _ data: Value, strict: Bool = true) throws -> (xml: String, paragraphs: [String]) {
    let part = try PartTemplate.compile(docxPart(body), name: "word/document.xml", dialect: .docx, file: "t.docx")
    let out = try part.render(Evaluator(globals: data, strict: strict)) ?? docxPart(body)
    let xml = String(decoding: out, as: UTF8.self)
    return (xml, paragraphTexts(xml))
}

/// Paragraph texts of a DOCX part, as the conformance checker extracts them.
func paragraphTexts(_ xml: String) -> [String] {
    let doc = try! XMLTree(bytes: Array(xml.utf8), location: SourceLocation())
    var out: [String] = []
    func walk(_ n: XMLNodePtr, _ current: Int?) {
        for c in n.children where c.isElement {
            if c.localName == "p" {
                out.append("")
                walk(c, out.count - 1)
                continue
            }
            if let i = current, c.parent?.localName == "r" {
                switch c.localName {
                case "t": out[i] += String(decoding: c.children.filter(\.isText).flatMap(\.textBytes), as: UTF8.self); continue
                case "tab": out[i] += "\t"; continue
                case "br", "cr": out[i] += "\n"; continue
                default: break
                }
            }
            walk(c, current)
        }
    }
    walk(doc.root!, nil)
    return out
}

func p(_ runs: String) -> String { "<w:p>\(runs)</w:p>" }
func r(_ text: String, bold: Bool = false) -> String {
    "<w:r>\(bold ? "<w:rPr><w:b/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(text)</w:t></w:r>"
}

@preconcurrency import CLibXML2
import Foundation

/// An ODT draft: the mark in every master page's header, annotations in the body.
extension OdtFormat {
    enum Annotation {
        static let office = Namespaces.office[0]
        static let style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
        static let text = Namespaces.text[0]
        static let dc = "http://purl.org/dc/elements/1.1/"

        static func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws {
            // 1. The mark in every master page's header (a header where there is none).
            if let mark, edit.archive.contains("styles.xml") {
                let styles = try edit.tree("styles.xml")
                let sns = try DraftAnnotator.namespace(styles, style, prefix: "style")
                let tns = try DraftAnnotator.namespace(styles, text, prefix: "text")
                var masters: [XMLNodePtr] = []
                func find(_ n: XMLNodePtr) {
                    for c in n.children where c.isElement {
                        if c.localName == "master-page", c.namespaceURI == style { masters.append(c) } else { find(c) }
                    }
                }
                find(try edit.root("styles.xml"))
                for master in masters {
                    var headers = master.children.filter { $0.isElement && ["header", "header-first"].contains($0.localName) }
                    if !headers.contains(where: { $0.localName == "header" }) {
                        let h = DraftAnnotator.element(styles, sns, "header")
                        if let first = master.firstChild { first.insertBefore(h) } else { master.appendChild(h) }
                        headers.append(h)
                    }
                    for h in headers {
                        let p = DraftAnnotator.element(styles, tns, "p", text: mark)
                        if let first = h.firstChild { first.insertBefore(p) } else { h.appendChild(p) }
                    }
                }
                edit.save("styles.xml")
            }
            // 2. Annotations in the body.
            if !comments.isEmpty {
                let content = try edit.tree("content.xml")
                let ons = try DraftAnnotator.namespace(content, office, prefix: "office")
                let tns = try DraftAnnotator.namespace(content, text, prefix: "text")
                let dns = try DraftAnnotator.namespace(content, dc, prefix: "dc")
                let paras = DraftAnnotator.paragraphs(try edit.root("content.xml"), .odt)
                for comment in comments {
                    guard let para = DraftAnnotator.target(for: comment.anchor, in: paras) else { continue }
                    let a = DraftAnnotator.element(content, ons, "annotation")
                    a.appendChild(DraftAnnotator.element(content, dns, "creator", text: DraftAnnotator.author))
                    a.appendChild(DraftAnnotator.element(content, dns, "date", text: DraftAnnotator.timestamp(date)))
                    for line in comment.text.components(separatedBy: "\n") {
                        a.appendChild(DraftAnnotator.element(content, tns, "p", text: line))
                    }
                    if let first = para.firstChild { first.insertBefore(a) } else { para.appendChild(a) }
                }
                edit.save("content.xml")
            }
        }
    }

    func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws {
        try Annotation.annotate(&edit, mark: mark, comments: comments, date: date)
    }
}

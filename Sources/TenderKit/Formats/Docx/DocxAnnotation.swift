@preconcurrency import CLibXML2
import Foundation

/// A DOCX draft: the mark in a header of every section, comments in `word/comments.xml`.
extension DocxFormat {
    enum Annotation {
        static let w = Namespaces.w[0]
        static let relNS = "http://schemas.openxmlformats.org/package/2006/relationships"
        static let commentsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
        static let headerType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"

        static func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws {
            let main = try Relationships.targets(of: "", in: edit.archive, type: "officeDocument").first ?? "word/document.xml"
            let dir = (main as NSString).deletingLastPathComponent
            let relsName = dir + "/_rels/" + (main as NSString).lastPathComponent + ".rels"
            let doc = try edit.tree(main)
            let rels = try relationships(&edit, relsName)
            let types = try edit.tree("[Content_Types].xml")

            // 1. The mark in every header; a header of its own where a section has none.
            var headerParts = try Relationships.targets(of: main, in: edit.archive, type: "header")
            var draftHeaderId: String? = nil
            func sections(_ n: XMLNodePtr, _ out: inout [XMLNodePtr]) {
                for c in n.children where c.isElement { if c.localName == "sectPr" { out.append(c) }; sections(c, &out) }
            }
            var sectPrs: [XMLNodePtr] = []
            sections(try edit.root(main), &sectPrs)
            for sect in sectPrs where mark != nil {
                let refs = sect.children.filter { $0.isElement && $0.localName == "headerReference" }
                let kinds = Set(refs.compactMap { $0.attribute("type", w) })
                var needed: [String] = []
                if !kinds.contains("default") { needed.append("default") }
                if sect.children.contains(where: { $0.isElement && $0.localName == "titlePg" }), !kinds.contains("first") { needed.append("first") }
                guard !needed.isEmpty else { continue }
                let headerId: String
                if let existing = draftHeaderId {
                    headerId = existing
                } else {
                    let name = "headerdraft.xml"
                    headerId = try addRelationship(rels, type: headerType, target: name)
                    draftHeaderId = headerId
                    try addOverride(types, "/" + (dir.isEmpty ? "" : dir + "/") + name,
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml")
                    let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr xmlns:w=\"\(w)\"></w:hdr>"
                    edit.trees[(dir.isEmpty ? "" : dir + "/") + name] = try XMLTree(bytes: Array(header.utf8), location: SourceLocation(part: name))
                    headerParts.append((dir.isEmpty ? "" : dir + "/") + name)
                }
                let ns = sect.pointee.ns
                let rNS = try DraftAnnotator.namespace(doc, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", prefix: "r")
                for kind in needed {
                    let ref = DraftAnnotator.element(doc, ns, "headerReference", [(ns, "type", kind), (rNS, "id", headerId)])
                    if let first = sect.firstChild { first.insertBefore(ref) } else { sect.appendChild(ref) }
                }
            }
            for part in Set(headerParts).sorted() {
                guard let mark else { break }
                let tree = try edit.tree(part)
                let root = try edit.root(part)
                let ns = try DraftAnnotator.namespace(tree, w, prefix: "w")
                let p = DraftAnnotator.element(tree, ns, "p")
                let pPr = DraftAnnotator.element(tree, ns, "pPr")
                pPr.appendChild(DraftAnnotator.element(tree, ns, "jc", [(ns, "val", "right")]))
                p.appendChild(pPr)
                let r = DraftAnnotator.element(tree, ns, "r")
                let rPr = DraftAnnotator.element(tree, ns, "rPr")
                rPr.appendChild(DraftAnnotator.element(tree, ns, "b"))
                rPr.appendChild(DraftAnnotator.element(tree, ns, "color", [(ns, "val", "C00000")]))
                r.appendChild(rPr)
                r.appendChild(DraftAnnotator.element(tree, ns, "t", text: mark))
                p.appendChild(r)
                if let first = root.firstChild { first.insertBefore(p) } else { root.appendChild(p) }
            }

            // 2. Comments, in word/comments.xml, anchored in the body.
            if !comments.isEmpty {
                let existing = try Relationships.targets(of: main, in: edit.archive, type: "comments").first
                let commentsName = existing ?? (dir.isEmpty ? "" : dir + "/") + "comments.xml"
                if existing == nil {
                    _ = try addRelationship(rels, type: commentsType, target: (commentsName as NSString).lastPathComponent)
                    try addOverride(types, "/" + commentsName, "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml")
                    let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"\(w)\"></w:comments>"
                    edit.trees[commentsName] = try XMLTree(bytes: Array(empty.utf8), location: SourceLocation(part: commentsName))
                }
                let ctree = try edit.tree(commentsName)
                let croot = try edit.root(commentsName)
                let cns = try DraftAnnotator.namespace(ctree, w, prefix: "w")
                var nextId = (croot.children.compactMap { Int($0.attribute("id", w) ?? "") }.max() ?? -1) + 1
                let paras = DraftAnnotator.paragraphs(try edit.root(main), .docx)
                let dns = try DraftAnnotator.namespace(doc, w, prefix: "w")
                for comment in comments {
                    let id = String(nextId)
                    nextId += 1
                    let c = DraftAnnotator.element(ctree, cns, "comment", [(cns, "id", id), (cns, "author", DraftAnnotator.author),
                                                                            (cns, "date", DraftAnnotator.timestamp(date)), (cns, "initials", "T")])
                    for line in comment.text.components(separatedBy: "\n") {
                        let p = DraftAnnotator.element(ctree, cns, "p")
                        let r = DraftAnnotator.element(ctree, cns, "r")
                        let t = DraftAnnotator.element(ctree, cns, "t", text: line)
                        xmlNodeSetSpacePreserve(t, 1)
                        r.appendChild(t)
                        p.appendChild(r)
                        c.appendChild(p)
                    }
                    croot.appendChild(c)
                    guard let para = DraftAnnotator.target(for: comment.anchor, in: paras) else { continue }
                    let start = DraftAnnotator.element(doc, dns, "commentRangeStart", [(dns, "id", id)])
                    if let pPr = para.children.first(where: { $0.isElement && $0.localName == "pPr" }) {
                        pPr.insertAfter(start)
                    } else if let first = para.firstChild {
                        first.insertBefore(start)
                    } else {
                        para.appendChild(start)
                    }
                    para.appendChild(DraftAnnotator.element(doc, dns, "commentRangeEnd", [(dns, "id", id)]))
                    let ref = DraftAnnotator.element(doc, dns, "r")
                    ref.appendChild(DraftAnnotator.element(doc, dns, "commentReference", [(dns, "id", id)]))
                    para.appendChild(ref)
                }
            }
            edit.saveAll()
        }

        static func relationships(_ edit: inout PackageEdit, _ name: String) throws -> XMLTree {
            if edit.archive.contains(name) { return try edit.tree(name) }
            let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"\(relNS)\"></Relationships>"
            let t = try XMLTree(bytes: Array(empty.utf8), location: SourceLocation(part: name))
            edit.trees[name] = t
            return t
        }

        /// Adds a relationship with a fresh id; returns the id.
        static func addRelationship(_ rels: XMLTree, type: String, target: String) throws -> String {
            let root = try rels.rootElement(SourceLocation(part: "relationships"))
            let ids = Set(root.children.compactMap { $0.attribute("Id", nil) })
            var n = ids.count + 1
            while ids.contains("rIdTender\(n)") { n += 1 }
            let id = "rIdTender\(n)"
            let rel = DraftAnnotator.element(rels, root.pointee.ns, "Relationship", [(nil, "Id", id), (nil, "Type", type), (nil, "Target", target)])
            root.appendChild(rel)
            return id
        }

        static func addOverride(_ types: XMLTree, _ partName: String, _ contentType: String) throws {
            let root = try types.rootElement(SourceLocation(part: "[Content_Types].xml"))
            let o = DraftAnnotator.element(types, root.pointee.ns, "Override", [(nil, "PartName", partName), (nil, "ContentType", contentType)])
            root.appendChild(o)
        }
    }

    func annotate(_ edit: inout PackageEdit, mark: String?, comments: [ReviewComment], date: DateValue) throws {
        try Annotation.annotate(&edit, mark: mark, comments: comments, date: date)
    }
}

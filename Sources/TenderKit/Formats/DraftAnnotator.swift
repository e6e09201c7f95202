@preconcurrency import CLibXML2
import Foundation

/// A reviewer comment to place in a draft: anchored at the first paragraph whose text
/// contains `anchor`, or at the start of the document.
public struct ReviewComment: Sendable, Equatable {
    public var anchor: String?
    public var text: String
    public init(anchor: String?, text: String) { self.anchor = anchor; self.text = text }
}

/// Turns a built document into a draft a partner can review: a "PROJET — date" mark in the
/// header of every page, and comments at the places they are about, each written by the
/// document's format. The file is rewritten atomically; a final build never goes through here.
public enum DraftAnnotator {
    public static let author = "tender"

    public static func annotate(_ path: String, mark: String?, comments: [ReviewComment], date: DateValue) throws {
        let archive = try ZipArchive(path: path)
        let format = try DocumentFormat.detect(archive)
        var edit = PackageEdit(archive: archive)
        try format.adapter.annotate(&edit, mark: mark, comments: comments, date: date)
        // Write beside, then rename over the built file.
        let temp = (path as NSString).deletingLastPathComponent + "/.draft-" + UUID().uuidString + "." + (path as NSString).pathExtension
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try ArchiveWriter.write(to: temp, from: archive, replacing: edit.replaced, adding: edit.added, storedFirst: format.storedFirst)
        guard rename(temp, path) == 0 else {
            throw TenderError.error(ToolMessage.cannotReplace(path, SystemError.describe(errno: errno)).text, status: .cannotCreate)
        }
    }

    /// The ISO date-time Word and LibreOffice write for a comment.
    static func timestamp(_ d: DateValue) -> String { String(format: "%04d-%02d-%02dT00:00:00Z", d.year, d.month, d.day) }

    // MARK: Helpers on trees

    /// The namespace `href` as declared on the root element; declared there when it is not.
    static func namespace(_ tree: XMLTree, _ href: String, prefix: String) throws -> xmlNsPtr {
        let root = try tree.rootElement(SourceLocation())
        if let ns = xmlSearchNsByHref(tree.doc, root, href) { return ns }
        return xmlNewNs(root, href, prefix)
    }

    static func element(_ tree: XMLTree, _ ns: xmlNsPtr?, _ name: String, _ attributes: [(xmlNsPtr?, String, String)] = [],
                        text: String? = nil) -> XMLNodePtr {
        let e = tree.newElement(ns, name)
        for (ans, a, v) in attributes { xmlSetNsProp(e, ans, a, v) }
        if let text { e.appendChild(tree.newText(Array(text.utf8))) }
        return e
    }

    /// Paragraphs in document order with their text, as the one paragraph reader reads them.
    static func paragraphs(_ root: XMLNodePtr, _ dialect: Dialect) -> [(XMLNodePtr, String)] {
        ParagraphReader(dialect: dialect).read(root).map { ($0.node, $0.text) }
    }

    /// The paragraph a comment goes to: the first whose text holds the anchor (spaces of any
    /// kind compared loosely), else the first paragraph with text, else the first.
    static func target(for anchor: String?, in paragraphs: [(XMLNodePtr, String)]) -> XMLNodePtr? {
        func loose(_ s: String) -> String {
            String(s.unicodeScalars.map { CharacterSet.whitespaces.contains($0) ? " " : Character($0) })
        }
        if let anchor, !anchor.isEmpty {
            let a = loose(anchor)
            if let hit = paragraphs.first(where: { loose($0.1).contains(a) }) { return hit.0 }
        }
        return paragraphs.first(where: { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty })?.0 ?? paragraphs.first?.0
    }
}

/// Parts read, changed and added while annotating.
struct PackageEdit {
    let archive: ZipArchive
    var trees: [String: XMLTree] = [:]
    var added: [(name: String, data: [UInt8])] = []
    var replaced: [String: [UInt8]] = [:]

    init(archive: ZipArchive) { self.archive = archive }

    mutating func tree(_ name: String) throws -> XMLTree {
        if let t = trees[name] { return t }
        let t = try XMLTree(bytes: try archive.read(name), location: SourceLocation(file: archive.path, part: name))
        trees[name] = t
        return t
    }

    /// The root element of a part read or added.
    mutating func root(_ name: String) throws -> XMLNodePtr {
        try tree(name).rootElement(SourceLocation(file: archive.path, part: name))
    }

    mutating func save(_ name: String) { if let t = trees[name] { replaced[name] = t.serialize() } }

    /// Saves every part read (changed or not) and adds those that are new, in name order.
    mutating func saveAll() {
        for (name, tree) in trees {
            if archive.contains(name) { replaced[name] = tree.serialize() } else { added.append((name, tree.serialize())) }
        }
        added.sort { $0.name < $1.name }
    }
}

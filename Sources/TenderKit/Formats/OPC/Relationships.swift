@preconcurrency import CLibXML2
import Foundation

/// Reads OPC relationship parts (`_rels/*.rels`).
enum Relationships {
    struct Relationship { var type: String; var target: String; var id: String? = nil }

    static func all(of part: String, in archive: ZipArchive) throws -> [Relationship] {
        let dir = (part as NSString).deletingLastPathComponent
        let relsName = (dir.isEmpty ? "" : dir + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
        guard archive.contains(relsName) else { return [] }
        let tree = try XMLTree(bytes: try archive.read(relsName), location: SourceLocation(file: archive.path, part: relsName))
        var out: [Relationship] = []
        for rel in tree.root?.children ?? [] where rel.isElement && rel.localName == "Relationship" {
            guard rel.attribute("TargetMode", nil) != "External",
                  let type = rel.attribute("Type", nil), let target = rel.attribute("Target", nil) else { continue }
            out.append(Relationship(type: lastComponent(type), target: resolve(target, from: dir),
                                    id: rel.attribute("Id", nil)))
        }
        return out
    }

    static func targets(of part: String, in archive: ZipArchive, type: String) throws -> [String] {
        try all(of: part, in: archive).filter { $0.type == type }.map(\.target)
    }

    /// The last non-empty `/`-separated piece of a relationship type (`…/relationships/styles`
    /// → `styles`), found in the UTF-8: splitting the long URI by Characters cost more than
    /// reading the relationships.
    static func lastComponent(_ type: String) -> String {
        let utf8 = type.utf8, slash = UInt8(ascii: "/")
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == slash { end = utf8.index(before: end) }
        let start = utf8[..<end].lastIndex(of: slash).map { utf8.index(after: $0) } ?? utf8.startIndex
        return String(type[start..<end])
    }

    static func resolve(_ target: String, from dir: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = dir.isEmpty ? [] : dir.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    /// header2 before header10.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric]) == .orderedAscending
    }
}

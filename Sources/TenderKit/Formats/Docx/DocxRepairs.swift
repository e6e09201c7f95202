@preconcurrency import CLibXML2
import Foundation

/// Gives repeated drawings and bookmarks fresh ids, so that Word never reports
/// unreadable content after a loop copied them.
struct IdRenumbering {
    var nextDrawingId: Int
    private var seenDrawingIds = Set<String>()

    init(nextDrawingId: Int) { self.nextDrawingId = nextDrawingId }

    static func maxDrawingId(in bytes: [UInt8]) -> Int {
        var m = 0
        forEachElement(named: "docPr", in: bytes) { range in
            if let (_, v) = attribute("id", in: bytes, range), let n = Int(v) { m = max(m, n) }
        }
        return m
    }

    /// Calls `body` with the byte range of each start tag `<prefix:name …>`.
    static func forEachElement(named local: String, in bytes: [UInt8], _ body: (Range<Int>) -> Void) {
        let needle = Array(":\(local) ".utf8)
        bytes.withUnsafeBufferPointer { buf in
            let n = buf.count, m = needle.count
            var i = 0
            while i < n {
                guard buf[i] == 0x3C, i + 1 < n, buf[i + 1] != 0x2F else { i += 1; continue }
                var j = i + 1
                while j < n, buf[j] != 0x3A, buf[j] != 0x20, buf[j] != 0x3E, j - i < 16 { j += 1 }
                var match = j + m <= n
                if match {
                    for k in 0..<m where buf[j + k] != needle[k] { match = false; break }
                }
                if match {
                    var k = j
                    while k < n, buf[k] != 0x3E { k += 1 }
                    body(i..<min(k + 1, n))
                    i = k
                }
                i += 1
            }
        }
    }

    /// Whether `bytes` contains `text` (a quick test before any scanning).
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            let n = buf.count, m = needle.count, first = needle[0]
            var i = 0
            while i + m <= n {
                if buf[i] == first {
                    var k = 1
                    while k < m, buf[i + k] == needle[k] { k += 1 }
                    if k == m { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// The value range and value of attribute `name` (any prefix) inside a start tag.
    static func attribute(_ name: String, in bytes: [UInt8], _ tag: Range<Int>) -> (Range<Int>, String)? {
        let needle = Array("\(name)=\"".utf8)
        var i = tag.lowerBound
        while i + needle.count < tag.upperBound {
            if Array(bytes[i..<(i + needle.count)]) == needle, bytes[i - 1] == 0x20 || bytes[i - 1] == 0x3A {
                let start = i + needle.count
                var end = start
                while end < tag.upperBound, bytes[end] != 0x22 { end += 1 }
                return (start..<end, String(decoding: bytes[start..<end], as: UTF8.self))
            }
            i += 1
        }
        return nil
    }

    /// Rewrites duplicate drawing ids (across the document) and bookmark ids (within the part).
    mutating func renumber(_ bytes: [UInt8]) -> [UInt8] {
        let drawings = IdRenumbering.contains(bytes, "docPr "), bookmarks = IdRenumbering.contains(bytes, "bookmarkStart ")
        guard drawings || bookmarks else { return bytes }
        var edits: [(Range<Int>, String)] = []
        IdRenumbering.forEachElement(named: "docPr", in: bytes) { tag in
            guard let (r, v) = IdRenumbering.attribute("id", in: bytes, tag) else { return }
            if seenDrawingIds.contains(v) {
                edits.append((r, String(nextDrawingId)))
                seenDrawingIds.insert(String(nextDrawingId))
                nextDrawingId += 1
            } else {
                seenDrawingIds.insert(v)
            }
        }
        var maxBookmark = 0
        IdRenumbering.forEachElement(named: "bookmarkStart", in: bytes) { tag in
            if let (_, v) = IdRenumbering.attribute("id", in: bytes, tag), let n = Int(v) { maxBookmark = max(maxBookmark, n) }
        }
        var seen = Set<String>()
        var current: [String: String] = [:]
        var events: [(Range<Int>, Bool)] = []
        IdRenumbering.forEachElement(named: "bookmarkStart", in: bytes) { events.append(($0, true)) }
        IdRenumbering.forEachElement(named: "bookmarkEnd", in: bytes) { events.append(($0, false)) }
        for (tag, isStart) in events.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            guard let (r, v) = IdRenumbering.attribute("id", in: bytes, tag) else { continue }
            if isStart {
                if seen.contains(v) {
                    maxBookmark += 1
                    let fresh = String(maxBookmark)
                    current[v] = fresh
                    edits.append((r, fresh))
                    if let (nr, name) = IdRenumbering.attribute("name", in: bytes, tag), !name.hasPrefix("_") {
                        edits.append((nr, "\(name)_\(fresh)"))
                    }
                } else {
                    seen.insert(v)
                    current[v] = v
                }
            } else if let mapped = current[v], mapped != v {
                edits.append((r, mapped))
            }
        }
        guard !edits.isEmpty else { return bytes }
        var out = bytes
        for (r, v) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(r, with: Array(v.utf8))
        }
        return out
    }
}

/// After column loops and merges: the table grid matches the widest row, and every cell
/// keeps a paragraph (Word requires one).
enum TableRepair {
    static func repair(_ bytes: [UInt8], location: SourceLocation) throws -> [UInt8] {
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root else { return bytes }
        var tables: [XMLNodePtr] = []
        func collect(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.is(Dialect.docx.table) { tables.append(c) }
                collect(c)
            }
        }
        collect(root)
        for table in tables { fix(table, tree) }
        return tree.serialize()
    }

    private static func fix(_ table: XMLNodePtr, _ tree: XMLTree) {
        let w = Namespaces.w
        let rows = table.children.filter { $0.is(QName("tr", w)) }
        var widest = 0
        for row in rows {
            var span = 0
            for cell in row.children where cell.is(QName("tc", w)) {
                if !cell.children.contains(where: { $0.is(QName("p", w)) }) {
                    cell.appendChild(xmlNewDocNode(tree.doc, cell.pointee.ns, "p", nil))
                }
                var n = 1
                if let pr = cell.children.first(where: { $0.is(QName("tcPr", w)) }),
                   let gs = pr.children.first(where: { $0.is(QName("gridSpan", w)) }),
                   let v = gs.attribute("val", w[0]) ?? gs.attribute("val", w[1]), let k = Int(v) {
                    n = max(1, k)
                }
                span += n
            }
            widest = max(widest, span)
        }
        guard widest > 0, let grid = table.children.first(where: { $0.is(QName("tblGrid", w)) }) else { return }
        let cols = grid.children.filter { $0.is(QName("gridCol", w)) }
        guard cols.count != widest, !cols.isEmpty else { return }
        let widths = cols.map { Int($0.attribute("w", w[0]) ?? $0.attribute("w", w[1]) ?? "0") ?? 0 }
        let total = widths.reduce(0, +)
        for c in cols { c.unlinkAndFree() }
        let each = total > 0 ? total / widest : 0
        for _ in 0..<widest {
            let col = tree.newElement(grid.pointee.ns, "gridCol")
            if total > 0 { xmlSetNsProp(col, grid.pointee.ns, "w", String(each)) }
            grid.appendChild(col)
        }
    }
}

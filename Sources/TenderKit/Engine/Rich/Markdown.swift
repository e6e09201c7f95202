@preconcurrency import CCMark
import Foundation

/// CommonMark (with GitHub's pipe tables, strikethrough and autolinks) to `RichText`, parsed by
/// GitHub's cmark-gfm: a well-kept reference implementation rather than a parser of our own.
/// Raw HTML is kept as its text; images written in Markdown keep their alternative text.
public enum Markdown {
    nonisolated(unsafe) private static var registered = false
    private static let lock = NSLock()

    public static func parse(_ source: String) -> RichText {
        lock.lock()
        if !registered { cmark_gfm_core_extensions_ensure_registered(); registered = true }
        lock.unlock()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return RichText(blocks: []) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        let bytes = Array(source.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return RichText(blocks: []) }
        defer { cmark_node_free(document) }
        return RichText(blocks: blocks(of: document))
    }

    private static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child { out.append(c); child = cmark_node_next(c) }
        return out
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(of node: OpaquePointer) -> [RichBlock] {
        var out: [RichBlock] = []
        for c in children(node) {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_PARAGRAPH:
                out.append(.paragraph(runs(of: c, RichRun(text: ""))))
            case CMARK_NODE_HEADING:
                out.append(.heading(Int(cmark_node_get_heading_level(c)), runs(of: c, RichRun(text: ""))))
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST
                let items = children(c).map { blocks(of: $0) }
                out.append(.list(ordered: ordered, start: max(1, Int(cmark_node_get_list_start(c))), items: items))
            case CMARK_NODE_BLOCK_QUOTE:
                out.append(contentsOf: blocks(of: c))
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                var text = literal(c)
                if text.hasSuffix("\n") { text.removeLast() }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                var r: [RichRun] = []
                for (i, line) in lines.enumerated() {
                    if i > 0 { r.append(RichRun(text: "", lineBreak: true)) }
                    r.append(RichRun(text: String(line), code: true))
                }
                out.append(.paragraph(r))
            case CMARK_NODE_THEMATIC_BREAK:
                break
            default:
                if typeName(c) == "table" {
                    let rows = children(c).filter { typeName($0) == "table_row" || typeName($0) == "table_header" }
                    let header = rows.first.map { cmark_gfm_extensions_get_table_row_is_header($0) != 0 } ?? false
                    out.append(.table(rows: rows.map { row in children(row).map { runs(of: $0, RichRun(text: "")) } },
                                      header: header))
                } else {
                    out.append(contentsOf: blocks(of: c))
                }
            }
        }
        return out
    }

    /// The inline content of `node` as runs, each carrying the formatting of its ancestors.
    private static func runs(of node: OpaquePointer, _ style: RichRun) -> [RichRun] {
        var out: [RichRun] = []
        func add(_ text: String, _ s: RichRun) {
            if let last = out.last, !last.lineBreak, last.image == nil, last.bold == s.bold, last.italic == s.italic,
               last.strike == s.strike, last.code == s.code, last.link == s.link {
                out[out.count - 1].text += text
            } else {
                var run = s
                run.text = text
                out.append(run)
            }
        }
        for c in children(node) {
            var s = style
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
                add(literal(c), style)
            case CMARK_NODE_SOFTBREAK:
                add(" ", style)
            case CMARK_NODE_LINEBREAK:
                var br = style
                br.text = ""
                br.lineBreak = true
                out.append(br)
            case CMARK_NODE_CODE:
                s.code = true
                add(literal(c), s)
            case CMARK_NODE_EMPH:
                s.italic = true
                out.append(contentsOf: runs(of: c, s))
            case CMARK_NODE_STRONG:
                s.bold = true
                out.append(contentsOf: runs(of: c, s))
            case CMARK_NODE_LINK:
                s.link = cmark_node_get_url(c).map { String(cString: $0) }
                out.append(contentsOf: runs(of: c, s))
            default:
                if typeName(c) == "strikethrough" { s.strike = true }
                out.append(contentsOf: runs(of: c, s))
            }
        }
        return out
    }
}

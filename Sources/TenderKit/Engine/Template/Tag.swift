import Foundation

/// A tag found in a part, with everything needed to place it and to report on it.
final class TagSite {
    enum Kind: Equatable { case output, statement, comment }

    let kind: Kind
    /// The tag as written, delimiters included (after gathering split runs).
    let text: String
    /// The text between the delimiters, with the structural prefix and trim dashes removed.
    let body: String
    /// `{%tr …%}`, `{%tc …%}`, `{%p …%}`, `{%r …%}` (and `{#p … #}`).
    let prefix: Scope?
    /// `{%-` (join with the text before) and `-%}` (join with the text after).
    let trimBefore: Bool
    let trimAfter: Bool

    /// Where the tag's characters are: a text node and the byte range within it.
    var textNode: XMLNodePtr
    var range: Range<Int>
    let paragraph: XMLNodePtr
    var location: SourceLocation
    /// True when the paragraph holds nothing but this tag (and white space).
    var aloneInParagraph = false
    /// True when the paragraph is inside a table cell.
    var inTableCell = false

    var statement: Statement?
    var expression: Expr?
    var scope: Scope = .inline
    /// The element the marker replaces (for a structural scope).
    var scopeElement: XMLNodePtr?
    /// Dropped: inside another tag's structural element, which replaces it.
    var dropped = false
    /// The block it opens, continues (`elif`, `else`) or closes, once blocks are matched.
    var edge: BlockEdge?

    init(kind: Kind, text: String, body: String, prefix: Scope?, trimBefore: Bool, trimAfter: Bool,
         textNode: XMLNodePtr, range: Range<Int>, paragraph: XMLNodePtr, location: SourceLocation) {
        self.kind = kind; self.text = text; self.body = body; self.prefix = prefix
        self.trimBefore = trimBefore; self.trimAfter = trimAfter
        self.textNode = textNode; self.range = range; self.paragraph = paragraph; self.location = location
    }

    /// Parses a tag's text (delimiters included) into kind, body, prefix and trim flags.
    static func split(_ text: String) -> (kind: Kind, body: String, prefix: Scope?, trimBefore: Bool, trimAfter: Bool) {
        let open = text.prefix(2)
        var inner = String(text.dropFirst(2).dropLast(2))
        let kind: Kind = open == "{{" ? .output : open == "{%" ? .statement : .comment
        var trimBefore = false, trimAfter = false
        if kind == .statement {
            if inner.hasPrefix("-") { trimBefore = true; inner.removeFirst() }
            if inner.hasSuffix("-") { trimAfter = true; inner.removeLast() }
        }
        var prefix: Scope? = nil
        for candidate in [Scope.row, .cell, .paragraph, .run] {
            let p = candidate.rawValue
            if inner.hasPrefix(p), inner.count > p.count, inner[inner.index(inner.startIndex, offsetBy: p.count)].isWhitespace {
                if kind == .comment && candidate == .run { continue }
                prefix = candidate
                inner = String(inner.dropFirst(p.count))
                break
            }
        }
        // `{{r x}}` and `{{p x}}` are docxtpl's rich-text forms: for plain values they render inline.
        if kind == .output { prefix = nil }
        return (kind, inner.trimmingCharacters(in: .whitespacesAndNewlines), prefix, trimBefore, trimAfter)
    }
}

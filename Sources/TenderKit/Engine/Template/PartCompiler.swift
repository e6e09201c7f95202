@preconcurrency import CLibXML2
import Foundation

/// Compiles one XML part of a template into a `Program`: it finds the tags over split runs,
/// gathers each into one text node, decides each block's scope, replaces tags by markers,
/// serializes the tree once and cuts it into literal slices and instructions.
final class PartCompiler {
    let tree: XMLTree
    let dialect: Dialect
    let base: SourceLocation
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var tags: [TagSite] = []

    private var paragraphNumber: [XMLNodePtr: Int] = [:]
    private var tableNumber: [XMLNodePtr: Int] = [:]
    private var rowNumber: [XMLNodePtr: Int] = [:]
    private var rowCount: [XMLNodePtr: Int] = [:]
    private var paragraphs: [ParagraphText] = []
    private var slots: [Slot] = []
    static let markerName = "tender-slot"

    typealias Segment = ParagraphReader.Segment
    typealias ParagraphText = ParagraphReader.Paragraph

    init(tree: XMLTree, dialect: Dialect, location: SourceLocation) {
        self.tree = tree
        self.dialect = dialect
        var base = location
        base.sheet = dialect.sheet
        self.base = base
    }

    private func error(_ message: String, _ tag: TagSite?, hint: String? = nil, at location: SourceLocation? = nil) {
        diagnostics.append(.error(message, at: location ?? tag?.location ?? base, hint: hint))
    }

    // MARK: Driver

    /// Compiles the part. Returns nil when it holds no tag (the caller copies it unchanged),
    /// or when errors were found (see `diagnostics`).
    func compile() -> Program? {
        guard let root = tree.root else { return nil }
        index(root)
        for p in paragraphs { findTags(in: p) }
        if tags.isEmpty { return nil }
        parseTags()
        resolveExplicitScopes()
        let blocks = matchBlocks()
        inferScopes(blocks)
        validateCuts(blocks)
        if diagnostics.contains(where: { $0.severity == .error }) { return nil }
        placeMarkers()
        let items = cutSerialized()
        var builder = ProgramBuilder(slots: slots)
        let program = builder.build(items)
        diagnostics.append(contentsOf: builder.diagnostics)
        return diagnostics.contains(where: { $0.severity == .error }) ? nil : program
    }

    // MARK: 1. Index the text

    /// Reads the paragraphs (with the one paragraph reader) and numbers tables and rows for
    /// locations; removes stray markers a template may hold.
    private func index(_ root: XMLNodePtr) {
        var tableCounter = 0
        var reader = ParagraphReader(dialect: dialect)
        reader.visit = { [self] c, _ in
            if c.is(dialect.table) {
                tableCounter += 1
                tableNumber[c] = tableCounter
            } else if c.is(dialect.row), let table = c.ancestor(dialect.table) {
                // Rows in document order, also inside row groups (ODT header rows).
                rowCount[table, default: 0] += 1
                rowNumber[c] = rowCount[table]
            }
        }
        reader.instruction = { c in
            if c.localName == PartCompiler.markerName { c.unlinkAndFree() }
        }
        paragraphs = reader.read(root)
        for (i, p) in paragraphs.enumerated() { paragraphNumber[p.node] = i + 1 }
    }

    // MARK: 2. Find tags and gather each into one text node

    private func findTags(in p: ParagraphText) {
        guard p.segments.contains(where: { $0.kind == .text && $0.bytes.contains(0x7B) }) else { return }
        var s: [UInt8] = []
        var owner: [Int] = []   // segment index of each byte
        for (i, seg) in p.segments.enumerated() {
            s.append(contentsOf: seg.bytes)
            owner.append(contentsOf: Array(repeating: i, count: seg.bytes.count))
        }
        // Tag ranges in the paragraph string.
        var ranges: [Range<Int>] = []
        var i = 0
        while i + 1 < s.count {
            guard s[i] == 0x7B, [0x7B, 0x25, 0x23].contains(s[i + 1]) else { i += 1; continue }
            let close: UInt8 = s[i + 1] == 0x7B ? 0x7D : s[i + 1]
            var j = i + 2
            var end: Int? = nil
            while j + 1 < s.count {
                if s[j] == 0 { break }
                if s[j] == close && s[j + 1] == 0x7D { end = j + 2; break }
                j += 1
            }
            guard let end else {
                let snippet = String(decoding: s[i..<min(s.count, i + 60)].map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
                let broken = j < s.count && s[j] == 0
                error(broken ? EngineMessage.tagCut.text : EngineMessage.tagNotClosed.text,
                      nil,
                      hint: broken ? EngineMessage.tagCutHint.text
                                   : EngineMessage.tagNotClosedHint(close: close == 0x7D ? "}}" : String(UnicodeScalar(close)) + "}").text,
                      at: location(of: p.node, tagText: snippet))
                i = j + 1
                continue
            }
            ranges.append(i..<end)
            i = end
        }
        guard !ranges.isEmpty else { return }

        // New content of each text segment: a tag's bytes all go to the segment where it starts.
        var newBytes = p.segments.map { _ in [UInt8]() }
        var consumed = Set<Int>()
        var tagStarts: [(segment: Int, offset: Int, length: Int)] = []
        var r = 0
        var pos = 0
        while pos < s.count {
            if r < ranges.count, ranges[r].lowerBound == pos {
                let range = ranges[r]
                let seg = owner[pos]
                tagStarts.append((seg, newBytes[seg].count, range.count))
                for q in range {
                    newBytes[seg].append(s[q])
                    if owner[q] != seg { consumed.insert(owner[q]) }
                }
                pos = range.upperBound
                r += 1
                continue
            }
            newBytes[owner[pos]].append(s[pos])
            pos += 1
        }
        // Apply: rewrite changed text nodes; remove emptied and consumed ones.
        for (idx, seg) in p.segments.enumerated() {
            switch seg.kind {
            case .text:
                if newBytes[idx] != seg.bytes {
                    if newBytes[idx].isEmpty && consumed.contains(idx) {
                        removeEmptied(seg.node)
                    } else {
                        seg.node.setTextBytes(newBytes[idx])
                    }
                }
            case .spaces:
                if consumed.contains(idx) { removeEmptied(seg.node) }
            case .tab, .lineBreak:
                break
            }
        }
        var restIsBlank = true
        var cursor = 0
        for range in ranges {
            if !PartCompiler.isBlank(s[cursor..<range.lowerBound]) { restIsBlank = false }
            cursor = range.upperBound
        }
        if !PartCompiler.isBlank(s[cursor..<s.count]) { restIsBlank = false }
        for start in tagStarts {
            let node = p.segments[start.segment].node
            let bytes = newBytes[start.segment][start.offset..<(start.offset + start.length)]
            let text = String(decoding: bytes, as: UTF8.self)
            let parts = TagSite.split(text)
            let tag = TagSite(kind: parts.kind, text: text, body: parts.body, prefix: parts.prefix,
                              trimBefore: parts.trimBefore, trimAfter: parts.trimAfter,
                              textNode: node, range: start.offset..<(start.offset + start.length),
                              paragraph: p.node, location: location(of: p.node, tagText: text))
            tag.aloneInParagraph = ranges.count == 1 && restIsBlank && !p.hasObjects
            tag.inTableCell = p.node.ancestor(dialect.cell) != nil
            if dialect.preservesSpaceAttribute, let holder = node.parent { xmlNodeSetSpacePreserve(holder, 1) }
            tags.append(tag)
        }
    }

    /// Spaces, tabs and no-break spaces only (a `0` byte marks a break: not blank).
    static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if b == 0xC2, i + 1 < bytes.endIndex, bytes[i + 1] == 0xA0 { i += 2; continue }
            if b == 0xE2, i + 2 < bytes.endIndex, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF { i += 3; continue }
            return false
        }
        return true
    }

    /// Removes a node whose text moved into a tag, then its text element and run if left empty.
    private func removeEmptied(_ node: XMLNodePtr) {
        var holder = node.parent
        node.unlinkAndFree()
        while let h = holder, !dialect.isParagraph(h) {
            let isTextElement = dialect.textElements?.contains { h.is($0) } ?? false
            guard isTextElement || h.is(dialect.run) else { break }
            guard !h.hasContent(ignoring: dialect.runProperties) else { break }
            holder = h.parent
            h.unlinkAndFree()
        }
    }

    func location(of paragraph: XMLNodePtr, tagText: String?) -> SourceLocation {
        var loc = base
        loc.paragraph = paragraphNumber[paragraph]
        if let row = paragraph.ancestor(dialect.row), let table = row.ancestor(dialect.table) {
            loc.table = tableNumber[table]
            loc.row = rowNumber[row]
        }
        if let place = dialect.cellPlace?(paragraph) {
            loc.sheet = place.sheet ?? loc.sheet
            loc.cell = place.cell
        }
        loc.tag = tagText
        return loc
    }

    // MARK: 3. Parse

    private func parseTags() {
        for tag in tags {
            do {
                switch tag.kind {
                case .output:
                    tag.expression = try Parser.expression(tag.body)
                case .statement:
                    tag.statement = try Parser.statement(tag.body)
                case .comment:
                    break
                }
                let expressions = tag.expression.map { [$0] } ?? tag.statement.map(FilterCheck.expressions) ?? []
                for e in expressions {
                    for problem in FilterCheck.problems(in: e) { error(problem.message, tag, hint: problem.hint) }
                }
            } catch let e as SyntaxError {
                error(EngineMessage.syntaxError(e.message).text, tag, hint: PartCompiler.syntaxHint(tag))
            } catch {
                self.error(EngineMessage.syntaxError("\(error)").text, tag)
            }
        }
    }

    static func syntaxHint(_ tag: TagSite) -> String {
        switch tag.kind {
        case .output: return EngineMessage.outputTagReads.text
        case .statement: return EngineMessage.statementTagReads.text
        case .comment: return EngineMessage.commentReads.text
        }
    }

    // MARK: 4. Scopes

    private func scopeElement(_ scope: Scope, of tag: TagSite) -> XMLNodePtr? {
        switch scope {
        case .row: return tag.paragraph.ancestor(dialect.row)
        case .cell: return tag.paragraph.ancestor(dialect.cell)
        case .paragraph: return dialect.paragraphScope(of: tag.paragraph)
        case .run: return tag.textNode.ancestor(dialect.run)
        case .inline: return nil
        }
    }

    private func resolveExplicitScopes() {
        var owners: [XMLNodePtr: Int] = [:]
        for tag in tags {
            guard let prefix = tag.prefix else { continue }
            guard let element = scopeElement(prefix, of: tag) else {
                if prefix == .run { continue } // no run to stand for: the tag stays inline
                let what: EngineMessage.PrefixScope = prefix == .row ? .row : prefix == .cell ? .cell : .paragraph
                error(EngineMessage.prefixOutside(tag: tag.text, what).text, tag,
                      hint: EngineMessage.prefixOutsideHint(what).text)
                continue
            }
            tag.scope = prefix
            tag.scopeElement = element
            owners[element, default: 0] += 1
        }
        guard !owners.isEmpty else { return }
        for tag in tags {
            var n: XMLNodePtr? = tag.textNode.parent
            while let c = n {
                if owners[c] != nil, c != tag.scopeElement {
                    // Inside another tag's element: that element is replaced, this tag goes with it,
                    // unless it stands for a larger element (then it is the other one that goes).
                    tag.dropped = true
                    break
                }
                n = c.parent
            }
        }
    }

    /// Matches the block tags once, into the blocks the program is built from: each tag is
    /// given its edge (see `TagSite.edge`). Reports every stray, crossing or unclosed block.
    private func matchBlocks() -> [Block] {
        var stack: [Block] = []
        var blocks: [Block] = []
        for tag in tags where !tag.dropped {
            guard let st = tag.statement else { continue }
            switch st {
            case .forLoop, .ifBlock:
                if stack.count >= EngineLimits.maxNesting {
                    error(EngineMessage.blocksTooDeep(EngineLimits.maxNesting).text, tag,
                          hint: EngineMessage.blocksTooDeepHint.text)
                    return []
                }
                guard let block = Block(opening: st, at: tag) else { continue }
                tag.edge = .opens(block)
                stack.append(block)
            case .elif, .elseBlock:
                guard let top = stack.last else {
                    error(EngineMessage.noOpenIf(tag: tag.text, orFor: st == .elseBlock).text, tag,
                          hint: EngineMessage.noOpenIfHint.text)
                    continue
                }
                if st != .elseBlock && !top.isConditional {
                    error(EngineMessage.insideLoopNotIf(tag: tag.text, loop: top.tags[0].text).text, tag,
                          hint: EngineMessage.closeLoopFirstHint.text)
                } else if top.tags.contains(where: { $0.statement == .elseBlock }) {
                    error(EngineMessage.afterElse(tag: tag.text, block: top.tags[0].text).text, tag,
                          hint: EngineMessage.elseLastHint.text)
                }
                top.tags.append(tag)
                if case .elif(let condition) = st { tag.edge = .branch(condition, tag.location) } else { tag.edge = .branch(nil, tag.location) }
            case .endFor, .endIf:
                let wantFor = st == .endFor
                guard let top = stack.last else {
                    error(EngineMessage.closesNothing(tag: tag.text, isFor: wantFor).text, tag,
                          hint: EngineMessage.closesNothingHint(isFor: wantFor).text)
                    continue
                }
                let isFor = top.isLoop
                if isFor != wantFor {
                    error(EngineMessage.blocksCross(tag: tag.text, open: top.tags[0].text, at: top.tags[0].location.description).text, tag,
                          hint: EngineMessage.closeInnerFirstHint(isFor: isFor).text)
                    // If it matches an outer block, unwind to it; otherwise ignore the tag.
                    if let k = stack.lastIndex(where: { $0.isLoop == wantFor }) {
                        stack.removeSubrange((k + 1)...)
                        let b = stack.removeLast()
                        b.tags.append(tag)
                        tag.edge = .closes(b)
                        blocks.append(b)
                    }
                    continue
                }
                let b = stack.removeLast()
                b.tags.append(tag)
                tag.edge = .closes(b)
                blocks.append(b)
            default:
                break
            }
        }
        for open in stack {
            error(EngineMessage.neverClosed(open.tags[0].text).text, open.tags[0],
                  hint: EngineMessage.neverClosedHint(isFor: open.tags[0].statement?.keyword == "for").text)
        }
        return blocks
    }

    private func inferScopes(_ blocks: [Block]) {
        // Statements outside blocks and comments: a tag alone in its paragraph takes the paragraph with it.
        for tag in tags where !tag.dropped && tag.prefix == nil {
            switch tag.statement {
            case .set?: break
            case nil where tag.kind == .comment: break
            default: continue
            }
            if tag.aloneInParagraph {
                tag.scope = .paragraph
                tag.scopeElement = scopeElement(.paragraph, of: tag)
            }
        }
        for block in blocks {
            let free = block.tags.filter { $0.prefix == nil }
            guard !free.isEmpty else { continue }
            guard free.allSatisfy({ $0.aloneInParagraph && !$0.trimBefore && !$0.trimAfter }) else { continue }
            // The rows and the cells of the tags, when every tag is in one.
            let rows = free.compactMap { $0.paragraph.ancestor(dialect.row) }
            let cells = free.compactMap { $0.paragraph.ancestor(dialect.cell) }
            var scope = Scope.paragraph
            if rows.count == free.count, Set(rows).count == rows.count,
               Set(rows.map { $0.parent }).count == 1 {
                scope = .row
                for (tag, row) in zip(free, rows) where !rowHoldsOnly(row, tag) {
                    error(EngineMessage.rowHoldsOtherText(tag.text).text, tag,
                          hint: EngineMessage.rowHoldsOtherTextHint.text)
                }
            } else if cells.count == free.count, Set(cells).count == cells.count,
                      Set(cells.map { $0.parent }).count == 1,
                      zip(free, cells).allSatisfy({ cellHoldsOnly($0.1, $0.0) }) {
                scope = .cell
            }
            for tag in free {
                tag.scope = scope
                tag.scopeElement = scopeElement(scope, of: tag)
            }
        }
    }

    private func rowHoldsOnly(_ row: XMLNodePtr, _ tag: TagSite) -> Bool {
        paragraphs.filter { $0.node.ancestor(dialect.row) == row }.allSatisfy { p in
            p.node == tag.paragraph || PartCompiler.isBlank(p.segments.filter { !$0.isSeparator }.flatMap(\.bytes)[...])
        }
    }

    private func cellHoldsOnly(_ cell: XMLNodePtr, _ tag: TagSite) -> Bool {
        cell.children.filter { dialect.isParagraph($0) }.count == 1
    }

    /// The element a marker sits in, and the names of its ancestors up to the root.
    private func anchorChain(_ tag: TagSite) -> [XMLNodePtr] {
        var chain: [XMLNodePtr] = []
        var n: XMLNodePtr? = tag.scopeElement?.parent ?? tag.textNode.parent
        while let c = n { chain.append(c); n = c.parent }
        return chain.reversed()
    }

    private func validateCuts(_ blocks: [Block]) {
        for block in blocks {
            for (a, b) in zip(block.tags, block.tags.dropFirst()) {
                if a.trimAfter || b.trimBefore || a.trimBefore || b.trimAfter { continue }
                let ca = anchorChain(a), cb = anchorChain(b)
                var common = 0
                while common < ca.count, common < cb.count, ca[common] == cb[common] { common += 1 }
                let pa = ca[common...].map(\.localName), pb = cb[common...].map(\.localName)
                if pa != pb {
                    error(EngineMessage.impossibleCut(a: a.text, b: b.text, at: b.location.description, inA: pa, inB: pb).text,
                          a, hint: EngineMessage.impossibleCutHint.text)
                }
            }
        }
    }

    // MARK: 5. Markers

    private func marker(_ slot: Slot) -> XMLNodePtr {
        slots.append(slot)
        return tree.newPI(PartCompiler.markerName, String(slots.count - 1))
    }

    private func placeMarkers() {
        // Structural scopes: the element is replaced by its tags' markers.
        var replaced: [XMLNodePtr: [TagSite]] = [:]
        var order: [XMLNodePtr] = []
        var cellEdits: [TagSite] = []
        var inlineTags: [TagSite] = []
        for tag in tags where !tag.dropped {
            if let e = tag.scopeElement, tag.scope != .inline {
                if replaced[e] == nil { order.append(e) }
                replaced[e, default: []].append(tag)
            } else if let st = tag.statement, [.horizontalMerge, .verticalMerge].contains(st) || { if case .colspan = st { return true }; if case .cellBackground = st { return true }; return false }() {
                cellEdits.append(tag)
            } else {
                inlineTags.append(tag)
            }
        }
        // Cell edits first (they add markers into w:tcPr and around cells), then text splits.
        var vmTextHolders: [(start: XMLNodePtr, end: XMLNodePtr)] = []
        for tag in cellEdits {
            guard let cell = tag.paragraph.ancestor(dialect.cell) else {
                error(EngineMessage.notInCell(tag.text).text, tag, hint: EngineMessage.notInCellHint.text)
                continue
            }
            guard let cells = dialect.cellMarkup, let statement = tag.statement else {
                error(EngineMessage.tableTagUnsupported(tag: tag.text, dialect: dialect.name).text, tag,
                      hint: EngineMessage.tableTagUnsupportedHint.text)
                continue
            }
            let loc = tag.location
            func property(_ p: CellProperty, _ value: Expr) -> XMLNodePtr {
                let markup = cells.markup(p)
                return marker(.raw(markup.before, value, markup.after, loc))
            }
            switch statement {
            case .colspan(let e):
                cells.remove(.span, from: cell, in: tree)
                cells.insert(property(.span, e), as: .span, into: cell, in: tree)
            case .cellBackground(let e):
                cells.remove(.background, from: cell, in: tree)
                cells.insert(property(.background, e), as: .background, into: cell, in: tree)
            case .verticalMerge:
                let first = Expr.attribute(.name("loop"), "first")
                cells.insert(property(.verticalMerge, .conditional(.literal("restart"), first, .literal("continue"))),
                             as: .verticalMerge, into: cell, in: tree)
                // As docxtpl: the cell's text from its first text element to the end of the
                // tag's own text element shows only in the first row of the merge. A paragraph
                // a `{%p %}` tag replaces has no text left (docxtpl's `{%p %}` runs first), so
                // the first text element is looked for outside those.
                if let holder = tag.textNode.parent, !vmTextHolders.contains(where: { $0.end == holder }) {
                    let start = firstTextElement(in: cell, skipping: Set(replaced.keys)) ?? holder
                    // A `{%p %}` block edge inside that text would cross the first-row condition:
                    // no row could show the text alone (docxtpl writes broken XML there).
                    if let crossed = replacedElement(in: cell, between: start, and: holder, replaced),
                       let blockTag = replaced[crossed]?.first {
                        error(EngineMessage.mergedTextCrossesBlock(vm: tag.text, block: blockTag.text).text, tag,
                              hint: EngineMessage.mergedTextCrossesBlockHint.text)
                        continue
                    }
                    vmTextHolders.append((start, holder))
                }
            case .horizontalMerge:
                let existing = Int(cells.remove(.span, from: cell, in: tree) ?? "1") ?? 1
                let span = Expr.binary("*", .attribute(.name("loop"), "length"), .literal(.number(Decimal(existing))))
                cells.insert(property(.span, span), as: .span, into: cell, in: tree)
                let firstRow = Block(.conditional(.attribute(.name("loop"), "first")), at: loc)
                cell.insertBefore(marker(.edge(.opens(firstRow), loc)))
                cell.insertAfter(marker(.edge(.closes(firstRow), loc)))
            default: break
            }
        }
        // Inline tags: split their text node around a marker, right to left within a node.
        let byNode = Dictionary(grouping: inlineTags + cellEdits, by: { $0.textNode })
        for (node, group) in byNode {
            var content = node.textBytes
            var pieces: [XMLNodePtr] = []
            for tag in group.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                let after = Array(content[tag.range.upperBound...])
                content.removeSubrange(tag.range.lowerBound...)
                if !after.isEmpty { pieces.insert(tree.newText(after), at: 0) }
                if inlineTags.contains(where: { $0 === tag }), tag.kind != .comment {
                    pieces.insert(marker(.tag(tag)), at: 0)
                }
            }
            node.setTextBytes(content)
            var last = node
            for piece in pieces { last.insertAfter(piece); last = piece }
        }
        // An output tag alone in its paragraph: the paragraph is framed, so that a rich value
        // (Markdown, an image) can take its place.
        // Not in a merged cell's first-row text: the frame would cross the engine's `if loop.first`.
        let mergedTextCells = Set(vmTextHolders.compactMap { $0.start.ancestor(dialect.cell) })
        for tag in inlineTags where tag.kind == .output && tag.aloneInParagraph && !tag.trimBefore && !tag.trimAfter {
            if let cell = tag.paragraph.ancestor(dialect.cell), mergedTextCells.contains(cell) { continue }
            let frame = Block(.richParagraph, at: tag.location)
            tag.paragraph.insertBefore(marker(.edge(.opens(frame), tag.location)))
            tag.paragraph.insertAfter(marker(.edge(.closes(frame), tag.location)))
        }
        for (start, end) in vmTextHolders {
            let firstRow = Block(.conditional(.attribute(.name("loop"), "first")), at: base)
            let open = marker(.edge(.opens(firstRow), base))
            if let first = start.firstChild { first.insertBefore(open) } else { start.appendChild(open) }
            end.appendChild(marker(.edge(.closes(firstRow), base)))
        }
        for element in order {
            for tag in replaced[element] ?? [] where tag.kind != .comment {
                element.insertBefore(marker(.tag(tag)))
            }
            element.unlinkAndFree()
        }
    }

    /// The first element replaced by its tags that lies, in document order, after `start` and
    /// before `end` within `cell`.
    private func replacedElement(in cell: XMLNodePtr, between start: XMLNodePtr, and end: XMLNodePtr,
                                 _ replaced: [XMLNodePtr: [TagSite]]) -> XMLNodePtr? {
        var started = false
        func walk(_ node: XMLNodePtr) -> XMLNodePtr?? {
            for c in node.children where c.isElement {
                if c == end { return .some(nil) }
                if c == start { started = true; continue }
                if started, replaced[c] != nil { return .some(c) }
                if let found = walk(c) { return found }
            }
            return nil
        }
        return walk(cell) ?? nil
    }

    private func firstTextElement(in node: XMLNodePtr, skipping replaced: Set<XMLNodePtr>) -> XMLNodePtr? {
        for c in node.children where c.isElement && !replaced.contains(c) {
            if dialect.textElements?.contains(where: { c.is($0) }) == true { return c }
            if let found = firstTextElement(in: c, skipping: replaced) { return found }
        }
        return nil
    }

    // MARK: 6. Serialize and cut

    private func cutSerialized() -> [ProgramBuilder.Item] {
        let bytes = tree.serialize()
        let needle = Array("<?\(PartCompiler.markerName) ".utf8)
        var items: [ProgramBuilder.Item] = []
        var literalStart = 0
        var i = 0
        while i + needle.count < bytes.count {
            if bytes[i] == 0x3C, bytes[i + 1] == 0x3F, Array(bytes[i..<(i + needle.count)]) == needle {
                var j = i + needle.count
                var id = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { id = id * 10 + Int(bytes[j] - 0x30); j += 1 }
                if j + 1 < bytes.count, bytes[j] == 0x3F, bytes[j + 1] == 0x3E {
                    items.append(.literal(PartCompiler.unescapeDocxtpl(Array(bytes[literalStart..<i]))))
                    items.append(.slot(id))
                    i = j + 2
                    literalStart = i
                    continue
                }
            }
            i += 1
        }
        items.append(.literal(PartCompiler.unescapeDocxtpl(Array(bytes[literalStart...]))))
        // `{%-` joins with the text before, `-%}` with the text after: remove the markup between.
        for (k, item) in items.enumerated() {
            guard case .slot(let id) = item, case .tag(let tag) = slots[id] else { continue }
            if tag.trimBefore, k > 0, case .literal(let lit) = items[k - 1] {
                let end = PartCompiler.endOfLastText(lit)
                if PartCompiler.onlyJoinsText(lit[end...]) {
                    items[k - 1] = .literal(Array(lit[..<end]))
                } else {
                    error(EngineMessage.joinBeforeNothing.text,
                          tag, hint: EngineMessage.joinBeforeHint.text)
                }
            }
            if tag.trimAfter, k + 1 < items.count, case .literal(let lit) = items[k + 1] {
                let start = PartCompiler.startOfFirstText(lit)
                if PartCompiler.onlyJoinsText(lit[..<start]) {
                    items[k + 1] = .literal(Array(lit[start...]))
                } else {
                    error(EngineMessage.joinAfterNothing.text,
                          tag, hint: EngineMessage.joinAfterHint.text)
                }
            }
        }
        return items
    }

    /// Whether removing `markup` (between two texts that a `{%-`/`-%}` joins) leaves the XML
    /// well-formed: it closes some elements, then opens the same ones again (`</w:t></w:r></w:p>
    /// <w:p><w:pPr>…</w:pPr><w:r><w:t>`), with only whole elements in between. Markup that
    /// leaves a table or the part's body is not (found by fuzzing: the output was malformed).
    static func onlyJoinsText(_ markup: ArraySlice<UInt8>) -> Bool {
        var closed: [ArraySlice<UInt8>] = [], opened: [ArraySlice<UInt8>] = []
        var i = markup.startIndex
        while i < markup.endIndex {
            guard markup[i] == 0x3C else { i += 1; continue }  // '<'
            var j = i + 1
            while j < markup.endIndex, markup[j] != 0x3E { j += 1 }  // '>'
            guard j < markup.endIndex else { return false }
            let inside = markup[(i + 1)..<j]
            i = j + 1
            guard let first = inside.first, first != 0x3F, first != 0x21 else { continue }  // <?…?>, <!…>
            if inside.last == 0x2F { continue }  // <a/>
            let isClose = first == 0x2F
            let nameStart = isClose ? inside.index(after: inside.startIndex) : inside.startIndex
            var nameEnd = nameStart
            while nameEnd < inside.endIndex, ![0x20, 0x09, 0x0A, 0x0D].contains(inside[nameEnd]) { nameEnd += 1 }
            let name = inside[nameStart..<nameEnd]
            if !isClose {
                opened.append(name)
            } else if let last = opened.last {
                guard last.elementsEqual(name) else { return false }
                opened.removeLast()
            } else {
                closed.append(name)
            }
        }
        return closed.count == opened.count && zip(closed.reversed(), opened).allSatisfy { $0.elementsEqual($1) }
    }

    /// Position just after the last character data in `lit` (0 when it holds only markup).
    static func endOfLastText(_ lit: [UInt8]) -> Int {
        var i = lit.count
        while i > 0 {
            if lit[i - 1] == 0x3E { // '>': skip back over the markup
                var j = i - 1
                while j > 0, lit[j] != 0x3C { j -= 1 }
                i = j
                continue
            }
            return i
        }
        return 0
    }

    /// Position of the first character data in `lit` (its length when it holds only markup).
    static func startOfFirstText(_ lit: [UInt8]) -> Int {
        var i = 0
        while i < lit.count {
            if lit[i] == 0x3C {
                while i < lit.count, lit[i] != 0x3E { i += 1 }
                i += 1
                continue
            }
            return i
        }
        return lit.count
    }

    /// docxtpl's escapes for literal braces: `{_{`, `}_}`, `{_%`, `%_}`.
    static func unescapeDocxtpl(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x5F) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + 2 < bytes.count, bytes[i + 1] == 0x5F {
                let a = bytes[i], c = bytes[i + 2]
                if (a == 0x7B && (c == 0x7B || c == 0x25)) || ((a == 0x7D || a == 0x25) && c == 0x7D) {
                    out.append(a); out.append(c); i += 3; continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}

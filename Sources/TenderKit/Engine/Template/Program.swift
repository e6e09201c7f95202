import Foundation

/// What a marker in the serialized part stands for.
enum Slot {
    /// A tag of the template (a block's tags carry their place in it, see `TagSite.edge`).
    case tag(TagSite)
    /// An edge of a block the engine adds: the `if loop.first` around a merged cell, the
    /// frame of a paragraph holding one output tag alone (a rich value takes its place).
    case edge(BlockEdge, SourceLocation)
    /// Markup with one computed attribute value (`<w:gridSpan w:val="…"/>`).
    case raw(String, Expr, String, SourceLocation)

    var location: SourceLocation {
        switch self {
        case .tag(let t): return t.location
        case .edge(_, let l), .raw(_, _, _, let l): return l
        }
    }
}

/// A block of a part: a loop, a condition, or a paragraph framed for a rich value. Blocks
/// are matched once: `PartCompiler.matchBlocks` pairs the tags (and reports every stray,
/// crossing or unclosed block), the compiler adds its own blocks around merged cells and lone
/// output tags; `ProgramBuilder` only follows the edges each marker carries.
final class Block {
    enum Kind {
        case loop(targets: [String], iterable: Expr, condition: Expr?)
        case conditional(Expr)
        case richParagraph
    }
    let kind: Kind
    /// Where the block opens.
    let location: SourceLocation
    /// The tags that open, continue and close it, in order (none for the compiler's own blocks).
    var tags: [TagSite] = []

    init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// A block opened by a tag (`for` or `if`); nil for any other statement.
    convenience init?(opening statement: Statement, at tag: TagSite) {
        switch statement {
        case .forLoop(let targets, let iterable, let condition):
            self.init(.loop(targets: targets, iterable: iterable, condition: condition), at: tag.location)
        case .ifBlock(let condition):
            self.init(.conditional(condition), at: tag.location)
        default:
            return nil
        }
        tags = [tag]
    }

    var isLoop: Bool { if case .loop = kind { return true }; return false }
    var isConditional: Bool { if case .conditional = kind { return true }; return false }

    func isSameKind(as other: Block) -> Bool {
        switch (kind, other.kind) {
        case (.loop, .loop), (.conditional, .conditional), (.richParagraph, .richParagraph): return true
        default: return false
        }
    }
}

/// A marker's place in a block: it opens it, starts its next branch (an `elif` with its
/// condition, an `else` without), or closes it.
enum BlockEdge {
    case opens(Block)
    case branch(Expr?, SourceLocation)
    case closes(Block)
}

/// A compiled part: literal byte slices and instructions, as a tree of blocks.
indirect enum ProgramNode {
    case literal([UInt8])
    case output(Expr, SourceLocation)
    case raw(String, Expr, String, SourceLocation)
    case forLoop(targets: [String], iterable: Expr, condition: Expr?, body: [ProgramNode], orElse: [ProgramNode], SourceLocation)
    case conditional(branches: [(Expr, [ProgramNode], SourceLocation)], orElse: [ProgramNode])
    case set(String, Expr, SourceLocation)
    /// A paragraph holding one output tag alone (the compiler frames it, see `Slot.edge`).
    case richParagraph(body: [ProgramNode], SourceLocation)
}

struct Program {
    var nodes: [ProgramNode]
    /// Every tag of the part, in document order (for lint).
    var tagLocations: [SourceLocation]
    /// Whether a loop may repeat drawing or bookmark ids.
    var hasLoops: Bool
    /// Whether the table grid may need fixing after rendering (column loops, merges).
    var changesTableShape: Bool
}

/// Nests the cut sequence of literals and markers into the program, following the edge each
/// marker carries (matched once by the compiler). An edge applies to the innermost open
/// block of its kind, as Jinja pairs the text docxtpl writes: where the compiler's own
/// `if loop.first` around a merged cell's text crosses a block of the template, the two are
/// nested as docxtpl's output would be; a block left open is reported.
struct ProgramBuilder {
    enum Item { case literal([UInt8]); case slot(Int) }

    let slots: [Slot]
    var diagnostics: [Diagnostic] = []
    private var hasLoops = false
    private var changesTableShape = false

    init(slots: [Slot]) { self.slots = slots }

    /// An open block: the branches it has closed, and the current one (its condition, where
    /// it starts, what it gathered so far).
    private final class Frame {
        let block: Block
        var closed: [(condition: Expr?, nodes: [ProgramNode], location: SourceLocation)] = []
        var condition: Expr?
        var location: SourceLocation
        var nodes: [ProgramNode] = []

        init(_ block: Block) {
            self.block = block
            if case .conditional(let condition) = block.kind { self.condition = condition }
            location = block.location
        }

        /// Starts the next branch: an `elif` (`condition`) or an `else` (nil); false when the
        /// block has no such branch (an `elif` in a loop, a second `else`).
        func startBranch(_ condition: Expr?, at location: SourceLocation) -> Bool {
            switch block.kind {
            case .loop: guard condition == nil, closed.isEmpty else { return false }
            case .conditional: guard self.condition != nil else { return false }
            case .richParagraph: return false
            }
            closed.append((self.condition, nodes, self.location))
            nodes = []
            self.condition = condition
            if condition != nil { self.location = location }
            return true
        }

        var node: ProgramNode {
            switch block.kind {
            case .loop(let targets, let iterable, let condition):
                let body = closed.first?.nodes ?? nodes
                return .forLoop(targets: targets, iterable: iterable, condition: condition, body: body,
                                orElse: closed.isEmpty ? [] : nodes, block.location)
            case .conditional:
                var branches = closed.compactMap { b in b.condition.map { ($0, b.nodes, b.location) } }
                if let condition {
                    branches.append((condition, nodes, location))
                    return .conditional(branches: branches, orElse: [])
                }
                return .conditional(branches: branches, orElse: nodes)
            case .richParagraph:
                return .richParagraph(body: nodes, block.location)
            }
        }
    }

    private var root: [ProgramNode] = []
    private var open: [Frame] = []

    /// Adds a node to the innermost open block, or to the part itself.
    private mutating func append(_ node: ProgramNode) {
        if let top = open.last { top.nodes.append(node) } else { root.append(node) }
    }

    mutating func build(_ items: [Item]) -> Program {
        var locations: [SourceLocation] = []
        for item in items {
            switch item {
            case .literal(let bytes):
                if !bytes.isEmpty { append(.literal(bytes)) }
            case .slot(let id):
                let slot = slots[id]
                let loc = slot.location
                switch slot {
                case .raw(let pre, let e, let post, let l):
                    changesTableShape = true
                    append(.raw(pre, e, post, l))
                case .tag(let tag) where tag.kind == .output:
                    locations.append(loc)
                    if let e = tag.expression { append(.output(e, loc)) }
                case .tag(let tag):
                    locations.append(loc)
                    if tag.scope == .cell || (tag.scope == .paragraph && tag.inTableCell) { changesTableShape = true }
                    if let edge = tag.edge {
                        follow(edge)
                    } else if case .set(let name, let e)? = tag.statement {
                        append(.set(name, e, loc))
                    }
                case .edge(let edge, _):
                    follow(edge)
                }
            }
        }
        if let unclosed = open.last {
            diagnostics.append(.error(EngineMessage.blockNeverClosed.text, at: unclosed.location))
        }
        return Program(nodes: root, tagLocations: locations, hasLoops: hasLoops,
                       changesTableShape: changesTableShape)
    }

    private mutating func follow(_ edge: BlockEdge) {
        switch edge {
        case .opens(let block):
            if block.isLoop { hasLoops = true }
            open.append(Frame(block))
        case .branch(let condition, let location):
            _ = open.last?.startBranch(condition, at: location)
        case .closes(let block):
            // The template's own blocks are matched by the compiler; an edge of the engine's
            // own blocks that finds nothing to close would leave broken markup: say so.
            guard let top = open.last, top.block.isSameKind(as: block) else {
                diagnostics.append(.error(EngineMessage.blockClosedUnopened.text, at: block.location))
                return
            }
            open.removeLast()
            append(top.node)
        }
    }
}

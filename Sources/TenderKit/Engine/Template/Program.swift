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

/// A block of a part: a loop, a condition, or a paragraph framed for a rich value. The tree
/// of blocks is made once: `PartCompiler.matchBlocks` pairs the tags (and reports every
/// unclosed or crossing block), the compiler adds its own blocks around merged cells and
/// lone output tags; `ProgramBuilder` only fills each branch with what lies between its
/// markers.
final class Block {
    enum Kind {
        case loop(targets: [String], iterable: Expr, condition: Expr?)
        case conditional
        case richParagraph
    }
    let kind: Kind
    /// The branches in order, each with its condition (an `if` or `elif`; nil for a loop's
    /// body and for an `else`) and where it starts.
    private(set) var branches: [(condition: Expr?, location: SourceLocation)]
    /// The tags that open, continue and close it, in order (none for the compiler's own blocks).
    var tags: [TagSite] = []

    private init(_ kind: Kind, _ first: (condition: Expr?, location: SourceLocation)) {
        self.kind = kind
        self.branches = [first]
    }

    /// A block opened by a tag (`for` or `if`); nil for any other statement.
    convenience init?(opening statement: Statement, at tag: TagSite) {
        switch statement {
        case .forLoop(let targets, let iterable, let condition):
            self.init(.loop(targets: targets, iterable: iterable, condition: condition), (nil, tag.location))
        case .ifBlock(let condition):
            self.init(.conditional, (condition, tag.location))
        default:
            return nil
        }
        tags = [tag]
    }

    /// A condition the compiler adds (no tag of the template opens it).
    static func conditional(_ condition: Expr, at location: SourceLocation) -> Block {
        Block(.conditional, (condition, location))
    }

    /// The frame of a paragraph holding one output tag alone (see `ProgramNode.richParagraph`).
    static func richParagraph(at location: SourceLocation) -> Block {
        Block(.richParagraph, (nil, location))
    }

    /// Where the block opens.
    var location: SourceLocation { branches[0].location }

    var isLoop: Bool { if case .loop = kind { return true }; return false }
    var isConditional: Bool { if case .conditional = kind { return true }; return false }

    /// Adds a branch (an `elif` with its condition, or an `else`).
    func addBranch(_ condition: Expr?, at location: SourceLocation) {
        branches.append((condition, location))
    }

    /// The program node of the block, given what each branch holds.
    func node(_ bodies: [[ProgramNode]]) -> ProgramNode {
        switch kind {
        case .loop(let targets, let iterable, let condition):
            return .forLoop(targets: targets, iterable: iterable, condition: condition, body: bodies.first ?? [],
                            orElse: bodies.dropFirst().first ?? [], location)
        case .conditional:
            var taken: [(Expr, [ProgramNode], SourceLocation)] = []
            var orElse: [ProgramNode] = []
            for (branch, body) in zip(branches, bodies) {
                if let condition = branch.condition { taken.append((condition, body, branch.location)) } else { orElse = body }
            }
            return .conditional(branches: taken, orElse: orElse)
        case .richParagraph:
            return .richParagraph(body: bodies.first ?? [], location)
        }
    }
}

/// A marker's place in a block: it opens it, starts its next branch (`elif`, `else`), or closes it.
enum BlockEdge {
    case opens(Block)
    case branches(Block)
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
    /// A paragraph holding one output tag alone (see `Slot.richParagraph`).
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

/// Fills the blocks matched by the compiler with the cut sequence of literals and markers.
/// It matches nothing itself: each marker says which block it opens, continues or closes.
struct ProgramBuilder {
    enum Item { case literal([UInt8]); case slot(Int) }

    let slots: [Slot]
    var diagnostics: [Diagnostic] = []
    private var hasLoops = false
    private var changesTableShape = false

    init(slots: [Slot]) { self.slots = slots }

    /// An open block: the branches it has closed and what the current one gathered so far.
    private final class Frame {
        let block: Block
        var bodies: [[ProgramNode]] = []
        var nodes: [ProgramNode] = []
        var location: SourceLocation { block.location }
        init(_ block: Block) { self.block = block }
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
            diagnostics.append(.error("a block is never closed", at: unclosed.location))
        }
        return Program(nodes: root, tagLocations: locations, hasLoops: hasLoops,
                       changesTableShape: changesTableShape)
    }

    /// An edge of the innermost open block moves on in it; an edge of another block (the
    /// compiler's own blocks crossing the template's) is left, and the block it leaves open
    /// is reported.
    private mutating func follow(_ edge: BlockEdge) {
        switch edge {
        case .opens(let block):
            if block.isLoop { hasLoops = true }
            open.append(Frame(block))
        case .branches(let block):
            guard let top = open.last, top.block === block else { return }
            top.bodies.append(top.nodes)
            top.nodes = []
        case .closes(let block):
            guard let top = open.last, top.block === block else { return }
            open.removeLast()
            top.bodies.append(top.nodes)
            append(block.node(top.bodies))
        }
    }
}

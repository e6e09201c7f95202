import Foundation

/// What a marker in the serialized part stands for.
enum Slot {
    /// A tag of the template.
    case tag(TagSite)
    /// A statement the engine adds (the `if loop.first` around a merged cell).
    case synthetic(Statement, SourceLocation)
    /// Markup with one computed attribute value (`<w:gridSpan w:val="…"/>`).
    case raw(String, Expr, String, SourceLocation)
    /// The edges of a paragraph holding one output tag alone: a rich value (Markdown, an
    /// image) takes the whole paragraph's place.
    case richParagraph(start: Bool, SourceLocation)

    var location: SourceLocation {
        switch self {
        case .tag(let t): return t.location
        case .synthetic(_, let l), .raw(_, _, _, let l), .richParagraph(_, let l): return l
        }
    }
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

/// Builds the block tree from the cut sequence of literals and markers.
struct ProgramBuilder {
    enum Item { case literal([UInt8]); case slot(Int) }

    let slots: [Slot]
    var diagnostics: [Diagnostic] = []
    private var hasLoops = false
    private var changesTableShape = false

    init(slots: [Slot]) { self.slots = slots }

    /// An open block and what it has gathered so far.
    private final class Frame {
        enum Kind {
            case root
            case forBody(targets: [String], iterable: Expr, condition: Expr?)
            /// The `{% else %}` of a loop: `body` is the loop's body.
            case forElse(targets: [String], iterable: Expr, condition: Expr?, body: [ProgramNode])
            /// A branch of an `if` (`condition` nil: the `else`), after the `branches` closed before it.
            case conditional(branches: [(Expr, [ProgramNode], SourceLocation)], condition: Expr?)
            /// A paragraph holding one output tag alone (see `Slot.richParagraph`).
            case richParagraph
        }
        var kind: Kind
        var nodes: [ProgramNode] = []
        var location: SourceLocation
        init(_ kind: Kind, _ location: SourceLocation) { self.kind = kind; self.location = location }
    }

    private let root = Frame(.root, SourceLocation())
    private var open: [Frame] = []
    /// The innermost open block, or the part itself.
    private var top: Frame { open.last ?? root }

    mutating func build(_ items: [Item]) -> Program {
        var locations: [SourceLocation] = []
        for item in items {
            switch item {
            case .literal(let bytes):
                if !bytes.isEmpty { top.nodes.append(.literal(bytes)) }
            case .slot(let id):
                let slot = slots[id]
                let loc = slot.location
                if case .tag = slot { locations.append(loc) }
                switch slot {
                case .raw(let pre, let e, let post, let l):
                    changesTableShape = true
                    top.nodes.append(.raw(pre, e, post, l))
                case .tag(let tag) where tag.kind == .output:
                    if let e = tag.expression { top.nodes.append(.output(e, loc)) }
                case .tag(let tag):
                    if tag.scope == .cell || (tag.scope == .paragraph && tag.inTableCell) { changesTableShape = true }
                    if let st = tag.statement { apply(st, loc) }
                case .synthetic(let st, _):
                    apply(st, loc)
                case .richParagraph(let start, let l):
                    if start {
                        open.append(Frame(.richParagraph, l))
                    } else if let f = open.last, case .richParagraph = f.kind {
                        open.removeLast()
                        top.nodes.append(.richParagraph(body: f.nodes, l))
                    }
                }
            }
        }
        if let unclosed = open.last {
            diagnostics.append(.error(EngineMessage.blockNeverClosed.text, at: unclosed.location))
        }
        return Program(nodes: root.nodes, tagLocations: locations, hasLoops: hasLoops,
                       changesTableShape: changesTableShape)
    }

    private mutating func apply(_ st: Statement, _ loc: SourceLocation) {
        switch st {
        case .forLoop(let targets, let iterable, let condition):
            hasLoops = true
            open.append(Frame(.forBody(targets: targets, iterable: iterable, condition: condition), loc))
        case .ifBlock(let e):
            open.append(Frame(.conditional(branches: [], condition: e), loc))
        case .elif(let e):
            guard let f = open.last, case .conditional(let branches, let condition?) = f.kind else { return }
            f.kind = .conditional(branches: branches + [(condition, f.nodes, f.location)], condition: e)
            f.nodes = []
            f.location = loc
        case .elseBlock:
            guard let f = open.last else { return }
            switch f.kind {
            case .forBody(let targets, let iterable, let condition):
                f.kind = .forElse(targets: targets, iterable: iterable, condition: condition, body: f.nodes)
                f.nodes = []
            case .conditional(let branches, let condition?):
                f.kind = .conditional(branches: branches + [(condition, f.nodes, f.location)], condition: nil)
                f.nodes = []
            default:
                break
            }
        case .endFor:
            guard let f = open.last else { return }
            let node: ProgramNode
            switch f.kind {
            case .forBody(let targets, let iterable, let condition):
                node = .forLoop(targets: targets, iterable: iterable, condition: condition, body: f.nodes, orElse: [], f.location)
            case .forElse(let targets, let iterable, let condition, let body):
                node = .forLoop(targets: targets, iterable: iterable, condition: condition, body: body, orElse: f.nodes, f.location)
            default:
                return
            }
            open.removeLast()
            top.nodes.append(node)
        case .endIf:
            guard let f = open.last, case .conditional(let branches, let condition) = f.kind else { return }
            open.removeLast()
            if let condition {
                top.nodes.append(.conditional(branches: branches + [(condition, f.nodes, f.location)], orElse: []))
            } else {
                top.nodes.append(.conditional(branches: branches, orElse: f.nodes))
            }
        case .set(let name, let e):
            top.nodes.append(.set(name, e, loc))
        case .horizontalMerge, .verticalMerge, .colspan, .cellBackground:
            break
        }
    }
}

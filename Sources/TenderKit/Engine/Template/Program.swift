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

    private final class Frame {
        enum Kind { case root, forBody, forElse, ifBranch, richParagraph }
        var kind: Kind
        var nodes: [ProgramNode] = []
        // for
        var targets: [String] = []
        var iterable: Expr? = nil
        var condition: Expr? = nil
        var body: [ProgramNode] = []
        // if
        var branches: [(Expr, [ProgramNode], SourceLocation)] = []
        var currentCondition: Expr? = nil
        var inElse = false
        var location: SourceLocation
        init(_ kind: Kind, _ location: SourceLocation) { self.kind = kind; self.location = location }
    }

    mutating func build(_ items: [Item]) -> Program {
        var stack = [Frame(.root, SourceLocation())]
        var locations: [SourceLocation] = []
        for item in items {
            switch item {
            case .literal(let bytes):
                if !bytes.isEmpty { stack.last!.nodes.append(.literal(bytes)) }
            case .slot(let id):
                let slot = slots[id]
                let loc = slot.location
                if case .tag = slot { locations.append(loc) }
                switch slot {
                case .raw(let pre, let e, let post, let l):
                    changesTableShape = true
                    stack.last!.nodes.append(.raw(pre, e, post, l))
                case .tag(let tag) where tag.kind == .output:
                    if let e = tag.expression { stack.last!.nodes.append(.output(e, loc)) }
                case .tag(let tag):
                    if tag.scope == .cell || (tag.scope == .paragraph && tag.inTableCell) { changesTableShape = true }
                    if let st = tag.statement { apply(st, loc, &stack) }
                case .synthetic(let st, _):
                    apply(st, loc, &stack)
                case .richParagraph(let start, let l):
                    if start {
                        stack.append(Frame(.richParagraph, l))
                    } else if let f = stack.last, f.kind == .richParagraph {
                        stack.removeLast()
                        stack.last!.nodes.append(.richParagraph(body: f.nodes, l))
                    }
                }
            }
        }
        if stack.count > 1 {
            diagnostics.append(.error("a block is never closed", at: stack.last!.location))
        }
        return Program(nodes: stack.first!.nodes, tagLocations: locations, hasLoops: hasLoops,
                       changesTableShape: changesTableShape)
    }

    private mutating func apply(_ st: Statement, _ loc: SourceLocation, _ stack: inout [Frame]) {
        switch st {
        case .forLoop(let targets, let iterable, let condition):
            hasLoops = true
            let f = Frame(.forBody, loc)
            f.targets = targets; f.iterable = iterable; f.condition = condition
            stack.append(f)
        case .ifBlock(let e):
            let f = Frame(.ifBranch, loc)
            f.currentCondition = e
            stack.append(f)
        case .elif(let e):
            guard let f = stack.last, f.kind == .ifBranch else { return }
            f.branches.append((f.currentCondition!, f.nodes, f.location))
            f.nodes = []
            f.currentCondition = e
            f.location = loc
        case .elseBlock:
            guard let f = stack.last else { return }
            if f.kind == .forBody {
                f.body = f.nodes; f.nodes = []; f.kind = .forElse
            } else if f.kind == .ifBranch, !f.inElse {
                f.branches.append((f.currentCondition!, f.nodes, f.location))
                f.nodes = []
                f.inElse = true
            }
        case .endFor:
            guard let f = stack.last, f.kind == .forBody || f.kind == .forElse else { return }
            stack.removeLast()
            let body = f.kind == .forBody ? f.nodes : f.body
            let orElse = f.kind == .forElse ? f.nodes : []
            stack.last!.nodes.append(.forLoop(targets: f.targets, iterable: f.iterable!, condition: f.condition,
                                              body: body, orElse: orElse, f.location))
        case .endIf:
            guard let f = stack.last, f.kind == .ifBranch else { return }
            stack.removeLast()
            var branches = f.branches
            var orElse: [ProgramNode] = []
            if f.inElse { orElse = f.nodes } else { branches.append((f.currentCondition!, f.nodes, f.location)) }
            stack.last!.nodes.append(.conditional(branches: branches, orElse: orElse))
        case .set(let name, let e):
            stack.last!.nodes.append(.set(name, e, loc))
        case .horizontalMerge, .verticalMerge, .colspan, .cellBackground:
            break
        }
    }
}

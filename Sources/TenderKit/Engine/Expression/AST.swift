import Foundation

/// An expression of the tag language.
indirect enum Expr: Equatable {
    case literal(Value)
    case name(String)
    case attribute(Expr, String)
    case index(Expr, Expr)
    case slice(Expr, Expr?, Expr?)
    case list([Expr])
    case dict([(Expr, Expr)])
    case unary(String, Expr)
    case binary(String, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case conditional(Expr, Expr, Expr?)
    case filter(Expr, String, [Expr], [(String, Expr)])
    case test(Expr, String, [Expr], negated: Bool)
    case call(Expr, [Expr], [(String, Expr)])

    static func == (a: Expr, b: Expr) -> Bool { a.description == b.description }

    /// The dotted path of a name/attribute chain (`tender.rules.budget`), if it is one.
    var path: String? {
        switch self {
        case .name(let n): return n
        case .attribute(let base, let n): return base.path.map { "\($0).\(n)" }
        case .index(let base, .literal(let v)):
            return base.path.map { "\($0)[\(v.reprText)]" }
        default: return nil
        }
    }

    /// Every root name the expression reads (for lint's undeclared-name list).
    func names(into set: inout [String]) {
        switch self {
        case .literal: break
        case .name(let n): if !set.contains(n) { set.append(n) }
        case .attribute(let e, _), .unary(_, let e), .not(let e): e.names(into: &set)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            a.names(into: &set); b.names(into: &set)
        case .slice(let a, let b, let c): a.names(into: &set); b?.names(into: &set); c?.names(into: &set)
        case .list(let items): items.forEach { $0.names(into: &set) }
        case .dict(let pairs): pairs.forEach { $0.0.names(into: &set); $0.1.names(into: &set) }
        case .conditional(let a, let b, let c): a.names(into: &set); b.names(into: &set); c?.names(into: &set)
        case .filter(let e, _, let args, let named), .call(let e, let args, let named):
            e.names(into: &set); args.forEach { $0.names(into: &set) }; named.forEach { $0.1.names(into: &set) }
        case .test(let e, _, let args, _): e.names(into: &set); args.forEach { $0.names(into: &set) }
        }
    }

    var description: String {
        switch self {
        case .literal(let v): return v.reprText
        case .name(let n): return n
        case .attribute(let e, let n): return "\(e.description).\(n)"
        case .index(let e, let i): return "\(e.description)[\(i.description)]"
        case .slice(let e, let a, let b): return "\(e.description)[\(a?.description ?? ""):\(b?.description ?? "")]"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .dict(let pairs): return "{" + pairs.map { "\($0.0.description): \($0.1.description)" }.joined(separator: ", ") + "}"
        case .unary(let op, let e): return "\(op)\(e.description)"
        case .binary(let op, let a, let b): return "(\(a.description) \(op) \(b.description))"
        case .and(let a, let b): return "(\(a.description) and \(b.description))"
        case .or(let a, let b): return "(\(a.description) or \(b.description))"
        case .not(let e): return "not \(e.description)"
        case .conditional(let a, let c, let b): return "(\(a.description) if \(c.description) else \(b?.description ?? "none"))"
        case .filter(let e, let n, let args, let named):
            return "\(e.description) | \(n)(" + (args.map(\.description) + named.map { "\($0.0)=\($0.1.description)" }).joined(separator: ", ") + ")"
        case .test(let e, let n, let args, let neg):
            return "\(e.description) is \(neg ? "not " : "")\(n)(" + args.map(\.description).joined(separator: ", ") + ")"
        case .call(let e, let args, let named):
            return "\(e.description)(" + (args.map(\.description) + named.map { "\($0.0)=\($0.1.description)" }).joined(separator: ", ") + ")"
        }
    }
}

/// What a `{% … %}` tag says.
enum Statement: Equatable {
    case forLoop(targets: [String], iterable: Expr, condition: Expr?)
    case endFor
    case ifBlock(Expr)
    case elif(Expr)
    case elseBlock
    case endIf
    case set(String, Expr)
    /// docxtpl's table tags.
    case horizontalMerge
    case verticalMerge
    case colspan(Expr)
    case cellBackground(Expr)

    var keyword: String {
        switch self {
        case .forLoop: return "for"
        case .endFor: return "endfor"
        case .ifBlock: return "if"
        case .elif: return "elif"
        case .elseBlock: return "else"
        case .endIf: return "endif"
        case .set: return "set"
        case .horizontalMerge: return "hm"
        case .verticalMerge: return "vm"
        case .colspan: return "colspan"
        case .cellBackground: return "cellbg"
        }
    }
}

import Foundation

/// What can be told about a tag's filters before any data is known: a filter name that does not
/// exist, and literal arguments a filter refuses (`date("longue")`). Found when the template is
/// compiled, with the syntax errors, so that `lint` lists them all at once.
enum FilterCheck {
    /// Inputs a filter is tried on: an argument is wrong when the filter takes one of these
    /// without arguments but refuses it with them.
    static let probes: [Value] = [.date(DateValue(year: 2021, month: 11, day: 1)), .number(1), .string("a"), .list([.number(1)])]

    /// The problems of every filter in `e` (and its sub-expressions), as messages with hints.
    static func problems(in e: Expr, filters: FilterRegistry = .default) -> [(message: String, hint: String?)] {
        var out: [(String, String?)] = []
        visit(e) { node in
            guard case .filter(_, let name, let args, let named) = node, name != "default", name != "d" else { return }
            guard let f = filters[name] else {
                let hint = Suggestions.closest(to: name, among: filters.names).map { EngineMessage.didYouMean($0).text }
                    ?? EngineMessage.availableFilters(filters.names).text
                out.append((EngineMessage.unknownFilter(name).text, hint))
                return
            }
            // Only literal arguments can be judged without data.
            var positional: [Value] = []
            for a in args { guard case .literal(let v) = a else { return }; positional.append(v) }
            var keyed: [String: Value] = [:]
            for (k, a) in named { guard case .literal(let v) = a else { return }; keyed[k] = v }
            guard !positional.isEmpty || !keyed.isEmpty else { return }
            let arguments = FilterArguments(positional: positional, named: keyed)
            for probe in probes where (try? f(probe, FilterArguments())) != nil {
                do {
                    _ = try f(probe, arguments)
                    return
                } catch let e as FilterError where e.kind == .data {
                    // The probe, not the arguments, does not fit (no item has `attribute`).
                    return
                } catch let e as FilterError {
                    out.append((EngineMessage.inFilter(name: name, e.message).text, e.hint))
                    return
                } catch {
                    out.append((EngineMessage.inFilter(name: name, "\(error)").text, nil))
                    return
                }
            }
        }
        return out
    }

    /// Calls `body` on `e` and every sub-expression.
    static func visit(_ e: Expr, _ body: (Expr) -> Void) {
        body(e)
        switch e {
        case .literal, .name: break
        case .attribute(let a, _), .unary(_, let a), .not(let a): visit(a, body)
        case .index(let a, let b), .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): visit(a, body); visit(b, body)
        case .slice(let a, let b, let c): visit(a, body); b.map { visit($0, body) }; c.map { visit($0, body) }
        case .list(let items): items.forEach { visit($0, body) }
        case .dict(let pairs): pairs.forEach { visit($0.0, body); visit($0.1, body) }
        case .conditional(let a, let b, let c): visit(a, body); visit(b, body); c.map { visit($0, body) }
        case .filter(let a, _, let args, let named), .call(let a, let args, let named):
            visit(a, body); args.forEach { visit($0, body) }; named.forEach { visit($0.1, body) }
        case .test(let a, _, let args, _): visit(a, body); args.forEach { visit($0, body) }
        }
    }

    /// The expressions of a statement.
    static func expressions(of s: Statement) -> [Expr] {
        switch s {
        case .forLoop(_, let iterable, let condition): return [iterable] + (condition.map { [$0] } ?? [])
        case .ifBlock(let e), .elif(let e), .set(_, let e), .colspan(let e), .cellBackground(let e): return [e]
        case .endFor, .elseBlock, .endIf, .horizontalMerge, .verticalMerge: return []
        }
    }
}

import Foundation

/// An error raised while evaluating an expression; the renderer adds where it happened.
struct EvalError: Error {
    var message: String
    var hint: String?
    /// Set when the error is an undefined name (the dotted path).
    var undefinedPath: String?
    init(_ message: String, hint: String? = nil, undefinedPath: String? = nil) {
        self.message = message; self.hint = hint; self.undefinedPath = undefinedPath
    }
}

/// Evaluates expressions against a stack of scopes.
///
/// Undefined names are errors when `strict` (the default); otherwise they evaluate to null
/// and are recorded in `undefinedNames` so the caller can warn.
final class Evaluator {
    private var frames: [[String: Value]]
    let filters: FilterRegistry
    let strict: Bool
    private(set) var undefinedNames: [String] = []
    /// Loop states, innermost last, for `loop.cycle`.
    private var loops: [LoopState] = []

    /// The state of a running loop; `loop` and its attributes are computed from it on demand.
    struct LoopState {
        var index0: Int
        var length: Int
        var items: [Value]
        var depth: Int
    }

    init(globals: Value, filters: FilterRegistry = .default, strict: Bool = true) {
        var root: [String: Value] = [:]
        if case .map(let m) = globals { for (k, v) in m { root[k] = v } }
        frames = [root]
        self.filters = filters
        self.strict = strict
    }

    // MARK: Scopes

    func pushScope() { frames.append([:]) }
    func popScope() { frames.removeLast() }
    func set(_ name: String, _ value: Value) { frames[frames.count - 1][name] = value }

    /// `{% set %}` at top level of a loop body is local to the iteration (as in Jinja).
    func lookup(_ name: String) -> Value? {
        for frame in frames.reversed() { if let v = frame[name] { return v } }
        return nil
    }

    /// Loop iterations run so far in this render (all parts), bounded by `EngineLimits.maxIterations`.
    private(set) var iterations = 0

    /// Counts `count` more iterations; false once the render's budget is spent.
    func spendIterations(_ count: Int) -> Bool {
        iterations += count
        return iterations <= EngineLimits.maxIterations
    }

    func enterLoop(_ items: [Value]) { loops.append(LoopState(index0: 0, length: items.count, items: items, depth: loops.count + 1)) }
    func updateLoop(index0: Int) { loops[loops.count - 1].index0 = index0 }
    func exitLoop() { loops.removeLast() }

    /// An attribute of `loop`, without building the whole mapping.
    static func loopMember(_ state: LoopState, _ name: String) -> Value? {
        let i = state.index0, n = state.length
        switch name {
        case "index": return .number(Decimal(i + 1))
        case "index0": return .number(Decimal(i))
        case "revindex": return .number(Decimal(n - i))
        case "revindex0": return .number(Decimal(n - i - 1))
        case "first": return .bool(i == 0)
        case "last": return .bool(i == n - 1)
        case "length": return .number(Decimal(n))
        case "depth": return .number(Decimal(state.depth))
        case "depth0": return .number(Decimal(state.depth - 1))
        case "previtem": return i > 0 ? state.items[i - 1] : .null
        case "nextitem": return i + 1 < n ? state.items[i + 1] : .null
        default: return nil
        }
    }

    /// The `loop` variable of an iteration.
    static func loopValue(_ state: LoopState) -> Value {
        let index0 = state.index0, length = state.length, depth = state.depth
        let previous: Value? = index0 > 0 ? state.items[index0 - 1] : nil
        let next: Value? = index0 + 1 < length ? state.items[index0 + 1] : nil
        var m = Mapping()
        m["index"] = .number(Decimal(index0 + 1))
        m["index0"] = .number(Decimal(index0))
        m["revindex"] = .number(Decimal(length - index0))
        m["revindex0"] = .number(Decimal(length - index0 - 1))
        m["first"] = .bool(index0 == 0)
        m["last"] = .bool(index0 == length - 1)
        m["length"] = .number(Decimal(length))
        m["depth"] = .number(Decimal(depth))
        m["depth0"] = .number(Decimal(depth - 1))
        m["previtem"] = previous ?? .null
        m["nextitem"] = next ?? .null
        return .map(m)
    }

    // MARK: Evaluation

    enum Resolved {
        case value(Value)
        case missing(String)
    }

    func eval(_ e: Expr) throws -> Value {
        switch try resolve(e) {
        case .value(let v): return v
        case .missing(let path): return try undefined(path)
        }
    }

    /// The closest defined path to an undefined one (`tender.titre` → `tender.title`): the
    /// last key replaced by the closest key of the mapping it was looked up in.
    func suggestion(for path: String) -> String? {
        let keys = path.split(separator: ".").map(String.init)
        guard let last = keys.last, !keys.contains(where: { $0.contains("[") }) else { return nil }
        var candidates: [String]
        if keys.count == 1 {
            candidates = Array(Set(frames.flatMap(\.keys))).sorted()
        } else {
            var value = lookup(keys[0])
            for k in keys.dropFirst().dropLast() { value = value?[k] }
            guard let map = value?.asMap else { return nil }
            candidates = map.keys
        }
        return Suggestions.closest(to: last, among: candidates).map { (keys.dropLast() + [$0]).joined(separator: ".") }
    }

    private func undefined(_ path: String) throws -> Value {
        if strict {
            throw EvalError(EngineMessage.undefinedName(path).text,
                            hint: suggestion(for: path).map { EngineMessage.didYouMean($0).text }
                                ?? EngineMessage.checkSpellingOrDefault(path).text,
                            undefinedPath: path)
        }
        if !undefinedNames.contains(path) { undefinedNames.append(path) }
        return .null
    }

    /// Evaluates, telling a missing name apart from a present null.
    func resolve(_ e: Expr) throws -> Resolved {
        switch e {
        case .name(let n):
            if let v = lookup(n) { return .value(v) }
            if n == "loop", let state = loops.last { return .value(Evaluator.loopValue(state)) }
            return .missing(n)
        case .attribute(let base, let name):
            if case .name("loop") = base, let state = loops.last, lookup("loop") == nil {
                if let v = Evaluator.loopMember(state, name) { return .value(v) }
                return .missing("loop.\(name)")
            }
            switch try resolve(base) {
            case .missing(let p): return .missing(p)
            case .value(let v):
                if let member = Evaluator.member(of: v, name) { return .value(member) }
                return .missing(e.path ?? "\(base.description).\(name)")
            }
        case .index(let base, let indexExpr):
            let index = try eval(indexExpr)
            switch try resolve(base) {
            case .missing(let p): return .missing(p)
            case .value(let v):
                if let item = try Evaluator.item(of: v, index) { return .value(item) }
                return .missing("\(base.path ?? base.description)[\(index.reprText)]")
            }
        default:
            return .value(try evalOther(e))
        }
    }

    /// `a.b`: a mapping key, or a date's year/month/day.
    static func member(of v: Value, _ name: String) -> Value? {
        switch v {
        case .map(let m): return m[name]
        case .date(let d):
            switch name {
            case "year": return .number(Decimal(d.year))
            case "month": return .number(Decimal(d.month))
            case "day": return .number(Decimal(d.day))
            case "hour": return d.hour.map { .number(Decimal($0)) } ?? .number(0)
            case "minute": return d.minute.map { .number(Decimal($0)) } ?? .number(0)
            default: return nil
            }
        case .list(let l):
            if let i = Int(name), i >= 0, i < l.count { return l[i] }
            return nil
        default: return nil
        }
    }

    /// `a[i]`: list index (negative from the end), mapping key, string character.
    static func item(of v: Value, _ index: Value) throws -> Value? {
        switch (v, index) {
        case (.list(let l), .number(let d)):
            guard d.isIntegral else { throw EvalError(EngineMessage.listIndexNotWhole(Value.plainString(d)).text) }
            var i = NSDecimalNumber(decimal: d).intValue
            if i < 0 { i += l.count }
            return i >= 0 && i < l.count ? l[i] : nil
        case (.map(let m), .string(let k)): return m[k]
        case (.map(let m), .number(let d)): return m[Value.plainString(d)]
        case (.string(let s), .number(let d)):
            let chars = Array(s)
            var i = NSDecimalNumber(decimal: d).intValue
            if i < 0 { i += chars.count }
            return i >= 0 && i < chars.count ? .string(String(chars[i])) : nil
        case (.date, .string(let k)): return member(of: v, k)
        case (.null, _): return nil
        default:
            throw EvalError(EngineMessage.cannotIndex(v, with: index).text)
        }
    }

    private func evalOther(_ e: Expr) throws -> Value {
        switch e {
        case .literal(let v): return v
        case .list(let items): return .list(try items.map(eval))
        case .dict(let pairs):
            var m = Mapping()
            for (k, v) in pairs {
                let key = try eval(k)
                m[key.renderedText] = try eval(v)
            }
            return .map(m)
        case .unary(let op, let operand):
            let v = try eval(operand)
            guard case .number(let d) = v else { throw EvalError(EngineMessage.operatorNeedsNumber(op: op, v).text) }
            return .number(op == "-" ? -d : d)
        case .not(let operand): return .bool(!(try eval(operand)).isTruthy)
        case .and(let a, let b):
            let l = try eval(a)
            return l.isTruthy ? try eval(b) : l
        case .or(let a, let b):
            let l = try eval(a)
            return l.isTruthy ? l : try eval(b)
        case .conditional(let then, let cond, let otherwise):
            if try eval(cond).isTruthy { return try eval(then) }
            return try otherwise.map(eval) ?? .null
        case .binary(let op, let a, let b):
            return try Evaluator.binary(op, try eval(a), try eval(b))
        case .slice(let base, let lo, let hi):
            return try slice(try eval(base), try lo.map(eval), try hi.map(eval))
        case .filter(let input, let name, let args, let named):
            return try applyFilter(input, name, args, named)
        case .test(let input, let name, let args, let negated):
            if name == "defined" || name == "undefined" {
                var defined = true
                if case .missing = try resolve(input) { defined = false }
                return .bool(((name == "defined") == defined) != negated)
            }
            let r = try Tests.apply(name, try eval(input), try args.map(eval))
            return .bool(r != negated)
        case .call(let callee, let args, let named):
            return try call(callee, try args.map(eval), try named.map { ($0.0, try eval($0.1)) })
        case .name, .attribute, .index:
            return try eval(e)
        }
    }

    private func slice(_ v: Value, _ lo: Value?, _ hi: Value?) throws -> Value {
        func bound(_ b: Value?, _ count: Int, _ dflt: Int) throws -> Int {
            guard let b, !b.isNull else { return dflt }
            guard case .number(let d) = b, d.isIntegral else { throw EvalError(EngineMessage.sliceBoundsNotWhole.text) }
            var i = NSDecimalNumber(decimal: d).intValue
            if i < 0 { i += count }
            return min(max(i, 0), count)
        }
        switch v {
        case .list(let l):
            let a = try bound(lo, l.count, 0), b = try bound(hi, l.count, l.count)
            return .list(a < b ? Array(l[a..<b]) : [])
        case .string(let s):
            let c = Array(s)
            let a = try bound(lo, c.count, 0), b = try bound(hi, c.count, c.count)
            return .string(a < b ? String(c[a..<b]) : "")
        default: throw EvalError(EngineMessage.cannotSlice(v).text)
        }
    }

    private func applyFilter(_ input: Expr, _ name: String, _ args: [Expr], _ named: [(String, Expr)]) throws -> Value {
        // `range(n) | length` needs no list: counted, not built.
        if name == "length" || name == "count", case .call(.name("range"), let rangeArgs, let rangeNamed) = input,
           rangeNamed.isEmpty, lookup("range") == nil {
            return .number(try Methods.rangeCount(try rangeArgs.map(eval)))
        }
        if name == "default" || name == "d" {
            let resolved = try resolve(input)
            let fallback = try args.first.map(eval) ?? named.first(where: { $0.0 == "default_value" }).map { try eval($0.1) } ?? .string("")
            let boolean = try (args.count > 1 ? eval(args[1]) : named.first(where: { $0.0 == "boolean" }).map { try eval($0.1) })?.isTruthy ?? false
            switch resolved {
            case .missing: return fallback
            case .value(let v):
                if v.isNull || (boolean && !v.isTruthy) { return fallback }
                return v
            }
        }
        guard let f = filters[name] else {
            throw EvalError(EngineMessage.unknownFilter(name).text, hint: EngineMessage.availableFilters(filters.names).text)
        }
        let value = try eval(input)
        var arguments = FilterArguments(positional: try args.map(eval),
                                        named: Dictionary(try named.map { ($0.0, try eval($0.1)) }, uniquingKeysWith: { $1 }))
        arguments.filters = filters
        do {
            return try f(value, arguments)
        } catch let e as FilterError {
            throw EvalError(EngineMessage.inFilter(name: name, e.message).text, hint: e.hint)
        }
    }

    private func call(_ callee: Expr, _ args: [Value], _ named: [(String, Value)]) throws -> Value {
        switch callee {
        case .attribute(let objectExpr, let method):
            if case .name("loop") = objectExpr, method == "cycle" {
                guard let state = loops.last else { throw EvalError(EngineMessage.cycleOutsideLoop.text) }
                guard !args.isEmpty else { return .null }
                return args[state.index0 % args.count]
            }
            let object = try eval(objectExpr)
            return try Methods.call(object, method, args, named)
        case .name(let fn):
            return try Methods.global(fn, args, named)
        default:
            throw EvalError(EngineMessage.cannotCall(callee.description).text)
        }
    }

    // MARK: Operators

    static func binary(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        let result = try unboundedBinary(op, a, b)
        if case .number(let d) = result { return .number(try Evaluator.bounded(d, op)) }
        return result
    }

    /// `d` when it is a finite number within `EngineLimits.maxMagnitude`; an error otherwise
    /// (Decimal keeps 38 digits, then overflows to NaN, which must never be printed).
    static func bounded(_ d: Decimal, _ op: String) throws -> Decimal {
        guard !d.isNaN, abs(d) <= EngineLimits.maxMagnitude else {
            throw EvalError(EngineMessage.resultTooLarge(op: op).text,
                            hint: EngineMessage.resultTooLargeHint.text)
        }
        return d
    }

    private static func unboundedBinary(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case "~": return .string(a.renderedText + b.renderedText)
        case "==": return .bool(equal(a, b))
        case "!=": return .bool(!equal(a, b))
        case "<", "<=", ">", ">=":
            let c = try compare(a, b, op)
            switch op {
            case "<": return .bool(c < 0)
            case "<=": return .bool(c <= 0)
            case ">": return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case "in":
            switch b {
            case .string(let s):
                guard case .string(let needle) = a else { throw EvalError(EngineMessage.inNeedsStringLeft(a).text) }
                return .bool(needle.isEmpty || s.contains(needle))
            case .list(let l): return .bool(l.contains { equal($0, a) })
            case .map(let m): return .bool(m[a.renderedText] != nil)
            case .null: return .bool(false)
            default: throw EvalError(EngineMessage.inNeedsContainer(b).text)
            }
        case "+":
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x + y)
            case (.string(let x), .string(let y)): return .string(x + y)
            case (.list(let x), .list(let y)): return .list(x + y)
            default: break
            }
        case "*":
            switch (a, b) {
            case (.number(let x), .number(let y)): return .number(x * y)
            case (.string(let s), .number(let n)), (.number(let n), .string(let s)):
                let count = max(0, NSDecimalNumber(decimal: n).intValue)
                guard count <= 100_000 else { throw EvalError(EngineMessage.repetitionTooLarge.text) }
                return .string(String(repeating: s, count: count))
            default: break
            }
        case "-", "/", "//", "%", "**":
            guard case .number(let x) = a, case .number(let y) = b else { break }
            switch op {
            case "-": return .number(x - y)
            case "**":
                guard y.isIntegral, abs(y) <= 1000 else { throw EvalError(EngineMessage.exponentTooLarge.text) }
                let n = NSDecimalNumber(decimal: y).intValue
                var r = Decimal(1)
                for _ in 0..<abs(n) {
                    r *= x
                    if r.isNaN || abs(r) > EngineLimits.maxMagnitude { break }
                }
                return .number(n < 0 ? 1 / r : r)
            default:
                guard !y.isZero else { throw EvalError(EngineMessage.divisionByZero.text) }
                let q = x / y
                if op == "/" { return .number(q) }
                var floor = Decimal(), qq = q
                NSDecimalRound(&floor, &qq, 0, .down)
                if floor > q { floor -= 1 }
                return .number(op == "//" ? floor : x - floor * y)
            }
        default: break
        }
        throw EvalError(EngineMessage.operatorDoesNotApply(op: op, a, b).text)
    }

    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .number(let y)), (.number(let y), .bool(let x)): return (x ? 1 : 0) == y
        default: return a == b
        }
    }

    /// -1, 0 or 1. Numbers with numbers, strings with strings, dates with dates.
    static func compare(_ a: Value, _ b: Value, _ op: String = "<") throws -> Int {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.date(let x), .date(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default: throw EvalError(EngineMessage.cannotCompare(a, b, op: op).text)
        }
    }
}

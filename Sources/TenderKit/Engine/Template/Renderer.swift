import Foundation

/// Runs a program with data. Errors do not stop the run: each is recorded with its place
/// (the failing value renders as nothing), so that every error is reported at once.
struct Renderer {
    let dialect: Dialect
    let evaluator: Evaluator
    var output: [UInt8] = []
    var diagnostics: [Diagnostic] = []
    /// Undefined names met in lenient mode.
    var warnings: [Diagnostic] = []
    private var reported = Set<String>()
    /// A bound on the output, so that a template cannot make a part grow without limit.
    let maxOutputBytes: Int
    private var overflow = false

    init(dialect: Dialect, evaluator: Evaluator, maxOutputBytes: Int = 512 << 20) {
        self.dialect = dialect
        self.evaluator = evaluator
        self.maxOutputBytes = maxOutputBytes
    }

    mutating func run(_ nodes: [ProgramNode]) {
        for node in nodes {
            if overflow { return }
            switch node {
            case .literal(let bytes):
                output.append(contentsOf: bytes)
            case .output(let e, let loc):
                if let v = evaluate(e, loc) { dialect.writeText(v.renderedText, into: &output) }
            case .raw(let pre, let e, let post, let loc):
                if let v = evaluate(e, loc) {
                    output.append(contentsOf: Array(pre.utf8))
                    Dialect.writeAttribute(v.renderedText, into: &output)
                    output.append(contentsOf: Array(post.utf8))
                }
            case .set(let name, let e, let loc):
                evaluator.set(name, evaluate(e, loc) ?? .null)
            case .conditional(let branches, let orElse):
                var taken = false
                for (cond, body, loc) in branches {
                    if evaluate(cond, loc)?.isTruthy == true {
                        run(body)
                        taken = true
                        break
                    }
                }
                if !taken { run(orElse) }
            case .forLoop(let targets, let iterable, let condition, let body, let orElse, let loc):
                runLoop(targets, iterable, condition, body, orElse, loc)
            }
            if output.count > maxOutputBytes {
                overflow = true
                record(EvalError("the rendered part grows beyond \(maxOutputBytes >> 20) MiB",
                                 hint: "check the loops: a loop over a huge list, or nested loops, make this part too large"),
                       at: SourceLocation())
            }
        }
    }

    private mutating func runLoop(_ targets: [String], _ iterable: Expr, _ condition: Expr?,
                                  _ body: [ProgramNode], _ orElse: [ProgramNode], _ loc: SourceLocation) {
        guard let seq = evaluate(iterable, loc) else { return }
        var items: [Value]
        switch seq {
        case .list(let l): items = l
        case .map(let m): items = m.keys.map { .string($0) }
        case .string(let s): items = s.map { .string(String($0)) }
        case .null: items = []
        default:
            record(EvalError("cannot loop over a \(seq.typeName)", hint: "a for loop needs a list or a mapping"), at: loc)
            return
        }
        if let condition {
            guard spend(items.count, loc) else { return }
            var kept: [Value] = []
            for item in items {
                evaluator.pushScope()
                bind(targets, item, loc)
                if evaluate(condition, loc)?.isTruthy == true { kept.append(item) }
                evaluator.popScope()
            }
            items = kept
        }
        if items.isEmpty { run(orElse); return }
        guard spend(items.count, loc) else { return }
        evaluator.enterLoop(items)
        for (i, item) in items.enumerated() {
            evaluator.pushScope()
            evaluator.updateLoop(index0: i)
            bind(targets, item, loc)
            run(body)
            evaluator.popScope()
            if overflow { break }
        }
        evaluator.exitLoop()
    }

    /// Counts `count` loop iterations against the render's budget; past it, records the
    /// error once and stops the part.
    private mutating func spend(_ count: Int, _ loc: SourceLocation) -> Bool {
        if evaluator.spendIterations(count) { return true }
        overflow = true
        record(EvalError("the loops run more than \(EngineLimits.maxIterations) times in all",
                         hint: "check the loops: a loop over a huge list, or loops nested in each other"), at: loc)
        return false
    }

    private mutating func bind(_ targets: [String], _ item: Value, _ loc: SourceLocation) {
        if targets.count == 1 { evaluator.set(targets[0], item); return }
        guard case .list(let parts) = item, parts.count == targets.count else {
            record(EvalError("cannot unpack a \(item.typeName) into \(targets.joined(separator: ", "))",
                             hint: "to loop over a mapping's keys and values, write `for k, v in mapping.items()`"), at: loc)
            for t in targets { evaluator.set(t, .null) }
            return
        }
        for (t, v) in zip(targets, parts) { evaluator.set(t, v) }
    }

    private mutating func evaluate(_ e: Expr, _ loc: SourceLocation) -> Value? {
        do {
            let known = evaluator.undefinedNames.count
            let v = try evaluator.eval(e)
            if evaluator.undefinedNames.count > known {
                for name in evaluator.undefinedNames[known...] {
                    warnings.append(.warning("undefined name '\(name)' rendered as nothing", at: loc,
                                             hint: "add it to the data, or write `\(name) | default(\"…\")`"))
                }
            }
            return v
        } catch let error as EvalError {
            record(error, at: loc)
            return nil
        } catch {
            record(EvalError("\(error)"), at: loc)
            return nil
        }
    }

    private mutating func record(_ error: EvalError, at loc: SourceLocation) {
        let key = loc.description + error.message
        guard !reported.contains(key) else { return }
        reported.insert(key)
        diagnostics.append(.error(error.message, at: loc, hint: error.hint))
    }
}

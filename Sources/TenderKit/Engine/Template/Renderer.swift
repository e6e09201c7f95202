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
    /// Typography and rich content for the document being rendered; the part's name.
    let session: RenderSession?
    let part: String
    /// The value of a framed paragraph's tag, evaluated once by the frame.
    private var pending: Value?? = nil

    init(dialect: Dialect, evaluator: Evaluator, maxOutputBytes: Int = 512 << 20,
         session: RenderSession? = nil, part: String = "") {
        self.dialect = dialect
        self.evaluator = evaluator
        self.maxOutputBytes = maxOutputBytes
        self.session = session
        self.part = part
    }

    /// The room reserved for the output when a loop starts (loops make parts large; beyond it,
    /// the output grows as usual). Address space, not memory: the system gives a page when the
    /// output first reaches it. Grown by doubling, the output was copied at each step into fresh
    /// pages, twice its size in page faults (a sixth of the time of a 20,000-row table).
    static let outputReservation = 64 << 20

    /// Writes a value where character data is open.
    private mutating func write(_ value: Value) {
        switch value {
        case .rich(let rich):
            let rich = typeset(rich)
            if let writer = session?.writer { writer.writeInline(rich, part: part, into: &output) }
            else { dialect.writeText(rich.plainText, into: &output) }
        case .string(let s) where session?.typography == true:
            dialect.writeText(FrenchTypography.apply(s), into: &output)
        default:
            dialect.writeText(value.renderedText, into: &output)
        }
    }

    private func typeset(_ rich: RichText) -> RichText {
        guard session?.typography == true, rich.typography != false else { return rich }
        return rich.mapText { FrenchTypography.apply($0, afterText: $1) }
    }

    /// A paragraph holding one output tag alone: a rich value replaces it, any other value
    /// is written in it.
    private mutating func runRichParagraph(_ body: [ProgramNode]) {
        guard let index = body.firstIndex(where: { if case .output = $0 { return true }; return false }),
              case .output(let e, let loc) = body[index] else { run(body); return }
        let value = evaluate(e, loc)
        if case .rich(let rich)? = value, !rich.isInline, let writer = session?.writer {
            var opening: [UInt8] = []
            for node in body[..<index] { if case .literal(let bytes) = node { opening.append(contentsOf: bytes) } }
            writer.writeBlocks(typeset(rich), paragraph: opening, part: part, into: &output)
            return
        }
        if let value, let writer = session?.writer, writer.writeTyped(value, part: part, into: &output) { return }
        pending = .some(value)
        run(body)
        pending = nil
    }

    mutating func run(_ nodes: [ProgramNode]) {
        for node in nodes {
            if overflow { return }
            switch node {
            case .literal(let bytes):
                output.append(contentsOf: bytes)
            case .output(let e, let loc):
                if let framed = pending {
                    pending = nil
                    if let v = framed { write(v) }
                } else if let v = evaluate(e, loc) {
                    write(v)
                }
            case .richParagraph(let body, _):
                runRichParagraph(body)
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
                record(EvalError(EngineMessage.partTooLarge(mebibytes: maxOutputBytes >> 20).text,
                                 hint: EngineMessage.partTooLargeHint.text),
                       at: SourceLocation())
            }
        }
    }

    private mutating func runLoop(_ targets: [String], _ iterable: Expr, _ condition: Expr?,
                                  _ body: [ProgramNode], _ orElse: [ProgramNode], _ loc: SourceLocation) {
        guard let seq = evaluate(iterable, loc) else { return }
        if output.capacity < Self.outputReservation { output.reserveCapacity(min(maxOutputBytes, Self.outputReservation)) }
        var items: [Value]
        switch seq {
        case .list(let l): items = l
        case .map(let m): items = m.keys.map { .string($0) }
        case .string(let s): items = s.map { .string(String($0)) }
        case .null: items = []
        default:
            record(EvalError(EngineMessage.cannotLoopOver(seq).text, hint: EngineMessage.cannotLoopOverHint.text), at: loc)
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
        record(EvalError(EngineMessage.tooManyIterations(EngineLimits.maxIterations).text,
                         hint: EngineMessage.tooManyIterationsHint.text), at: loc)
        return false
    }

    private mutating func bind(_ targets: [String], _ item: Value, _ loc: SourceLocation) {
        if targets.count == 1 { evaluator.set(targets[0], item); return }
        guard case .list(let parts) = item, parts.count == targets.count else {
            record(EvalError(EngineMessage.cannotUnpack(item, into: targets).text,
                             hint: EngineMessage.cannotUnpackHint.text), at: loc)
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
                    let hint = evaluator.suggestion(for: name).map { EngineMessage.didYouMeanOrAdd($0).text }
                        ?? EngineMessage.addItOrDefault(name).text
                    var warning = Diagnostic.warning(EngineMessage.undefinedRenderedAsNothing(name).text, at: loc, hint: hint)
                    warning.code = .undefinedName(name)
                    warnings.append(warning)
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

import Foundation

/// Parses expressions and statements of the tag language (a Jinja2 subset).
struct Parser {
    private var tokens: [Token]
    private var pos = 0
    /// How deeply the expression being parsed nests (bounded by `EngineLimits.maxNesting`).
    private var depth = 0

    init(_ text: String) throws {
        tokens = try Lexer.tokenize(text)
    }

    // MARK: Entry points

    static func expression(_ text: String) throws -> Expr {
        var p = try Parser(text)
        guard p.peek.kind != .end else { throw SyntaxError(message: EngineMessage.emptyExpression.text, offset: 0) }
        let e = try p.parseExpression()
        try p.expectEnd()
        return e
    }

    static func statement(_ text: String) throws -> Statement {
        var p = try Parser(text)
        guard case .name(let keyword) = p.peek.kind else {
            throw SyntaxError(message: EngineMessage.statementKeyword.text, offset: 0)
        }
        p.advance()
        let s: Statement
        switch keyword {
        case "for":
            var targets = [try p.expectName(.loopVariable)]
            while p.accept(",") { targets.append(try p.expectName(.loopVariable)) }
            try p.expectKeyword("in")
            let iterable = try p.parseTernaryFree()
            var condition: Expr? = nil
            if p.acceptKeyword("if") { condition = try p.parseTernaryFree() }
            if case .name("recursive") = p.peek.kind {
                throw SyntaxError(message: EngineMessage.recursiveLoops.text, offset: p.peek.offset)
            }
            s = .forLoop(targets: targets, iterable: iterable, condition: condition)
        case "endfor": s = .endFor
        case "if": s = .ifBlock(try p.parseExpression())
        case "elif": s = .elif(try p.parseExpression())
        case "else": s = .elseBlock
        case "endif": s = .endIf
        case "set":
            let name = try p.expectName(.variable)
            try p.expect("=")
            s = .set(name, try p.parseExpression())
        case "hm": s = .horizontalMerge
        case "vm": s = .verticalMerge
        case "colspan": s = .colspan(try p.parseExpression())
        case "cellbg": s = .cellBackground(try p.parseExpression())
        default:
            throw SyntaxError(message: EngineMessage.unknownStatement(keyword).text, offset: 0)
        }
        try p.expectEnd()
        return s
    }

    // MARK: Token helpers

    private var peek: Token { tokens[pos] }
    private mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    private func isOp(_ op: String) -> Bool {
        if case .op(op) = peek.kind { return true }
        return false
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .name(word) = peek.kind { return true }
        return false
    }

    private mutating func accept(_ op: String) -> Bool {
        if isOp(op) { advance(); return true }
        return false
    }

    private mutating func acceptKeyword(_ word: String) -> Bool {
        if isKeyword(word) { advance(); return true }
        return false
    }

    private mutating func expect(_ op: String) throws {
        guard accept(op) else { throw SyntaxError(message: EngineMessage.expected(op, found: peek).text, offset: peek.offset) }
    }

    private mutating func expectKeyword(_ word: String) throws {
        guard acceptKeyword(word) else { throw SyntaxError(message: EngineMessage.expected(word, found: peek).text, offset: peek.offset) }
    }

    private mutating func expectName(_ what: EngineMessage.NameKind) throws -> String {
        guard case .name(let n) = peek.kind, !Parser.reserved.contains(n) else {
            throw SyntaxError(message: EngineMessage.expectedName(what, found: peek).text, offset: peek.offset)
        }
        advance()
        return n
    }

    private func expectEnd() throws {
        guard peek.kind == .end else { throw SyntaxError(message: EngineMessage.unexpectedAfterEnd(peek).text, offset: peek.offset) }
    }

    static let reserved: Set<String> = ["and", "or", "not", "in", "is", "if", "else", "true", "false", "none",
                                        "True", "False", "None"]

    // MARK: Grammar

    /// Enters one level of nesting, refusing past `EngineLimits.maxNesting`.
    private mutating func nest() throws {
        depth += 1
        if depth > EngineLimits.maxNesting {
            throw SyntaxError(message: EngineMessage.nestsTooDeep(EngineLimits.maxNesting).text, offset: peek.offset)
        }
    }

    mutating func parseExpression() throws -> Expr {
        try nest()
        defer { depth -= 1 }
        let e = try parseOr()
        if acceptKeyword("if") {
            let condition = try parseOr()
            var otherwise: Expr? = nil
            if acceptKeyword("else") { otherwise = try parseExpression() }
            return .conditional(e, condition, otherwise)
        }
        return e
    }

    /// An expression without a trailing `if … else …` (so `for x in xs if cond` parses).
    private mutating func parseTernaryFree() throws -> Expr { try parseOr() }

    private mutating func parseOr() throws -> Expr {
        var e = try parseAnd()
        while acceptKeyword("or") { e = .or(e, try parseAnd()) }
        return e
    }

    private mutating func parseAnd() throws -> Expr {
        var e = try parseNot()
        while acceptKeyword("and") { e = .and(e, try parseNot()) }
        return e
    }

    private mutating func parseNot() throws -> Expr {
        if acceptKeyword("not") {
            try nest()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Expr {
        var e = try parseConcat()
        while true {
            if case .op(let op) = peek.kind, ["==", "!=", "<", "<=", ">", ">="].contains(op) {
                advance()
                e = .binary(op, e, try parseConcat())
            } else if acceptKeyword("in") {
                e = .binary("in", e, try parseConcat())
            } else if isKeyword("not"), pos + 1 < tokens.count, tokens[pos + 1].kind == .name("in") {
                advance(); advance()
                e = .not(.binary("in", e, try parseConcat()))
            } else if acceptKeyword("is") {
                let negated = acceptKeyword("not")
                let testName: String
                switch peek.kind {
                case .name(let n): testName = n; advance()
                default: throw SyntaxError(message: EngineMessage.expectedTestName(found: peek).text, offset: peek.offset)
                }
                var args: [Expr] = []
                if accept("(") {
                    if !accept(")") {
                        repeat { args.append(try parseExpression()) } while accept(",")
                        try expect(")")
                    }
                } else if startsOperand {
                    args.append(try parseConcat())
                }
                e = .test(e, testName, args, negated: negated)
            } else {
                return e
            }
        }
    }

    /// Whether the next token can start an operand (for `is divisibleby 3`).
    private var startsOperand: Bool {
        switch peek.kind {
        case .number, .string: return true
        case .name(let n): return !["and", "or", "if", "else", "in", "is", "not"].contains(n)
        default: return false
        }
    }

    private mutating func parseConcat() throws -> Expr {
        var e = try parseAdditive()
        while accept("~") { e = .binary("~", e, try parseAdditive()) }
        return e
    }

    private mutating func parseAdditive() throws -> Expr {
        var e = try parseMultiplicative()
        while true {
            if accept("+") { e = .binary("+", e, try parseMultiplicative()) }
            else if accept("-") { e = .binary("-", e, try parseMultiplicative()) }
            else { return e }
        }
    }

    private mutating func parseMultiplicative() throws -> Expr {
        var e = try parseUnary()
        while true {
            if case .op(let op) = peek.kind, ["*", "/", "//", "%"].contains(op) {
                advance()
                e = .binary(op, e, try parseUnary())
            } else {
                return e
            }
        }
    }

    /// As in Jinja (and docxtpl), a sign binds tighter than a filter and `**`, and `**` groups
    /// left to right: `-3 | abs` is 3, `-2 ** 2` is 4, `2 ** 3 ** 2` is 64.
    private mutating func parseUnary() throws -> Expr {
        var e = try parseFiltered()
        while accept("**") { e = .binary("**", e, try parseFiltered()) }
        return e
    }

    private mutating func parseSigned() throws -> Expr {
        if accept("-") { return .unary("-", try nestedSigned()) }
        if accept("+") { return .unary("+", try nestedSigned()) }
        return try parsePostfix()
    }

    /// The operand of a sign: one level deeper.
    private mutating func nestedSigned() throws -> Expr {
        try nest()
        defer { depth -= 1 }
        return try parseSigned()
    }

    private mutating func parseFiltered() throws -> Expr {
        var e = try parseSigned()
        while accept("|") {
            guard case .name(let name) = peek.kind else {
                throw SyntaxError(message: EngineMessage.expectedFilterName(found: peek).text, offset: peek.offset)
            }
            advance()
            var args: [Expr] = []
            var named: [(String, Expr)] = []
            if accept("(") {
                try parseArguments(&args, &named)
            }
            e = .filter(e, name, args, named)
        }
        return e
    }

    private mutating func parseArguments(_ args: inout [Expr], _ named: inout [(String, Expr)]) throws {
        if accept(")") { return }
        repeat {
            if case .name(let n) = peek.kind, pos + 1 < tokens.count, tokens[pos + 1].kind == .op("=") {
                advance(); advance()
                named.append((n, try parseExpression()))
            } else {
                if !named.isEmpty {
                    throw SyntaxError(message: EngineMessage.positionalAfterNamed.text, offset: peek.offset)
                }
                args.append(try parseExpression())
            }
        } while accept(",")
        try expect(")")
    }

    private mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        while true {
            if accept(".") {
                switch peek.kind {
                case .name(let n): advance(); e = .attribute(e, n)
                case .number(let d) where d.isIntegral && d >= 0:
                    advance(); e = .index(e, .literal(.number(d)))
                default: throw SyntaxError(message: EngineMessage.expectedAttribute(found: peek).text, offset: peek.offset)
                }
            } else if accept("[") {
                if accept(":") {
                    let upper = isOp("]") ? nil : try parseExpression()
                    try expect("]")
                    e = .slice(e, nil, upper)
                    continue
                }
                let index = try parseExpression()
                if accept(":") {
                    let upper = isOp("]") ? nil : try parseExpression()
                    try expect("]")
                    e = .slice(e, index, upper)
                } else {
                    try expect("]")
                    e = .index(e, index)
                }
            } else if accept("(") {
                var args: [Expr] = []
                var named: [(String, Expr)] = []
                try parseArguments(&args, &named)
                e = .call(e, args, named)
            } else {
                return e
            }
        }
    }

    private mutating func parsePrimary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .number(let d): advance(); return .literal(.number(d))
        case .string(let s):
            advance()
            var text = s
            // Adjacent string literals concatenate, as in Jinja.
            while case .string(let more) = peek.kind { text += more; advance() }
            return .literal(.string(text))
        case .name(let n):
            advance()
            switch n {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None", "null": return .literal(.null)
            default:
                if Parser.reserved.contains(n) {
                    throw SyntaxError(message: EngineMessage.unexpectedKeyword(n).text, offset: t.offset)
                }
                return .name(n)
            }
        case .op("("):
            advance()
            let e = try parseExpression()
            if accept(",") {
                // A tuple: treat as a list.
                var items = [e]
                if !isOp(")") {
                    repeat { items.append(try parseExpression()) } while accept(",") && !isOp(")")
                }
                try expect(")")
                return .list(items)
            }
            try expect(")")
            return e
        case .op("["):
            advance()
            var items: [Expr] = []
            if !accept("]") {
                repeat {
                    if isOp("]") { break }
                    items.append(try parseExpression())
                } while accept(",")
                try expect("]")
            }
            return .list(items)
        case .op("{"):
            advance()
            var pairs: [(Expr, Expr)] = []
            if !accept("}") {
                repeat {
                    if isOp("}") { break }
                    let k = try parseExpression()
                    try expect(":")
                    pairs.append((k, try parseExpression()))
                } while accept(",")
                try expect("}")
            }
            return .dict(pairs)
        case .end:
            throw SyntaxError(message: EngineMessage.endsTooEarly.text, offset: t.offset)
        default:
            throw SyntaxError(message: EngineMessage.unexpected(t).text, offset: t.offset)
        }
    }
}

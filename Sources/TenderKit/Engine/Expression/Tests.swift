import Foundation

/// Jinja's tests (`x is odd`, `selectattr("kind", "equalto", "fixed")`).
enum Tests {
    static func apply(_ name: String, _ v: Value, _ args: [Value]) throws -> Bool {
        func arg() throws -> Value {
            guard let a = args.first else { throw EvalError(EngineMessage.testNeedsArgument(name).text) }
            return a
        }
        switch name {
        case "none": return v.isNull
        case "boolean": if case .bool = v { return true }; return false
        case "true": return v == .bool(true)
        case "false": return v == .bool(false)
        case "number": if case .number = v { return true }; return false
        case "integer": if case .number(let d) = v { return d.isIntegral }; return false
        case "float": if case .number(let d) = v { return !d.isIntegral }; return false
        case "string": if case .string = v { return true }; return false
        case "mapping": if case .map = v { return true }; return false
        case "sequence", "iterable":
            switch v { case .list, .map, .string: return true; default: return false }
        case "date": if case .date = v { return true }; return false
        case "even", "odd":
            guard case .number(let d) = v, d.isIntegral else { throw EvalError(EngineMessage.testNeedsWholeNumber(name).text) }
            let even = (d / 2).isIntegral
            return name == "even" ? even : !even
        case "divisibleby":
            guard case .number(let d) = v, case .number(let n) = try arg(), !n.isZero else {
                throw EvalError(EngineMessage.divisiblebyNeedsNumbers.text)
            }
            return (d / n).isIntegral
        case "equalto", "eq", "==", "sameas": return Evaluator.equal(v, try arg())
        case "ne", "!=": return !Evaluator.equal(v, try arg())
        case "lt", "lessthan", "<": return try Evaluator.compare(v, try arg()) < 0
        case "le", "<=": return try Evaluator.compare(v, try arg()) <= 0
        case "gt", "greaterthan", ">": return try Evaluator.compare(v, try arg()) > 0
        case "ge", ">=": return try Evaluator.compare(v, try arg()) >= 0
        case "in": return try Evaluator.binary("in", v, try arg()).isTruthy
        case "lower": if case .string(let s) = v { return s == s.lowercased() }; return false
        case "upper": if case .string(let s) = v { return s == s.uppercased() }; return false
        case "empty": return !v.isTruthy
        case "defined": return true
        case "undefined": return false
        default:
            throw EvalError(EngineMessage.unknownTest(name).text,
                            hint: EngineMessage.knownTests.text)
        }
    }
}

/// Methods called on values (`mapping.items()`, `text.split(",")`) and global functions (`range`).
enum Methods {
    static func call(_ object: Value, _ name: String, _ args: [Value], _ named: [(String, Value)]) throws -> Value {
        func str(_ i: Int) throws -> String? {
            guard i < args.count else { return nil }
            guard case .string(let s) = args[i] else { throw EvalError(EngineMessage.methodExpectsText(name, args[i]).text) }
            return s
        }
        switch (object, name) {
        case (.map(let m), "items"): return .list(m.map { .list([.string($0.key), $0.value]) })
        case (.map(let m), "keys"): return .list(m.keys.map { .string($0) })
        case (.map(let m), "values"): return .list(m.values)
        case (.map(let m), "get"): return m[args.first?.renderedText ?? ""] ?? (args.count > 1 ? args[1] : .null)
        case (.string(let s), "split"):
            if let sep = try str(0), !sep.isEmpty {
                return .list(s.components(separatedBy: sep).map { .string($0) })
            }
            return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
        case (.string(let s), "splitlines"):
            return .list(s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map { .string(String($0)) })
        case (.string(let s), "upper"): return .string(s.uppercased())
        case (.string(let s), "lower"): return .string(s.lowercased())
        case (.string(let s), "title"): return .string(StandardFilters.titleCase(s))
        case (.string(let s), "capitalize"): return .string(StandardFilters.capitalize(s))
        case (.string(let s), "strip"): return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case (.string(let s), "lstrip"): return .string(String(s.drop(while: { $0.isWhitespace })))
        case (.string(let s), "rstrip"): return .string(String(s.reversed().drop(while: { $0.isWhitespace }).reversed()))
        case (.string(let s), "startswith"): return .bool(s.hasPrefix(try str(0) ?? ""))
        case (.string(let s), "endswith"): return .bool(s.hasSuffix(try str(0) ?? ""))
        case (.string(let s), "replace"):
            return .string(s.replacingOccurrences(of: try str(0) ?? "", with: try str(1) ?? ""))
        case (.string(let s), "join"):
            guard case .list(let l) = args.first ?? .null else { throw EvalError(EngineMessage.joinExpectsList.text) }
            return .string(l.map(\.renderedText).joined(separator: s))
        case (.string(let s), "count"): return .number(Decimal(s.components(separatedBy: try str(0) ?? "").count - 1))
        case (.list(let l), "count"): return .number(Decimal(l.filter { Evaluator.equal($0, args.first ?? .null) }.count))
        case (.list(let l), "index"):
            guard let i = l.firstIndex(where: { Evaluator.equal($0, args.first ?? .null) }) else {
                throw EvalError(EngineMessage.indexNotInList.text)
            }
            return .number(Decimal(i))
        default:
            throw EvalError(EngineMessage.noMethod(object, name).text)
        }
    }

    /// The start, stop and step of `range(...)`, each a whole number that fits in an Int.
    static func rangeBounds(_ args: [Value]) throws -> (Int, Int, Int) {
        let limit = Decimal(Int(Int32.max)) * Decimal(Int(Int32.max))
        let ints = try args.map { v -> Int in
            guard case .number(let d) = v, d.isIntegral else { throw EvalError(EngineMessage.rangeNeedsWhole.text) }
            guard abs(d) <= limit else { throw EvalError(EngineMessage.rangeBoundTooLarge(Value.plainString(d)).text) }
            return NSDecimalNumber(decimal: d).intValue
        }
        let bounds: (Int, Int, Int)
        switch ints.count {
        case 1: bounds = (0, ints[0], 1)
        case 2: bounds = (ints[0], ints[1], 1)
        case 3: bounds = (ints[0], ints[1], ints[2])
        default: throw EvalError(EngineMessage.rangeArguments.text)
        }
        guard bounds.2 != 0 else { throw EvalError(EngineMessage.rangeStepZero.text) }
        return bounds
    }

    /// How many items `range(...)` has, computed without building them.
    static func rangeCount(_ args: [Value]) throws -> Decimal {
        let (start, stop, step) = try rangeBounds(args)
        let span = step > 0 ? Decimal(stop) - Decimal(start) : Decimal(start) - Decimal(stop)
        guard span > 0 else { return 0 }
        let stride = Decimal(abs(step))
        var q = span / stride, whole = Decimal()
        NSDecimalRound(&whole, &q, 0, .up)
        return whole
    }

    static func global(_ name: String, _ args: [Value], _ named: [(String, Value)]) throws -> Value {
        switch name {
        case "range":
            let (start, stop, step) = try rangeBounds(args)
            let count = try rangeCount(args)
            guard count <= Decimal(EngineLimits.maxRangeItems) else {
                throw EvalError(EngineMessage.rangeTooLarge(items: Value.plainString(count), max: EngineLimits.maxRangeItems).text,
                                hint: EngineMessage.rangeTooLargeHint.text)
            }
            return .list(stride(from: start, to: stop, by: step).map { .number(Decimal($0)) })
        case "dict":
            return .map(Mapping(named))
        default:
            throw EvalError(EngineMessage.unknownFunction(name).text, hint: EngineMessage.knownFunctions.text)
        }
    }
}

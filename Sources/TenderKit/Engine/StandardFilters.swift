import Foundation

/// Jinja's built-in filters (the subset templates need), over `Value`s: one documented
/// function each, and `table`, which names them, as Jinja's `FILTERS` does.
enum StandardFilters {
    typealias SF = StandardFilters

    /// Every standard filter by name (aliases: `strip`, `count`, `e`, `escape`).
    static let table: [(name: String, function: FilterFunction)] = [
        ("upper", `upper`),
        ("lower", `lower`),
        ("capitalize", `capitalize`),
        ("title", `title`),
        ("trim", `trim`),
        ("strip", `trim`),
        ("length", `length`),
        ("count", `length`),
        ("string", `string`),
        ("list", `list`),
        ("safe", `safe`),
        ("e", `safe`),
        ("escape", `safe`),
        ("join", `join`),
        ("first", `first`),
        ("last", `last`),
        ("reverse", `reverse`),
        ("sort", `sort`),
        ("dictsort", `dictsort`),
        ("items", `items`),
        ("sum", `sum`),
        ("min", `min`),
        ("max", `max`),
        ("abs", `abs`),
        ("round", `round`),
        ("int", `int`),
        ("float", `float`),
        ("replace", `replace`),
        ("map", `map`),
        ("selectattr", `selectattr`),
        ("rejectattr", `rejectattr`),
        ("select", `select`),
        ("reject", `reject`),
        ("unique", `unique`),
        ("groupby", `groupby`),
        ("batch", `batch`),
        ("wordcount", `wordcount`),
        ("truncate", `truncate`),
        ("indent", `indent`),
        ("center", `center`),
        ("format", `format`)
    ]

    /// `upper`: the text in capitals.
    @Sendable static func `upper`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .string(try SF.text(v, "upper").uppercased())
    }

    /// `lower`: the text in lower case.
    @Sendable static func `lower`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .string(try SF.text(v, "lower").lowercased())
    }

    /// `capitalize`: the first character in capitals, the rest in lower case.
    @Sendable static func `capitalize`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .string(SF.capitalize(try SF.text(v, "capitalize")))
    }

    /// `title`: each word capitalized (`l'été` → `L'été`).
    @Sendable static func `title`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .string(SF.titleCase(try SF.text(v, "title")))
    }

    /// `trim`: the text without the spaces (or `chars`) at its ends; also `strip`.
    @Sendable static func `trim`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let s = try SF.text(v, "trim")
        if let chars = a.value(0, "chars")?.asString {
            return .string(s.trimmingCharacters(in: CharacterSet(charactersIn: chars)))
        }
        return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `length`: the number of items, keys or characters (null: 0); also `count`.
    @Sendable static func `length`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        switch v {
        case .list(let l): return .number(Decimal(l.count))
        case .map(let m): return .number(Decimal(m.count))
        case .string(let s): return .number(Decimal(s.count))
        case .null: return .number(0)
        default: throw FilterError(EngineMessage.lengthNeeds(v).text)
        }
    }

    /// `string`: the value as it renders.
    @Sendable static func `string`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .string(v.renderedText)
    }

    /// `list`: the items of a list, the keys of a mapping, the characters of a text.
    @Sendable static func `list`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .list(try SF.items(v, "list"))
    }

    /// `safe`: the value unchanged: values are always escaped for XML, so there is nothing to mark safe; also `e`, `escape`.
    @Sendable static func `safe`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return v
    }

    /// `join`: the items' texts joined by `d` (of their `attribute` when given).
    @Sendable static func `join`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let sep = a.value(0, "d")?.renderedText ?? ""
        var items = try SF.items(v, "join")
        if let attr = a.value(1, "attribute") { items = try items.map { try SF.attribute($0, attr) } }
        return .string(items.map(\.renderedText).joined(separator: sep))
    }

    /// `first`: the first item or character (null when empty).
    @Sendable static func `first`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        switch v {
        case .string(let s): return s.first.map { .string(String($0)) } ?? .null
        default: return try SF.items(v, "first").first ?? .null
        }
    }

    /// `last`: the last item or character (null when empty).
    @Sendable static func `last`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        switch v {
        case .string(let s): return s.last.map { .string(String($0)) } ?? .null
        default: return try SF.items(v, "last").last ?? .null
        }
    }

    /// `reverse`: the items, or the characters, in reverse order.
    @Sendable static func `reverse`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        if case .string(let s) = v { return .string(String(s.reversed())) }
        return .list(try SF.items(v, "reverse").reversed())
    }

    /// `sort`: the items sorted (stably, also with `reverse`), case-insensitively unless `case_sensitive`, by `attribute` when given.
    @Sendable static func `sort`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let reverse = a.value(0, "reverse")?.isTruthy ?? false
        let caseSensitive = a.value(1, "case_sensitive")?.isTruthy ?? false
        let attr = a.value(2, "attribute")
        let items = try SF.items(v, "sort")
        let keyed = try items.map { item -> (Value, Value) in
            var key = try attr.map { try SF.attribute(item, $0) } ?? item
            if !caseSensitive, case .string(let s) = key { key = .string(s.lowercased()) }
            return (key, item)
        }
        // Stable either way, as Python's: equal keys keep their order, also with reverse=true.
        let sorted = try SF.stableSort(keyed) { a, b in try Evaluator.compare(reverse ? b.0 : a.0, reverse ? a.0 : b.0) < 0 }
        return .list(sorted.map(\.1))
    }

    /// `dictsort`: a mapping's `[key, value]` pairs sorted by key (or `by="value"`), stably.
    @Sendable static func `dictsort`(_ v: Value, _ a: FilterArguments) throws -> Value {
        guard case .map(let m) = v else { throw FilterError(EngineMessage.dictsortNeeds(v).text) }
        let byValue = a.value(1, "by")?.asString == "value"
        let reverse = a.value(2, "reverse")?.isTruthy ?? false
        let pairs = m.map { ($0.key, $0.value) }
        let sorted = try SF.stableSort(pairs) { x0, y0 in
            let (x, y) = reverse ? (y0, x0) : (x0, y0)
            return byValue ? try Evaluator.compare(x.1, y.1) < 0 : x.0.lowercased() < y.0.lowercased()
        }
        return .list(sorted.map { .list([.string($0.0), $0.1]) })
    }

    /// `items`: a mapping's `[key, value]` pairs in their order.
    @Sendable static func `items`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        guard case .map(let m) = v else { return .list([]) }
        return .list(m.map { .list([.string($0.key), $0.value]) })
    }

    /// `sum`: the total of the items (of their `attribute`), from `start`; null items are skipped.
    @Sendable static func `sum`(_ v: Value, _ a: FilterArguments) throws -> Value {
        var total = try a.value(1, "start").map { try SF.number($0, "sum") } ?? 0
        for item in try SF.items(v, "sum") {
            let x = try a.value(0, "attribute").map { try SF.attribute(item, $0) } ?? item
            if x.isNull { continue }
            total += try SF.number(x, "sum")
        }
        return .number(total)
    }

    /// `min`: the smallest item (by `attribute` when given).
    @Sendable static func `min`(_ v: Value, _ a: FilterArguments) throws -> Value {
        return try SF.extreme(v, a, wantMax: false)
    }

    /// `max`: the largest item (by `attribute` when given).
    @Sendable static func `max`(_ v: Value, _ a: FilterArguments) throws -> Value {
        return try SF.extreme(v, a, wantMax: true)
    }

    /// `abs`: the number without its sign.
    @Sendable static func `abs`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .number(Swift.abs(try SF.number(v, "abs")))
    }

    /// `round`: the number rounded to `precision` decimals: half away from zero (`common`), `ceil` or `floor`.
    @Sendable static func `round`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let d = try SF.number(v, "round")
        let precision = try a.value(0, "precision").map { try SF.int($0, "round") } ?? 0
        let method = a.value(1, "method")?.asString ?? "common"
        var x = d, r = Decimal()
        switch method {
        case "common": NSDecimalRound(&r, &x, precision, .plain)
        case "ceil": NSDecimalRound(&r, &x, precision, .up)
        case "floor": NSDecimalRound(&r, &x, precision, .down)
        default: throw FilterError(EngineMessage.roundMethod(method).text)
        }
        return .number(r)
    }

    /// `int`: the number (or text holding one) without its fraction; `default` (0) otherwise.
    @Sendable static func `int`(_ v: Value, _ a: FilterArguments) throws -> Value {
        switch v {
        case .number(let d): return .number(d.truncated(0))
        case .string(let s):
            if let d = Decimal(exactly: s) { return .number(d.truncated(0)) }
            return a.value(0, "default") ?? .number(0)
        case .bool(let b): return .number(b ? 1 : 0)
        default: return a.value(0, "default") ?? .number(0)
        }
    }

    /// `float`: the number (or text holding one) as is; `default` (0) otherwise.
    @Sendable static func `float`(_ v: Value, _ a: FilterArguments) throws -> Value {
        switch v {
        case .number: return v
        case .string(let s): return Decimal(exactly: s).map { .number($0) } ?? a.value(0, "default") ?? .number(0)
        case .bool(let b): return .number(b ? 1 : 0)
        default: return a.value(0, "default") ?? .number(0)
        }
    }

    /// `replace`: the text with `old` replaced by `new` (the first `count` times when given).
    @Sendable static func `replace`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let s = v.renderedText
        let old = a.value(0, "old")?.renderedText ?? ""
        let new = a.value(1, "new")?.renderedText ?? ""
        let count = try a.value(2, "count").map { try SF.int($0, "replace") }
        guard !old.isEmpty else { return .string(s) }
        guard let count else { return .string(s.replacingOccurrences(of: old, with: new)) }
        var out = s, done = 0, searchStart = out.startIndex
        while done < count, let r = out.range(of: old, range: searchStart..<out.endIndex) {
            out.replaceSubrange(r, with: new)
            searchStart = out.index(r.lowerBound, offsetBy: new.count)
            done += 1
        }
        return .string(out)
    }

    /// `map`: each item's `attribute` (or `default`), or each item through the filter named first.
    @Sendable static func `map`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let items = try SF.items(v, "map")
        if let attr = a.named["attribute"] {
            let fallback = a.named["default"]
            return .list(try items.map { item in
                do { return try SF.attribute(item, attr) } catch { if let fallback { return fallback }; throw error }
            })
        }
        guard let name = a.positional.first?.asString else {
            throw FilterError(EngineMessage.mapNeeds.text)
        }
        guard let f = (a.filters ?? FilterRegistry.default)[name] else { throw FilterError(EngineMessage.mapUnknownFilter(name).text) }
        var rest = FilterArguments(positional: Array(a.positional.dropFirst()), named: a.named)
        rest.filters = a.filters
        return .list(try items.map { try f($0, rest) })
    }

    /// `selectattr`: the items whose `attribute` passes the test (or is truthy).
    @Sendable static func `selectattr`(_ v: Value, _ a: FilterArguments) throws -> Value {
        return try SF.select(v, a, byAttribute: true, keep: true)
    }

    /// `rejectattr`: the items whose `attribute` fails the test (or is falsy).
    @Sendable static func `rejectattr`(_ v: Value, _ a: FilterArguments) throws -> Value {
        return try SF.select(v, a, byAttribute: true, keep: false)
    }

    /// `select`: the items that pass the test (or are truthy).
    @Sendable static func `select`(_ v: Value, _ a: FilterArguments) throws -> Value {
        return try SF.select(v, a, byAttribute: false, keep: true)
    }

    /// `reject`: the items that fail the test (or are falsy).
    @Sendable static func `reject`(_ v: Value, _ a: FilterArguments) throws -> Value {
        return try SF.select(v, a, byAttribute: false, keep: false)
    }

    /// `unique`: the items without repeats (compared by `attribute` when given), first seen first.
    @Sendable static func `unique`(_ v: Value, _ a: FilterArguments) throws -> Value {
        // Hashed buckets, so that a long list takes linear time, not quadratic.
        var seen: [String: [Value]] = [:]
        var out: [Value] = []
        for item in try SF.items(v, "unique") {
            let key = try a.value(1, "attribute").map { try SF.attribute(item, $0) } ?? item
            let bucket = SF.bucket(key)
            if seen[bucket]?.contains(where: { Evaluator.equal($0, key) }) != true {
                seen[bucket, default: []].append(key)
                out.append(item)
            }
        }
        return .list(out)
    }

    /// `groupby`: the items grouped by `attribute`: `{grouper, list}` mappings sorted by grouper.
    @Sendable static func `groupby`(_ v: Value, _ a: FilterArguments) throws -> Value {
        guard let attr = a.value(0, "attribute") else { throw FilterError(EngineMessage.groupbyNeeds.text) }
        var groups: [(Value, [Value])] = []
        var positions: [String: [Int]] = [:]
        for item in try SF.items(v, "groupby") {
            let key = try SF.attribute(item, attr)
            let bucket = SF.bucket(key)
            if let i = positions[bucket]?.first(where: { Evaluator.equal(groups[$0].0, key) }) { groups[i].1.append(item) }
            else { positions[bucket, default: []].append(groups.count); groups.append((key, [item])) }
        }
        let sorted = try SF.stableSort(groups) { try Evaluator.compare($0.0, $1.0) < 0 }
        return .list(sorted.map { .map(Mapping([("grouper", $0.0), ("list", .list($0.1))])) })
    }

    /// `batch`: the items in lists of `linecount`, the last filled with `fill_with` when given.
    @Sendable static func `batch`(_ v: Value, _ a: FilterArguments) throws -> Value {
        guard let size = try a.value(0, "linecount").map({ try SF.int($0, "batch") }), size > 0 else {
            throw FilterError(EngineMessage.batchNeeds.text)
        }
        let items = try SF.items(v, "batch")
        var out: [Value] = []
        var i = 0
        while i < items.count {
            var chunk = Array(items[i..<Swift.min(i + size, items.count)])
            if let fill = a.value(1, "fill_with") { while chunk.count < size { chunk.append(fill) } }
            out.append(.list(chunk))
            i += size
        }
        return .list(out)
    }

    /// `wordcount`: the number of words.
    @Sendable static func `wordcount`(_ v: Value, _ arguments: FilterArguments) throws -> Value {
        return .number(Decimal(v.renderedText.split(whereSeparator: { $0.isWhitespace }).count))
    }

    /// `truncate`: the text cut to `length` (255) characters ending with `end` (`...`), at a word unless `killwords`.
    @Sendable static func `truncate`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let s = v.renderedText
        let length = try a.value(0, "length").map { try SF.int($0, "truncate") } ?? 255
        let killWords = a.value(1, "killwords")?.isTruthy ?? false
        let end = a.value(2, "end")?.renderedText ?? "..."
        guard s.count > length else { return .string(s) }
        var cut = String(s.prefix(Swift.max(0, length - end.count)))
        if !killWords, let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return .string(cut + end)
    }

    /// `indent`: every line but the first (all with `first`) indented by `width` (4) spaces; empty lines stay empty.
    @Sendable static func `indent`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let width = try a.value(0, "width").map { try SF.int($0, "indent") } ?? 4
        let first = a.value(1, "first")?.isTruthy ?? false
        let pad = String(repeating: " ", count: width)
        let lines = v.renderedText.components(separatedBy: "\n")
        return .string(lines.enumerated().map { i, l in (i == 0 && !first) || l.isEmpty ? l : pad + l }.joined(separator: "\n"))
    }

    /// `center`: the text centred in `width` (80) characters.
    @Sendable static func `center`(_ v: Value, _ a: FilterArguments) throws -> Value {
        let width = try a.value(0, "width").map { try SF.int($0, "center") } ?? 80
        let s = v.renderedText
        let total = Swift.max(0, width - s.count)
        let left = total / 2
        return .string(String(repeating: " ", count: left) + s + String(repeating: " ", count: total - left))
    }

    /// `format`: the text with each `%s` (any `%x`) replaced by the next argument; `%%` is `%`.
    @Sendable static func `format`(_ v: Value, _ a: FilterArguments) throws -> Value {
        var args = a.positional
        var out = ""
        var chars = Array(v.renderedText)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "%", let spec = chars.first {
                chars = chars.dropFirst()
                if spec == "%" { out.append("%"); continue }
                guard !args.isEmpty else { throw FilterError(EngineMessage.formatArguments.text) }
                out += args.removeFirst().renderedText
            } else {
                out.append(c)
            }
        }
        return .string(out)
    }

    // MARK: Helpers shared by the standard filters

    static func text(_ v: Value, _ filter: String) throws -> String {
        switch v {
        case .string(let s): return s
        case .null: return ""
        case .number, .bool, .date: return v.renderedText
        default: throw FilterError(EngineMessage.needsText(filter: filter, v).text)
        }
    }

    static func items(_ v: Value, _ filter: String) throws -> [Value] {
        switch v {
        case .list(let l): return l
        case .map(let m): return m.keys.map { .string($0) }
        case .string(let s): return s.map { .string(String($0)) }
        case .null: return []
        default: throw FilterError(EngineMessage.needsList(filter: filter, v).text)
        }
    }

    static func number(_ v: Value, _ filter: String) throws -> Decimal {
        switch v {
        case .number(let d): return d
        case .string(let s):
            if let d = Decimal(exactly: s) { return d }
            throw FilterError(EngineMessage.needsNumberText(filter: filter, s).text)
        default: throw FilterError(EngineMessage.needsNumber(filter: filter, v).text)
        }
    }

    static func int(_ v: Value, _ filter: String) throws -> Int {
        let d = try number(v, filter)
        // The integer read back must be the number itself (whole, and not past Int's range): one
        // comparison of decimals, where rounding, a magnitude and two comparisons cost twice as
        // much (`round(2)` asks at every row of a table).
        let i = NSDecimalNumber(decimal: d).intValue
        guard Swift.abs(i) < 1_000_000_000, Decimal(i) == d else { throw FilterError(EngineMessage.needsWholeNumber(filter).text) }
        return i
    }

    /// `attribute="a.b"` or `attribute=0`: follows a dotted path.
    static func attribute(_ item: Value, _ path: Value) throws -> Value {
        let parts: [String]
        switch path {
        case .string(let s): parts = s.split(separator: ".").map(String.init)
        case .number(let d): parts = [Value.plainString(d)]
        default: throw FilterError(EngineMessage.attributeName.text)
        }
        var current = item
        for p in parts {
            if let next = Evaluator.member(of: current, p) { current = next; continue }
            if case .list(let l) = current, let i = Int(p), i >= 0, i < l.count { current = l[i]; continue }
            throw FilterError(EngineMessage.noAttribute(parts.joined(separator: ".")).text, kind: .data)
        }
        return current
    }

    static func select(_ v: Value, _ a: FilterArguments, byAttribute: Bool, keep: Bool) throws -> Value {
        var args = a.positional
        var attr: Value? = nil
        if byAttribute {
            guard !args.isEmpty else { throw FilterError(EngineMessage.selectattrNeeds.text) }
            attr = args.removeFirst()
        }
        let testName = args.isEmpty ? nil : args.removeFirst().renderedText
        var out: [Value] = []
        for item in try items(v, "select") {
            var subject = item
            if let attr {
                do { subject = try attribute(item, attr) } catch {
                    // A missing attribute is undefined: falsy, and not "defined".
                    let passes = testName == "undefined"
                    if passes == keep { out.append(item) }
                    continue
                }
            }
            let passes: Bool
            if let testName {
                do { passes = try Tests.apply(testName, subject, args) } catch let e as EvalError {
                    throw FilterError(e.message, hint: e.hint)
                }
            } else {
                passes = subject.isTruthy
            }
            if passes == keep { out.append(item) }
        }
        return .list(out)
    }

    static func extreme(_ v: Value, _ a: FilterArguments, wantMax: Bool) throws -> Value {
        let attr = a.value(1, "attribute")
        var best: (Value, Value)? = nil
        for item in try items(v, wantMax ? "max" : "min") {
            let key = try attr.map { try attribute(item, $0) } ?? item
            if let b = best {
                let c = try Evaluator.compare(key, b.0)
                if wantMax ? c > 0 : c < 0 { best = (key, item) }
            } else {
                best = (key, item)
            }
        }
        return best?.1 ?? .null
    }

    /// A hash bucket for `v`: values `Evaluator.equal` calls equal share it (true and 1, 1 and 1.0).
    static func bucket(_ v: Value) -> String {
        switch v {
        case .number(var d):
            NSDecimalCompact(&d)
            return "n" + d.description
        case .bool(let b): return b ? "n1" : "n0"
        case .string(let s): return "s" + s
        default: return v.typeName + v.renderedText
        }
    }

    static func stableSort<T>(_ items: [T], by less: (T, T) throws -> Bool) throws -> [T] {
        var indexed = Array(items.enumerated())
        var failure: Error? = nil
        indexed.sort { x, y in
            if failure != nil { return false }
            do {
                if try less(x.element, y.element) { return true }
                if try less(y.element, x.element) { return false }
                return x.offset < y.offset
            } catch { failure = error; return false }
        }
        if let failure { throw failure }
        return indexed.map(\.element)
    }


    static func capitalize(_ s: String) -> String {
        guard let f = s.first else { return s }
        return String(f).uppercased() + s.dropFirst().lowercased()
    }

    static func titleCase(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTitleCase(s) }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var word = ""
        func flush() {
            guard let first = word.first else { return }
            out += first.uppercased()
            out += word.dropFirst().lowercased()
            word = ""
        }
        for c in s {
            let inWord: Bool
            if let a = c.asciiValue {
                inWord = (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39) || a == 0x27
            } else {
                inWord = c.isLetter || c.isNumber || c == "\u{2019}"
            }
            if inWord {
                word.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }

    /// `titleCase` of ASCII text, byte by byte (the same word characters: letters, digits, `'`).
    static func asciiTitleCase(_ s: String) -> String {
        var bytes = Array(s.utf8)
        var inWord = false
        for i in bytes.indices {
            let a = bytes[i]
            let isUpper = a >= 0x41 && a <= 0x5A, isLower = a >= 0x61 && a <= 0x7A
            let wordByte = isUpper || isLower || (a >= 0x30 && a <= 0x39) || a == 0x27
            if wordByte && !inWord && isLower { bytes[i] = a - 0x20 }
            if wordByte && inWord && isUpper { bytes[i] = a + 0x20 }
            inWord = wordByte
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

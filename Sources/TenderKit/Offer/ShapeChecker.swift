import Foundation
import Yams

/// A YAML document checked against a `Shape`: the value it holds, with every invalid part
/// left out, and where each part was written, so later checks can point at it.
public final class CheckedDocument: Sendable {
    public let file: String
    private let rootValue: Value
    private let valueLocations: [String: SourceLocation]
    private let keyLocations: [String: SourceLocation]

    fileprivate init(file: String, value: Value = .null, valueLocations: [String: SourceLocation] = [:],
                     keyLocations: [String: SourceLocation] = [:]) {
        self.file = file
        self.rootValue = value
        self.valueLocations = valueLocations
        self.keyLocations = keyLocations
    }

    /// The checked root value, with its place.
    public var top: Located { Located(document: self, value: rootValue, path: "", display: "") }

    func location(of path: String) -> SourceLocation {
        valueLocations[path] ?? SourceLocation(file: file)
    }

    func keyLocation(of path: String) -> SourceLocation {
        keyLocations[path] ?? location(of: path)
    }

    func hasKey(_ path: String) -> Bool { keyLocations[path] != nil }
}

/// A checked value and its place in the file.
public struct Located: Sendable {
    let document: CheckedDocument
    public let value: Value
    /// Internal path, e.g. `/tranches/0/tasks/1`.
    let path: String
    /// The path as messages show it, e.g. `tranches[0].tasks[1]`.
    public let display: String

    /// Where the value is written.
    public var location: SourceLocation { document.location(of: path) }
    /// Where its key is written (for a mapping entry), else where the value is.
    public var keyLocation: SourceLocation { document.keyLocation(of: path) }

    /// The entry `key` of a mapping; nil when absent, null or invalid.
    public subscript(key: String) -> Located? {
        guard case .map(let m) = value, let v = m[key], !v.isNull else { return nil }
        return Located(document: document, value: v, path: path + "/" + key,
                       display: display.isEmpty ? key : display + "." + key)
    }

    /// Whether `key` was written in this mapping, even with an invalid or empty value.
    public func wrote(_ key: String) -> Bool { document.hasKey(path + "/" + key) }

    /// Where the entry `key` is written, or where this mapping is when it is absent.
    public func location(of key: String) -> SourceLocation {
        wrote(key) ? document.location(of: path + "/" + key) : location
    }

    /// The valid items of a list, each with its original index.
    public var items: [Located] {
        guard case .list(let list) = value else { return [] }
        return list.enumerated().compactMap { index, v in
            v.isNull ? nil : Located(document: document, value: v, path: path + "/\(index)",
                                     display: display + "[\(index)]")
        }
    }

    /// The entries of a mapping, in written order.
    public var entries: [(key: String, value: Located)] {
        guard case .map(let m) = value else { return [] }
        return m.keys.compactMap { key in self[key].map { (key, $0) } }
    }

    public var string: String? { value.asString }
    public var decimal: Decimal? { value.asNumber }
    public var date: DateValue? { if case .date(let d) = value { return d }; return nil }
    public var bool: Bool? { if case .bool(let b) = value { return b }; return nil }
    public var int: Int? { value.asNumber.map { NSDecimalNumber(decimal: $0).intValue } }
    public var strings: [String] { items.compactMap(\.string) }
}

/// Validates YAML nodes against shapes, collecting every error, and records where each
/// accepted value was written.
struct ShapeChecker {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private var valueLocations: [String: SourceLocation] = [:]
    private var keyLocations: [String: SourceLocation] = [:]

    init(file: String) { self.file = file }

    /// Parses `text` and checks it against `shape`; syntax errors are thrown, shape errors
    /// are collected in the returned diagnostics.
    static func check(yaml text: String, file: String, shape: Shape, what: String) throws
        -> (CheckedDocument, [Diagnostic]) {
        let node: Node?
        do {
            node = try DataLoader.compose(text)
        } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
            throw TenderError.error(OfferMessage.duplicateKeys(keys).text,
                                    at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                                    hint: OfferMessage.duplicateKeysHint.text)
        } catch let error as YamlError {
            throw DataLoader.yamlDiagnostic(error, file: file)
        }
        var checker = ShapeChecker(file: file)
        guard let node else {
            checker.diagnostics.append(.error(OfferMessage.emptyFile(what: what).text, at: SourceLocation(file: file)))
            return (CheckedDocument(file: file), checker.diagnostics)
        }
        let value = checker.check(node, shape, path: "", display: "") ?? .null
        let document = CheckedDocument(file: file, value: value, valueLocations: checker.valueLocations,
                                       keyLocations: checker.keyLocations)
        return (document, checker.diagnostics)
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    private mutating func error(_ message: String, _ node: Node, hint: String? = nil) {
        diagnostics.append(.error(message, at: location(node), hint: hint))
    }

    /// The checked value of `node`, or nil (with an error recorded) when it does not fit.
    mutating func check(_ node: Node, _ shape: Shape, path: String, display: String) -> Value? {
        valueLocations[path] = location(node)
        switch shape {
        case .text:
            guard case .scalar(let s) = node else { return mismatch(node, shape, display) }
            switch DataLoader.scalarValue(s) {
            case .string, .date: return .string(s.string)
            case .number, .bool:
                return mismatch(node, shape, display, hint: OfferMessage.quoteToMakeText(s.string).text)
            default: return mismatch(node, shape, display)
            }

        case .integer(let min, let max):
            guard case .scalar(let s) = node, s.style == .plain, case .number = DataLoader.scalarValue(s),
                  let d = Decimal(exactly: s.string), d.isIntegral else { return mismatch(node, shape, display) }
            let low = min.map { Decimal($0) }, high = max.map { Decimal($0) }
            return inRange(d, low, high, node, display) && belowCeiling(d, ShapeChecker.largestInteger, node, display)
                ? .number(d) : nil

        case .decimal(let min, let max):
            guard case .scalar(let s) = node else { return mismatch(node, shape, display) }
            let number: Decimal?
            if s.style == .plain {
                if case .number = DataLoader.scalarValue(s) { number = Decimal(exactly: s.string) } else { number = nil }
            } else {
                number = Decimal(exactly: s.string)
            }
            guard let d = number else {
                let hint = s.string.contains(",") ? OfferMessage.decimalsWithDot(s.string.replacingOccurrences(of: ",", with: ".")).text : nil
                return mismatch(node, shape, display, hint: hint)
            }
            return inRange(d, min, max, node, display) && belowCeiling(d, ShapeChecker.largestDecimal, node, display)
                ? .number(d) : nil

        case .date, .dateTime:
            guard case .scalar(let s) = node, var date = DateValue(iso: s.string) else {
                return mismatch(node, shape, display)
            }
            if date.secondsOfDay != nil {
                guard case .dateTime = shape else {
                    return mismatch(node, shape, display, hint: OfferMessage.dateWithoutTime.text)
                }
                if date.utcOffset == nil { date.utcOffset = DateValue.parisOffset(date) }
            }
            return .date(date)

        case .boolean:
            guard case .scalar(let s) = node, case .bool(let b) = DataLoader.scalarValue(s) else {
                return mismatch(node, shape, display)
            }
            return .bool(b)

        case .choice(let words):
            guard case .scalar(let s) = node, s.style != .plain || DataLoader.scalarValue(s).asString != nil
            else { return mismatch(node, shape, display) }
            guard words.contains(s.string) else {
                let hint = Suggestions.closest(to: s.string, among: words).map { Message.didYouMean($0).text }
                error(OfferMessage.notOneOf(display: display, shape, written: s.string).text, node, hint: hint)
                return nil
            }
            return .string(s.string)

        case .either(let shapes):
            for candidate in shapes {
                var trial = ShapeChecker(file: file)
                if let v = trial.check(node, candidate, path: path, display: display), trial.diagnostics.isEmpty {
                    valueLocations.merge(trial.valueLocations) { $1 }
                    keyLocations.merge(trial.keyLocations) { $1 }
                    return v
                }
            }
            // A mapping that fails the one mapping shape offered: its own errors say more than
            // "must be a list or a mapping" (an unknown key, two keys that exclude each other).
            if case .mapping = node, let record = shapes.first(where: { if case .record = $0 { return true }; return false }) {
                return check(node, record, path: path, display: display)
            }
            return mismatch(node, shape, display)

        case .list(let itemShape):
            guard case .sequence(let sequence) = node else { return mismatch(node, shape, display) }
            var items: [Value] = []
            for (index, item) in sequence.enumerated() {
                let itemDisplay = display + "[\(index)]"
                if isNull(item) {
                    error(OfferMessage.emptyItem(display: itemDisplay, itemShape).text, item)
                    items.append(.null)
                } else {
                    items.append(check(item, itemShape, path: path + "/\(index)", display: itemDisplay) ?? .null)
                }
            }
            return .list(items)

        case .record(let record):
            return checkRecord(node, record, shape, path: path, display: display)

        case .dictionary(let valueShape, _):
            guard case .mapping(let mapping) = node else { return mismatch(node, shape, display) }
            var result = Mapping()
            for (keyNode, valueNode) in mapping {
                guard let key = keyText(keyNode) else { continue }
                let childPath = path + "/" + key, childDisplay = join(display, key)
                keyLocations[childPath] = location(keyNode)
                if isNull(valueNode) {
                    error(OfferMessage.noValue(display: childDisplay, valueShape).text, valueNode)
                } else if let v = check(valueNode, valueShape, path: childPath, display: childDisplay) {
                    result[key] = v
                }
            }
            return .map(result)
        }
    }

    private mutating func checkRecord(_ node: Node, _ record: Record, _ shape: Shape, path: String,
                                      display: String) -> Value? {
        guard case .mapping(let mapping) = node else { return mismatch(node, shape, display) }
        var result = Mapping()
        var written: Set<String> = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyText(keyNode) else { continue }
            let childPath = path + "/" + key, childDisplay = join(display, key)
            guard let field = record.field(key) else {
                error(OfferMessage.unknownKey(key, in: described(display, record)).text, keyNode,
                      hint: Suggestions.hint(for: key, among: record.keys, listing: OfferMessage.knownKeys.text))
                continue
            }
            keyLocations[childPath] = location(keyNode)
            valueLocations[childPath] = location(valueNode)
            // A key without a value (`end:`) is the same as no key, unless the key is required.
            guard !isNull(valueNode) else { continue }
            written.insert(key)
            if let v = check(valueNode, field.shape, path: childPath, display: childDisplay) {
                result[key] = v
            }
        }
        let what = described(display, record)
        for field in record.fields where field.required && !written.contains(field.name) {
            error(OfferMessage.missingKey(what, key: field.name).text, node, hint: OfferMessage.missingKeyHint(key: field.name, description: field.description).text)
        }
        for group in record.groups {
            let count = group.keys.filter(written.contains).count
            switch group.rule {
            case .exactlyOne where count == 0, .atLeastOne where count == 0:
                error(OfferMessage.needsOneOf(what, keys: group.keys).text, node)
            case .exactlyOne where count > 1, .atMostOne where count > 1:
                error(OfferMessage.notBoth(what, keys: group.keys).text, node, hint: OfferMessage.keepOnlyOne.text)
            default:
                break
            }
        }
        return .map(result)
    }

    /// `the offer`, `'tender'`, `'team[1]' (team member)`, as the catalog writes it.
    private func described(_ display: String, _ record: Record) -> OfferMessage.Described {
        OfferMessage.Described(display: display, record: record.name)
    }

    private func join(_ display: String, _ key: String) -> String {
        display.isEmpty ? key : display + "." + key
    }

    private mutating func keyText(_ node: Node) -> String? {
        guard case .scalar(let s) = node else {
            error(OfferMessage.keysPlainText.text, node)
            return nil
        }
        return s.string
    }

    private func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node, s.style == .plain, DataLoader.scalarValue(s).isNull { return true }
        return false
    }

    /// Ceilings for numbers whose key sets none: far above any offer (10^12 € is a thousand
    /// billion euros), low enough that products and sums stay exact and never overflow.
    static let largestDecimal = Decimal(sign: .plus, exponent: 12, significand: 1)
    static let largestInteger = Decimal(1_000_000_000)

    private mutating func belowCeiling(_ d: Decimal, _ ceiling: Decimal, _ node: Node, _ display: String) -> Bool {
        guard abs(d) > ceiling else { return true }
        error(OfferMessage.tooLarge(display: display, value: Quote.cut(Value.plainString(d), max: 40), ceiling: Value.plainString(ceiling)).text, node,
              hint: OfferMessage.tooLargeHint.text)
        return false
    }

    private mutating func inRange(_ d: Decimal, _ min: Decimal?, _ max: Decimal?, _ node: Node,
                                  _ display: String) -> Bool {
        let shown = Quote.cut(Value.plainString(d), max: 40)
        if let min, let max, d < min || d > max {
            error(OfferMessage.notBetween(display: display, min: Value.plainString(min), max: Value.plainString(max), got: shown).text, node,
                  hint: max == 1 ? OfferMessage.shareAsFraction.text : nil)
            return false
        }
        if let min, d < min {
            error(min == 0 ? OfferMessage.negative(display: display, got: shown).text
                           : OfferMessage.atLeast(display: display, min: Value.plainString(min), got: shown).text, node)
            return false
        }
        if let max, d > max {
            error(OfferMessage.atMost(display: display, max: Value.plainString(max), got: shown).text, node)
            return false
        }
        return true
    }

    private mutating func mismatch(_ node: Node, _ shape: Shape, _ display: String, hint: String? = nil) -> Value? {
        error(OfferMessage.mismatch(display: display, shape, got: describe(node)).text, node, hint: hint)
        return nil
    }

    private func describe(_ node: Node) -> OfferMessage.Got {
        switch node {
        case .scalar(let s):
            switch DataLoader.scalarValue(s) {
            case .null: return .nothing
            case .number: return .number(s.string)
            case .bool: return .bool(s.string)
            default: return .text(s.string)
            }
        case .sequence: return .list
        case .mapping: return .mapping
        case .alias: return .alias
        }
    }
}

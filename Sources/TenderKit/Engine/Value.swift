import Foundation

/// A template value: the closed set of things data, offers and expressions produce.
///
/// Numbers are `Decimal`, always built from their written form (never through `Double`),
/// so `0.1 + 0.2` is `0.3` and money stays exact.
public indirect enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case list([Value])
    case map(Mapping)
    case date(DateValue)
    /// Structured text (Markdown, an image): see `RichText`.
    case rich(RichText)

    /// Jinja truthiness: null, false, 0, "", [] and {} are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let d): return !d.isZero
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .date: return true
        case .rich(let r): return !r.blocks.isEmpty
        }
    }

    /// The name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .map: return "mapping"
        case .date: return "date"
        case .rich: return "rich text"
        }
    }

    /// The text a value renders as in a document. Null renders as nothing (never "None").
    public var renderedText: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "True" : "False"
        case .number(let d): return Value.plainString(d)
        case .string(let s): return s
        case .list(let l): return "[" + l.map(\.reprText).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.map { "'\($0.key)': \($0.value.reprText)" }.joined(separator: ", ") + "}"
        case .date(let d): return d.isoString
        case .rich(let r): return r.plainText
        }
    }

    /// Python-like repr, used inside rendered lists and mappings.
    var reprText: String {
        switch self {
        case .string(let s): return "'" + s + "'"
        case .null: return "None"
        default: return renderedText
        }
    }

    /// A decimal without exponent or grouping: `1234.5`, `-0.25`, `3`.
    public static func plainString(_ d: Decimal) -> String { d.plainString }

    public var asList: [Value]? { if case .list(let l) = self { return l }; return nil }
    public var asMap: Mapping? { if case .map(let m) = self { return m }; return nil }
    public var asString: String? { if case .string(let s) = self { return s }; return nil }
    public var asNumber: Decimal? { if case .number(let d) = self { return d }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Member access by name: mapping keys. Returns nil when absent.
    public subscript(key: String) -> Value? {
        if case .map(let m) = self { return m[key] }
        return nil
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
                 ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .map(Mapping(elements)) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
}

/// An ordered mapping: keys keep the order they were written in (YAML, JSON, offers).
public struct Mapping: Sendable, Equatable, Sequence {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    public var values: [Value] { keys.compactMap { storage[$0] } }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var index = 0
        return AnyIterator {
            // `keys` and `storage` hold the same keys (the subscript's setter keeps them so).
            while index < keys.count {
                let key = keys[index]
                index += 1
                if let value = storage[key] { return (key, value) }
            }
            return nil
        }
    }

    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.storage == b.storage
    }
}


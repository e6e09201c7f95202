import Foundation

/// A template value: the closed set of things data, offers and expressions produce.
///
/// Numbers are `Decimal`, always built from their written form (never through `Double`),
/// so `0.1 + 0.2` is `0.3` and money stays exact.
///
/// Only a date is boxed: every other case fits beside a `Decimal`, and a value read from a data
/// file is not allocated on its own.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case list([Value])
    case map(Mapping)
    indirect case date(DateValue)
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
///
/// The pairs are kept in that order; a mapping of more than `indexedFrom` keys also keeps a
/// hash index. A small one (an object of a data file, a table row) is searched in order, which
/// costs less than hashing its keys: reading a data file of 2,000 rows spent a third of its time
/// in a dictionary per row.
public struct Mapping: Sendable, Equatable, Sequence {
    private var entries: [(key: String, value: Value)] = []
    /// Each key's position in `entries`, once there are more than `indexedFrom` of them.
    private var index: [String: Int]?
    static let indexedFrom = 8

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var values: [Value] { entries.map(\.value) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    private mutating func reindex() {
        guard entries.count > Self.indexedFrom else { index = nil; return }
        var positions = [String: Int](minimumCapacity: entries.count)
        for (i, e) in entries.enumerated() { positions[e.key] = i }
        index = positions
    }

    public subscript(key: String) -> Value? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    entries[i].value = newValue
                } else {
                    // A row of a data file has a few keys: room for them at once.
                    if entries.isEmpty { entries.reserveCapacity(4) }
                    entries.append((key, newValue))
                    if index != nil {
                        index![key] = entries.count - 1
                    } else if entries.count > Self.indexedFrom {
                        reindex()
                    }
                }
            } else if let i = position(of: key) {
                entries.remove(at: i)
                reindex()
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: Value)]> { entries.makeIterator() }

    /// Equal when they hold the same keys with equal values, in any order.
    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.count == b.count && a.entries.allSatisfy { b[$0.key] == $0.value }
    }
}


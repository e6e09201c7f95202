import Foundation

/// The arguments a filter receives after its input: `x | round(2, method="floor")`.
public struct FilterArguments: Sendable {
    public var positional: [Value]
    public var named: [String: Value]
    /// The filters of the render, for filters that apply another by name (`map("upper")`).
    public var filters: FilterRegistry?

    public init(positional: [Value] = [], named: [String: Value] = [:]) {
        self.positional = positional; self.named = named
    }

    /// The argument given at `index` or by `name`, if any.
    public func value(_ index: Int, _ name: String) -> Value? {
        if let v = named[name] { return v }
        return index < positional.count ? positional[index] : nil
    }
}

/// A filter's refusal, e.g. `eur` applied to a string. The engine adds the location.
public struct FilterError: Error, Sendable {
    public enum Kind: Sendable {
        /// The filter's arguments are wrong whatever the data (`date("longue")`).
        case arguments
        /// The data does not fit the arguments (an item without the `attribute` asked for).
        case data
    }
    public var message: String
    public var hint: String?
    public var kind: Kind
    public init(_ message: String, hint: String? = nil, kind: Kind = .arguments) {
        self.message = message; self.hint = hint; self.kind = kind
    }
}

public typealias FilterFunction = @Sendable (_ input: Value, _ arguments: FilterArguments) throws -> Value

/// Filters by name. `FilterRegistry.default` holds the Jinja filters and the French ones;
/// a render uses the registry of its options (`RenderOptions.filters`).
public struct FilterRegistry: Sendable {
    private var filters: [String: FilterFunction] = [:]

    public init() {}

    /// The filters of these tables (a later table's filter replaces an earlier one's of the same name).
    init(_ tables: [[(name: String, function: FilterFunction)]]) {
        for table in tables {
            for (name, function) in table { filters[name] = function }
        }
    }

    public mutating func register(_ name: String, _ function: @escaping FilterFunction) {
        filters[name] = function
    }

    public subscript(name: String) -> FilterFunction? { filters[name] }
    public var names: [String] { filters.keys.sorted() }

    /// Jinja's filters, the French formatting filters and the rich-value filters.
    public static let `default` = FilterRegistry([StandardFilters.table, FrenchFilters.table, RichFilters.table])
}

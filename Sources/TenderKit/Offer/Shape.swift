import Foundation

/// What a value in an offer or team file must look like.
///
/// The single description of the file formats: `ShapeChecker` validates YAML against it and
/// `SchemaGenerator` turns it into the JSON Schema that `tender schema` prints, so the two
/// cannot drift apart. The descriptions themselves are in `OfferKeys`.
public indirect enum Shape: Sendable {
    /// Text. A plain scalar that YAML reads as a number or boolean is refused (quote it).
    case text
    /// A whole number written as a plain YAML number.
    case integer(min: Int? = nil, max: Int? = nil)
    /// A decimal read from its text: a plain number or a quoted string (`"950.00"`).
    case decimal(min: Decimal? = nil, max: Decimal? = nil)
    /// `YYYY-MM-DD`.
    case date
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`, with an optional offset (Europe/Paris otherwise).
    case dateTime
    case boolean
    /// One of these words.
    case choice([String])
    /// The first of these shapes that fits.
    case either([Shape])
    case list(Shape)
    /// A mapping with fixed keys.
    case record(Record)
    /// A mapping whose keys are ids (people, profiles), all with values of one shape.
    case dictionary(Shape, keyDescription: String)

    /// How an error message names what was expected.
    var expectation: String { OfferMessage.expectation(self).text }
}

/// One key of a record.
public struct Field: Sendable {
    public var name: String
    public var shape: Shape
    public var required: Bool
    public var description: String

    public init(_ name: String, _ shape: Shape, required: Bool = false, _ description: String) {
        self.name = name; self.shape = shape; self.required = required; self.description = description
    }
}

/// A mapping with fixed keys, and rules about which of them go together.
public struct Record: Sendable {
    /// What the mapping is, in error messages: "team member", "task".
    public var name: String
    public var fields: [Field]
    public var groups: [KeyGroup]

    public init(_ name: String, _ fields: [Field], groups: [KeyGroup] = []) {
        self.name = name; self.fields = fields; self.groups = groups
    }

    public var keys: [String] { fields.map(\.name) }
    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// Keys of a record that exclude or need each other.
public struct KeyGroup: Sendable {
    public enum Rule: Sendable { case exactlyOne, atMostOne, atLeastOne }
    public var keys: [String]
    public var rule: Rule

    public static func exactlyOne(_ keys: String...) -> KeyGroup { KeyGroup(keys: keys, rule: .exactlyOne) }
    public static func atMostOne(_ keys: String...) -> KeyGroup { KeyGroup(keys: keys, rule: .atMostOne) }
    public static func atLeastOne(_ keys: String...) -> KeyGroup { KeyGroup(keys: keys, rule: .atLeastOne) }
}

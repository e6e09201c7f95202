import Foundation

/// JSON Schema (draft-07) of the offer and team files, generated from `OfferKeys`, for editors
/// (yaml-language-server: `# yaml-language-server: $schema=offer.schema.json`).
public enum SchemaGenerator {
    public enum FileKind: String, Sendable, CaseIterable {
        /// `offers/<name>/offer.yaml`
        case offer
        /// `offers/team/<id>.yaml`
        case team
        /// `offers/bidder.yaml`: the firm's profile, shared by the offers
        case bidder
    }

    /// The schema as a value, keys in a stable order.
    public static func schema(for kind: FileKind) -> Value {
        let (record, title): (Record, String)
        switch kind {
        case .offer: (record, title) = (OfferKeys.offer, "tender offer (offers/<name>/offer.yaml)")
        case .team: (record, title) = (OfferKeys.person, "tender team member CV (offers/team/<id>.yaml)")
        case .bidder: (record, title) = (OfferKeys.bidderProfile, "tender bidder profile (offers/bidder.yaml)")
        }
        var m = Mapping([
            ("$schema", "http://json-schema.org/draft-07/schema#"),
            ("title", .string(title)),
        ])
        for (key, value) in schema(.record(record)) { m[key] = value }
        return .map(m)
    }

    /// The schema as JSON text.
    public static func json(for kind: FileKind) -> String {
        JSONText.encode(schema(for: kind))
    }

    /// Plain YAML numbers, or quoted decimals such as "950.00".
    static let decimalPattern = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$"
    static let unsignedDecimalPattern = "^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$"
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    static let dateTimePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?\\s*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?$"

    static func schema(_ shape: Shape, nullable: Bool = false) -> Mapping {
        var m = Mapping()
        func type(_ names: String...) -> Value {
            let all = names + (nullable ? ["null"] : [])
            return all.count == 1 ? .string(all[0]) : .list(all.map(Value.string))
        }
        switch shape {
        case .text:
            m["type"] = type("string")
        case .integer(let min, let max):
            m["type"] = type("integer")
            if let min { m["minimum"] = .number(Decimal(min)) }
            if let max { m["maximum"] = .number(Decimal(max)) }
        case .decimal(let min, let max):
            m["type"] = type("number", "string")
            // Quoted decimals are allowed; a quoted negative one only where the minimum allows it.
            m["pattern"] = .string(min.map { $0 >= 0 } == true ? unsignedDecimalPattern : decimalPattern)
            if let min { m["minimum"] = .number(min) }
            if let max { m["maximum"] = .number(max) }
        case .date:
            m["type"] = type("string")
            m["pattern"] = .string(datePattern)
        case .dateTime:
            m["type"] = type("string")
            m["pattern"] = .string(dateTimePattern)
        case .boolean:
            m["type"] = type("boolean")
        case .choice(let words):
            m["type"] = type("string")
            m["enum"] = .list(words.map(Value.string) + (nullable ? [.null] : []))
        case .either(let shapes):
            m["anyOf"] = .list(shapes.map { .map(schema($0)) } + (nullable ? [.map(Mapping([("type", "null")]))] : []))
        case .list(let item):
            m["type"] = type("array")
            m["items"] = .map(schema(item))
        case .record(let record):
            m["type"] = type("object")
            m["properties"] = .map(Mapping(record.fields.map { field in
                var property = schema(field.shape, nullable: !field.required)
                let keys = property["description"]?.asString.map { " " + $0 } ?? ""
                property["description"] = .string(field.description + keys)
                return (field.name, .map(property))
            }))
            let required = record.fields.filter(\.required).map { Value.string($0.name) }
            if !required.isEmpty { m["required"] = .list(required) }
            m["additionalProperties"] = false
            let rules = record.groups.map(groupSchema)
            if rules.count == 1, case .map(let only) = rules[0] {
                for (key, value) in only { m[key] = value }
            } else if !rules.isEmpty {
                m["allOf"] = .list(rules)
            }
        case .dictionary(let value, let keyDescription):
            m["type"] = type("object")
            m["description"] = .string("Keys: \(keyDescription).")
            m["additionalProperties"] = .map(schema(value))
        }
        return m
    }

    static func groupSchema(_ group: KeyGroup) -> Value {
        let each = Value.list(group.keys.map { .map(Mapping([("required", [.string($0)])])) })
        switch group.rule {
        case .exactlyOne: return .map(Mapping([("oneOf", each)]))
        case .atLeastOne: return .map(Mapping([("anyOf", each)]))
        case .atMostOne:
            var pairs: [Value] = []
            for (i, a) in group.keys.enumerated() {
                for b in group.keys[(i + 1)...] { pairs.append(.map(Mapping([("required", [.string(a), .string(b)])]))) }
            }
            let clash: Value = pairs.count == 1 ? pairs[0] : .map(Mapping([("anyOf", .list(pairs))]))
            return .map(Mapping([("not", clash)]))
        }
    }
}

import Foundation

/// Writes `Value`s as pretty-printed JSON, keys in their order, two spaces of indent.
enum JSONText {
    /// How a number is written; `key` is the mapping key it is the value of, if any.
    typealias NumberStyle = (_ key: String?, _ number: Decimal) -> String

    /// Numbers as JSON numbers, exactly: every digit the decimal holds (found by fuzzing:
    /// the display form rounds beyond 28 decimals, and the JSON read back differed).
    static let plainNumbers: NumberStyle = { _, d in d.description }

    static func encode(_ value: Value, numbers: NumberStyle = plainNumbers) -> String {
        var out = ""
        write(value, key: nil, indent: "", numbers: numbers, to: &out)
        return out + "\n"
    }

    private static func write(_ value: Value, key: String?, indent: String, numbers: NumberStyle, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += numbers(key, d)
        case .string(let s): out += quoted(s)
        case .date(let d): out += quoted(d.isoString)
        case .rich(let r): out += quoted(r.plainText)
        case .list(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += indent + "  "
                write(item, key: key, indent: indent + "  ", numbers: numbers, to: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .map(let m):
            guard !m.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, entry) in m.enumerated() {
                out += indent + "  " + quoted(entry.key) + ": "
                write(entry.value, key: entry.key, indent: indent + "  ", numbers: numbers, to: &out)
                out += i == m.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension Value {
    /// Pretty-printed JSON, keys in their order, numbers exact, dates as ISO text.
    public var jsonText: String { JSONText.encode(self) }
}

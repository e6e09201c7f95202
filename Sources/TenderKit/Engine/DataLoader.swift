import Foundation
import Yams

/// Reads template data from JSON or YAML into `Value`s, keeping numbers exact
/// and reporting malformed input with its line and column.
public enum DataLoader {
    /// Loads `.json`, `.yaml` or `.yml` by extension.
    public static func load(path: String) throws -> Value {
        let text = try readText(path: path)
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "json": return try parseJSON(text, file: path)
        case "yaml", "yml": return try parseYAML(text, file: path)
        default:
            throw TenderError.error(EngineMessage.dataExtension(ext).text,
                                    at: SourceLocation(file: path),
                                    hint: EngineMessage.dataExtensionHint.text, status: .usage)
        }
    }

    /// Reads a UTF-8 text file, or throws a diagnostic saying why not (exit 66 / 65).
    public static func readText(path: String) throws -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw TenderError.error(EngineMessage.noSuchFile.text, at: SourceLocation(file: path),
                                    hint: EngineMessage.checkPath.text, status: .missingInput)
        }
        guard !isDir.boolValue else {
            throw TenderError.error(EngineMessage.isFolder.text, at: SourceLocation(file: path), status: .missingInput)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TenderError.error(EngineMessage.cannotRead.text, at: SourceLocation(file: path),
                                    hint: EngineMessage.checkPermissions.text, status: .missingInput)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw TenderError.error(EngineMessage.notUTF8.text, at: SourceLocation(file: path),
                                    hint: EngineMessage.saveAsUTF8.text, status: .invalidInput)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    // MARK: YAML

    public static func parseYAML(_ text: String, file: String? = nil) throws -> Value {
        let node: Node?
        do {
            node = try compose(text)
        } catch let error as YamlError {
            throw yamlDiagnostic(error, file: file)
        }
        guard let node else { return .null }
        var budget = NodeBudget(textBytes: text.utf8.count, file: file)
        return try value(of: node, file: file, budget: &budget, depth: 0)
    }

    /// Yams's tree of `text`, with no tag resolved: tender types plain scalars itself
    /// (`scalarValue`), so Yams's default resolver, seven regular expressions compiled at the
    /// first document and tried on every plain scalar (also to compare mapping keys for
    /// duplicates), was most of the time of loading an offer.
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic)
    }

    /// Bounds the values a YAML document expands to. An alias repeats a whole subtree, so a
    /// few hundred bytes of nested aliases ("billion laughs") could expand to billions of
    /// values: the expansion may not exceed what the text could hold without aliases, nor
    /// nest deeper than the JSON reader allows.
    struct NodeBudget {
        static let maxDepth = 512
        var remaining: Int
        let file: String?
        init(textBytes: Int, file: String?) {
            remaining = max(1_000_000, textBytes)
            self.file = file
        }

        mutating func spend(_ node: Node, depth: Int) throws {
            remaining -= 1
            if remaining < 0 {
                throw TenderError.error(EngineMessage.yamlAliases.text,
                                        at: DataLoader.location(of: node, file: file),
                                        hint: EngineMessage.yamlAliasesHint.text)
            }
            if depth > NodeBudget.maxDepth {
                throw TenderError.error(EngineMessage.yamlTooDeep(NodeBudget.maxDepth).text,
                                        at: DataLoader.location(of: node, file: file),
                                        hint: EngineMessage.yamlTooDeepHint.text)
            }
        }
    }

    /// Converts a composed YAML node, resolving plain scalars with the YAML 1.2 core schema
    /// (plus dates). Numbers are built from their text.
    public static func value(of node: Node, file: String? = nil) throws -> Value {
        var budget = NodeBudget(textBytes: 0, file: file)
        return try value(of: node, file: file, budget: &budget, depth: 0)
    }

    static func value(of node: Node, file: String?, budget: inout NodeBudget, depth: Int) throws -> Value {
        try budget.spend(node, depth: depth)
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let seq):
            return .list(try seq.map { try value(of: $0, file: file, budget: &budget, depth: depth + 1) })
        case .mapping(let map):
            var m = Mapping()
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    throw TenderError.error(EngineMessage.keysPlainText.text, at: location(of: k, file: file))
                }
                if m[ks.string] != nil {
                    throw TenderError.error(EngineMessage.duplicateKey(Quote.cut(ks.string)).text, at: location(of: k, file: file),
                                            hint: EngineMessage.duplicateKeyHint.text)
                }
                m[ks.string] = try value(of: v, file: file, budget: &budget, depth: depth + 1)
            }
            return .map(m)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one is treated as null.
            return .null
        }
    }

    /// Resolves a YAML scalar: quoted scalars are strings; plain ones may be null, bool,
    /// number or date.
    public static func scalarValue(_ scalar: Node.Scalar) -> Value {
        let s = scalar.string
        if scalar.style != .plain { return .string(s) }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let first = s.unicodeScalars.first, first == "-" || first == "+" || first == "." || ("0"..."9").contains(first) {
            if !s.hasPrefix("0x"), !s.hasPrefix("0o"), !s.contains("_"), let d = Decimal(exactly: s) {
                return .number(d)
            }
            if let date = DateValue(iso: s) { return .date(date) }
        }
        return .string(s)
    }

    public static func location(of node: Node, file: String?) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    static func yamlDiagnostic(_ error: YamlError, file: String?) -> TenderError {
        switch error {
        case .parser(_, let problem, let mark, _) where problem.contains("nesting level"):
            // libyaml's own words name its C function; say what it means instead.
            return TenderError.error(EngineMessage.yamlNestsTooDeeply.text,
                                     at: SourceLocation(file: file, line: mark.line, column: mark.column),
                                     hint: EngineMessage.yamlNestsTooDeeplyHint.text)
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return TenderError.error(EngineMessage.malformedYAML("\(ctx)\(problem)").text,
                                     at: SourceLocation(file: file, line: mark.line, column: mark.column),
                                     hint: EngineMessage.yamlIndentationHint.text)
        case .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return TenderError.error(EngineMessage.malformedYAML("\(ctx)\(problem)").text,
                                     at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let keys, let context):
            return TenderError.error(EngineMessage.yamlDuplicateKeys(keys).text,
                                     at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return TenderError.error(EngineMessage.malformedYAML("\(error)").text, at: SourceLocation(file: file))
        }
    }

    // MARK: JSON

    /// A strict JSON parser (RFC 8259) that keeps numbers as written and reports line and column.
    public static func parseJSON(_ text: String, file: String? = nil) throws -> Value {
        var parser = JSONParser(bytes: Array(text.utf8), file: file)
        return try parser.parseDocument()
    }
}

struct JSONParser {
    let bytes: [UInt8]
    let file: String?
    var pos = 0
    var depth = 0

    init(bytes: [UInt8], file: String?) { self.bytes = bytes; self.file = file }

    func fail(_ message: EngineMessage, at offset: Int? = nil) -> TenderError {
        let o = min(offset ?? pos, bytes.count)
        var line = 1, col = 1
        var i = 0
        while i < o {
            if bytes[i] == 0x0A { line += 1; col = 1 } else if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return TenderError.error(EngineMessage.malformedJSON(message.text).text, at: SourceLocation(file: file, line: line, column: col),
                                 hint: EngineMessage.jsonHint.text)
    }

    mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws -> Value {
        skipSpace()
        let v = try parseValue()
        skipSpace()
        if pos < bytes.count { throw fail(.jsonTrailingText) }
        return v
    }

    mutating func parseValue() throws -> Value {
        skipSpace()
        guard pos < bytes.count else { throw fail(.jsonEnd) }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail(.jsonCharacter(String(decoding: [bytes[pos]], as: UTF8.self)))
        }
    }

    mutating func expectWord(_ word: String) throws {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count, Array(bytes[pos..<(pos + w.count)]) == w else {
            throw fail(.jsonExpected(word))
        }
        pos += w.count
    }

    mutating func parseObject() throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > 512 { throw fail(.jsonTooDeep) }
        pos += 1
        var m = Mapping()
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .map(m) }
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail(.jsonKeyQuotes) }
            let keyStart = pos
            let key = try parseString()
            if m[key] != nil { throw fail(.jsonDuplicateKey(key), at: keyStart) }
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail(.jsonColon) }
            pos += 1
            m[key] = try parseValue()
            skipSpace()
            guard pos < bytes.count else { throw fail(.jsonEndBrace) }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .map(m) }
            throw fail(.jsonCommaOr("}"))
        }
    }

    mutating func parseArray() throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > 512 { throw fail(.jsonTooDeep) }
        pos += 1
        var items: [Value] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
        while true {
            items.append(try parseValue())
            skipSpace()
            guard pos < bytes.count else { throw fail(.jsonEndBracket) }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
            throw fail(.jsonCommaOr("]"))
        }
    }

    mutating func parseNumber() throws -> Value {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        func digits() -> Int {
            let s = pos
            while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 { pos += 1 }
            return pos - s
        }
        guard digits() > 0 else { throw fail(.jsonDigits, at: start) }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard digits() > 0 else { throw fail(.jsonFractionDigits) }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard digits() > 0 else { throw fail(.jsonExponentDigits) }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        guard let d = Decimal(exactly: text) else {
            throw fail(.jsonNumberRange, at: start)
        }
        return .number(d)
    }

    mutating func parseString() throws -> String {
        let start = pos
        pos += 1
        // Most strings hold no escape: made at once from the bytes between the quotes (validated
        // as UTF-8), instead of byte by byte. Anything else (an escape, a control character, the
        // end of the text) goes the general way below, which says what is wrong.
        var end = pos
        var ascii = true
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            if bytes[end] >= 0x80 { ascii = false }
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            // From the buffer itself: the generic initializers over an array slice cost more
            // than the rest of the parse. ASCII needs no validation.
            let s = bytes.withUnsafeBufferPointer { buffer -> String? in
                let text = UnsafeBufferPointer(rebasing: buffer[pos..<end])
                return ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
            }
            guard let s else { throw fail(.jsonInvalidUTF8, at: start) }
            pos = end + 1
            return s
        }
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw fail(.jsonUnterminated, at: start) }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; break }
            if c < 0x20 { throw fail(.jsonControl) }
            if c != UInt8(ascii: "\\") { out.append(c); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { throw fail(.jsonUnterminated, at: start) }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                        throw fail(.jsonLoneSurrogate)
                    }
                    pos += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail(.jsonSurrogatePair) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail(.jsonInvalidU) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw fail(.jsonEscape(String(decoding: [e], as: UTF8.self)))
            }
        }
        guard let s = String(validatingUTF8: out.map { CChar(bitPattern: $0) } + [0]) else {
            throw fail(.jsonInvalidUTF8, at: start)
        }
        return s
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail(.jsonIncompleteU) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw fail(.jsonHexDigit)
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }
}

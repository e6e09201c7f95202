import Foundation

/// A token of the tag language.
struct Token: Equatable {
    enum Kind: Equatable {
        case name(String)
        case string(String)
        case number(Decimal)
        case op(String)
        case end
    }
    var kind: Kind
    /// Offset in characters within the tag's expression text, for error messages.
    var offset: Int
}

struct SyntaxError: Error, Equatable {
    var message: String
    var offset: Int?
}

/// Splits tag text into tokens. Word's smart quotes delimit strings like straight quotes:
/// “ and ” act as `"`, ‘ and ’ as `'`; a quote of the other family inside a string is text.
enum Lexer {
    static let doubleQuotes: Set<Character> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}"]
    static let singleQuotes: Set<Character> = ["'", "\u{2018}", "\u{2019}", "\u{201A}"]
    static let operators = ["**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">",
                            "(", ")", "[", "]", "{", "}", ".", ",", ":", "|", "="]
    static let operatorCharacters = operators.map(Array.init)

    /// A name starts with a letter or `_` and goes on with letters, digits and `_` (ASCII
    /// checked first: Character's properties cost more than the rest of a tag).
    static func isNameStart(_ c: Character) -> Bool {
        if let a = c.asciiValue { return (0x41...0x5A).contains(a) || (0x61...0x7A).contains(a) || a == 0x5F }
        return c.isLetter
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        if let a = c.asciiValue { return (0x41...0x5A).contains(a) || (0x61...0x7A).contains(a) || (0x30...0x39).contains(a) || a == 0x5F }
        return c.isLetter || c.isNumber
    }

    /// The characters as a String, appended one by one (the generic initializer from a slice of
    /// Characters cost five thousand instructions a name).
    static func text(_ characters: some Sequence<Character>) -> String {
        var s = ""
        for c in characters { s.append(c) }
        return s
    }

    static func tokenize(_ text: String) throws -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if isNameStart(c) {
                while i < chars.count, isNameCharacter(chars[i]) { i += 1 }
                tokens.append(Token(kind: .name(Lexer.text(chars[start..<i])), offset: start))
                continue
            }
            if c.isASCII, c.isNumber {
                while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "_" { i += 1 }
                if i + 1 < chars.count, chars[i] == ".", chars[i + 1].isASCII, chars[i + 1].isNumber {
                    i += 1
                    while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "_" { i += 1 }
                }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, chars[j].isASCII, chars[j].isNumber {
                        i = j
                        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
                    }
                }
                let literal = Lexer.text(chars[start..<i].filter { $0 != "_" })
                guard let d = Decimal(exactly: literal) else {
                    throw SyntaxError(message: EngineMessage.invalidNumber(literal).text, offset: start)
                }
                tokens.append(Token(kind: .number(d), offset: start))
                continue
            }
            let family: Set<Character>? = doubleQuotes.contains(c) ? doubleQuotes : singleQuotes.contains(c) ? singleQuotes : nil
            if let family {
                i += 1
                var s = ""
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    if family.contains(d) { closed = true; i += 1; break }
                    if d == "\\", i + 1 < chars.count {
                        let e = chars[i + 1]
                        switch e {
                        case "n": s.append("\n")
                        case "t": s.append("\t")
                        case "r": s.append("\r")
                        case "\\": s.append("\\")
                        default: s.append(e)
                        }
                        i += 2
                        continue
                    }
                    s.append(d)
                    i += 1
                }
                if !closed { throw SyntaxError(message: EngineMessage.unterminatedString.text, offset: start) }
                tokens.append(Token(kind: .string(s), offset: start))
                continue
            }
            // Compared character by character: a String made per operator tried cost more than
            // the rest of the tag.
            if let index = operatorCharacters.firstIndex(where: { op in
                op.count <= chars.count - i && chars[i..<(i + op.count)].elementsEqual(op)
            }) {
                tokens.append(Token(kind: .op(operators[index]), offset: start))
                i += operatorCharacters[index].count
            } else {
                throw SyntaxError(message: EngineMessage.unexpectedCharacter(String(c)).text, offset: start)
            }
        }
        tokens.append(Token(kind: .end, offset: chars.count))
        return tokens
    }
}

import Foundation

/// The text swift-argument-parser writes around tender's own words — help headings (USAGE:,
/// OPTIONS:…), « (default: …) », its usage errors — in the language of the run. The library
/// writes English; its words are translated here, at the boundary, with a documented table per
/// language (`HelpMessage+French.swift`) rather than by patching the library. A library sentence
/// the table does not know is quoted as it is, said to be the library's.
public enum ParserText {
    /// One language's translation of the library's frame.
    public struct Table: Sendable {
        /// Regular-expression replacements over the whole text (help headings, value lists,
        /// the « See … » lines), applied in order; templates as NSRegularExpression's (`$1`).
        public var frame: [(pattern: String, template: String)]
        /// The label of an error line (`Error: `) in this language.
        public var errorLabel: String
        /// The library's error sentences: a pattern for the whole sentence and its translation,
        /// `$1`… for a captured text, `%1`… for a captured list of quoted values (`'a', 'b' or 'c'`).
        public var sentences: [(pattern: String, template: String)]
        /// How a sentence the table does not know is said (quoted, as the library's).
        public var unknown: @Sendable (String) -> String
        /// How a list of quoted values is written (`'a', 'b' or 'c'` → `« a », « b » ou « c »`).
        public var list: @Sendable (String) -> String
    }

    /// `text` (what the library would print) in `language`; `own` are tender's own sentences
    /// (thrown from `validate()`), already in the language of the run, which are kept.
    public static func translate(_ text: String, to language: Language = .current, own: Set<String> = []) -> String {
        guard language == .french else { return text }
        return translate(text, with: frenchTable, own: own)
    }

    static func translate(_ text: String, with table: Table, own: Set<String>) -> String {
        var lines: [String] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("Error: ") {
                let sentence = String(line.dropFirst("Error: ".count))
                lines.append(table.errorLabel + (own.contains(sentence) ? sentence : translate(sentence: sentence, with: table)))
            } else {
                lines.append(line)
            }
        }
        var out = lines.joined(separator: "\n")
        for (pattern, template) in table.frame {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { continue }
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return rewrapOverview(out)
    }

    /// The help's first paragraph (`DESCRIPTION : …`) wrapped again to 80 columns: the
    /// translated heading is longer than the library's, which wrapped it for its own.
    static func rewrapOverview(_ text: String, width: Int = 80) -> String {
        guard let end = text.range(of: "\n\n"), text.hasPrefix("DESCRIPTION : ") else { return text }
        let paragraph = text[..<end.lowerBound]
        guard paragraph.split(separator: "\n").contains(where: { $0.count > width }) else { return text }
        var lines: [String] = [], line = ""
        for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n") + text[end.lowerBound...]
    }

    /// One library sentence, through the table, or quoted as the library's.
    static func translate(sentence: String, with table: Table) -> String {
        for (pattern, template) in table.sentences {
            guard let regex = try? NSRegularExpression(pattern: "^" + pattern + "$", options: [.dotMatchesLineSeparators]),
                  let match = regex.firstMatch(in: sentence, range: NSRange(sentence.startIndex..., in: sentence)) else { continue }
            var result = template
            for i in stride(from: match.numberOfRanges - 1, through: 1, by: -1) {
                let group = Range(match.range(at: i), in: sentence).map { String(sentence[$0]) } ?? ""
                result = result.replacingOccurrences(of: "%\(i)", with: table.list(group))
                result = result.replacingOccurrences(of: "$\(i)", with: group)
            }
            return result
        }
        return table.unknown(sentence)
    }
}

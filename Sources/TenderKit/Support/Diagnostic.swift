import Foundation

/// Process exit codes, after BSD sysexits where one fits.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    /// A check failed (the command ran, the offer is not fit to submit).
    case failure = 1
    /// The command line is wrong.
    case usage = 64
    /// A template, data or offer file is invalid.
    case invalidInput = 65
    /// An input file is missing or unreadable.
    case missingInput = 66
    /// An external tool (LibreOffice, pdfinfo) is missing or failed.
    case unavailable = 69
    /// Bug or unexpected internal state.
    case software = 70
    /// The output could not be written.
    case cannotCreate = 73
}

/// Where something is, in words a user understands.
public struct SourceLocation: Sendable, Equatable, Hashable {
    /// The file the user named (template, data or offer file).
    public var file: String?
    /// A part inside a DOCX/ODT archive, e.g. `word/document.xml`.
    public var part: String?
    /// 1-based paragraph number within the part.
    public var paragraph: Int?
    /// 1-based table number within the part, and row within that table.
    public var table: Int?
    public var row: Int?
    /// 1-based line and column in a text file (YAML, JSON).
    public var line: Int?
    public var column: Int?
    /// The tag as written in the template, e.g. `{{ tender.titel }}`.
    public var tag: String?
    /// In a spreadsheet: the sheet's name and the cell in A1 notation (`DPGF`, `B7`); they
    /// stand for the part, paragraph and row.
    public var sheet: String?
    public var cell: String?

    public init(file: String? = nil, part: String? = nil, paragraph: Int? = nil, table: Int? = nil,
                row: Int? = nil, line: Int? = nil, column: Int? = nil, tag: String? = nil) {
        self.file = file; self.part = part; self.paragraph = paragraph; self.table = table
        self.row = row; self.line = line; self.column = column; self.tag = tag
    }

    /// The words a location is written with.
    public struct Words: Sendable {
        var line, column, paragraph, table, row, tag: String
        var sheet = "sheet", cell = "cell"
        public static let english = Words(line: "line", column: "column", paragraph: "paragraph", table: "table", row: "row", tag: "tag")
        public static let french = Words(line: "ligne", column: "colonne", paragraph: "paragraphe", table: "tableau", row: "ligne", tag: "balise",
                                         sheet: "feuille", cell: "cellule")
    }

    /// `offer.yaml:12:5`, `memoire.docx, word/document.xml, paragraphe 14 (tableau 2, ligne 3), balise {{ x }}`,
    /// in the language of the run.
    public var description: String { description(Language.current.locationWords) }

    public func description(_ words: Words) -> String {
        var pieces: [String] = []
        if let file {
            if let line {
                pieces.append(column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)")
            } else {
                pieces.append(file)
            }
        } else if let line {
            pieces.append(column.map { "\(words.line) \(line), \(words.column) \($0)" } ?? "\(words.line) \(line)")
        }
        if let sheet {
            // « feuille DPGF, cellule B7 »: a spreadsheet's place, instead of part and paragraph.
            pieces.append("\(words.sheet) \(sheet)")
            if let cell { pieces.append("\(words.cell) \(cell)") }
        } else if let part { pieces.append(part) }
        if sheet != nil {
        } else if let paragraph {
            var p = "\(words.paragraph) \(paragraph)"
            if let table, let row { p += " (\(words.table) \(table), \(words.row) \(row))" }
            pieces.append(p)
        } else if let table, let row {
            pieces.append("\(words.table) \(table), \(words.row) \(row)")
        }
        if let tag { pieces.append("\(words.tag) \(Quote.cut(tag))") }
        return pieces.joined(separator: ", ")
    }
}

/// One finding: an error or a warning, with where it is and what to do about it.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var hint: String?
    /// The exit status this diagnostic calls for when it is an error.
    public var status: ExitStatus
    /// What the code tells apart, for the few errors it branches on (never their message).
    public var code: Code?

    public enum Code: Sendable, Equatable {
        /// LibreOffice ran out of time converting and was stopped.
        case conversionTimedOut
        /// A name the data lacks, rendered as nothing (lenient rendering): the dotted path.
        case undefinedName(String)
    }

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil,
                hint: String? = nil, status: ExitStatus = .invalidInput) {
        self.severity = severity; self.message = message; self.location = location
        self.hint = hint; self.status = status
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, hint: String? = nil,
                             status: ExitStatus = .invalidInput, code: Code? = nil) -> Diagnostic {
        var d = Diagnostic(.error, message, at: location, hint: hint, status: status)
        d.code = code
        return d
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint, status: .ok)
    }

    /// One paragraph: `erreur : <where> : <message>`, then `correction : <hint>` (`error: …`,
    /// `hint: …` in English).
    public var description: String {
        let colon = Language.current.colon
        var text = Message.severity(severity).text + colon
        if let location, !location.description.isEmpty { text += location.description + colon }
        text += Diagnostic.clipped(message)
        if let hint, !hint.isEmpty { text += "\n  " + Message.hint.text + colon + Diagnostic.clipped(hint) }
        return text
    }
}

extension Diagnostic {
    /// The longest message line printed: a safety net for input quoted whole somewhere
    /// (the places that quote input cut it to `Quote.maxCharacters` themselves).
    static let maxLineCharacters = 400

    static func clipped(_ text: String) -> String {
        guard text.utf8.count > maxLineCharacters else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).prefix(20).map { line in
            line.count > maxLineCharacters ? String(line.prefix(maxLineCharacters)) + "…" : String(line)
        }.joined(separator: "\n")
    }
}

/// An error made of one or more diagnostics, all reported together.
public struct TenderError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
    public static func error(_ message: String, at location: SourceLocation? = nil, hint: String? = nil,
                             status: ExitStatus = .invalidInput, code: Diagnostic.Code? = nil) -> TenderError {
        TenderError(.error(message, at: location, hint: hint, status: status, code: code))
    }

    /// The most severe exit status among the errors.
    public var status: ExitStatus {
        let errors = diagnostics.filter { $0.severity == .error }
        // A missing file trumps an invalid one; usage trumps both.
        for candidate in [ExitStatus.usage, .missingInput, .invalidInput, .unavailable, .cannotCreate, .software, .failure]
        where errors.contains(where: { $0.status == candidate }) {
            return candidate
        }
        return errors.isEmpty ? .ok : .invalidInput
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics so that every error is reported, not just the first.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}
    public mutating func add(_ d: Diagnostic) { diagnostics.append(d) }
    public mutating func add(contentsOf ds: [Diagnostic]) { diagnostics.append(contentsOf: ds) }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// Throws every error collected so far, if any.
    public func throwIfErrors() throws {
        if hasErrors { throw TenderError(diagnostics.filter { $0.severity == .error }) }
    }
}

import Foundation

/// One result of `tender check`: what a rule found, where, and what to do about it.
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable, CaseIterable {
        /// The offer would be eliminated or is not fit to send: exit status 1.
        case error
        /// Worth a look before sending; does not fail the check.
        case warning
        /// What a rule measured when it passed (amounts, pages, dates).
        case info
    }

    /// The id of the rule that found it (`budget`, `pages`…).
    public var rule: String
    public var severity: Severity
    public var message: String
    /// One line: how to fix it.
    public var hint: String?
    /// Where in the offer (or a document) the cause is written.
    public var location: SourceLocation?
    /// What was measured, as the user reads it (`21 pages`, `10 100,00 € TTC`).
    public var measured: String?
    /// The limit it was measured against (`20 pages`, `10 000,00 € TTC`).
    public var limit: String?
    /// The measure as a number in a string, for machines (`9900.00`, `21`); nil when not a number.
    public var measuredValue: String?
    /// The limit as a number in a string (`10000.00`, `20`).
    public var limitValue: String?
    /// The built document the finding is about (its DOCX/ODT path), for annotated drafts.
    public var document: String?
    /// A short text found in that document where a reviewer comment belongs; nil means the
    /// start of the document.
    public var anchor: String?

    public init(rule: String, _ severity: Severity, _ message: String, hint: String? = nil,
                location: SourceLocation? = nil, measured: String? = nil, limit: String? = nil,
                document: String? = nil, anchor: String? = nil, measuredValue: String? = nil, limitValue: String? = nil) {
        self.rule = rule; self.severity = severity; self.message = message; self.hint = hint
        self.location = location; self.measured = measured; self.limit = limit
        self.document = document; self.anchor = anchor; self.measuredValue = measuredValue; self.limitValue = limitValue
    }
}

/// How one rule ended.
public enum RuleStatus: Sendable, Equatable {
    /// It ran and found no error and no warning.
    case passed
    /// It ran and found warnings only.
    case warned
    /// It ran and found at least one error.
    case failed
    /// It did not run: the offer has no such rule, or the pages were not rendered.
    case skipped(String)

    public var word: String {
        switch self {
        case .passed: return "passed"
        case .warned: return "warning"
        case .failed: return "failed"
        case .skipped: return "skipped"
        }
    }
}

/// A rule and how it ended.
public struct RuleOutcome: Sendable, Equatable {
    public var id: String
    public var title: String
    public var status: RuleStatus
    /// Seconds the rule took (for JUnit's `time`).
    public var seconds: Double = 0
}

/// Everything `tender check` found about one offer.
public struct CheckReport: Sendable {
    /// The offer file.
    public var offer: String
    /// The moment the deadline was compared with.
    public var asOf: DateValue
    /// Every rule of the registry, in its order, with how it ended.
    public var rules: [RuleOutcome]
    /// In rule order.
    public var findings: [Finding]
    /// The documents checked (built or taken from a folder), with their pages when rendered.
    public var documents: [InspectedDocument]

    public func count(_ severity: Finding.Severity) -> Int { findings.filter { $0.severity == severity }.count }
    public var errors: Int { count(.error) }
    public var warnings: Int { count(.warning) }

    /// The names reports show for the documents' paths: their names in the build folder
    /// (never a temporary path).
    public var shownNames: [String: String] {
        var out: [String: String] = [:]
        for d in documents {
            out[d.path] = d.name
            if let pdf = d.pdf { out[pdf] = (pdf as NSString).lastPathComponent }
        }
        return out
    }

    /// 0 when no rule found an error, 1 otherwise.
    public var status: ExitStatus { errors > 0 ? .failure : .ok }

    /// `0 erreur, 1 avertissement`, `2 erreurs, 3 avertissements`.
    public var summary: String { Message.errorsAndWarnings(errors: errors, warnings: warnings).text }
}

extension CheckReport {
    /// The counts a build's manifest records.
    public var manifestSummary: BuildManifest.CheckSummary {
        BuildManifest.CheckSummary(errors: errors, warnings: warnings, text: summary)
    }
}

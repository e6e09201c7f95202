import Foundation

/// The three ways `tender check` prints its report.
public enum CheckOutput {
    public enum Format: String, Sendable, CaseIterable {
        /// Findings grouped by severity, one-line fix hint each.
        case text
        /// One object per finding, and the rules with how they ended.
        case json
        /// JUnit XML, one test case per rule, for CI servers.
        case junit
    }

    public static func render(_ report: CheckReport, as format: Format) -> String {
        switch format {
        case .text: return text(report)
        case .json: return json(report)
        case .junit: return junit(report)
        }
    }

    // MARK: Text

    public static func text(_ report: CheckReport) -> String {
        var out = [CheckMessage.header(offer: report.offer, asOf: report.asOf).text]
        let groups: [(Finding.Severity, String)] = [.error, .warning, .info].map { ($0, CheckMessage.heading($0).text) }
        for (severity, heading) in groups {
            let found = report.findings.filter { $0.severity == severity }
            guard !found.isEmpty else { continue }
            out.append("")
            out.append("\(heading) (\(found.count))")
            for f in found {
                out.append("  \(f.rule)\(Language.current.colon)\(f.message)")
                if severity != .info, let location = f.location, !location.description.isEmpty {
                    out.append("    \(CheckMessage.location.text)\(Language.current.colon)\(location.description)")
                }
                if severity != .info, let hint = f.hint, !hint.isEmpty { out.append("    \(Message.hint.text)\(Language.current.colon)\(hint)") }
            }
        }
        let skipped = report.rules.compactMap { rule -> String? in
            if case .skipped(let reason) = rule.status { return "  \(rule.id)\(Language.current.colon)\(reason)" }
            return nil
        }
        if !skipped.isEmpty {
            out.append("")
            out.append(CheckMessage.skippedHeading(skipped.count).text)
            out.append(contentsOf: skipped)
        }
        out.append("")
        let statuses: [RuleStatus] = [.passed, .warned, .failed, .skipped("")]
        let counts = statuses.compactMap { status -> (RuleStatus, Int)? in
            let n = report.rules.filter { $0.status.word == status.word }.count
            return n == 0 ? nil : (status, n)
        }
        out.append(CheckMessage.verdict(ok: report.errors == 0, summary: report.summary, rules: report.rules.count, counts: counts).text)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// The version of the JSON report's layout; raised when a key changes meaning or goes away.
    public static let schemaVersion = 1

    /// One object: the offer, `as_of` (ISO 8601), counts, the findings and the rules. Document
    /// names are relative to the build folder; a measure is a number in a string (`"9900.00"`)
    /// beside its French text (`measured_text`). The same inputs give the same bytes.
    public static func json(_ report: CheckReport) -> String {
        func text(_ s: String?) -> Value { s.map(Value.string) ?? .null }
        let shown = report.shownNames
        func location(_ l: SourceLocation?) -> Value {
            guard var l else { return .null }
            if let file = l.file, let name = shown[file] { l.file = name }
            var m = Mapping()
            if let file = l.file { m["file"] = .string(file) }
            if let part = l.part { m["part"] = .string(part) }
            if let paragraph = l.paragraph { m["paragraph"] = .number(Decimal(paragraph)) }
            if let line = l.line { m["line"] = .number(Decimal(line)) }
            if let column = l.column { m["column"] = .number(Decimal(column)) }
            m["text"] = .string(l.description)
            return .map(m)
        }
        let findings = report.findings.map { f -> Value in
            .map(Mapping([
                ("id", .string(f.rule)), ("severity", .string(f.severity.rawValue)), ("message", .string(f.message)),
                ("hint", text(f.hint)), ("location", location(f.location)),
                ("measured", text(f.measuredValue)), ("measured_text", text(f.measured)),
                ("limit", text(f.limitValue)), ("limit_text", text(f.limit)),
                ("document", text(f.document.map { shown[$0] ?? $0 })), ("anchor", text(f.anchor)),
            ]))
        }
        let rules = report.rules.map { r -> Value in
            var reason: String? = nil
            if case .skipped(let why) = r.status { reason = why }
            return .map(Mapping([("id", .string(r.id)), ("title", .string(r.title)), ("status", .string(r.status.word)),
                                 ("reason", text(reason))]))
        }
        let value: Value = .map(Mapping([
            ("schema_version", .number(Decimal(schemaVersion))),
            ("offer", .string(report.offer)),
            ("as_of", .string(report.asOf.iso8601)),
            ("as_of_text", .string(CheckMessage.moment(report.asOf).text)),
            ("status", .number(Decimal(Int(report.status.rawValue)))),
            ("errors", .number(Decimal(report.errors))),
            ("warnings", .number(Decimal(report.warnings))),
            ("documents", .list(report.documents.map { d in
                .map(Mapping([("id", .string(d.id)), ("file", .string(d.name)),
                              ("pdf", text(d.pdf.map { ($0 as NSString).lastPathComponent })),
                              ("pages", d.pages.map { .string(String($0)) } ?? .null)]))
            })),
            ("findings", .list(findings)),
            ("rules", .list(rules)),
        ]))
        return JSONText.encode(value)
    }

    // MARK: JUnit

    /// One test suite, one test case per rule with its `time`: failed rules have a `<failure>`,
    /// skipped ones a `<skipped>`; warnings are `warning` properties of their test case, in its
    /// `<system-out>` with the measures, and counted in the suite's `warnings` attribute.
    public static func junit(_ report: CheckReport) -> String {
        let failures = report.rules.filter { $0.status == .failed }.count
        let skipped = report.rules.filter { if case .skipped = $0.status { return true }; return false }.count
        let suite = "tender check " + report.offer
        let time = seconds(report.rules.map(\.seconds).reduce(0, +))
        let counts = "tests=\"\(report.rules.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
            + " warnings=\"\(report.warnings)\" time=\"\(time)\""
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                   "<testsuites name=\"tender check\" \(counts)>",
                   "  <testsuite name=\"\(escape(suite))\" \(counts) timestamp=\"\(timestamp(report.asOf))\">"]
        for rule in report.rules {
            let own = report.findings.filter { $0.rule == rule.id }
            out.append("    <testcase classname=\"tender.check\" name=\"\(escape(rule.id))\" time=\"\(seconds(rule.seconds))\">")
            let warnings = own.filter { $0.severity == .warning }
            if !warnings.isEmpty {
                out.append("      <properties>")
                for w in warnings { out.append("        <property name=\"warning\" value=\"\(escape(w.message))\"/>") }
                out.append("      </properties>")
            }
            switch rule.status {
            case .failed:
                let errors = own.filter { $0.severity == .error }
                let body = errors.map(line).joined(separator: "\n")
                out.append("      <failure type=\"error\" message=\"\(escape(errors.first?.message ?? rule.title))\">\(escape(body))</failure>")
            case .skipped(let reason):
                out.append("      <skipped message=\"\(escape(reason))\"/>")
            case .passed, .warned:
                break
            }
            let notes = own.filter { $0.severity != .error }
            if !notes.isEmpty {
                out.append("      <system-out>\(escape(notes.map(line).joined(separator: "\n")))</system-out>")
            }
            out.append("    </testcase>")
        }
        out.append("  </testsuite>")
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    /// `0.004`: seconds with three decimals, as JUnit readers expect.
    static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

    /// `2021-11-05T12:00:00`, the local time of the moment, as JUnit's schema has it.
    static func timestamp(_ d: DateValue) -> String {
        let s = d.secondsOfDay ?? 0
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, s / 3600, (s % 3600) / 60, s % 60)
    }

    /// `erreur : message`, then `emplacement : …` and `correction : …` lines, for JUnit bodies.
    static func line(_ f: Finding) -> String {
        let colon = Language.current.colon
        var s = CheckMessage.severity(f.severity).text + colon + f.message
        if let l = f.location, !l.description.isEmpty { s += "\n  \(CheckMessage.location.text)\(colon)\(l.description)" }
        if let hint = f.hint, !hint.isEmpty { s += "\n  \(Message.hint.text)\(colon)\(hint)" }
        return s
    }

    /// Text for XML attributes and content; characters XML 1.0 cannot carry are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

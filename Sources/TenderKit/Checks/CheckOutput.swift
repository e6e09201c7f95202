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
        var out = ["tender check \(report.offer) (au \(report.asOf.frenchMoment))"]
        let groups: [(Finding.Severity, String)] = [(.error, "Erreurs"), (.warning, "Avertissements"), (.info, "Mesures")]
        for (severity, heading) in groups {
            let found = report.findings.filter { $0.severity == severity }
            guard !found.isEmpty else { continue }
            out.append("")
            out.append("\(heading) (\(found.count))")
            for f in found {
                out.append("  \(f.rule) : \(f.message)")
                if severity != .info, let location = f.location, !location.frenchDescription.isEmpty {
                    out.append("    emplacement : \(location.frenchDescription)")
                }
                if severity != .info, let hint = f.hint, !hint.isEmpty { out.append("    correction : \(hint)") }
            }
        }
        let skipped = report.rules.compactMap { rule -> String? in
            if case .skipped(let reason) = rule.status { return "  \(rule.id) : \(reason)" }
            return nil
        }
        if !skipped.isEmpty {
            out.append("")
            out.append("Règles non vérifiées (\(skipped.count))")
            out.append(contentsOf: skipped)
        }
        out.append("")
        let labels = [("passed", "conforme", "conformes"), ("warning", "avec avertissement", "avec avertissements"),
                      ("failed", "non conforme", "non conformes"), ("skipped", "non vérifiée", "non vérifiées")]
        let counts = labels.compactMap { word, singular, plural -> String? in
            let n = report.rules.filter { $0.status.word == word }.count
            return n == 0 ? nil : FrenchWords.count(n, singular, plural)
        }
        out.append("\(report.errors == 0 ? "OK" : "ÉCHEC") : \(report.summary) ; "
                   + "\(FrenchWords.count(report.rules.count, "règle")) : \(counts.joined(separator: ", "))")
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
            m["text"] = .string(l.frenchDescription)
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
            ("as_of_text", .string(report.asOf.frenchMoment)),
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
        let severity: String
        switch f.severity {
        case .error: severity = "erreur"
        case .warning: severity = "avertissement"
        case .info: severity = "mesure"
        }
        var s = "\(severity) : \(f.message)"
        if let l = f.location, !l.frenchDescription.isEmpty { s += "\n  emplacement : \(l.frenchDescription)" }
        if let hint = f.hint, !hint.isEmpty { s += "\n  correction : \(hint)" }
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

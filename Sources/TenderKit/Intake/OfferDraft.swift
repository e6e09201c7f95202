import Foundation

/// Writes what `tender init` read in a call: a new `offer.yaml` (each value after the sentence it
/// came from, unsure values commented out with their readings, `# TODO` for what was not found,
/// the rest a skeleton), or the JSON of the findings.
public enum OfferDraft {
    /// The offer file. `bidderProfile`: the path of the firm's bidder profile relative to the offer
    /// (`../bidder.yaml`), which the offer refers to, not a copy; nil for a skeleton. `schema`: the schema path for editors, if any.
    public static func yaml(_ reading: CallReading, bidderProfile: String? = nil, schema: String? = nil) -> String {
        var out: [String] = []
        if let schema { out += ["# yaml-language-server: $schema=\(schema)", "#"] }
        out += [
            "# Brouillon écrit par `tender init` à partir de : \(reading.files.map(displayName).joined(separator: ", ")).",
            "# Chaque valeur lue dans la consultation suit la phrase qui la donne et sa place. Une valeur",
            "# incertaine est en commentaire, avec ses lectures et la question ; ce qui n'a pas été trouvé",
            "# reste à compléter : `tender check` signale chaque marque « à faire » qui reste.",
            "",
            "tender:",
        ]
        for finding in reading.findings where !finding.key.hasPrefix("rules.") {
            out += lines(finding, indent: "  ")
        }
        out.append("  rules:")
        for finding in reading.findings where finding.key.hasPrefix("rules.") {
            out += lines(finding, indent: "    ")
        }
        out += [""] + skeleton(bidderProfile: bidderProfile)
        return out.joined(separator: "\n") + "\n"
    }

    static func displayName(_ path: String) -> String { (path as NSString).lastPathComponent }

    static func place(_ quote: CallQuote) -> String {
        var p = quote.place
        p.file = displayName(p.file)
        return p.words
    }

    /// `# « sentence » (file, ligne N)`, wrapped at about 100 columns.
    static func quoted(_ quote: CallQuote, indent: String, lead: String = "") -> [String] {
        let text = quote.text.split(separator: "\n").map(String.init)
        var out: [String] = []
        for (i, line) in text.enumerated() {
            // The place is not broken over two lines.
            let where_ = " » (\(place(quote)))".replacingOccurrences(of: " ", with: "\u{00A0}")
            let body = (i == 0 ? "« " : "  ") + line + (i == text.count - 1 ? where_ : "")
            out += wrap(body, prefix: indent + "# " + lead, continuation: indent + "# " + String(repeating: " ", count: lead.count) + "  ")
        }
        return out
    }

    static func wrap(_ text: String, prefix: String, continuation: String, width: Int = 100) -> [String] {
        // French punctuation stays with the word before it; no-break spaces hold a phrase together.
        let glued = ["«", ";", ":", "»", "?", "!"].reduce(text) { t, mark in
            t.replacingOccurrences(of: " " + mark, with: "\u{00A0}" + mark)
        }
        return fill(glued, prefix: prefix, continuation: continuation, width: width).map {
            $0.replacingOccurrences(of: "\u{00A0}", with: " ")
        }
    }

    static func fill(_ text: String, prefix: String, continuation: String, width: Int) -> [String] {
        var out: [String] = []
        var current = prefix
        var fresh = true
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !fresh && current.count + 1 + word.count > width {
                out.append(current)
                current = continuation + word
            } else {
                current += (fresh ? "" : " ") + word
            }
            fresh = false
        }
        out.append(current)
        return out
    }

    static func name(_ key: String) -> String { key.hasPrefix("rules.") ? String(key.dropFirst(6)) : key }

    static let missingWhat: [String: String] = [
        "reference": "la référence de la consultation (à défaut, un libellé interne)",
        "buyer": "l'acheteur",
        "title": "l'objet de la consultation",
        "deadline": "la date limite de remise des offres (AAAA-MM-JJTHH:MM, heure de Paris)",
        "rules.budget": "un montant maximum (budget: { max: …, basis: ht|ttc, scope: fixed|all })",
        "rules.duration": "une durée (duration: { min_months: …, max_months: … })",
        "rules.pages": "une limite de pages (pages: [ { documents: [memoire], max: … } ])",
        "rules.cv_pages": "une limite de pages par CV (cv_pages: …)",
        "rules.references": "un nombre de références demandées (references: { count: …, within_months: … })",
        "rules.sections": "un cadre de réponse (sections: [ \"…\", … ])",
        "rules.meetings": "un nombre de réunions (meetings: { max: …, days: … })",
    ]

    static func lines(_ finding: CallFinding, indent: String) -> [String] {
        let key = name(finding.key)
        let what = missingWhat[finding.key] ?? key
        var out: [String] = []
        switch finding.status {
        case .missing:
            if finding.key == "buyer" || finding.key == "title" {
                // Required keys: a value the check reports until it is replaced.
                out.append("\(indent)# TODO : \(what) n'a pas été trouvé dans la consultation")
                out.append("\(indent)\(key): \"TODO\"")
            } else {
                out += wrap("TODO \(key) : rien trouvé pour \(what) ; l'écrire, ou supprimer ce commentaire si la consultation n'en fixe pas",
                            prefix: indent + "# ", continuation: indent + "#   ")
            }
        case .found:
            for quote in finding.quotes { out += quoted(quote, indent: indent) }
            for note in finding.notes { out += wrap("(" + note + ")", prefix: indent + "# ", continuation: indent + "#  ") }
            guard let value = finding.value else { break }
            out.append("\(indent)\(key): \(flow(value))")
            if finding.key == "rules.sections" { out.append("\(indent)sections_document: memoire") }
        case .unsure(let question):
            out.append("\(indent)# À CONFIRMER (\(key)) — \(finding.readings.count) lectures :")
            for (i, reading) in finding.readings.enumerated() {
                let label = "\(i + 1). " + (reading.value.isNull ? "" : flow(reading.value) + " ")
                out += wrap(label + (reading.note.map { "— " + $0 } ?? ""), prefix: indent + "#   ", continuation: indent + "#      ")
                for quote in reading.quotes { out += quoted(quote, indent: indent, lead: "     ") }
            }
            for note in finding.notes { out += wrap("(" + note + ")", prefix: indent + "# ", continuation: indent + "#  ") }
            out += wrap("Question : " + question, prefix: indent + "# ", continuation: indent + "#   ")
            if let value = finding.value, !value.isNull {
                out.append("\(indent)# \(key): \(flow(value))   # TODO : confirmer, puis décommenter")
            } else {
                out.append("\(indent)# TODO \(key) : à écrire une fois la question tranchée")
            }
        }
        return out
    }

    /// A value in YAML flow style: strings double-quoted (JSON escapes are YAML's), date-times
    /// as `2021-11-07T23:59`.
    static func flow(_ value: Value) -> String {
        switch value {
        case .null: return "~"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return Value.plainString(d)
        case .string(let s):
            // Plain words (`ttc`, `all`, `memoire`) as the offers write them; anything else quoted.
            let plain = !s.isEmpty && s.allSatisfy { ("a"..."z").contains($0) || $0 == "_" }
                && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(s)
            return plain ? s : JSONText.quoted(s)
        case .date(let d): return moment(d)
        case .list(let items): return "[ " + items.map(flow).joined(separator: ", ") + " ]"
        case .map(let m): return "{ " + m.map { "\($0.key): \(flow($0.value))" }.joined(separator: ", ") + " }"
        case .rich(let r): return JSONText.quoted(r.plainText)
        }
    }

    static func moment(_ d: DateValue) -> String {
        var s = String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
        if let h = d.hour, let m = d.minute { s += String(format: "T%02d:%02d", h, m) }
        return s
    }

    static func skeleton(bidderProfile: String?) -> [String] {
        var out: [String] = []
        if let bidderProfile {
            out.append("# Le candidat : le profil de la société, commun aux offres ; une clé écrite ici le remplace (phone: …).")
            out.append("bidder:")
            out.append("  file: " + flow(.string(bidderProfile)))
        } else {
            out += [
                "bidder:",
                "  name: \"TODO\"                     # TODO : raison sociale du candidat",
                "  # siret, address, email, phone, signatory, turnover, references : voir offers/FORMAT.md",
                "  vat: { rate: 0.20 }               # TODO : taux de TVA, ou { exemption: \"…\" }",
            ]
        }
        out += [
            "# TODO profiles : la grille des taux ({ id: { label: …, rate: … } })",
            "team: []          # TODO : l'équipe ({ id: <fichier de ../team>, role: … })",
            "tranches: []      # TODO : les tranches et leurs tâches (voir offers/FORMAT.md)",
            "# TODO documents : les documents à produire (mémoire, CV, bordereau de prix)",
        ]
        return out
    }

    // MARK: JSON

    /// `{"tender": {…}, "quotes": {"rules.budget": {"text", "file", "line"}, …}, "unsure": {…}, "missing": […]}`.
    public static func json(_ reading: CallReading) -> String {
        var tender = Mapping()
        var rules = Mapping()
        var quotes = Mapping()
        var unsure = Mapping()
        var missing: [Value] = []
        for finding in reading.findings {
            switch finding.status {
            case .found:
                guard let value = finding.value else { continue }
                if finding.key.hasPrefix("rules.") {
                    rules[name(finding.key)] = jsonValue(value)
                    if finding.key == "rules.sections" { rules["sections_document"] = .string("memoire") }
                } else {
                    tender[finding.key] = jsonValue(value)
                }
                if let quote = finding.quotes.first { quotes[finding.key] = jsonQuote(quote) }
            case .unsure(let question):
                unsure[finding.key] = .map(Mapping([
                    ("question", .string(question)),
                    ("readings", .list(finding.readings.map { r in
                        .map(Mapping([("value", jsonValue(r.value)), ("note", r.note.map(Value.string) ?? .null),
                                      ("quotes", .list(r.quotes.map(jsonQuote)))]))
                    })),
                ]))
            case .missing:
                missing.append(.string(finding.key))
            }
        }
        tender["rules"] = .map(rules)
        return JSONText.encode(.map(Mapping([("tender", .map(tender)), ("quotes", .map(quotes)), ("unsure", .map(unsure)),
                                             ("missing", .list(missing))])))
    }

    static func jsonQuote(_ quote: CallQuote) -> Value {
        .map(Mapping([("text", .string(quote.text)), ("file", .string(quote.place.file)),
                      ("page", quote.place.page.map { .number(Decimal($0)) } ?? .null), ("line", .number(Decimal(quote.place.line)))]))
    }

    /// Date-times as the offer writes them (`2021-11-07T23:59`).
    static func jsonValue(_ value: Value) -> Value {
        switch value {
        case .date(let d): return .string(moment(d))
        case .list(let items): return .list(items.map(jsonValue))
        case .map(let m): return .map(Mapping(m.map { ($0.key, jsonValue($0.value)) }))
        default: return value
        }
    }
}

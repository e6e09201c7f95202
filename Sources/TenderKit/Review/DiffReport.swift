import Foundation

/// What `tender diff` prints: aligned French tables, or JSON.
///
/// The text has a section only for what changed; amounts are French-formatted, deltas signed
/// (`+1 200,00 €`, `-350,00 €`), percentages of the earlier value with one decimal (`+12,5 %`);
/// `—` marks a side where the thing does not exist. JSON holds every section (empty lists when
/// nothing changed) with numbers as strings with two decimals, as `tender price --format json`.
public enum DiffReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    /// The line the text report ends with when the versions do not differ.
    public static let noDifference = "Aucune différence."

    /// `before` and `after` name the two versions for the reader (paths, `HEAD:offers/x/offer.yaml`).
    public static func render(_ diff: OfferDiff, as format: Format, before: String, after: String) -> String {
        switch format {
        case .text: return text(diff, before: before, after: after)
        case .json: return json(diff, before: before, after: after)
        }
    }

    // MARK: Text

    public static func text(_ diff: OfferDiff, before: String, after: String) -> String {
        let tender = diff.after.offer.tender
        var out = ["Différences de l'offre " + (tender.reference.map { "\($0) — " } ?? "— ") + tender.buyer,
                   "  avant : " + before,
                   "  après : " + after]
        func section(_ title: String, _ body: String) {
            out.append("")
            out.append(title)
            out.append(body)
        }
        if diff.isEmpty {
            out.append("")
            out.append(noDifference)
            return out.joined(separator: "\n") + "\n"
        }
        if let money = moneyTable(diff) { section("Montants", money) }
        if !diff.people.isEmpty {
            var table = TextTable([("Intervenant", .left), ("Avant", .right), ("Après", .right), ("Écart", .right)])
            for p in diff.people { table.add([p.name] + days(p.days)) }
            section("Jours par intervenant", table.render())
        }
        if !diff.tasks.isEmpty { section("Jours par tâche", tasksTable(diff.tasks)) }
        if !diff.team.isEmpty { section("Équipe", teamTable(diff.team)) }
        if diff.schedule.isChanged { section("Calendrier", scheduleTable(diff.schedule)) }
        if !diff.facts.isEmpty {
            var table = TextTable([("Élément", .left), ("Avant", .left), ("Après", .left)], maxWidths: [1: 60, 2: 60])
            for fact in diff.facts {
                table.add([factLabel(fact.key), fact.value.before.map { factText(fact.key, $0) } ?? "—",
                           fact.value.after.map { factText(fact.key, $0) } ?? "—"])
            }
            section("Offre", table.render())
        }
        if !diff.rules.isEmpty {
            var table = TextTable([("Règle", .left), ("Avant", .left), ("Après", .left)])
            let words = ["passed": "conforme", "warning": "avertissement", "failed": "non conforme", "skipped": "non vérifiée"]
            func word(_ w: String?) -> String { w.map { words[$0] ?? $0 } ?? "—" }
            for rule in diff.rules { table.add([rule.id, word(rule.result.before), word(rule.result.after)]) }
            section("Vérifications", table.render())
        }
        return out.joined(separator: "\n") + "\n"
    }

    static let totalsLabels = ["fixed": "Tranches fermes", "optional": "Tranches optionnelles",
                               "all": "Total (fermes et optionnelles)"]

    /// Changed tranches, then changed totals: HT, the mécénat deduction when it changed, and TTC.
    static func moneyTable(_ diff: OfferDiff) -> String? {
        let totals = diff.totals.filter { $0.status != .unchanged }
        guard !diff.tranches.isEmpty || !totals.isEmpty else { return nil }
        var table = TextTable([("Tranche", .left), ("Montant", .left), ("Avant", .right), ("Après", .right),
                               ("Écart", .right), ("Écart %", .right)])
        func add(_ line: OfferDiff.MoneyLine, label: String) {
            var measures = [("HT", line.ht)]
            if line.proBono.delta != 0 {
                measures.append(("Mécénat", OfferDiff.Change(line.proBono.before.map { -$0 }, line.proBono.after.map { -$0 })))
            }
            measures.append(("TTC", line.ttc))
            for (index, (measure, change)) in measures.enumerated() {
                table.add([index == 0 ? label : "", measure, change.before.map(eur) ?? "—", change.after.map(eur) ?? "—",
                           signedEuros(change.delta), change.ratio.map(signedPercent) ?? "—"])
            }
        }
        for line in diff.tranches { add(line, label: trancheLabel(line)) }
        if !diff.tranches.isEmpty && !totals.isEmpty { table.rule() }
        for line in totals { add(line, label: totalsLabels[line.key] ?? line.key) }
        return table.render()
    }

    /// `TF — tranche ferme`, with `(ajoutée)`, `(supprimée)` or the earlier kind when it changed.
    static func trancheLabel(_ line: OfferDiff.MoneyLine) -> String {
        guard let kind = line.kind?.after ?? line.kind?.before else { return line.key }
        var label = "\(line.key) — \(kind.label.lowercased())"
        switch line.totals.status {
        case .added: label += " (ajoutée)"
        case .removed: label += " (supprimée)"
        default:
            if let earlier = line.kind?.before, earlier != kind { label += " (auparavant \(earlier.label.lowercased()))" }
        }
        return label
    }

    static func tasksTable(_ tasks: [OfferDiff.TaskEffort]) -> String {
        let lumpSums = tasks.contains { $0.lumpSum.isChanged }
        var columns: [(String, TextTable.Align)] = [("Tâche", .left), ("Avant", .right), ("Après", .right), ("Écart", .right)]
        if lumpSums { columns += [("Forfait avant", .right), ("Forfait après", .right)] }
        var table = TextTable(columns, maxWidths: [0: 70])
        for task in tasks {
            var row = ["\(task.tranche) — \(task.title)"] + days(task.days)
            if lumpSums {
                row += task.lumpSum.isChanged ? [task.lumpSum.before.map(eur) ?? "—", task.lumpSum.after.map(eur) ?? "—"] : ["", ""]
            }
            table.add(row)
        }
        return table.render()
    }

    static func teamTable(_ team: [OfferDiff.MemberChange]) -> String {
        var table = TextTable([("Intervenant", .left), ("Changement", .left), ("Avant", .left), ("Après", .left)])
        for change in team {
            switch change.status {
            case .added: table.add([change.name, "ajout", "—", change.member.after.map(memberSummary) ?? ""])
            case .removed: table.add([change.name, "retrait", change.member.before.map(memberSummary) ?? "", "—"])
            default:
                guard let before = change.member.before, let after = change.member.after else { continue }
                for (index, field) in change.fields.enumerated() {
                    table.add([index == 0 ? change.name : "", fieldLabel(field), fieldText(field, before), fieldText(field, after)])
                }
            }
        }
        return table.render()
    }

    /// `Consultant·e senior, 720,00 €` (the role is in the JSON).
    static func memberSummary(_ m: OfferDiff.Member) -> String {
        [m.profileLabel ?? m.profile, eur(m.rate)].compactMap { $0 }.joined(separator: ", ")
    }

    static func fieldLabel(_ field: OfferDiff.Member.Field) -> String {
        switch field {
        case .name: return "nom"
        case .role: return "rôle"
        case .profile: return "profil"
        case .rate: return "taux HT"
        case .cost: return "coût journalier"
        }
    }

    static func fieldText(_ field: OfferDiff.Member.Field, _ m: OfferDiff.Member) -> String {
        switch field {
        case .name: return m.name
        case .role: return m.role ?? "—"
        case .profile: return m.profileLabel ?? m.profile ?? "—"
        case .rate: return eur(m.rate)
        case .cost: return m.cost.map(eur) ?? "—"
        }
    }

    static func scheduleTable(_ s: OfferDiff.ScheduleChange) -> String {
        var table = TextTable([("Élément", .left), ("Avant", .left), ("Après", .left)], maxWidths: [0: 70])
        func start(_ date: DateValue?, notification: Bool?) -> String {
            guard notification == true else { return date.map { FrenchFormat.date($0) } ?? "—" }
            return date.map { "notification (supposée le \(FrenchFormat.date($0)))" } ?? "notification"
        }
        if s.start.isChanged || s.startIsNotification.isChanged {
            table.add(["Début", start(s.start.before, notification: s.startIsNotification.before),
                       start(s.start.after, notification: s.startIsNotification.after)])
        }
        if s.end.isChanged { table.add(["Fin", date(s.end.before), date(s.end.after)]) }
        if s.durationMonths.isChanged {
            func months(_ d: Decimal?) -> String { d.map { FrenchFormat.number($0) + " mois" } ?? "—" }
            table.add(["Durée", months(s.durationMonths.before), months(s.durationMonths.after)])
        }
        for m in s.milestones { table.add(["Jalon : " + m.title, date(m.date.before), date(m.date.after)]) }
        return table.render()
    }

    static func factLabel(_ key: String) -> String {
        switch key {
        case "tender.reference": return "Référence"
        case "tender.buyer": return "Acheteur"
        case "tender.title": return "Objet"
        case "tender.deadline": return "Date limite"
        case "bidder.name": return "Candidat"
        case "bidder.vat": return "TVA"
        default:
            if key.hasPrefix("tender.rules.") { return "Règle « \(key.dropFirst("tender.rules.".count)) »" }
            if key.hasPrefix("memoire.") { return "Mémoire : " + key.dropFirst("memoire.".count) }
            return key
        }
    }

    /// Dates in words, the mémoire's texts by their length, rules' parameters as written.
    static func factText(_ key: String, _ value: Value) -> String {
        switch value {
        case .date(let d): return FrenchFormat.date(d, style: .datetime)
        case .string(let s) where key.hasPrefix("memoire."):
            return FrenchFormat.number(Decimal(s.count)) + " caractères"
        default: return value.renderedText
        }
    }

    static func date(_ d: DateValue?) -> String { d.map { FrenchFormat.date($0) } ?? "—" }

    /// Before, after and the signed difference of a number of days.
    static func days(_ change: OfferDiff.Change<Decimal>) -> [String] {
        [change.before.map(num) ?? "—", change.after.map(num) ?? "—", signed(change.delta)]
    }

    private static func eur(_ d: Decimal) -> String { FrenchFormat.euros(d) }
    private static func num(_ d: Decimal) -> String { FrenchFormat.number(d) }

    /// `+` before what is positive once shown, so that a delta reads `+1 200,00 €`, `-350,00 €`, `0,00 €`.
    private static func plus(_ shown: Decimal) -> String { shown > 0 ? "+" : "" }
    static func signedEuros(_ d: Decimal) -> String { plus(d.roundedHalfUp(2)) + FrenchFormat.euros(d) }
    static func signed(_ d: Decimal) -> String { plus(d) + FrenchFormat.number(d) }
    /// A ratio as a signed percentage with one decimal: 0.125 → `+12,5 %`.
    static func signedPercent(_ ratio: Decimal) -> String {
        plus((ratio * 100).roundedHalfUp(1)) + FrenchFormat.percent(ratio, decimals: 1)
    }

    // MARK: JSON

    public static func json(_ diff: OfferDiff, before: String, after: String) -> String {
        let s = diff.schedule
        let value = Value.map(Mapping([
            ("before", .string(before)),
            ("after", .string(after)),
            ("different", .bool(!diff.isEmpty)),
            ("money", .map(Mapping([
                ("tranches", .list(diff.tranches.map(money))),
                ("totals", .map(Mapping(diff.totals.map { ($0.key, money($0)) }))),
            ]))),
            ("effort", .map(Mapping([
                ("people", .list(diff.people.map { p in
                    .map(Mapping([("id", .string(p.id)), ("name", .string(p.name)), ("status", status(p.days.status)),
                                  ("days", amount(p.days))]))
                })),
                ("tasks", .list(diff.tasks.map { t in
                    .map(Mapping([("tranche", .string(t.tranche)), ("title", .string(t.title)), ("status", status(t.status)),
                                  ("days", amount(t.days)), ("lump_sum", amount(t.lumpSum))]))
                })),
            ]))),
            ("team", .list(diff.team.map { m in
                .map(Mapping([("id", .string(m.id)), ("name", .string(m.name)), ("status", status(m.status)),
                              ("changes", .list(m.fields.map { .string($0.rawValue) })),
                              ("before", member(m.member.before)), ("after", member(m.member.after))]))
            })),
            ("schedule", .map(Mapping([
                ("changed", .bool(s.isChanged)),
                ("start", change(s.start, Value.date)),
                ("start_is_notification", change(s.startIsNotification, Value.bool)),
                ("end", change(s.end, Value.date)),
                ("duration_months", amount(s.durationMonths)),
                ("milestones", .list(s.milestones.map { m in
                    .map(Mapping([("title", .string(m.title)), ("status", status(m.date.status)),
                                  ("before", m.date.before.map(Value.date) ?? .null),
                                  ("after", m.date.after.map(Value.date) ?? .null)]))
                })),
            ]))),
            ("facts", .list(diff.facts.map { f in
                .map(Mapping([("key", .string(f.key)), ("status", status(f.value.status)),
                              ("before", f.value.before ?? .null), ("after", f.value.after ?? .null)]))
            })),
            ("rules", .list(diff.rules.map { r in
                .map(Mapping([("id", .string(r.id)), ("status", status(r.result.status)),
                              ("before", r.result.before.map(Value.string) ?? .null),
                              ("after", r.result.after.map(Value.string) ?? .null)]))
            })),
        ]))
        return JSONText.encode(value) { _, number in JSONText.quoted(PricingReport.fixed(number, 2)) }
    }

    static func status(_ s: OfferDiff.Status) -> Value { .string(s.rawValue) }

    static func change<T>(_ c: OfferDiff.Change<T>, _ wrap: (T) -> Value) -> Value {
        .map(Mapping([("status", status(c.status)), ("before", c.before.map(wrap) ?? .null),
                      ("after", c.after.map(wrap) ?? .null)]))
    }

    /// `before`, `after`, `delta` and `percent` (of the earlier value; null without one).
    static func amount(_ c: OfferDiff.Change<Decimal>) -> Value {
        .map(Mapping([("before", c.before.map(Value.number) ?? .null), ("after", c.after.map(Value.number) ?? .null),
                      ("delta", .number(c.delta)), ("percent", c.ratio.map { .number($0 * 100) } ?? .null)]))
    }

    static func money(_ line: OfferDiff.MoneyLine) -> Value {
        var m = Mapping()
        if let kind = line.kind {
            m["id"] = .string(line.key)
            m["title"] = line.title.map(Value.string) ?? .null
            m["kind"] = change(kind) { .string($0.rawValue) }
        }
        m["status"] = status(line.status)
        m["days"] = amount(OfferDiff.Change(line.totals.before?.days, line.totals.after?.days))
        m["ht"] = amount(line.ht)
        m["pro_bono"] = amount(line.proBono)
        m["ttc"] = amount(line.ttc)
        return .map(m)
    }

    static func member(_ m: OfferDiff.Member?) -> Value {
        guard let m else { return .null }
        return .map(Mapping([("name", .string(m.name)), ("role", m.role.map(Value.string) ?? .null),
                             ("profile", m.profile.map(Value.string) ?? .null),
                             ("profile_label", m.profileLabel.map(Value.string) ?? .null),
                             ("rate", .number(m.rate)), ("cost", m.cost.map(Value.number) ?? .null)]))
    }
}

import Foundation

/// What `tender diff` prints: aligned tables in the language of the run, or JSON (its keys the same
/// in every language).
///
/// The text has a section only for what changed; amounts are French-formatted, deltas signed
/// (`+1 200,00 €`, `-350,00 €`), percentages of the earlier value with one decimal (`+12,5 %`);
/// `—` marks a side where the thing does not exist. JSON holds every section (empty lists when
/// nothing changed) with numbers as strings with two decimals, as `tender price --format json`.
public enum DiffReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    /// `before` and `after` name the two versions for the reader (paths, `HEAD:offers/x/offer.yaml`).
    public static func render(_ diff: OfferDiff, as format: Format, before: String, after: String) -> String {
        switch format {
        case .text: return text(diff, before: before, after: after)
        case .json: return json(diff, before: before, after: after)
        }
    }

    // MARK: Text

    /// The tables, their words in `language` (ReportMessage); the offer's texts and amounts as in the documents.
    public static func text(_ diff: OfferDiff, before: String, after: String, in language: Language = .current) -> String {
        let w = Words(language: language)
        let tender = diff.after.offer.tender
        var out = [w(.differences(reference: tender.reference, buyer: tender.buyer)), w(.before(before)), w(.after(after))]
        func section(_ title: String, _ body: String) {
            out.append("")
            out.append(title)
            out.append(body)
        }
        if diff.isEmpty {
            out.append("")
            out.append(w(.noDifference))
            return out.joined(separator: "\n") + "\n"
        }
        if let money = moneyTable(diff, w) { section(w(.money), money) }
        if !diff.people.isEmpty {
            var table = TextTable([(w(.person), .left), (w(.beforeColumn), .right), (w(.afterColumn), .right), (w(.delta), .right)])
            for p in diff.people { table.add([p.name] + days(p.days)) }
            section(w(.daysPerPerson), table.render())
        }
        if !diff.tasks.isEmpty { section(w(.daysPerTask), tasksTable(diff.tasks, w)) }
        if !diff.team.isEmpty { section(w(.team), teamTable(diff.team, w)) }
        if diff.schedule.isChanged { section(w(.schedule), scheduleTable(diff.schedule, w)) }
        if !diff.facts.isEmpty {
            var table = TextTable([(w(.element), .left), (w(.beforeColumn), .left), (w(.afterColumn), .left)], maxWidths: [1: 60, 2: 60])
            for fact in diff.facts {
                table.add([w(.fact(fact.key)), fact.value.before.map { factText(fact.key, $0, w) } ?? "—",
                           fact.value.after.map { factText(fact.key, $0, w) } ?? "—"])
            }
            section(w(.offerFacts), table.render())
        }
        if !diff.rules.isEmpty {
            var table = TextTable([(w(.rule), .left), (w(.beforeColumn), .left), (w(.afterColumn), .left)])
            func word(_ result: String?) -> String { result.map { w(.ruleResult($0)) } ?? "—" }
            for rule in diff.rules { table.add([rule.id, word(rule.result.before), word(rule.result.after)]) }
            section(w(.checks), table.render())
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report's words in one language.
    struct Words {
        var language: Language
        func callAsFunction(_ m: ReportMessage) -> String { m.text(in: language) }
        func callAsFunction(_ m: DiffMessage) -> String { m.text(in: language) }
    }

    static func totalsLabel(_ key: String, _ w: Words) -> String {
        switch key {
        case "fixed": return w(.fixedTranches)
        case "optional": return w(.optionalTranches)
        case "all": return w(.allTranches)
        default: return key
        }
    }

    /// Changed tranches, then changed totals: HT, the mécénat deduction when it changed, and TTC.
    static func moneyTable(_ diff: OfferDiff, _ w: Words) -> String? {
        let totals = diff.totals.filter { $0.status != .unchanged }
        guard !diff.tranches.isEmpty || !totals.isEmpty else { return nil }
        var table = TextTable([(w(.tranche), .left), (w(.measure), .left), (w(.beforeColumn), .right), (w(.afterColumn), .right),
                               (w(.delta), .right), (w(.deltaPercent), .right)])
        func add(_ line: OfferDiff.MoneyLine, label: String) {
            var measures = [(w(.measureHT), line.ht)]
            if line.proBono.delta != 0 {
                measures.append((w(.measureProBono), OfferDiff.Change(line.proBono.before.map { -$0 }, line.proBono.after.map { -$0 })))
            }
            measures.append((w(.measureTTC), line.ttc))
            for (index, (measure, change)) in measures.enumerated() {
                table.add([index == 0 ? label : "", measure, change.before.map(eur) ?? "—", change.after.map(eur) ?? "—",
                           signedEuros(change.delta), change.ratio.map(signedPercent) ?? "—"])
            }
        }
        for line in diff.tranches { add(line, label: trancheLabel(line, w)) }
        if !diff.tranches.isEmpty && !totals.isEmpty { table.rule() }
        for line in totals { add(line, label: totalsLabel(line.key, w)) }
        return table.render()
    }

    /// `TF — tranche ferme`, with `(ajoutée)`, `(supprimée)` or the earlier kind when it changed.
    static func trancheLabel(_ line: OfferDiff.MoneyLine, _ w: Words) -> String {
        guard let kind = line.kind?.after ?? line.kind?.before else { return line.key }
        var label = "\(line.key) — \(w(.kind(kind)).lowercased())"
        switch line.totals.status {
        case .added: label += w(.added)
        case .removed: label += w(.removed)
        default:
            if let earlier = line.kind?.before, earlier != kind { label += w(.formerly(earlier)) }
        }
        return label
    }

    static func tasksTable(_ tasks: [OfferDiff.TaskEffort], _ w: Words) -> String {
        let lumpSums = tasks.contains { $0.lumpSum.isChanged }
        var columns: [(String, TextTable.Align)] = [(w(.task), .left), (w(.beforeColumn), .right), (w(.afterColumn), .right), (w(.delta), .right)]
        if lumpSums { columns += [(w(.lumpSumBefore), .right), (w(.lumpSumAfter), .right)] }
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

    static func teamTable(_ team: [OfferDiff.MemberChange], _ w: Words) -> String {
        var table = TextTable([(w(.person), .left), (w(.change), .left), (w(.beforeColumn), .left), (w(.afterColumn), .left)])
        for change in team {
            switch change.status {
            case .added: table.add([change.name, w(.memberAdded), "—", change.member.after.map(memberSummary) ?? ""])
            case .removed: table.add([change.name, w(.memberRemoved), change.member.before.map(memberSummary) ?? "", "—"])
            default:
                guard let before = change.member.before, let after = change.member.after else { continue }
                for (index, field) in change.fields.enumerated() {
                    table.add([index == 0 ? change.name : "", w(.field(field)), fieldText(field, before), fieldText(field, after)])
                }
            }
        }
        return table.render()
    }

    /// `Consultant·e senior, 720,00 €` (the role is in the JSON).
    static func memberSummary(_ m: OfferDiff.Member) -> String {
        [m.profileLabel ?? m.profile, eur(m.rate)].compactMap { $0 }.joined(separator: ", ")
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

    static func scheduleTable(_ s: OfferDiff.ScheduleChange, _ w: Words) -> String {
        var table = TextTable([(w(.element), .left), (w(.beforeColumn), .left), (w(.afterColumn), .left)], maxWidths: [0: 70])
        func date(_ d: DateValue?) -> String { d.map { w(.date($0)) } ?? "—" }
        func start(_ d: DateValue?, notification: Bool?) -> String {
            guard notification == true else { return date(d) }
            return w(.notification(d))
        }
        if s.start.isChanged || s.startIsNotification.isChanged {
            table.add([w(.start), start(s.start.before, notification: s.startIsNotification.before),
                       start(s.start.after, notification: s.startIsNotification.after)])
        }
        if s.end.isChanged { table.add([w(.end), date(s.end.before), date(s.end.after)]) }
        if s.durationMonths.isChanged {
            func months(_ d: Decimal?) -> String { d.map { w(.months($0)) } ?? "—" }
            table.add([w(.duration), months(s.durationMonths.before), months(s.durationMonths.after)])
        }
        for m in s.milestones { table.add([w(.milestone(m.title)), date(m.date.before), date(m.date.after)]) }
        return table.render()
    }

    /// Dates in words, the mémoire's texts by their length, rules' parameters as written.
    static func factText(_ key: String, _ value: Value, _ w: Words) -> String {
        switch value {
        case .date(let d): return w(.dateTime(d))
        case .string(let s) where key.hasPrefix("memoire."): return w(.characters(s.count))
        default: return value.renderedText
        }
    }

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

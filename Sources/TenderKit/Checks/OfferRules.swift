import Foundation

// The rules that read the offer and its price only.

/// Every key of `tender.rules` is read by some rule: a key no rule reads would be a constraint
/// silently not checked.
struct RuleKeysRule: CheckRule {
    let id = "rules"
    let title = "Every rule of the call is checked"

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rules = context.offer.tender.rules
        if rules.isNull { return .skip("the offer states no `tender.rules`") }
        guard let map = rules.asMap else {
            return RuleResult([finding(.error, "`tender.rules` is \(rules.typeName), not a mapping of rules",
                                       hint: "write the call's constraints under tender.rules (see offers/FORMAT.md)",
                                       location: context.offer.place("tender", "rules"))])
        }
        let known = PreSubmissionCheck.knownKeys
        var findings: [Finding] = []
        for key in map.keys where !known.contains(key) {
            let suggestion = Suggestions.closest(to: key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
            findings.append(finding(.error, "no check reads the rule `\(key)`, so it would not be checked\(suggestion)",
                                    hint: "use one of: " + known.joined(separator: ", "), location: context.place(key)))
        }
        if findings.isEmpty {
            findings.append(finding(.info, "every rule of the call is read by a check: " + map.keys.joined(separator: ", ")))
        }
        return RuleResult(findings)
    }
}

/// The offer is sent before the deadline.
struct DeadlineRule: CheckRule {
    let id = "deadline"
    let title = "Deadline not passed"
    /// Closer than this, the deadline is a warning.
    static let warningWindow = 7 * 86_400

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let deadline = context.offer.tender.deadline else { return .skip("the offer gives no `tender.deadline`") }
        let location = context.offer.place("tender", "deadline")
        let left = deadline.instant - context.asOf.instant
        let written = FrenchFormat.date(deadline, style: .datetime)
        let noTime = deadline.secondsOfDay == nil ? " (no time given: the start of the day is assumed)" : ""
        let measured = "as of \(context.asOf.momentText)", limit = deadline.momentText
        if left < 0 {
            return RuleResult([finding(.error, "the deadline (\(written)\(noTime)) passed \(Self.duration(-left)) ago",
                                       hint: "an offer received late is rejected; check the deadline and --as-of",
                                       location: location, measured: measured, limit: limit)])
        }
        if left < Self.warningWindow {
            return RuleResult([finding(.warning, "the deadline (\(written)\(noTime)) is in \(Self.duration(left))",
                                       hint: "upload well before the deadline: platforms slow down on the last day",
                                       location: location, measured: measured, limit: limit)])
        }
        return RuleResult([finding(.info, "the deadline (\(written)\(noTime)) is in \(Self.duration(left))",
                                   location: location, measured: measured, limit: limit)])
    }

    /// `2 days 11 h 05 min`, `45 min`.
    static func duration(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = (seconds % 86_400) / 3600, minutes = (seconds % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append("\(days) day\(days == 1 ? "" : "s")") }
        if hours > 0 || days > 0 { parts.append("\(hours) h") }
        parts.append(parts.isEmpty ? "\(minutes) min" : String(format: "%02d min", minutes))
        return parts.joined(separator: " ")
    }
}

/// The price is within the call's cap.
struct BudgetRule: CheckRule {
    let id = "budget"
    let title = "Price within the budget cap"
    let keys = ["budget"]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule("budget")
        guard let max = rule?["max"]?.asNumber else {
            return RuleResult([finding(.error, "`budget` gives no `max`", hint: "write budget: { max: 10000, basis: ttc, scope: all }",
                                       location: context.place("budget"))])
        }
        let writtenBasis = rule?["basis"]?.asString, writtenScope = rule?["scope"]?.asString
        // When the call leaves them unsaid, the stricter reading: TTC, every tranche.
        let ttc = (writtenBasis ?? "ttc") == "ttc", fixedOnly = writtenScope == "fixed"
        let totals = fixedOnly ? context.pricing.fixed : context.pricing.all
        let amount = ttc ? totals.ttc : totals.netHT
        let basis = ttc ? "TTC" : "HT", scope = fixedOnly ? "fixed tranches" : "all tranches"
        var assumed: [String] = []
        if writtenBasis == nil { assumed.append("basis TTC") }
        if writtenScope == nil { assumed.append("scope all tranches") }
        let note = assumed.isEmpty ? "" : " (the rule does not say: \(assumed.joined(separator: ", ")) assumed, the stricter reading)"
        let measured = "\(FrenchFormat.euros(amount)) \(basis)", limit = "\(FrenchFormat.euros(max)) \(basis)"
        let place = context.locate(FrenchFormat.euros(amount))
        let margin = max - amount
        if margin < 0 {
            return RuleResult([finding(.error, "the price, \(measured) (\(scope)), is over the cap of \(limit) by \(FrenchFormat.euros(-margin))\(note)",
                                       hint: "lower days or rates until the \(basis) total is within the cap; an offer over the budget is rejected",
                                       location: context.place("budget"), measured: measured, limit: limit,
                                       document: place?.document, anchor: place?.anchor)])
        }
        return RuleResult([finding(.info, "the price, \(measured) (\(scope)), is within the cap of \(limit), margin \(FrenchFormat.euros(margin))\(note)",
                                   location: context.place("budget"), measured: measured, limit: limit,
                                   document: place?.document, anchor: place?.anchor)])
    }
}

/// The schedule lasts between the call's minimum and maximum, months added on the calendar.
struct DurationRule: CheckRule {
    let id = "duration"
    let title = "Schedule within the allowed duration"
    let keys = ["duration"]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule("duration")
        let minimum = rule?["min_months"]?.asInt
        let maximum = rule?["max_months"]?.asInt
        let offer = context.offer
        guard minimum != nil || maximum != nil else {
            return RuleResult([finding(.error, "`duration` gives neither `min_months` nor `max_months`",
                                       hint: "write duration: { max_months: 12 } (and min_months when the call gives one)",
                                       location: context.place("duration"))])
        }
        guard let schedule = offer.schedule else {
            return RuleResult([finding(.error, "the call limits the duration, but the offer has no `schedule`",
                                       hint: "add schedule: { start: YYYY-MM-DD, end: YYYY-MM-DD }", location: context.place("duration"))])
        }
        guard let start = schedule.start else {
            return RuleResult([finding(.error, "the schedule starts at the notification, but no notification date is assumed",
                                       hint: "add schedule.notification: the date of notification you expect",
                                       location: offer.place("schedule", "start"))])
        }
        guard let end = schedule.end else {
            return RuleResult([finding(.error, "the schedule has no end, so its duration cannot be checked",
                                       hint: "add schedule.end (or schedule.duration_months)", location: offer.place("schedule"))])
        }
        let from = schedule.startIsNotification ? "the assumed notification (\(start.dayText))" : start.dayText
        let months = Value.plainString(start.months(until: end))
        let measured = "\(months) months (\(start.dayText) → \(end.dayText))"
        let limit: String
        switch (minimum, maximum) {
        case let (lo?, hi?): limit = "\(lo) to \(hi) months"
        case let (lo?, nil): limit = "at least \(lo) months"
        case let (nil, hi?): limit = "at most \(hi) months"
        default: limit = ""
        }
        let endPlace = offer.source?["schedule"]?.wrote("end") == true ? offer.place("schedule", "end")
                                                                       : offer.place("schedule", "duration_months")
        var findings: [Finding] = []
        if let hi = maximum, end > start.addingMonths(hi) {
            findings.append(finding(.error, "the schedule ends on \(end.dayText), after \(from) + \(hi) months (\(start.addingMonths(hi).dayText)): \(measured)",
                                    hint: "end the mission by \(start.addingMonths(hi).dayText), or start earlier; the call allows \(limit)",
                                    location: endPlace, measured: measured, limit: limit))
        }
        if let lo = minimum, end < start.addingMonths(lo) {
            findings.append(finding(.error, "the schedule ends on \(end.dayText), before \(from) + \(lo) months (\(start.addingMonths(lo).dayText)): \(measured)",
                                    hint: "spread the work to end on \(start.addingMonths(lo).dayText) or later; the call asks for \(limit)",
                                    location: endPlace, measured: measured, limit: limit))
        }
        if findings.isEmpty {
            findings.append(finding(.info, "the schedule runs \(measured) from \(from), within \(limit)",
                                    location: endPlace, measured: measured, limit: limit))
        }
        return RuleResult(findings)
    }
}

/// Enough bidder references ended recently enough before the deadline.
struct ReferencesRule: CheckRule {
    let id = "references"
    let title = "Recent references"
    let keys = ["references"]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule("references")
        let count = rule?["count"]?.asInt ?? 1
        let within = rule?["within_months"]?.asInt
        let offer = context.offer
        let deadline = offer.tender.deadline
        let reference = deadline.map { DateValue(year: $0.year, month: $0.month, day: $0.day) }
            ?? DateValue(year: context.asOf.year, month: context.asOf.month, day: context.asOf.day)
        let anchor = deadline == nil ? "the check date (\(reference.dayText); the offer gives no deadline)" : "the deadline (\(reference.dayText))"
        let cutoff = within.map { reference.addingMonths(-$0) }
        let recent = offer.bidder.references.filter { r in
            guard let end = r.end else { return false }
            return end <= reference && cutoff.map { end > $0 } ?? true
        }
        let period = within.map { "less than \($0) months before \(anchor)" } ?? "before \(anchor)"
        let list = recent.map { r in "\(r.client) (ended \(r.end!.dayText), \(Value.plainString(r.end!.months(until: reference))) months before)" }
        let measured = "\(recent.count) reference\(recent.count == 1 ? "" : "s")", limit = "at least \(count)"
        let place = offer.place("bidder", "references")
        if recent.count < count {
            let ongoing = offer.bidder.references.filter { $0.end == nil }.count
            let note = ongoing > 0 ? "; \(ongoing) ongoing reference\(ongoing == 1 ? " does" : "s do") not count" : ""
            return RuleResult([finding(.error, "only \(measured) ended \(period), the call asks for \(count)\(note)"
                                       + (list.isEmpty ? "" : ": " + list.joined(separator: "; ")),
                                       hint: "add references that ended after \(cutoff?.dayText ?? "the start") to bidder.references, with their end date",
                                       location: place, measured: measured, limit: limit)])
        }
        return RuleResult([finding(.info, "\(measured) ended \(period): " + list.joined(separator: "; "),
                                   location: place, measured: measured, limit: limit)])
    }
}

/// Every priced person has a CV; every person with a CV is priced.
struct TeamRule: CheckRule {
    let id = "team"
    let title = "Team: priced people and CVs match"
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        let cvs = context.cvs()
        var findings: [Finding] = []
        for person in context.pricing.people {
            let hasCV = cvs.contains { $0.member.id == person.id }
            let place = context.offer.source?["team"]?.items.first { $0["id"]?.string == person.id }?.location
            if person.days > 0 && !hasCV {
                findings.append(finding(.error, "\(person.name) is priced (\(FrenchFormat.days(person.days))) but no document holds a CV for them",
                                        hint: "add a CV document with `per: team` to documents (or a heading with their name in the CV document)",
                                        location: place))
            } else if person.days == 0 && hasCV {
                let cv = cvs.first { $0.member.id == person.id }!
                findings.append(finding(.warning, "\(person.name) has a CV (\(cv.document.name)) but no days in any tranche",
                                        hint: "give them days in a task, or remove them from the team",
                                        location: place, document: cv.document.path, anchor: person.name))
            }
        }
        if findings.isEmpty {
            let priced = context.pricing.people.filter { $0.days > 0 }.count
            findings.append(finding(.info, "each of the \(priced) priced people has a CV, and each CV is priced",
                                    measured: "\(cvs.count) CV\(cvs.count == 1 ? "" : "s")"))
        }
        return RuleResult(findings)
    }
}

/// Days given free (mécénat) are a separate line, valued at cost, and reviewed by a lawyer.
struct ProBonoRule: CheckRule {
    let id = "pro_bono"
    let title = "Pro bono: separate line, valued at cost, legal review"

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let mecenat = context.pricing.mecenat else { return .skip("the offer gives no days free (`pro_bono`)") }
        let place = context.offer.place("pro_bono")
        var findings: [Finding] = []
        let deduction = FrenchFormat.euros(mecenat.valueAtRate)
        let amounts = TotalsRule.amountsByDocument(context)
        if !context.documents.isEmpty, !amounts.contains(where: { $0.amounts.contains(mecenat.valueAtRate) }) {
            findings.append(finding(.error, "the mécénat deduction, \(deduction), is printed in no document",
                                    hint: "show the days given free as their own line (value at the offer's rates) in the price documents",
                                    location: place, measured: "not printed", limit: deduction))
        }
        if let atCost = mecenat.valueAtCost {
            if !context.documents.isEmpty, !amounts.contains(where: { $0.amounts.contains(atCost) }) {
                findings.append(finding(.warning, "the value at cost of the mécénat, \(FrenchFormat.euros(atCost)), is printed in no document",
                                        hint: "state the value at cost next to the mécénat line (it is what the tax reduction is computed on)",
                                        location: place))
            }
            if mecenat.withinCap == false {
                findings.append(finding(.warning, "the mécénat valued at cost (\(FrenchFormat.euros(atCost))) is over the cap of \(FrenchFormat.euros(mecenat.cap)): the reduction is computed on the cap",
                                        hint: "give fewer days, or accept that the excess brings no reduction this year",
                                        location: place, measured: FrenchFormat.euros(atCost), limit: FrenchFormat.euros(mecenat.cap)))
            }
        } else {
            findings.append(finding(.error, "the mécénat cannot be valued at cost: a member giving days has no cost per day",
                                    hint: "give these team members a `cost:` (or their profile a `cost:`)", location: place))
        }
        let at = context.locate(deduction)
        let valued = mecenat.valueAtCost.map { ", \(FrenchFormat.euros($0)) at cost, tax reduction \(FrenchFormat.euros(mecenat.taxReduction ?? 0))" } ?? ""
        let days = Value.plainString(mecenat.days)
        findings.append(finding(.warning, "the offer gives \(days) day\(mecenat.days == 1 ? "" : "s") free (\(deduction) at the offer's rates\(valued)): have a lawyer review it before sending",
                                hint: Mecenat.legalReview, location: place, measured: deduction,
                                document: at?.document, anchor: at?.anchor))
        // The review note is for the bidder: once the review is done it has no place in what the buyer reads.
        let note = String(Mecenat.legalReview.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)
        for doc in context.documents {
            if let printed = context.locate(note, in: [doc]) {
                findings.append(finding(.warning, "\(doc.name) prints the internal note \"\(note) …\"",
                                        hint: "remove the note from the document once the lawyer has reviewed the mécénat",
                                        location: SourceLocation(file: doc.shownPath), document: printed.document, anchor: printed.anchor))
            }
        }
        return RuleResult(findings)
    }
}

/// Meetings: stated by the call, not measurable from the offer.
struct MeetingsRule: CheckRule {
    let id = "meetings"
    let title = "Meetings (informational)"
    let keys = ["meetings"]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule("meetings")
        var parts: [String] = []
        if let max = rule?["max"]?.asNumber { parts.append("at most \(Value.plainString(max)) meetings") }
        if let days = rule?["days"]?.asNumber { parts.append("\(FrenchFormat.days(days)) of meetings in all") }
        let stated = parts.isEmpty ? "a limit on meetings" : parts.joined(separator: ", ")
        let reason = "informational: the offer does not model meetings, so they are not counted"
        return RuleResult([finding(.info, "the call allows \(stated); check the methodology by hand",
                                   location: context.place("meetings"), limit: stated)], skipped: reason)
    }
}

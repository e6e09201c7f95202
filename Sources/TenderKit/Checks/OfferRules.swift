import Foundation

// The rules that read the offer and its price only.

/// Every key of `tender.rules` is read by some rule: a key no rule reads would be a constraint
/// silently not checked.
struct RuleKeysRule: CheckRule {
    let id = "rules"
    var title: String { CheckMessage.title(id).text }

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rules = context.offer.tender.rules
        if rules.isNull { return .skip(CheckMessage.rulesSkip.text) }
        guard let map = rules.asMap else {
            return RuleResult([finding(.error, CheckMessage.rulesNotATable(rules).text,
                                       hint: CheckMessage.rulesNotATableHint.text,
                                       location: context.offer.place("tender", "rules"))])
        }
        let known = PreSubmissionCheck.knownKeys
        var findings: [Finding] = []
        for key in map.keys where !known.contains(key) {
            let suggestion = Suggestions.closest(to: key, among: known)
            findings.append(finding(.error, CheckMessage.unreadRule(key, suggestion: suggestion).text,
                                    hint: CheckMessage.useOneOf(known).text, location: context.place(key)))
        }
        if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.everyRuleRead(map.keys).text))
        }
        return RuleResult(findings)
    }

}

/// The offer is sent before the deadline.
struct DeadlineRule: CheckRule {
    let id = "deadline"
    var title: String { CheckMessage.title(id).text }
    /// Closer than this, the deadline is a warning.
    static let warningWindow = 7 * 86_400

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let deadline = context.offer.tender.deadline else { return .skip(CheckMessage.deadlineSkip.text) }
        let location = context.offer.place("tender", "deadline")
        let left = deadline.instant - context.asOf.instant
        let measured = CheckMessage.asOf(context.asOf).text, limit = deadline.momentText
        if left < 0 {
            return RuleResult([finding(.error, CheckMessage.deadlinePassed(deadline, by: -left).text,
                                       hint: CheckMessage.deadlinePassedHint.text,
                                       location: location, measured: measured, limit: limit)])
        }
        if left < Self.warningWindow {
            return RuleResult([finding(.warning, CheckMessage.deadlineSoon(deadline, in: left).text,
                                       hint: CheckMessage.deadlineSoonHint.text,
                                       location: location, measured: measured, limit: limit)])
        }
        return RuleResult([finding(.info, CheckMessage.deadlineAhead(deadline, in: left).text,
                                   location: location, measured: measured, limit: limit)])
    }

}

/// The price is within the call's cap.
struct BudgetRule: CheckRule {
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
    static let key = "budget"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule(Self.key)
        guard let max = rule?["max"]?.asNumber else {
            return RuleResult([finding(.error, CheckMessage.budgetNoMax.text, hint: CheckMessage.budgetNoMaxHint.text,
                                       location: context.place(Self.key))])
        }
        let writtenBasis = rule?["basis"]?.asString, writtenScope = rule?["scope"]?.asString
        if writtenScope == "tranche" { return perTranche(context, max: max, ttc: (writtenBasis ?? "ttc") == "ttc", basisWritten: writtenBasis != nil) }
        // When the call leaves them unsaid, the stricter reading: TTC, every tranche.
        let ttc = (writtenBasis ?? "ttc") == "ttc", fixedOnly = writtenScope == "fixed"
        let totals = fixedOnly ? context.pricing.fixed : context.pricing.all
        let amount = ttc ? totals.ttc : totals.netHT
        // An exempt bidder's price is net: it has neither HT nor TTC.
        let basis = context.offer.bidder.vat.rate == nil ? "net" : ttc ? "TTC" : "HT"
        let measured = "\(FrenchFormat.euros(amount)) \(basis)", limit = "\(FrenchFormat.euros(max)) \(basis)"
        let place = context.locate(FrenchFormat.euros(amount))
        let margin = max - amount
        let values = (PricingReport.fixed(amount, 2) as String?, PricingReport.fixed(max, 2) as String?)
        if margin < 0 {
            return RuleResult([finding(.error, CheckMessage.budgetOver(measured: measured, fixedOnly: fixedOnly, over: FrenchFormat.euros(-margin), limit: limit,
                                                                         assumedBasis: writtenBasis == nil, assumedScope: writtenScope == nil).text,
                                       hint: CheckMessage.budgetOverHint(basis: basis).text,
                                       location: context.place(Self.key), measured: measured, limit: limit,
                                       document: place?.document, anchor: place?.anchor, values: values)])
        }
        return RuleResult([finding(.info, CheckMessage.budgetWithin(measured: measured, fixedOnly: fixedOnly, limit: limit, margin: FrenchFormat.euros(margin),
                                                                      assumedBasis: writtenBasis == nil, assumedScope: writtenScope == nil).text,
                                   location: context.place(Self.key), measured: measured, limit: limit,
                                   document: place?.document, anchor: place?.anchor, values: values)])
    }
}

extension BudgetRule {
    /// `scope: tranche`: each tranche on its own within the cap (a call that caps every lot or tranche).
    func perTranche(_ context: CheckContext, max: Decimal, ttc: Bool, basisWritten: Bool) -> RuleResult {
        let basis = context.offer.bidder.vat.rate == nil ? "net" : ttc ? "TTC" : "HT"
        let limit = "\(FrenchFormat.euros(max)) \(basis)"
        var findings: [Finding] = []
        for tranche in context.pricing.tranches {
            let amount = ttc ? tranche.totals.ttc : tranche.totals.netHT
            let measured = "\(FrenchFormat.euros(amount)) \(basis)"
            let place = context.locate(FrenchFormat.euros(amount))
            if amount > max {
                findings.append(finding(.error, CheckMessage.trancheOver(fixed: tranche.kind == .fixed, id: tranche.id, measured: measured,
                                                                          over: FrenchFormat.euros(amount - max), limit: limit, assumedBasis: !basisWritten).text,
                                        hint: CheckMessage.trancheOverHint.text,
                                        location: context.place("budget"), measured: measured, limit: limit,
                                        document: place?.document, anchor: place?.anchor))
            } else {
                findings.append(finding(.info, CheckMessage.trancheWithin(fixed: tranche.kind == .fixed, id: tranche.id, measured: measured, limit: limit,
                                                                         margin: FrenchFormat.euros(max - amount), assumedBasis: !basisWritten).text,
                                        location: context.place("budget"), measured: measured, limit: limit,
                                        document: place?.document, anchor: place?.anchor))
            }
        }
        return RuleResult(findings)
    }
}

/// The schedule lasts between the call's minimum and maximum, months added on the calendar.
struct DurationRule: CheckRule {
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
    static let key = "duration"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule(Self.key)
        let minimum = rule?["min_months"]?.asInt
        let maximum = rule?["max_months"]?.asInt
        let offer = context.offer
        guard minimum != nil || maximum != nil else {
            return RuleResult([finding(.error, CheckMessage.durationNoBounds.text,
                                       hint: CheckMessage.durationNoBoundsHint.text,
                                       location: context.place(Self.key))])
        }
        guard let schedule = offer.schedule else {
            return RuleResult([finding(.error, CheckMessage.durationNoSchedule.text,
                                       hint: CheckMessage.durationNoScheduleHint.text, location: context.place(Self.key))])
        }
        guard let start = schedule.start else {
            return RuleResult([finding(.error, CheckMessage.durationNoStart.text,
                                       hint: CheckMessage.durationNoStartHint.text,
                                       location: offer.place("schedule", "start"))])
        }
        guard let end = schedule.end else {
            return RuleResult([finding(.error, CheckMessage.durationNoEnd.text,
                                       hint: CheckMessage.durationNoEndHint.text, location: offer.place("schedule"))])
        }
        let fromNotification = schedule.startIsNotification
        let monthCount = start.months(until: end)
        let months = FrenchFormat.number(monthCount)
        let measured = CheckMessage.durationMeasured(months: months, start: start, end: end).text
        let limit = CheckMessage.durationLimit(min: minimum, max: maximum).text
        let endPlace = offer.source?["schedule"]?.wrote("end") == true ? offer.place("schedule", "end")
                                                                       : offer.place("schedule", "duration_months")
        var findings: [Finding] = []
        if let hi = maximum, end > start.addingMonths(hi) {
            findings.append(finding(.error, CheckMessage.durationTooLong(end: end, fromNotification: fromNotification, start: start, months: hi,
                                                                           latest: start.addingMonths(hi), measured: measured).text,
                                    hint: CheckMessage.durationTooLongHint(latest: start.addingMonths(hi), limit: limit).text,
                                    location: endPlace, measured: measured, limit: limit,
                                    values: (Value.plainString(monthCount), (maximum ?? minimum).map { String($0) })))
        }
        if let lo = minimum, end < start.addingMonths(lo) {
            findings.append(finding(.error, CheckMessage.durationTooShort(end: end, fromNotification: fromNotification, start: start, months: lo,
                                                                            earliest: start.addingMonths(lo), measured: measured).text,
                                    hint: CheckMessage.durationTooShortHint(earliest: start.addingMonths(lo), limit: limit).text,
                                    location: endPlace, measured: measured, limit: limit,
                                    values: (Value.plainString(monthCount), (maximum ?? minimum).map { String($0) })))
        }
        if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.durationWithin(measured: measured, fromNotification: fromNotification, start: start, limit: limit).text,
                                    location: endPlace, measured: measured, limit: limit,
                                    values: (Value.plainString(monthCount), (maximum ?? minimum).map { String($0) })))
        }
        return RuleResult(findings)
    }
}

/// Enough bidder references ended recently enough before the deadline.
struct ReferencesRule: CheckRule {
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
    static let key = "references"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let offer = context.offer
        let deadline = offer.tender.deadline
        let reference = deadline.map { DateValue(year: $0.year, month: $0.month, day: $0.day) }
            ?? DateValue(year: context.asOf.year, month: context.asOf.month, day: context.asOf.day)
        let pick = ReferencePick(rule: context.rule(Self.key) ?? .null, deadline: reference)
        let count = pick.count, within = pick.withinMonths, cutoff = pick.cutoff
        // The references the offer shows (`references:`, else those the rule picks): those that count.
        let recent = offer.references.filter(pick.counts)
        let found = CheckMessage.References(recent: recent.count, tags: pick.tags, withinMonths: within, hasDeadline: deadline != nil,
                                            reference: reference,
                                            list: recent.map { r in (r.client, r.end!, FrenchFormat.number(r.end!.months(until: reference))) })
        let measured = CheckMessage.referencesCount(recent.count).text, limit = CheckMessage.atLeast(count).text
        let place = offer.source?.wrote("references") == true ? offer.place("references") : offer.place("bidder", "references")
        var findings: [Finding] = []
        for shown in offer.references where !pick.counts(shown) {
            findings.append(finding(.info, CheckMessage.referenceNotCounted(shown.client).text,
                                    location: place))
        }
        if recent.count < count {
            let ongoing = offer.references.filter { $0.end == nil }.count
            return RuleResult(findings + [finding(.error, CheckMessage.referencesFound(found, required: count, ongoing: ongoing).text,
                                       hint: CheckMessage.referencesHint(cutoff: cutoff, tagged: !pick.tags.isEmpty).text,
                                       location: place, measured: measured, limit: limit, values: (String(recent.count), String(count)))])
        }
        return RuleResult(findings + [finding(.info, CheckMessage.referencesFound(found, required: nil, ongoing: 0).text,
                                   location: place, measured: measured, limit: limit, values: (String(recent.count), String(count)))])
    }
}

/// Every priced person has a CV; every person with a CV is priced.
struct TeamRule: CheckRule {
    let id = "team"
    var title: String { CheckMessage.title(id).text }
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        let cvs = context.cvs()
        var findings: [Finding] = []
        for person in context.pricing.people {
            let hasCV = cvs.contains { $0.member.id == person.id }
            let place = context.offer.source?["team"]?.items.first { $0["id"]?.string == person.id }?.location
            if person.days > 0 && !hasCV {
                findings.append(finding(.error, CheckMessage.noCV(name: person.name, days: person.days).text,
                                        hint: CheckMessage.noCVHint.text,
                                        location: place))
            } else if person.days == 0 && hasCV {
                let cv = cvs.first { $0.member.id == person.id }!
                findings.append(finding(.warning, CheckMessage.cvWithoutDays(name: person.name, document: cv.document.name).text,
                                        hint: CheckMessage.cvWithoutDaysHint.text,
                                        location: place, document: cv.document.path, anchor: person.name))
            }
        }
        if findings.isEmpty {
            let priced = context.pricing.people.filter { $0.days > 0 }.count
            findings.append(finding(.info, CheckMessage.teamMatches(priced: priced).text,
                                    measured: "\(cvs.count) CV"))
        }
        return RuleResult(findings)
    }
}

/// Days given free (mécénat) are a separate line, valued at cost, and reviewed by a lawyer.
struct ProBonoRule: CheckRule {
    let id = "pro_bono"
    var title: String { CheckMessage.title(id).text }

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let mecenat = context.pricing.mecenat else { return .skip(CheckMessage.proBonoSkip.text) }
        let place = context.offer.place("pro_bono")
        var findings: [Finding] = []
        let deduction = FrenchFormat.euros(mecenat.valueAtRate)
        let amounts = TotalsRule.amountsByDocument(context)
        if !context.documents.isEmpty, !amounts.contains(where: { $0.amounts.contains(mecenat.valueAtRate) }) {
            findings.append(finding(.error, CheckMessage.deductionMissing(deduction).text,
                                    hint: CheckMessage.deductionMissingHint.text,
                                    location: place, measured: CheckMessage.absent.text, limit: deduction))
        }
        if let atCost = mecenat.valueAtCost {
            if !context.documents.isEmpty, !amounts.contains(where: { $0.amounts.contains(atCost) }) {
                findings.append(finding(.warning, CheckMessage.atCostMissing(FrenchFormat.euros(atCost)).text,
                                        hint: CheckMessage.atCostMissingHint.text,
                                        location: place))
            }
            if mecenat.withinCap == false {
                findings.append(finding(.warning, CheckMessage.overCap(atCost: FrenchFormat.euros(atCost), cap: FrenchFormat.euros(mecenat.cap)).text,
                                        hint: CheckMessage.overCapHint.text,
                                        location: place, measured: FrenchFormat.euros(atCost), limit: FrenchFormat.euros(mecenat.cap)))
            }
        } else {
            findings.append(finding(.error, CheckMessage.noCost.text,
                                    hint: CheckMessage.noCostHint.text, location: place))
        }
        let at = context.locate(deduction)
        findings.append(finding(.warning, CheckMessage.legalReview(days: mecenat.days, deduction: deduction,
                                                                   atCost: mecenat.valueAtCost.map { FrenchFormat.euros($0) },
                                                                   taxReduction: FrenchFormat.euros(mecenat.taxReduction ?? 0)).text,
                                hint: CheckMessage.legalReviewHint.text, location: place, measured: deduction,
                                document: at?.document, anchor: at?.anchor))
        // The review note is for the bidder: once the review is done it has no place in what the buyer reads.
        let note = String(Mecenat.legalReview.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)
        for doc in context.documents {
            if let printed = context.locate(note, in: [doc]) {
                findings.append(finding(.warning, CheckMessage.internalNote(document: doc.name, note: note).text,
                                        hint: CheckMessage.internalNoteHint.text,
                                        location: SourceLocation(file: doc.shownPath), document: printed.document, anchor: printed.anchor))
            }
        }
        return RuleResult(findings)
    }
}

/// Meetings: stated by the call, not measurable from the offer.
struct MeetingsRule: CheckRule {
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
    static let key = "meetings"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule(Self.key)
        let stated = CheckMessage.meetingsStated(max: rule?["max"]?.asNumber, days: rule?["days"]?.asNumber).text
        let reason = CheckMessage.meetingsReason.text
        return RuleResult([finding(.info, CheckMessage.meetingsManual(stated).text,
                                   location: context.place(Self.key), limit: stated)], skipped: reason)
    }
}

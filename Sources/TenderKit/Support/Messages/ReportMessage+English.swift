import Foundation

/// Every `ReportMessage` in English (`LANG=en*`). Amounts keep their French formatting (they are
/// the documents' figures); dates are written ISO.
extension ReportMessage {
    public var english: String {
        switch self {
        case .offer(let reference, let buyer): return (reference.map { "Offer \($0) — " } ?? "Offer — ") + buyer
        case .bidder(let name, let vat): return "Bidder: \(name) — \(vat)"
        case .vat(let vat): return vat.rate.map { "VAT " + FrenchFormat.percent($0) } ?? vat.label
        case .kind(let kind): return kind == .fixed ? "Fixed tranche" : "Optional tranche"
        case .terms(let months, let confirmation):
            var parts: [String] = []
            if let months { parts.append("duration: " + FrenchFormat.number(months) + " months") }
            if let confirmation { parts.append("to be confirmed by " + confirmation.isoString) }
            guard let first = parts.first else { return "" }
            return ([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst()).joined(separator: "; ")
        case .task: return "Task"
        case .person: return "Person"
        case .profile: return "Profile"
        case .days: return "Days"
        case .tranche: return "Tranche"
        case .discount: return "Discount"
        case .proBono: return "Pro bono"
        case .vatColumn: return "VAT"
        case .daysGiven: return "Days given"
        case .rate(let exempt): return exempt ? "Net rate" : "Rate excl. VAT"
        case .amount(let exempt): return exempt ? "Net amount" : "Amount excl. VAT"
        case .total(let exempt): return exempt ? "Net total" : "Total excl. VAT"
        case .net(let exempt): return exempt ? "Net payable" : "Net excl. VAT"
        case .ttc: return "Total incl. VAT"
        case .unit: return "unit"
        case .lumpSum: return "lump sum"
        case .proBonoLine: return "Pro bono work"
        case .summary: return "Summary"
        case .fixedTranches: return "Fixed tranches"
        case .optionalTranches: return "Optional tranches"
        case .allTranches: return "Total (fixed and optional)"
        case .netWithoutVAT(let label): return label + ": amounts are net, without VAT."
        case .perPerson: return "Per person (all tranches)"
        case .perProfile: return "Per profile (all tranches)"
        case .mecenatTitle: return "Pro bono work (art. 238 bis CGI) — TO BE VALIDATED BY A LAWYER"
        case .mecenatShare(let percent): return " (\(percent) of the days)"
        case .valueAtRate: return "Value at selling price"
        case .valueAtCost: return "Value at cost"
        case .costUnknown: return "unknown (daily cost missing)"
        case .taxReduction(let percent): return "Tax reduction (\(percent))"
        case .withinCap(let within): return within.map { $0 ? "respected" : "exceeded: the excess can be carried over 5 years" } ?? "—"
        case .cap: return "Cap (€20,000 or 0.5% of turnover excl. VAT)"
        case .note: return "Note"
        case .dayCount(let n): return FrenchFormat.number(n) + FrenchFormat.unitSpace + (n == 1 ? "day" : "days")

        case .differences(let reference, let buyer): return "Changes to offer " + (reference.map { "\($0) — " } ?? "— ") + buyer
        case .before(let label): return "  before: " + label
        case .after(let label): return "  after: " + label
        case .noDifference: return "No difference."
        case .money: return "Amounts"
        case .daysPerPerson: return "Days per person"
        case .daysPerTask: return "Days per task"
        case .team: return "Team"
        case .schedule: return "Schedule"
        case .offerFacts: return "Offer"
        case .checks: return "Checks"
        case .beforeColumn: return "Before"
        case .afterColumn: return "After"
        case .delta: return "Change"
        case .deltaPercent: return "Change %"
        case .measure: return "Amount"
        case .element: return "Item"
        case .rule: return "Rule"
        case .change: return "Change"
        case .lumpSumBefore: return "Lump sum before"
        case .lumpSumAfter: return "Lump sum after"
        case .measureHT: return "excl. VAT"
        case .measureProBono: return "Pro bono"
        case .measureTTC: return "incl. VAT"
        case .added: return " (added)"
        case .removed: return " (removed)"
        case .formerly(let kind): return " (formerly \(ReportMessage.kind(kind).english.lowercased()))"
        case .ruleResult(let result):
            return ["passed": "passed", "warning": "warning", "failed": "failed", "skipped": "not checked"][result] ?? result
        case .memberAdded: return "added"
        case .memberRemoved: return "removed"
        case .field(let field):
            switch field {
            case .name: return "name"
            case .role: return "role"
            case .profile: return "profile"
            case .rate: return "rate excl. VAT"
            case .cost: return "daily cost"
            }
        case .start: return "Start"
        case .end: return "End"
        case .duration: return "Duration"
        case .milestone(let title): return "Milestone: " + title
        case .months(let n): return FrenchFormat.number(n) + " months"
        case .notification(let date): return date.map { "notification (assumed on \($0.isoString))" } ?? "notification"
        case .fact(let key):
            switch key {
            case "tender.reference": return "Reference"
            case "tender.buyer": return "Buyer"
            case "tender.title": return "Subject"
            case "tender.deadline": return "Deadline"
            case "bidder.name": return "Bidder"
            case "bidder.vat": return "VAT"
            default:
                if key.hasPrefix("tender.rules.") { return "Rule '\(key.dropFirst("tender.rules.".count))'" }
                if key.hasPrefix("memoire.") { return "Mémoire: " + key.dropFirst("memoire.".count) }
                return key
            }
        case .characters(let n): return FrenchFormat.number(Decimal(n)) + " characters"
        case .date(let d): return d.isoString
        case .dateTime(let d): return d.isoString
        }
    }
}

import Foundation

/// Every `DiffMessage` in English (`LANG=en*`).
extension DiffMessage {
    public var english: String {
        switch self {
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
        }
    }
}

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
        case .legalReview:
            return "to be approved by a lawyer: a mécénat granted to the buyer in an offer may be seen as a consideration tied to the award "
                + "of the contract (equal treatment of bidders) and not give the tax reduction of art. 238 bis of the CGI"
        case .note: return "Note"
        case .dayCount(let n): return FrenchFormat.number(n) + FrenchFormat.unitSpace + (n == 1 ? "day" : "days")

        case .date(let d): return d.isoString
        case .dateTime(let d): return d.isoString
        }
    }
}

import Foundation

/// Every `ReportMessage` in French: the words of the documents (PriceWords), with French typography.
extension ReportMessage {
    public var french: String {
        switch self {
        case .offer(let reference, let buyer): return (reference.map { "Offre \($0) — " } ?? "Offre — ") + buyer
        case .bidder(let name, let vat): return "Candidat : \(name) — \(vat)"
        case .vat(let vat): return vat.label
        case .kind(let kind): return kind.label
        case .terms(let months, let confirmation):
            var parts: [String] = []
            if let months { parts.append("durée : " + FrenchFormat.number(months) + " mois") }
            if let confirmation { parts.append("affermissement au plus tard le " + FrenchFormat.date(confirmation)) }
            guard let first = parts.first else { return "" }
            return ([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst()).joined(separator: " ; ")
        case .task: return "Tâche"
        case .person: return "Intervenant"
        case .profile: return "Profil"
        case .days: return "Jours"
        case .tranche: return "Tranche"
        case .discount: return "Remise"
        case .proBono: return "Mécénat"
        case .vatColumn: return "TVA"
        case .daysGiven: return "Jours offerts"
        case .rate(let exempt): return "Taux " + (exempt ? "net" : "HT")
        case .amount(let exempt): return "Montant " + (exempt ? "net" : "HT")
        case .total(let exempt): return "Total " + (exempt ? "net" : "HT")
        case .net(let exempt): return exempt ? "Net à payer" : "Net HT"
        case .ttc: return "Total TTC"
        case .unit: return "unité"
        case .lumpSum: return "forfait"
        case .proBonoLine: return "Mécénat de compétences"
        case .summary: return "Récapitulatif"
        case .fixedTranches: return "Tranches fermes"
        case .optionalTranches: return "Tranches optionnelles"
        case .allTranches: return "Total (fermes et optionnelles)"
        case .netWithoutVAT(let label): return label + " : les montants sont nets, sans TVA."
        case .perPerson: return "Par intervenant (toutes tranches)"
        case .perProfile: return "Par profil (toutes tranches)"
        case .mecenatTitle: return "Mécénat de compétences (art. 238 bis du CGI) — À FAIRE VALIDER PAR UN JURISTE"
        case .mecenatShare(let percent): return " (\(percent) des jours)"
        case .valueAtRate: return "Valeur au prix de vente"
        case .valueAtCost: return "Valeur au coût de revient"
        case .costUnknown: return "inconnue (coût journalier manquant)"
        case .taxReduction(let percent): return "Réduction d’impôt (\(percent))"
        case .withinCap(let within): return within.map { $0 ? "respecté" : "dépassé : l’excédent est reportable sur 5 ans" } ?? "—"
        case .cap: return "Plafond (20\u{202F}000\u{00A0}€ ou 0,5\u{00A0}% du CA HT)"
        case .note: return "Note"
        case .legalReview: return Mecenat.legalReview
        case .dayCount(let n): return FrenchFormat.days(n)

        case .date(let d): return FrenchFormat.date(d)
        case .dateTime(let d): return FrenchFormat.date(d, style: .datetime)
        }
    }
}

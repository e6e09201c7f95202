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
        case .dayCount(let n): return FrenchFormat.days(n)

        case .differences(let reference, let buyer): return "Différences de l’offre " + (reference.map { "\($0) — " } ?? "— ") + buyer
        case .before(let label): return "  avant : " + label
        case .after(let label): return "  après : " + label
        case .noDifference: return "Aucune différence."
        case .money: return "Montants"
        case .daysPerPerson: return "Jours par intervenant"
        case .daysPerTask: return "Jours par tâche"
        case .team: return "Équipe"
        case .schedule: return "Calendrier"
        case .offerFacts: return "Offre"
        case .checks: return "Vérifications"
        case .beforeColumn: return "Avant"
        case .afterColumn: return "Après"
        case .delta: return "Écart"
        case .deltaPercent: return "Écart %"
        case .measure: return "Montant"
        case .element: return "Élément"
        case .rule: return "Règle"
        case .change: return "Changement"
        case .lumpSumBefore: return "Forfait avant"
        case .lumpSumAfter: return "Forfait après"
        case .measureHT: return "HT"
        case .measureProBono: return "Mécénat"
        case .measureTTC: return "TTC"
        case .added: return " (ajoutée)"
        case .removed: return " (supprimée)"
        case .formerly(let kind): return " (auparavant \(kind.label.lowercased()))"
        case .ruleResult(let result):
            return ["passed": "conforme", "warning": "avertissement", "failed": "non conforme", "skipped": "non vérifiée"][result] ?? result
        case .memberAdded: return "ajout"
        case .memberRemoved: return "retrait"
        case .field(let field):
            switch field {
            case .name: return "nom"
            case .role: return "rôle"
            case .profile: return "profil"
            case .rate: return "taux HT"
            case .cost: return "coût journalier"
            }
        case .start: return "Début"
        case .end: return "Fin"
        case .duration: return "Durée"
        case .milestone(let title): return "Jalon : " + title
        case .months(let n): return FrenchFormat.number(n) + " mois"
        case .notification(let date): return date.map { "notification (supposée le \(FrenchFormat.date($0)))" } ?? "notification"
        case .fact(let key):
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
        case .characters(let n): return FrenchFormat.number(Decimal(n)) + " caractères"
        case .date(let d): return FrenchFormat.date(d)
        case .dateTime(let d): return FrenchFormat.date(d, style: .datetime)
        }
    }
}

import Foundation

/// Every `DiffMessage` in French, with French typography.
extension DiffMessage {
    public var french: String {
        switch self {
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
        }
    }
}

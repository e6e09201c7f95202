import Foundation

/// Every `ReviewMessage` in French, with French typography (a space before « : », « ; »).
extension ReviewMessage {
    var french: String {
        switch self {
        case .thisDraft: return "ce projet"
        case .commentLabel(let s): return s == .error ? "ERREUR" : "ATTENTION"
        case .title(let reference): return "# Revue du projet — \(reference)"
        case .draftOf(let today, let deadline):
            return "Projet du \(FrenchFormat.date(today))" + (deadline.map { ", date limite : \(FrenchFormat.date($0, style: .long))" } ?? "") + "."
        case .amounts: return "## Montants"
        case .amountsHeader: return "| Tranche | Jours | HT | Mécénat | Net HT | TVA | TTC |"
        case .tranche(let id, let title, let fixed): return "\(id) — \(title) (\(fixed ? "ferme" : "optionnelle"))"
        case .fixedTotal: return "**Tranches fermes**"
        case .optionalTotal: return "**Tranches optionnelles**"
        case .total: return "**Total**"
        case .daysByPerson: return "## Jours par intervenant"
        case .peopleHeader: return "| Intervenant | Profil | Jours | Taux HT | Montant HT |"
        case .checksAsOf(let d): return "## Vérifications au \(FrenchFormat.date(d))"
        case .noErrors(let summary): return "Aucune erreur (\(summary))."
        case .finding(let s, let rule, let message): return "- \(s == .error ? "❌ erreur" : "⚠️ attention") — `\(rule)` : \(message)"
        case .passed(let rule, let title, let measures): return "- ✅ `\(rule)` : \(title)" + (measures.isEmpty ? "" : " — " + measures.joined(separator: " ; "))
        case .commentsToo: return "Les constats sont aussi en commentaires dans les documents, à l’endroit qu’ils concernent."
        case .changesSince(let label): return "## Changements depuis \(label)"
        case .memoireText: return "### Texte du mémoire"
        case .legend: return "Mots retirés ~~barrés~~, mots ajoutés **en gras**."
        case .changedParagraph(let key, let paragraph, let markdown): return "- `memoire.\(key)`, paragraphe \(paragraph) : \(markdown)"
        case .noParagraphChanged: return "Aucun paragraphe modifié."
        case .forLimit(let measured, let limit): return "\(measured) pour une limite de \(limit)"
        case .forCap(let measured, let limit, let margin): return "\(measured) pour un plafond de \(limit) (marge \(margin))"
        case .pagesUsed(let measured, let plural, let limit, let left): return "\(measured) \(plural ? "utilisées" : "utilisée") sur \(limit) (reste \(left))"
        case .margin(let m): return " (marge \(m))"
        }
    }
}

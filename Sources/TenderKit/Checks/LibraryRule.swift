import Foundation

/// The answer library's blocks the offer uses were reviewed recently (`reviewed:` in their front
/// matter, within `rules.library.review_months`, 12 by default). A missing block stops the offer
/// from loading, at the line that names it.
struct LibraryRule: CheckRule {
    static let key = "library"
    let id = Self.key
    let title = "Bibliothèque de réponses : blocs relus"
    /// Runs whenever the offer uses a block; `rules.library.review_months` only sets the limit.
    let settingKeys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        var used: [LibraryBlock] = []
        for block in context.offer.sections.flatMap(\.library) where !used.contains(where: { $0.name == block.name }) {
            used.append(block)
        }
        guard !used.isEmpty else { return .skip("l'offre n'utilise aucun bloc de la bibliothèque de réponses (`use: library/…`)") }
        let months = context.rule(Self.key)?["review_months"]?.asInt ?? 12
        let today = DateValue(year: context.asOf.year, month: context.asOf.month, day: context.asOf.day)
        let cutoff = today.addingMonths(-months)
        var findings: [Finding] = []
        for block in used {
            let users = context.offer.sections.filter { $0.library.contains { $0.name == block.name } }.map { "« \($0.title) »" }
            let named = "le bloc « \(block.name) » (\(block.title)), utilisé par " + users.joined(separator: ", ") + ","
            guard let reviewed = block.reviewed else { continue }
            if reviewed < cutoff {
                findings.append(finding(.warning, "\(named) a été relu le \(reviewed.frenchDay), il y a plus de \(months) mois",
                                        hint: "le relire" + (block.owner.map { " (\($0))" } ?? "") + " et mettre à jour `reviewed:` dans \(block.path)",
                                        location: block.reviewedPlace, measured: reviewed.frenchDay, limit: "après le \(cutoff.frenchDay)"))
            } else {
                findings.append(finding(.info, "\(named) a été relu le \(reviewed.frenchDay), il y a moins de \(months) mois",
                                        location: block.reviewedPlace, measured: reviewed.frenchDay, limit: "après le \(cutoff.frenchDay)"))
            }
        }
        return RuleResult(findings)
    }
}

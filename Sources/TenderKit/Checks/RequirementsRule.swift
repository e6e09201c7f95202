import Foundation

/// The compliance matrix: every requirement of the call (`requirements:`) is answered by a section
/// of the mémoire (`memoire.sections[].answers`), and every section answers one.
struct RequirementsRule: CheckRule {
    let id = "requirements"
    let title = "Exigences de la consultation : chacune a sa réponse"

    func evaluate(_ context: CheckContext) -> RuleResult {
        let offer = context.offer
        guard !offer.requirements.isEmpty else { return .skip("l'offre ne liste pas les exigences de la consultation (`requirements`)") }
        let ids = offer.requirements.map(\.id)
        var findings: [Finding] = []
        for section in offer.sections {
            for answer in section.answers where !ids.contains(answer) {
                findings.append(finding(.error, "la section « \(section.title) » répond à l'exigence « \(answer) », qui n'est pas dans `requirements`",
                                        hint: Suggestions.closest(to: answer, among: ids).map { "vouliez-vous dire « \($0) » ?" }
                                            ?? "ajouter l'exigence à `requirements` (id, text, source)",
                                        location: section.location))
            }
        }
        for requirement in offer.requirements {
            let answering = offer.sections.filter { $0.answers.contains(requirement.id) }
            let named = "l'exigence « \(requirement.id) »" + (requirement.source.map { " (\($0))" } ?? "")
            if answering.isEmpty {
                findings.append(finding(.error, "\(named) n'a de réponse dans aucune section du mémoire : « \(requirement.text) »",
                                        hint: "ajouter « \(requirement.id) » aux `answers` de la section qui y répond (memoire.sections)",
                                        location: requirement.location))
            } else {
                findings.append(finding(.info, "\(named) a sa réponse dans " + answering.map { "« \($0.title) »" }.joined(separator: ", "),
                                        location: requirement.location))
            }
        }
        for section in offer.sections where section.answers.isEmpty {
            findings.append(finding(.warning, "la section « \(section.title) » ne répond à aucune exigence de la consultation",
                                    hint: "lui donner `answers: [...]`, les ids des exigences auxquelles elle répond",
                                    location: section.location))
        }
        return RuleResult(findings)
    }
}

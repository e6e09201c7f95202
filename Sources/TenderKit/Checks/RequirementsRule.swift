import Foundation

/// The compliance matrix: every requirement of the call (`requirements:`) is answered by a section
/// of the mémoire (`memoire.sections[].answers`), and every section answers one.
struct RequirementsRule: CheckRule {
    let id = "requirements"
    var title: String { CheckMessage.title(id).text }

    func evaluate(_ context: CheckContext) -> RuleResult {
        let offer = context.offer
        guard !offer.requirements.isEmpty else { return .skip(CheckMessage.requirementsSkip.text) }
        let ids = offer.requirements.map(\.id)
        var findings: [Finding] = []
        for section in offer.sections {
            for answer in section.answers where !ids.contains(answer) {
                findings.append(finding(.error, CheckMessage.unknownRequirement(section: section.title, answer: answer).text,
                                        hint: Suggestions.closest(to: answer, among: ids).map { CheckMessage.didYouMean($0).text }
                                            ?? CheckMessage.addRequirementHint.text,
                                        location: section.location))
            }
        }
        for requirement in offer.requirements {
            let answering = offer.sections.filter { $0.answers.contains(requirement.id) }
            let named = CheckMessage.requirementNamed(id: requirement.id, source: requirement.source).text
            if answering.isEmpty {
                findings.append(finding(.error, CheckMessage.unanswered(named: named, text: requirement.text).text,
                                        hint: CheckMessage.unansweredHint(requirement.id).text,
                                        location: requirement.location))
            } else {
                findings.append(finding(.info, CheckMessage.answeredIn(named: named, sections: answering.map(\.title)).text,
                                        location: requirement.location))
            }
        }
        for section in offer.sections where section.answers.isEmpty {
            findings.append(finding(.warning, CheckMessage.answersNothing(section.title).text,
                                    hint: CheckMessage.answersNothingHint.text,
                                    location: section.location))
        }
        return RuleResult(findings)
    }
}

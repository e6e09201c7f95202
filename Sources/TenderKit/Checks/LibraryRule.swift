import Foundation

/// The answer library's blocks the offer uses were reviewed recently (`reviewed:` in their front
/// matter, within `rules.library.review_months`, 12 by default). A missing block stops the offer
/// from loading, at the line that names it.
struct LibraryRule: CheckRule {
    static let key = "library"
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
    /// Runs whenever the offer uses a block; `rules.library.review_months` only sets the limit.
    let settingKeys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        var used: [LibraryBlock] = []
        for block in context.offer.sections.flatMap(\.library) where !used.contains(where: { $0.name == block.name }) {
            used.append(block)
        }
        guard !used.isEmpty else { return .skip(CheckMessage.librarySkip.text) }
        let months = context.rule(Self.key)?["review_months"]?.asInt ?? 12
        let today = DateValue(year: context.asOf.year, month: context.asOf.month, day: context.asOf.day)
        let cutoff = today.addingMonths(-months)
        var findings: [Finding] = []
        for block in used {
            let users = context.offer.sections.filter { $0.library.contains { $0.name == block.name } }.map(\.title)
            let named = CheckMessage.blockUsedBy(name: block.name, title: block.title, users: users).text
            guard let reviewed = block.reviewed else { continue }
            if reviewed < cutoff {
                findings.append(finding(.warning, CheckMessage.blockStale(named: named, reviewed: reviewed, months: months).text,
                                        hint: CheckMessage.blockStaleHint(owner: block.owner, path: block.path).text,
                                        location: block.reviewedPlace, measured: CheckMessage.day(reviewed).text, limit: CheckMessage.after(cutoff).text))
            } else {
                let text = today < reviewed ? CheckMessage.blockReviewedLater(named: named, reviewed: reviewed, asOf: today).text
                    : CheckMessage.blockFresh(named: named, reviewed: reviewed, months: months).text
                findings.append(finding(.info, text,
                                        location: block.reviewedPlace, measured: CheckMessage.day(reviewed).text, limit: CheckMessage.after(cutoff).text))
            }
        }
        return RuleResult(findings)
    }
}

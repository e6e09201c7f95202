import ArgumentParser
import Foundation
import TenderKit

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of an offer: money, days, team, schedule, tender facts.",
        discussion: """
            tender diff OLD NEW compares two offers (files or folders); tender diff --rev REV OFFER compares \
            the offer as it was at a git revision with the working copy.
            Exit status: 0 (also when they differ, unless --exit-code: then 1), 64 usage, 65 invalid offer or \
            unknown revision, 66 missing file, not in a git repository or offer absent at the revision.
            """)

    @Argument(help: "OLD and NEW (offer files or folders); with --rev, the offer of the working copy only.")
    var offers: [String] = []
    @Option(help: "Compare the working copy of the offer with this git revision (HEAD, HEAD~1, a branch or tag).")
    var rev: String?
    @Option(help: "text (French tables) or json (numbers as strings with two decimals).") var format: DiffReport.Format = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Exit with status 1 when the versions differ, like git diff --exit-code.") var exitCode = false

    func validate() throws {
        if rev != nil {
            guard offers.count == 1 else { throw ValidationError(Message.revOneOffer.text) }
        } else {
            guard offers.count == 2 else { throw ValidationError(Message.twoOffers.text) }
        }
    }

    func run() throws {
        var different = false
        try guarded {
            let old: Offer, oldLabel: String, new: Offer, newLabel: String
            if let rev {
                let path = Offer.path(forArgument: offers[0])
                new = try Offer.load(path: path)
                (old, oldLabel) = try OfferRevision.load(path: path, revision: rev)
                newLabel = Message.workingCopy(path).text
            } else {
                (old, oldLabel) = (try loadOffer(offers[0]), offers[0])
                (new, newLabel) = (try loadOffer(offers[1]), offers[1])
            }
            let after = OfferPricing(offer: new)
            for warning in new.warnings + after.warnings { Console.error(warning.description) }
            let before = OfferPricing(offer: old)
            let now = DateValue.now()
            let diff = OfferDiff(before: before, after: after,
                                 rulesBefore: PreSubmissionCheck.offerRuleResults(old, pricing: before, asOf: now),
                                 rulesAfter: PreSubmissionCheck.offerRuleResults(new, pricing: after, asOf: now))
            try emit(DiffReport.render(diff, as: format, before: oldLabel, after: newLabel),
                     to: output)
            different = !diff.isEmpty
        }
        if exitCode && different { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}

import ArgumentParser
import Foundation
import TenderKit

struct Diff: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.diff) }

    @Argument(help: .tender(.diffOffers, value: .offer))
    var offers: [String] = []
    @Option(help: .tender(.diffRev, value: .revision))
    var rev: String?
    @Option(help: .tender(.diffFormat)) var format: DiffReport.Format = .text
    @Option(name: .shortAndLong, help: .tender(.writeTo, value: .file)) var output: String?
    @Flag(help: .tender(.diffExitCode)) var exitCode = false

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

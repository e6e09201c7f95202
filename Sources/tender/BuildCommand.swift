import ArgumentParser
import Foundation
import TenderKit

struct Build: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.build) }

    @Argument(help: .tender(.offerArgument, value: .offer)) var offer: String
    @Option(name: .shortAndLong, help: .tender(.buildOutput, value: .folder)) var output: String?
    @Flag(help: .tender(.buildPDF)) var pdf = false
    @Flag(help: .tender(.buildMerge)) var merge = false
    @Flag(help: .tender(.buildDraft)) var draft = false
    @Option(help: .tender(.buildSince, value: .revision)) var since: String?
    @Option(help: .tender(.buildToday, valueName: "YYYY-MM-DD"))
    var today: Day?
    @Option(help: .tender(.timeout, value: .seconds)) var timeout: Int = 300

    func validate() throws {
        if since != nil && !draft { throw ValidationError(Message.sinceWithDraft.text) }
        guard timeout > 0 else { throw ValidationError(Message.positiveTimeout.text) }
    }

    func run() throws {
        try guarded {
            let loaded = try loadOffer(offer)
            let pricing = OfferPricing(offer: loaded)
            let date = today?.date ?? Day.today
            let folder = output ?? "build/\(offerName(loaded))" + (draft ? "-projet" : "")
            if draft, BuildManifest.read((folder as NSString).appendingPathComponent(BuildManifest.fileName))?.kind == .final {
                throw TenderError.error(Message.draftOverFinal(folder: folder, draftFolder: "build/\(offerName(loaded))-projet/").text,
                                        status: .usage)
            }
            // The revision to compare with is read first: a wrong one must stop the build before it writes.
            let previous = try since.map { try OfferRevision.load(path: loaded.file, revision: $0) }
            let asOf = today?.moment ?? DateValue.now()
            var review: DraftReview.Outcome? = nil
            var checkLine = ""
            let result = try SubmissionBuilder.build(
                loaded, pricing: pricing,
                options: BuildOptions(outputFolder: folder, pdf: pdf, merge: merge, draft: draft, today: date, timeout: timeout),
                progress: { Console.error($0) },
                review: { staged in
                    if draft {
                        let outcome = try DraftReview.finish(staged, offer: loaded, pricing: pricing, folder: staged.folder, asOf: asOf,
                                                             today: date, since: previous, progress: { Console.error($0) })
                        review = outcome
                        return outcome.report.manifestSummary
                    }
                    let (line, summary) = check(loaded, pricing: pricing, folder: staged.folder, asOf: asOf, rendered: pdf || merge)
                    checkLine = line
                    return summary
                })
            result.warnings.forEach { Console.error($0.description) }
            for doc in result.documents {
                var line = "  \(doc.path)"
                if let pages = doc.pages { line += "  (\(Message.pages(pages).text))" }
                Console.print(line)
            }
            if let merged = result.merged {
                let pages = result.documents.compactMap(\.pages).reduce(0, +)
                Console.print("  \(merged)  (\(Message.totalPages(pages).text))")
            }
            Console.print(BuildSummary.totals(pricing))
            if let review {
                Console.print(Message.draftCheckLine(summary: review.report.summary, comments: review.comments).text)
                Console.print("  " + Message.reviewFile((folder as NSString).appendingPathComponent("review.md")).text)
            } else {
                Console.print(checkLine)
            }
        }
    }

    /// `vérification : N erreurs, M avertissements (…)`: the rules run on the documents just
    /// written (as of --today when given, else now). A check that cannot run does not fail the build.
    func check(_ offer: Offer, pricing: OfferPricing, folder: String, asOf: DateValue,
               rendered: Bool) -> (String, BuildManifest.CheckSummary?) {
        do {
            let report = try PreSubmissionCheck.run(offer, pricing: pricing,
                                                    options: CheckOptions(asOf: asOf, render: rendered, documentsFolder: folder))
            return (Message.checkLine(summary: report.summary, command: "tender check \(self.offer)").text, report.manifestSummary)
        } catch {
            let reason = (error as? TenderError)?.diagnostics.first?.message ?? "\(error)"
            return (Message.checkNotRun(reason: reason, command: "tender check \(self.offer)").text, nil)
        }
    }
}

import ArgumentParser
import Foundation
import TenderKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every document of an offer (one CV per team member), optionally as PDF and one merged PDF.",
        discussion: "With --pdf, ends with one line counting the errors and warnings of `tender check` on the PDFs written. Exit status: 0 built (whatever the check found), 65 invalid offer or template, 66 missing input, 69 LibreOffice or poppler missing, 73 cannot write.")

    @Argument(help: "The offer file (offers/<name>/offer.yaml) or its folder.") var offer: String
    @Option(name: .shortAndLong, help: "The folder to write to (default: build/<offer>/).") var output: String?
    @Flag(help: "Also convert every document to PDF (one LibreOffice call).") var pdf = false
    @Flag(help: "Also join the PDFs into one submission file, in the order the offer lists them.") var merge = false
    @Flag(help: "Write drafts for review: \"PROJET — <date>\" in every header, check findings as comments.") var draft = false
    @Option(help: "With --draft: compare with this git revision of the offer (the last approved version) in review.md.") var since: String?
    @Option(help: ArgumentHelp("The date templates see as `today` (default: today in Europe/Paris); with --pdf, also the day the check line compares the deadline with.",
                               valueName: "YYYY-MM-DD"))
    var today: Day?
    @Option(help: "Seconds LibreOffice may take before it is stopped.") var timeout: Int = 300

    func validate() throws {
        if since != nil && !draft { throw ValidationError("--since goes with --draft") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() throws {
        try guarded {
            let loaded = try loadOffer(offer)
            let pricing = OfferPricing(offer: loaded)
            let date = today?.date ?? Day.today
            let folder = output ?? "build/\(offerName(loaded))"
            // The revision to compare with is read first: a wrong one must stop the build before it writes.
            let previous = try since.map { try OfferRevision.load(path: loaded.file, revision: $0) }
            let result = try SubmissionBuilder.build(loaded, pricing: pricing,
                                                     options: BuildOptions(outputFolder: folder, pdf: pdf, merge: merge, draft: draft,
                                                                           today: date, timeout: timeout),
                                                     progress: { Console.error($0) })
            result.warnings.forEach { Console.error($0.description) }
            for doc in result.documents {
                var line = "  \(doc.path)"
                if let pages = doc.pages { line += "  (\(pages) page\(pages == 1 ? "" : "s"))" }
                Console.print(line)
            }
            if let merged = result.merged {
                let pages = result.documents.compactMap(\.pages).reduce(0, +)
                Console.print("  \(merged)  (\(pages) pages au total)")
            }
            Console.print(BuildSummary.totals(pricing))
            if draft {
                let asOf = today?.moment ?? DateValue.now()
                let review = try DraftReview.finish(result, offer: loaded, pricing: pricing, folder: folder, asOf: asOf,
                                                    today: date, since: previous, progress: { Console.error($0) })
                Console.print("vérification : \(review.report.summary) ; \(review.comments) commentaire\(review.comments > 1 ? "s" : "") dans les projets")
                Console.print("  \(review.reviewFile)  (synthèse pour la revue)")
            } else if pdf || merge {
                Console.print(checkLine(loaded, pricing: pricing, folder: folder))
            }
        }
    }

    /// `check: N errors, M warnings (…)`: the rules run on the PDFs just written (as of --today
    /// when given, else now). A check that cannot run does not fail the build.
    func checkLine(_ offer: Offer, pricing: OfferPricing, folder: String) -> String {
        let asOf = today?.moment ?? DateValue.now()
        do {
            let report = try PreSubmissionCheck.run(offer, pricing: pricing,
                                                    options: CheckOptions(asOf: asOf, documentsFolder: folder))
            return "vérification : \(report.summary) (détail : tender check \(self.offer))"
        } catch {
            let reason = (error as? TenderError)?.diagnostics.first?.message ?? "\(error)"
            return "vérification : non faite (\(reason)) ; lancer tender check \(self.offer)"
        }
    }
}

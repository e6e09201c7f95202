import ArgumentParser
import Foundation
import TenderKit

struct Context: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the template context of an offer as JSON: every name and value templates can use.",
        discussion: """
            Useful to write a template, or to lint one against an offer:
              tender context offers/cuf-dcol --person nadia-ferhat -o ctx.json
              tender lint templates/cv.docx --data ctx.json
            """)

    @Argument(help: "The offer file (offers/<name>/offer.yaml) or its folder.") var offer: String
    @Option(help: "A team member's id: the context of their per-member document (`person`).") var person: String?
    @Option(help: "The date templates see as `today` (YYYY-MM-DD; default: today in Europe/Paris).") var today: String?
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        try guarded {
            let loaded = try loadOffer(offer)
            if let person, loaded.member(person) == nil {
                throw TenderError.error("'\(person)' is not in the offer's team",
                                        hint: "the team: " + loaded.team.map(\.id).joined(separator: ", "), status: .usage)
            }
            var date = SubmissionBuilder.today()
            if let today {
                guard let d = DateValue(iso: today) else {
                    throw TenderError.error("--today must be a date YYYY-MM-DD, not '\(today)'", status: .usage)
                }
                date = d
            }
            try emit(OfferPricing(offer: loaded).templateContext(today: date, person: person).jsonText, to: output)
        }
    }
}

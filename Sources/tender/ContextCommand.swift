import ArgumentParser
import Foundation
import TenderKit

struct Context: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Print the template context of an offer as JSON: every name and value templates can use.",
        discussion: """
            Useful to write a template, or to lint one against an offer:
              tender context offers/cuf-dcol --person nadia-ferhat -o ctx.json
              tender lint templates/cv.docx --data ctx.json
            """)

    @Argument(help: "The offer file (offers/<name>/offer.yaml) or its folder.") var offer: String
    @Option(help: "A team member's id: the context of their per-member document (`person`).") var person: String?
    @Option(help: ArgumentHelp("The date templates see as `today` (default: today in Europe/Paris).", valueName: "YYYY-MM-DD"))
    var today: Day?
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        try guarded {
            let loaded = try loadOffer(offer)
            if let person, loaded.member(person) == nil {
                throw TenderError.error(Message.notInTeam(person).text,
                                        hint: Message.theTeam(loaded.team.map(\.id)).text, status: .usage)
            }
            let date = today?.date ?? Day.today
            try emit(OfferPricing(offer: loaded).templateContext(today: date, person: person).jsonText, to: output)
        }
    }
}

import ArgumentParser
import Foundation
import TenderKit

struct Context: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.context) }

    @Argument(help: .tender(.offerArgument, value: .offer)) var offer: String
    @Option(help: .tender(.contextPerson, value: .person)) var person: String?
    @Option(help: .tender(.contextToday, valueName: "YYYY-MM-DD"))
    var today: Day?
    @Option(name: .shortAndLong, help: .tender(.writeTo, value: .file)) var output: String?

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

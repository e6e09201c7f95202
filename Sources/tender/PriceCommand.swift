import ArgumentParser
import Foundation
import TenderKit

struct Price: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Print the price breakdown of an offer: tranches, totals, people, profiles, mécénat.")

    @Argument(help: "The offer file (offers/<name>/offer.yaml) or its folder.") var offer: String
    @Option(help: "text (aligned French tables), json (numbers as strings with two decimals) or csv.")
    var format: PricingReport.Format = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        try guarded {
            let loaded = try loadOffer(offer)
            let pricing = OfferPricing(offer: loaded)
            for warning in loaded.warnings + pricing.warnings { Console.error(warning.description) }
            let text = PricingReport.render(pricing, as: format)
            try emit(text, to: output)
        }
    }
}


import ArgumentParser
import Foundation
import TenderKit

struct Price: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.price) }

    @Argument(help: .tender(.offerArgument, value: .offer)) var offer: String
    @Option(help: .tender(.priceFormat))
    var format: PricingReport.Format = .text
    @Option(name: .shortAndLong, help: .tender(.writeTo, value: .file)) var output: String?

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


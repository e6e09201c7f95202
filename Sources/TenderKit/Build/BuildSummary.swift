import Foundation

/// The short lines a build prints after its files.
public enum BuildSummary {
    public static func totals(_ pricing: OfferPricing) -> String {
        var lines: [String] = []
        let words = PriceWords(pricing.offer.bidder.vat)
        // The figure after discount and mécénat is net: « net HT », or « net » for an exempt bidder.
        func line(_ label: Message.TotalsLabel, _ t: Totals) {
            lines.append(Message.totalsLine(label: label, net: FrenchFormat.euros(t.netHT), exempt: words.exempt,
                                            vat: t.vat.map { FrenchFormat.euros($0) }, ttc: FrenchFormat.euros(t.ttc),
                                            exemption: words.vat).text)
        }
        let hasOptional = pricing.tranches.contains { $0.kind == .optional }
        if hasOptional {
            line(.fixed, pricing.fixed)
            line(.optional, pricing.optional)
        }
        line(.total, pricing.all)
        return lines.joined(separator: "\n")
    }
}

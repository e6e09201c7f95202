import Foundation

/// The short lines a build prints after its files.
public enum BuildSummary {
    public static func totals(_ pricing: OfferPricing) -> String {
        var lines: [String] = []
        let words = PriceWords(pricing.offer.bidder.vat)
        // The figure after discount and mécénat is net: « net HT », or « net » for an exempt bidder.
        func line(_ label: String, _ t: Totals) {
            var s = "\(label): \(FrenchFormat.euros(t.netHT)) net" + (words.exempt ? "" : " HT")
            if let vat = t.vat { s += ", TVA \(FrenchFormat.euros(vat)), \(FrenchFormat.euros(t.ttc)) TTC" } else { s += " (\(words.vat))" }
            lines.append(s)
        }
        let hasOptional = pricing.tranches.contains { $0.kind == .optional }
        if hasOptional {
            line("Tranches fermes", pricing.fixed)
            line("Tranches optionnelles", pricing.optional)
        }
        line("Total", pricing.all)
        return lines.joined(separator: "\n")
    }
}

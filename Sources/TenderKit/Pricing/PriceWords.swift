import Foundation

/// The words that name the figures of a price, in every document and report of one offer:
/// « Total HT » before the discount and the mécénat, « Net HT » after them, « TTC » with VAT.
/// A VAT-exempt bidder (art. 293 B du CGI) says neither HT nor TTC: its amounts are « net », and
/// the exemption wording stands where the VAT line would be.
public struct PriceWords: Sendable, Equatable {
    /// Whether the bidder charges no VAT.
    public var exempt: Bool
    /// `HT` or `net`: the word after an amount before VAT.
    public var ht: String
    /// `Total HT` / `Total net`: the sum of the lines, before discount and mécénat.
    public var total: String
    /// `Net HT` / `Net à payer`: after discount and mécénat.
    public var net: String
    /// `Total TTC`; nil when exempt.
    public var ttc: String?
    /// `Montant HT` / `Montant net`: the amount column.
    public var amount: String
    /// `Prix de journée HT` / `Prix de journée net`.
    public var dayRate: String
    /// `Prix unitaire HT` / `Prix unitaire net`.
    public var unitPrice: String
    /// `TVA 20 %`, or the exemption wording.
    public var vat: String

    public init(_ vat: VAT) {
        exempt = vat.rate == nil
        ht = exempt ? "net" : "HT"
        total = "Total " + ht
        net = exempt ? "Net à payer" : "Net HT"
        ttc = exempt ? nil : "Total TTC"
        amount = "Montant " + ht
        dayRate = "Prix de journée " + ht
        unitPrice = "Prix unitaire " + ht
        self.vat = vat.label
    }

    /// `Remise commerciale (5 %)`: a discount's line.
    public static func discount(_ d: Discount) -> String {
        (d.label ?? Discount.defaultLabel) + (d.rate.map { " (" + FrenchFormat.percent($0) + ")" } ?? "")
    }
}

/// How documents and reports describe a tranche's own terms.
public enum TrancheWords {
    /// `Durée : 4 mois ; affermissement au plus tard le 1er mars 2022`: an optional tranche's
    /// duration and confirmation deadline, those it has.
    public static func terms(_ tranche: PricedTranche) -> String {
        // The documents' words: French whatever the language of the run.
        ReportMessage.terms(months: tranche.durationMonths, confirmation: tranche.confirmationDeadline).french
    }
}

import Foundation

/// The words of the text tables `tender price` and `tender diff` print on the terminal (and
/// review.md's diff), once per language: `ReportMessage+French.swift`, `ReportMessage+English.swift`.
/// The documents keep their French vocabulary (PriceWords, the template context): they go to a
/// French buyer. Amounts stay French-formatted in both languages (the figures of the documents);
/// JSON keys and CSV columns are a machine interface, the same in every language.
public enum ReportMessage: MessageCatalog {
    // tender price
    case offer(reference: String?, buyer: String)
    case bidder(name: String, vat: String)
    case vat(VAT)
    case kind(TrancheKind)
    case terms(months: Decimal?, confirmation: DateValue?)
    case task, person, profile, days, tranche, discount, proBono, vatColumn, daysGiven
    /// `Taux HT`, `Montant HT`, `Total HT`, `Net HT`, `Total TTC` (`net` words for a VAT-exempt bidder).
    case rate(exempt: Bool), amount(exempt: Bool), total(exempt: Bool), net(exempt: Bool), ttc
    case unit, lumpSum, proBonoLine
    case summary, fixedTranches, optionalTranches, allTranches
    case netWithoutVAT(label: String)
    case perPerson, perProfile
    case mecenatTitle, mecenatShare(String), valueAtRate, valueAtCost, costUnknown, taxReduction(String)
    case withinCap(Bool?), cap, note
    /// The warning beside a mécénat: a lawyer should approve it (the check's hint says the same).
    case legalReview
    /// `3 jours`, `3 days`.
    case dayCount(Decimal)

    /// A date in a report: `1er novembre 2021` in French, ISO in English.
    case date(DateValue), dateTime(DateValue)
}

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
    /// `3 jours`, `3 days`.
    case dayCount(Decimal)

    // tender diff
    case differences(reference: String?, buyer: String)
    case before(String), after(String)
    case noDifference
    case money, daysPerPerson, daysPerTask, team, schedule, offerFacts, checks
    case beforeColumn, afterColumn, delta, deltaPercent, measure, element, rule, change, lumpSumBefore, lumpSumAfter
    case measureHT, measureProBono, measureTTC
    case added, removed, formerly(TrancheKind)
    case ruleResult(String)
    case memberAdded, memberRemoved
    case field(OfferDiff.Member.Field)
    case start, end, duration, milestone(String), months(Decimal)
    case notification(DateValue?)
    case fact(String)
    case characters(Int)
    /// A date in a report: `1er novembre 2021` in French, ISO in English.
    case date(DateValue), dateTime(DateValue)
}

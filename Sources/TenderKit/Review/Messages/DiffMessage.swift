import Foundation

/// The words of the text tables `tender diff` prints (and review.md's diff), once per language:
/// `DiffMessage+French.swift`, `DiffMessage+English.swift`. The words they share with `tender
/// price` (days, tranches, dates) are `ReportMessage`'s.
public enum DiffMessage: MessageCatalog {
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
}

import Foundation
import Testing
@testable import TenderKit

/// The regular expressions written in the library are compiled with `try!` when first used:
/// they use lookbehind and Unicode classes (ICU), which Swift's `Regex` literals do not support,
/// so the compiler cannot check them. This test compiles every one of them, so that a pattern
/// that does not compile fails here rather than in a user's run.
@Suite struct PatternTests {
    @Test func everyPatternOfTheLibraryCompiles() {
        let patterns: [NSRegularExpression] = [
            LeftoversRule.offerTodo, TablesRule.pricedLinePattern,
            CallText.listMarker, CallText.dotLeader, CallText.tabNumber, CallText.sentenceBreak,
            FrenchGrammar.amountRegex, FrenchGrammar.htRegex, FrenchGrammar.ttcRegex, FrenchGrammar.dateRegex,
            FrenchTypography.protected,
            CallReader.subjectToMention, CallReader.referenceNumber, CallReader.subjectLine, CallReader.genericHeading,
            CallReader.deadlineCue, CallReader.submissionNoun, CallReader.submissionVerb, CallReader.budgetCue,
            CallReader.limitCue, CallReader.fixedScope, CallReader.allScope, CallReader.durationCue,
            CallReader.monthRange, CallReader.monthMax, CallReader.monthExact, CallReader.endBy, CallReader.pageCount,
            CallReader.responseCue, CallReader.perCV, CallReader.annexesIn, CallReader.annexesOut, CallReader.cvIn,
            CallReader.referenceCount, CallReader.referenceCue, CallReader.recency, CallReader.frameCue,
            CallReader.meetingMax, CallReader.meetingDays,
        ] + LeftoversRule.patterns.map(\.regex) + CallReader.buyerPatterns + CallReader.cvPagePatterns
        #expect(patterns.allSatisfy { !$0.pattern.isEmpty })
        #expect(TotalsRule.amounts(in: "Total 10 000,00 €").map(\.value) == [10_000])
    }
}

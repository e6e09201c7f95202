import Foundation

/// The messages of `tender check` (its report, its skip reasons, its rules' titles and
/// findings): French in `CheckMessage+French.swift`, English in `CheckMessage+English.swift`.
enum CheckMessage: MessageCatalog {
    // The report
    case header(offer: String, asOf: DateValue), moment(DateValue)
    case heading(Finding.Severity)
    case severity(Finding.Severity)
    case location
    case skippedHeading(Int)
    case verdict(ok: Bool, summary: String, rules: Int, counts: [(RuleStatus, Int)])
    // Running the rules
    case noRuleSet([String]), noDocuments, notRendered, notConverted
    case generating(Int), readingPages(Int)
    case notInFolder(String), notInFolderHint(offer: String, folder: String)
    case sofficeMissing, installLibreOffice(String), popplerMissing(String), installPoppler(String)
    case conversionFailed, timedOut(Int), timedOutHint, renderFailed(String), renderFailedHint
    // Rule titles, by rule id
    case title(String)
    // rules
    case rulesSkip, rulesNotATable(Value), rulesNotATableHint, unreadRule(String, suggestion: String?), useOneOf([String])
    case everyRuleRead([String])
    // deadline
    case deadlineSkip
    case deadlinePassed(DateValue, by: Int), deadlinePassedHint, deadlineSoon(DateValue, in: Int), deadlineSoonHint
    case deadlineAhead(DateValue, in: Int), asOf(DateValue)
    // budget
    case budgetNoMax, budgetNoMaxHint
    case budgetOver(measured: String, fixedOnly: Bool, over: String, limit: String, assumedBasis: Bool, assumedScope: Bool)
    case budgetOverHint(basis: String)
    case budgetWithin(measured: String, fixedOnly: Bool, limit: String, margin: String, assumedBasis: Bool, assumedScope: Bool)
    case trancheOver(fixed: Bool, id: String, measured: String, over: String, limit: String, assumedBasis: Bool)
    case trancheOverHint
    case trancheWithin(fixed: Bool, id: String, measured: String, limit: String, margin: String, assumedBasis: Bool)
    // duration
    case durationNoBounds, durationNoBoundsHint, durationNoSchedule, durationNoScheduleHint
    case durationNoStart, durationNoStartHint, durationNoEnd, durationNoEndHint
    case durationMeasured(months: String, start: DateValue, end: DateValue), durationLimit(min: Int?, max: Int?)
    case durationTooLong(end: DateValue, fromNotification: Bool, start: DateValue, months: Int, latest: DateValue, measured: String)
    case durationTooLongHint(latest: DateValue, limit: String)
    case durationTooShort(end: DateValue, fromNotification: Bool, start: DateValue, months: Int, earliest: DateValue, measured: String)
    case durationTooShortHint(earliest: DateValue, limit: String)
    case durationWithin(measured: String, fromNotification: Bool, start: DateValue, limit: String)
    // references
    case referencesCount(Int), atLeast(Int)
    case referenceNotCounted(String)
    case referencesFound(References, required: Int?, ongoing: Int)
    case referencesHint(cutoff: DateValue?, tagged: Bool)
    // team
    case noCV(name: String, days: Decimal), noCVHint, cvWithoutDays(name: String, document: String), cvWithoutDaysHint
    case teamMatches(priced: Int)
    // pro bono
    case proBonoSkip, deductionMissing(String), deductionMissingHint, absent
    case atCostMissing(String), atCostMissingHint, overCap(atCost: String, cap: String), overCapHint
    case noCost, noCostHint
    case legalReview(days: Decimal, deduction: String, atCost: String?, taxReduction: String?), legalReviewHint
    case internalNote(document: String, note: String), internalNoteHint
    // render
    case converted(documents: Int, pages: Int), notRenderedRules([String]), xmlInsteadOfPDF(String), pagesNotChecked([String], String)
    case page(Int), paragraph(part: String, Int)
    // pages, cv_pages
    case unknownDocuments(index: Int, [String]), useDocumentIds([String])
    case pagesIn(id: String, pages: Int, documents: Int)
    case pagesOver(what: String, measured: String, detail: String, over: Int, limit: String), pagesOverHint(over: Int)
    case pagesWithin(what: String, measured: String, detail: String, limit: String)
    case noCVDocument(max: Int), noCVDocumentHint
    case cvNotFound(name: String, document: String), cvNotFoundHint
    case cvTooLongHint(selected: Bool, limit: String)
    case cvTooLong(name: String, document: String, measured: String, limit: String), cvWithin(name: String, measured: String, limit: String)
    // sections
    case sectionsWithoutList, sectionsWithoutListHint, sectionsDocumentUnknown(String), useOneOfIds([String])
    case sectionOutOfPlace(section: String, document: String, at: String), sectionOutOfPlaceHint, outOfOrder, inOrder
    case sectionNoHeading(section: String, document: String, paragraph: Int?), addHeadingHint(String), styleAsHeadingHint
    case missingSection, presentSection
    case sectionsMatch(count: Int, document: String, titles: [String]), countInOrder(Int)
    case sectionTooEarly(title: String, position: Int), sectionTooEarlyHint
    case noSuchSection(title: String, nearest: String?), noSuchSectionHint
    // leftovers
    case leftover(Leftover), todoInOffer(file: String, line: Int, text: String), todoInOfferHint
    case noTodoNoDocuments, leftoverFound(document: String, place: String, Leftover, found: String), leftoverHint
    case emptyHeading(document: String, part: String, paragraph: Int), emptyHeadingHint
    case noLeftovers(documents: Int, rendered: Bool)
    // totals
    case grandTotal(GrandTotal)
    case unknownTotal(document: String, place: String, amount: String, ttc: String), regenerateOrFixHint, aTenderPriceAmount
    case missingTotal(document: String, GrandTotal, amount: String), regenerateHint, absentAmount
    case noTotals(ttc: String), noTotalsHint, totalsMatch(documents: [String], values: String)
    // tables
    case column(Int), table(Int, heads: String), rowPlace(document: String, table: String?, place: String?, row: String)
    case columnPlace(document: String, table: String, row: String, column: String)
    case badTotal(place: String, printed: String, expected: String), badTotalHint
    case subCent(at: String, product: String, printed: String), subCentHint, badLine(at: String, product: String, printed: String), badLineHint
    case noTables, tablesAddUp(Int, rounded: Bool), tables(Int)
    // workbooks (totals, tables)
    case cellPlace(document: String, sheet: String, cell: String, label: String)
    case workbookFigure(place: String, shown: String, expected: String), workbookFigureHint
    case workbookError(place: String, value: String), workbookErrorHint
    case workbookNoTotals(document: String, labels: [String]), workbookNoTotalsHint
    case workbookNoRender(document: String), workbookNotRead(document: String, reason: String), workbookNotReadHint
    case workbookTotalsMatch(document: String, count: Int, values: String)
    case noSheetExported
    // folder
    case draftMark, comments(Int), annotations(Int), folderSkip, rebuild(String), withoutDraft
    case manifestUnreadable(String), noManifest(String), draftFolder, notInManifest(String), removeOr(String)
    case changed(String), rebuildNotEdit(String), missingFromFolder(String), documentNotInOffer(String)
    case otherInputs(String, [String]), marked(String, [String]), notExamined(String, [String]), notExaminedHint
    case folderMatches(files: Int)
    // library
    case librarySkip, blockUsedBy(name: String, title: String, users: [String])
    case blockStale(named: String, reviewed: DateValue, months: Int), blockStaleHint(owner: String?, path: String)
    case blockFresh(named: String, reviewed: DateValue, months: Int), after(DateValue), day(DateValue)
    case blockReviewedLater(named: String, reviewed: DateValue, asOf: DateValue)
    // requirements
    case requirementsSkip, unknownRequirement(section: String, answer: String), didYouMean(String), addRequirementHint
    case requirementNamed(id: String, source: String?), unanswered(named: String, text: String), unansweredHint(String)
    case answeredIn(named: String, sections: [String]), answersNothing(String), answersNothingHint
    // typography
    case typographyOff, typographyFault(document: String, part: String, paragraph: Int, excerpt: String), typographyHint
    case moreFaults(document: String, count: Int), moreFaultsHint, typographyRight(documents: Int)
    // meetings
    case meetingsStated(max: Decimal?, days: Decimal?), meetingsManual(String), meetingsReason

    /// A template leftover the `leftovers` rule looks for.
    enum Leftover: Sendable { case tag, todo, xxx, toComplete, lorem }
    /// The grand totals an offer's documents print.
    enum GrandTotal: Sendable { case ht, net, netHT, netToPay, ttc }

    /// What the references rule found: `recent` references (with `tags`) ended within
    /// `withinMonths` before `reference` (the deadline, or the day of the check), listed.
    struct References: Sendable {
        var recent: Int
        var tags: [String]
        var withinMonths: Int?
        var hasDeadline: Bool
        var reference: DateValue
        var list: [(client: String, end: DateValue, monthsBefore: String)]
    }
}

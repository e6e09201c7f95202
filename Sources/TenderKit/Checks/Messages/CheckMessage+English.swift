import Foundation

/// Every `CheckMessage` in English (`LANG=en*`).
extension CheckMessage {
    var english: String {
        switch self {
        case .header(let offer, let asOf): return "tender check \(offer) (as of \(Self.englishMoment(asOf)))"
        case .moment(let d): return Self.englishMoment(d)
        case .heading(let s):
            switch s {
            case .error: return "Errors"
            case .warning: return "Warnings"
            case .info: return "Measures"
            }
        case .severity(let s):
            switch s {
            case .error: return "error"
            case .warning: return "warning"
            case .info: return "measure"
            }
        case .location: return "location"
        case .skippedHeading(let n): return "Rules not checked (\(n))"
        case .verdict(let ok, let summary, let rules, let counts):
            let words = counts.map { status, n -> String in
                switch status {
                case .passed: return "\(n) passed"
                case .warned: return Language.english.count(n, "with a warning", "with warnings")
                case .failed: return "\(n) failed"
                case .skipped: return "\(n) not checked"
                }
            }
            return "\(ok ? "OK" : "FAILED"): \(summary); \(Language.english.count(rules, "rule")): \(words.joined(separator: ", "))"
        case .noRuleSet(let keys): return "the call sets no rule " + keys.map { "`\($0)`" }.listed(" or ")
        case .noDocuments: return "the offer lists no documents"
        case .notRendered: return "--no-render: pages not counted"
        case .notConverted: return "the documents could not be converted to PDF (see render)"
        case .generating(let n): return n == 1 ? "building the document…" : "building the \(n) documents…"
        case .readingPages(let n): return n == 1 ? "reading the pages of the PDF…" : "reading the pages of the \(n) PDFs…"
        case .notInFolder(let path): return "the offer's document \(path) is not in the folder"
        case .notInFolderHint(let offer, let folder): return "run `tender build \(offer) -o \(folder)` first, or check without --documents"
        case .sofficeMissing: return "LibreOffice (soffice) is not installed"
        case .installLibreOffice(let command): return "install LibreOffice: " + command
        case .popplerMissing(let tool): return "\(tool) (poppler-utils) is not installed"
        case .installPoppler(let command): return "install poppler-utils: " + command
        case .conversionFailed: return "the documents could not be converted to PDF"
        case .timedOut(let s): return "LibreOffice did not finish converting within \(s) s and was stopped"
        case .timedOutHint: return "a document may be too large or LibreOffice may be hung; try again, or convert it by hand to see why"
        case .renderFailed(let m): return "converting or reading the PDFs failed (\"\(m)\")"
        case .renderFailedHint: return "open the document in LibreOffice to see whether it is damaged, then run the check again"
        case .title(let id):
            let titles = [
                "render": "Documents converted to PDF", "pages": "Page limits", "cv_pages": "CV page limit",
                "sections": "Headings of the answer frame",
                "leftovers": "No template leftovers (tags, TODO, texts to fill in, empty headings)",
                "totals": "Printed totals match the pricing", "folder": "Submission folder matches its manifest",
                "library": "Answer library: blocks reviewed", "rules": "Every rule of the call is checked",
                "deadline": "Deadline not passed", "budget": "Price within the budget cap",
                "duration": "Schedule within the allowed duration", "references": "Recent references",
                "team": "Team: priced people and CVs match", "pro_bono": "Mécénat: a separate line, valued at cost, reviewed by a lawyer",
                "meetings": "Meetings (for information)", "requirements": "Requirements of the call: each has its answer",
                "tables": "Price tables added up again", "typography": "French typography (non-breaking spaces, apostrophes, quotes)",
            ]
            return titles[id] ?? id
        case .rulesSkip: return "the offer gives no `tender.rules`"
        case .rulesNotATable(let v): return "`tender.rules` is \(EngineMessage.englishKind(v)), not a table of rules"
        case .rulesNotATableHint: return "write the constraints of the call under tender.rules (see offers/FORMAT.md)"
        case .unreadRule(let key, let suggestion):
            return "no check reads the rule `\(key)`: it would not be checked" + (suggestion.map { " (did you mean `\($0)`?)" } ?? "")
        case .useOneOf(let known): return "use one of the rules: " + known.joined(separator: ", ")
        case .everyRuleRead(let keys): return "every rule of the call is read by a check: " + keys.joined(separator: ", ")
        case .deadlineSkip: return "the offer gives no `tender.deadline`"
        case .deadlinePassed(let d, let by): return "the deadline (\(Self.englishDeadline(d))) passed \(Self.englishDuration(by)) ago"
        case .deadlinePassedHint: return "an offer received late is rejected; check the deadline and --as-of"
        case .deadlineSoon(let d, let left): return "the deadline (\(Self.englishDeadline(d))) is in \(Self.englishDuration(left))"
        case .deadlineSoonHint: return "submit well before the deadline: platforms slow down on the last day"
        case .deadlineAhead(let d, let left): return "the deadline (\(Self.englishDeadline(d))) is in \(Self.englishDuration(left))"
        case .asOf(let d): return "as of \(d.momentText)"
        case .budgetNoMax: return "`budget` gives no `max`"
        case .budgetNoMaxHint: return "write budget: { max: 10000, basis: ttc, scope: all }"
        case .budgetOver(let measured, let fixedOnly, let over, let limit, let b, let s):
            return "the price, \(measured) (\(Self.englishScope(fixedOnly))), exceeds the cap of \(limit) by \(over)\(Self.englishAssumed(basis: b, scope: s))"
        case .budgetOverHint(let basis): return "reduce the days or the rates until the \(basis) total is within the cap; an offer above the budget is rejected"
        case .budgetWithin(let measured, let fixedOnly, let limit, let margin, let b, let s):
            return "the price, \(measured) (\(Self.englishScope(fixedOnly))), is within the cap of \(limit), margin \(margin)\(Self.englishAssumed(basis: b, scope: s))"
        case .trancheOver(let fixed, let id, let measured, let over, let limit, let b):
            return "the price of \(fixed ? "fixed" : "optional") tranche \(id), \(measured), exceeds the per-tranche cap of \(limit) by \(over)\(Self.englishAssumed(basis: b, scope: false))"
        case .trancheOverHint: return "reduce the days or the rates of this tranche; an offer above the budget is rejected"
        case .trancheWithin(let fixed, let id, let measured, let limit, let margin, let b):
            return "the price of \(fixed ? "fixed" : "optional") tranche \(id), \(measured), is within the per-tranche cap of \(limit), margin \(margin)\(Self.englishAssumed(basis: b, scope: false))"
        case .durationNoBounds: return "`duration` gives neither `min_months` nor `max_months`"
        case .durationNoBoundsHint: return "write duration: { max_months: 12 } (and min_months if the call sets one)"
        case .durationNoSchedule: return "the call limits the duration, but the offer has no `schedule`"
        case .durationNoScheduleHint: return "add schedule: { start: YYYY-MM-DD, end: YYYY-MM-DD }"
        case .durationNoStart: return "the schedule starts at the notification, but no notification date is assumed"
        case .durationNoStartHint: return "add schedule.notification: the expected date of notification"
        case .durationNoEnd: return "the schedule has no end: its duration cannot be checked"
        case .durationNoEndHint: return "add schedule.end (or schedule.duration_months)"
        case .durationMeasured(let months, let start, let end): return "\(months) months (\(Self.englishDay(start)) → \(Self.englishDay(end)))"
        case .durationLimit(let lo, let hi):
            switch (lo, hi) {
            case let (lo?, hi?): return "from \(lo) to \(hi) months"
            case let (lo?, nil): return "at least \(lo) months"
            case let (nil, hi?): return "at most \(hi) months"
            default: return ""
            }
        case .durationTooLong(let end, let n, let start, let months, let latest, let measured):
            return "the schedule ends on \(Self.englishDay(end)), after \(Self.englishAfter(n, start)) + \(months) months (\(Self.englishDay(latest))): \(measured)"
        case .durationTooLongHint(let latest, let limit):
            return "end the assignment on \(Self.englishDay(latest)) at the latest, or start earlier; the call allows \(limit)"
        case .durationTooShort(let end, let n, let start, let months, let earliest, let measured):
            return "the schedule ends on \(Self.englishDay(end)), before \(Self.englishAfter(n, start)) + \(months) months (\(Self.englishDay(earliest))): \(measured)"
        case .durationTooShortHint(let earliest, let limit):
            return "spread the work until \(Self.englishDay(earliest)) at least; the call asks for \(limit)"
        case .durationWithin(let measured, let n, let start, let limit):
            return "the schedule lasts \(measured) from \(Self.englishAfter(n, start)), within the allowed duration (\(limit))"
        case .referencesCount(let n): return Language.english.count(n, "reference")
        case .atLeast(let n): return "at least \(n)"
        case .referenceNotCounted(let client):
            return "the reference \"\(client)\" is shown but does not count for the rule (ended too early, ongoing or without the tag asked for)"
        case .referencesFound(let r, let required, let ongoing):
            let anchor = r.hasDeadline ? "the deadline (\(Self.englishDay(r.reference)))"
                                       : "the day of the check (\(Self.englishDay(r.reference)); the offer gives no deadline)"
            let tagged = r.tags.isEmpty ? "" : " tagged " + r.tags.map { "\"\($0)\"" }.listed(" or ")
            let period = r.withinMonths.map { "less than \($0) months before \(anchor)" } ?? "before \(anchor)"
            let list = r.list.map { "\($0.client) (ended on \(Self.englishDay($0.end)), \($0.monthsBefore) months before)" }
            let shown = list.isEmpty ? "" : ": " + list.joined(separator: "; ")
            let measured = Language.english.count(r.recent, "reference")
            guard let required else { return "\(measured)\(tagged) ended \(period)" + shown }
            let note = ongoing > 0 ? "; \(Language.english.count(ongoing, "ongoing reference")) \(ongoing == 1 ? "does" : "do") not count" : ""
            return "only \(measured)\(tagged) ended \(period), the call asks for \(required)\(note)" + shown
        case .referencesHint(let cutoff, let tagged):
            return "add to the bidder profile (bidder.references) references ended\(cutoff.map { " after \(Self.englishDay($0))" } ?? "")"
                + "\(tagged ? ", with one of the rule's tags" : ""), with their end date, and select them (`references:`)"
        case .noCV(let name, let days): return "\(name) has \(Self.englishDays(days)) priced but no document holds their CV"
        case .noCVHint: return "add to documents a CV document with `per: team` (or a heading with their name in the CV document)"
        case .cvWithoutDays(let name, let document): return "\(name) has a CV (\(document)) but no days in any tranche"
        case .cvWithoutDaysHint: return "give them days in a task, or remove this person from the team"
        case .teamMatches(let priced):
            if priced == 0 { return "no one is priced, and no CV is present" }
            return (priced == 1 ? "the priced person has a CV" : "each of the \(priced) priced people has a CV") + ", and every CV is priced"
        case .proBonoSkip: return "the offer gives no mécénat days (`pro_bono`)"
        case .deductionMissing(let d): return "the mécénat deduction, \(d), is in no document"
        case .deductionMissingHint: return "show the days given on a separate line (valued at the offer's rates) in the price documents"
        case .absent: return "absent"
        case .atCostMissing(let a): return "the mécénat's value at cost, \(a), is in no document"
        case .atCostMissingHint: return "give the value at cost beside the mécénat line (the tax reduction is computed on it)"
        case .overCap(let atCost, let cap): return "the mécénat valued at cost (\(atCost)) is above the cap of \(cap): the reduction is computed on the cap"
        case .overCapHint: return "give fewer days, or accept that the excess gives no reduction this year"
        case .noCost: return "the mécénat cannot be valued at cost: a member who gives days has no daily cost"
        case .noCostHint: return "give these team members (or their profile) a `cost:`"
        case .legalReview(let days, let deduction, let atCost, let tax):
            let valued = atCost.map { ", \($0) at cost, tax reduction \(tax ?? "")" } ?? ""
            return "the offer gives \(Self.englishDays(days)) of mécénat (\(deduction) at the offer's rates\(valued)): a legal review is required before sending"
        case .legalReviewHint: return ReportMessage.legalReview.english
        case .internalNote(let document, let note): return "\(document) holds the internal note \"\(note) …\""
        case .internalNoteHint: return "remove the note from the document once the mécénat is approved by the lawyer"
        case .converted(let documents, let pages):
            return "\(Language.english.count(documents, "document")) converted to PDF, \(Language.english.count(pages, "page")) in all"
        case .notRenderedRules(let rules):
            return "--no-render" + (rules.isEmpty ? "" : ": " + rules.joined(separator: ", ") + " not checked")
        case .xmlInsteadOfPDF(let problem):
            return "the documents were not converted to PDF (\(problem)); template leftovers and totals were checked in the documents' XML instead of the PDF"
        case .pagesNotChecked(let ids, let problem): return "page limits not checked (\(ids.joined(separator: ", "))): \(problem)"
        case .page(let n): return "page \(n)"
        case .paragraph(let part, let n): return "\(part), paragraph \(n)"
        case .unknownDocuments(let index, let ids): return "pages[\(index)] names documents the offer does not list: \(ids.joined(separator: ", "))"
        case .useDocumentIds(let ids): return "use the ids of `documents`: " + ids.joined(separator: ", ")
        case .pagesIn(let id, let pages, let documents): return documents > 1 ? "\(id) \(pages) in \(documents) documents" : "\(id) \(pages)"
        case .pagesOver(let what, let measured, let detail, let over, let limit):
            return "\(what): \(measured) (\(detail)), \(Language.english.count(over, "page")) too many for a limit of \(limit)"
        case .pagesOverHint(let over): return "shorten these documents by \(Language.english.count(over, "page")); the limit is the call's"
        case .pagesWithin(let what, let measured, let detail, let limit): return "\(what): \(measured) (\(detail)), within the limit of \(limit)"
        case .noCVDocument(let max): return "the call limits CVs to \(Language.english.count(max, "page")), but no document holds a CV"
        case .noCVDocumentHint: return "add a CV document with `per: team` (one CV per person)"
        case .cvNotFound(let name, let document): return "the CV of \(name) cannot be found in the pages of \(document)"
        case .cvNotFoundHint: return "give the CV a heading with the person's name"
        case .cvTooLongHint(let selected, let limit):
            return selected
                ? "narrow this offer's selection (team[].cv: fewer experiences, or a shorter summary) to fit in \(limit)"
                : "choose for this offer the most relevant experiences (team[].cv.experiences: ids, tags or the N most recent) or a shorter summary (team[].cv.summary) to fit in \(limit)"
        case .cvTooLong(let name, let document, let measured, let limit):
            return "the CV of \(name) (\(document)) has \(measured), beyond the limit of \(limit)"
        case .cvWithin(let name, let measured, let limit): return "the CV of \(name) has \(measured), within the limit of \(limit)"
        case .sectionsWithoutList: return "`sections_document` is given without `sections`"
        case .sectionsWithoutListHint: return "list under sections the headings of the call's answer frame"
        case .sectionsDocumentUnknown(let id): return "sections_document names \"\(id)\", which the offer does not build"
        case .useOneOfIds(let ids): return "use one of the ids: " + ids.joined(separator: ", ")
        case .sectionOutOfPlace(let section, let document, let at):
            return "the section \"\(section)\" is out of place in \(document): it is at the heading \"\(at)\", before the section that must precede it"
        case .sectionOutOfPlaceHint: return "order the headings as the call's answer frame does"
        case .outOfOrder: return "out of order"
        case .inOrder: return "in order"
        case .sectionNoHeading(let section, let document, let paragraph):
            return "the section \"\(section)\" has no heading in \(document)" + (paragraph.map { " (it is written in paragraph \($0), but not as a heading)" } ?? "")
        case .addHeadingHint(let section): return "add a heading \"\(section)\" (style Heading) where the call's frame puts it"
        case .styleAsHeadingHint: return "give this paragraph a Heading style"
        case .missingSection: return "absent"
        case .presentSection: return "present"
        case .sectionsMatch(let count, let document, let titles):
            let sections = count == 1 ? "the section of the answer frame is a heading" : "the \(count) sections of the answer frame are headings"
            return "\(sections) of \(document), in order: " + titles.map { "\"\($0)\"" }.joined(separator: ", ")
        case .countInOrder(let n): return "\(n) in order"
        case .sectionTooEarly(let title, let position):
            return "the section \"\(title)\" of the answer frame comes too early in memoire.sections: it is in position \(position), before a section that must precede it"
        case .sectionTooEarlyHint: return "put memoire.sections in the order of the answer frame"
        case .noSuchSection(let title, let nearest):
            return "no section of memoire.sections has the title \"\(title)\", word for word" + (nearest.map { " (the nearest: \"\($0)\")" } ?? "")
        case .noSuchSectionHint: return "copy into memoire.sections the exact heading of the answer frame"
        case .leftover(let l): return Self.englishLeftover(l)
        case .todoInOffer(let file, let line, let text): return "\(file), line \(line): a TODO is left: \"\(text)\""
        case .todoInOfferHint: return "complete the offer (a value to read in the call, or to confirm), then remove the TODO"
        case .noTodoNoDocuments: return "no TODO in the offer; the offer lists no documents"
        case .leftoverFound(let document, let place, let l, let found): return "\(document), \(place): \(Self.englishLeftover(l)) is left: \"\(found)\""
        case .leftoverHint: return "fix the template or the offer so that the document says what it must say"
        case .emptyHeading(let document, let part, let paragraph): return "\(document): an empty heading (\(part), paragraph \(paragraph))"
        case .emptyHeadingHint: return "an empty value in a heading, or a heading paragraph used as spacing: fill it or remove it"
        case .noLeftovers(let n, let rendered):
            return "no tag, TODO, XXX, [à compléter], lorem ipsum or empty heading in \(n == 1 ? "the document" : "the \(n) documents") (\(rendered ? "text of the PDFs" : "XML of the documents"))"
        case .grandTotal(let t): return Self.englishTotal(t)
        case .unknownTotal(let document, let place, let amount, let ttc):
            return "\(document), \(place): the total \"\(amount)\" matches no amount of the pricing (\(ttc) incl. VAT in all)"
        case .regenerateOrFixHint: return "build the document again from the offer (tender build), or fix the amount typed in the template"
        case .aTenderPriceAmount: return "an amount of tender price"
        case .missingTotal(let document, let t, let amount): return "\(document) prints totals but not the offer's \(Self.englishTotal(t)), \(amount)"
        case .regenerateHint: return "build the document again from the offer (tender build): it may come from an earlier version"
        case .absentAmount: return "absent"
        case .noTotals(let ttc): return "no document prints a total: the offer's total (\(ttc) incl. VAT) is shown nowhere"
        case .noTotalsHint: return "add to documents a price document (bordereau des prix)"
        case .totalsMatch(let documents, let values): return "the totals printed in \(documents.joined(separator: ", ")) match the pricing (\(values))"
        case .column(let n): return "column \(n)"
        case .table(let n, let heads): return "table \(n)" + (heads.isEmpty ? "" : " (\"\(heads)\")")
        case .rowPlace(let document, let table, let place, let row): return "\(document), \(table ?? place ?? ""), row \"\(row)\""
        case .columnPlace(let document, let table, let row, let column): return "\(document), \(table), row \"\(row)\", column \"\(column)\""
        case .badTotal(let place, let printed, let expected): return "\(place): the printed total \(printed) is not the sum of the rows, \(expected)"
        case .badTotalHint: return "build the document again (tender build); if the template was changed, check that every row of the total is printed in it"
        case .subCent(let at, let product, let printed):
            return "\(at): \(product), printed \(printed) (a row falls below the cent: each row is rounded to the cent, and the totals add the rounded amounts)"
        case .subCentHint: return "change the rate or the days of the row (tender price says which) so that each row falls on a whole cent"
        case .badLine(let at, let product, let printed): return "\(at): \(product), but the row prints \(printed)"
        case .badLineHint: return "build the document again (tender build); if a negotiated rate is counted at its profile's rate, the table needs one row per rate"
        case .cellPlace(let document, let sheet, let cell, let label):
            return "\(document), sheet \(sheet), cell \(cell)" + (label.isEmpty ? "" : " (\"\(label)\")")
        case .workbookFigure(let place, let shown, let expected):
            return "\(place): the workbook recalculated by LibreOffice shows \(shown), tender price counts \(expected)"
        case .workbookFigureHint:
            return "build the workbook again (tender build); if the template was changed, check its formulas: each amount rounded to the cent where tender price rounds it (each row, then each tranche's VAT)"
        case .workbookError(let place, let value): return "\(place): the cell shows \(value) once the workbook is recalculated (a formula in error)"
        case .workbookErrorHint: return "fix the formula in the template (a reference to a removed row gives #REF!), then build the workbook again"
        case .workbookNoTotals(let document, let labels):
            return "\(document): no total found in the recalculated workbook (rows \"\(labels.joined(separator: "\", \""))\"): its amounts are not compared with tender price"
        case .workbookNoTotalsHint:
            return "label the template's total rows as the offer names them ({{ pricing.labels.total }}, {{ pricing.vat_label }}, {{ pricing.labels.ttc }}), or check the workbook by hand"
        case .workbookNoRender(let document):
            return "\(document): workbook not recalculated (--no-render): its totals are not compared with tender price; without --no-render, LibreOffice recalculates it and tender check compares its totals"
        case .workbookNotRead(let document, let reason):
            return "\(document): LibreOffice did not recalculate the workbook (\(reason)): its totals are not compared with tender price"
        case .workbookNotReadHint: return "install LibreOffice or run tender check again; otherwise check the workbook's totals by hand"
        case .workbookTotalsMatch(let document, let count, let values):
            return "\(document): \(Language.english.count(count, "total")) of the workbook recalculated by LibreOffice \(count == 1 ? "matches" : "match") tender price (\(values))"
        case .noSheetExported: return "no sheet exported"
        case .noTables: return "no price table to add up in the documents"
        case .tablesAddUp(let n, let rounded):
            return "\(Language.english.count(n, "price table")) added up again: every row and every total is right as printed"
                + (rounded ? " (up to the rounding of rows)" : "")
        case .tables(let n): return Language.english.count(n, "table")
        case .draftMark: return "the mark \"PROJET\""
        case .comments(let n): return Language.english.count(n, "comment")
        case .annotations(let n): return Language.english.count(n, "annotation")
        case .folderSkip: return "only with --documents"
        case .rebuild(let offer): return "build the folder again: tender build \(offer)"
        case .withoutDraft: return " (without --draft)"
        case .manifestUnreadable(let name): return "the folder's manifest \(name) cannot be read"
        case .noManifest(let name): return "the folder has no \(name): it was not written by tender build"
        case .draftFolder: return "the folder holds drafts (a manifest of kind \"draft\"): it is not to be submitted"
        case .notInManifest(let name): return "\"\(name)\" is not in the manifest: it does not come from this build"
        case .removeOr(let rebuild): return "remove it from the folder, or " + rebuild
        case .changed(let name): return "\"\(name)\" changed since it was built (different SHA-256)"
        case .rebuildNotEdit(let offer): return "build again rather than edit the file by hand: tender build \(offer)"
        case .missingFromFolder(let name): return "\"\(name)\" is in the manifest but missing from the folder"
        case .documentNotInOffer(let id): return "document \"\(id)\" not in the offer"
        case .otherInputs(let name, let why):
            return "\"\(name)\" was built from other data than the current offer" + (why.isEmpty ? "" : " (\(why.joined(separator: ", ")))")
        case .marked(let name, let marks): return "\"\(name)\" bears \(marks.joined(separator: " and ")): it is a draft, not a document to submit"
        case .notExamined(let name, let reasons):
            return "\"\(name)\" could not be examined (\(reasons.joined(separator: "; "))): the \"PROJET\" mark and comments were not looked for"
        case .notExaminedHint: return "install the missing tool, or check that the file is not damaged"
        case .folderMatches(let files):
            return "the folder's \(Language.english.count(files, "file")) are those of the manifest, built from the current offer, with no \"PROJET\" mark or comment"
        case .librarySkip: return "the offer uses no block of the answer library (`use: library/…`)"
        case .blockUsedBy(let name, let title, let users): return "the block \"\(name)\" (\(title)), used by " + users.map { "\"\($0)\"" }.joined(separator: ", ") + ","
        case .blockStale(let named, let reviewed, let months): return "\(named) was reviewed on \(Self.englishDay(reviewed)), more than \(months) months ago"
        case .blockStaleHint(let owner, let path): return "review it" + (owner.map { " (\($0))" } ?? "") + " and update `reviewed:` in \(path)"
        case .blockFresh(let named, let reviewed, let months): return "\(named) was reviewed on \(Self.englishDay(reviewed)), less than \(months) months ago"
        case .blockReviewedLater(let named, let reviewed, let asOf): return "\(named) was reviewed on \(Self.englishDay(reviewed)), after the date of the check (\(Self.englishDay(asOf)))"
        case .after(let d): return "after \(Self.englishDay(d))"
        case .day(let d): return Self.englishDay(d)
        case .requirementsSkip: return "the offer does not list the call's requirements (`requirements`)"
        case .unknownRequirement(let section, let answer): return "the section \"\(section)\" answers the requirement \"\(answer)\", which is not in `requirements`"
        case .didYouMean(let id): return "did you mean \"\(id)\"?"
        case .addRequirementHint: return "add the requirement to `requirements` (id, text, source)"
        case .requirementNamed(let id, let source): return "the requirement \"\(id)\"" + (source.map { " (\($0))" } ?? "")
        case .unanswered(let named, let text): return "\(named) has no answer in any section of the mémoire: \"\(text)\""
        case .unansweredHint(let id): return "add \"\(id)\" to the `answers` of the section that answers it (memoire.sections)"
        case .answeredIn(let named, let sections): return "\(named) is answered in " + sections.map { "\"\($0)\"" }.joined(separator: ", ")
        case .answersNothing(let section): return "the section \"\(section)\" answers no requirement of the call"
        case .answersNothingHint: return "give it `answers: [...]`, the ids of the requirements it answers"
        case .typographyOff: return "French typography turned off by the offer (typography: false)"
        case .typographyFault(let document, let part, let paragraph, let excerpt): return "\(document), \(part), paragraph \(paragraph): typography to fix: \"\(excerpt)\""
        case .typographyHint: return "a narrow no-break space before ; ! ? and inside « », a no-break space before :, apostrophe ’, quotes « » (in the template, or write the offer's text without typo=false)"
        case .moreFaults(let document, let count): return "\(document): \(count) more typography faults"
        case .moreFaultsHint: return "fix them in the template or the offer"
        case .typographyRight(let n): return "French typography right in \(n == 1 ? "the document" : "the \(n) documents")"
        case .meetingsStated(let max, let days):
            var parts: [String] = []
            if let max { parts.append("at most \(FrenchFormat.number(max)) \(max == 1 ? "meeting" : "meetings")") }
            if let days { parts.append("\(Self.englishDays(days)) of meetings in all") }
            return parts.isEmpty ? "a limited number of meetings" : parts.joined(separator: ", ")
        case .meetingsManual(let stated): return "the call allows \(stated); check the methodology by hand"
        case .meetingsReason: return "for information: the offer does not model meetings, so they are not counted"
        }
    }

    /// `the assumed notification (22 November 2021)`, `22 November 2021`.
    static func englishAfter(_ fromNotification: Bool, _ start: DateValue) -> String {
        fromNotification ? "the assumed notification (\(englishDay(start)))" : englishDay(start)
    }

    /// `1 day`, `2.5 days`.
    static func englishDays(_ days: Decimal) -> String {
        "\(FrenchFormat.number(days))\u{00A0}\(days == 1 ? "day" : "days")"
    }

    static func englishLeftover(_ l: Leftover) -> String {
        switch l {
        case .tag: return "a template tag"
        case .todo: return "a TODO"
        case .xxx: return "an XXX"
        case .toComplete: return "a text to fill in"
        case .lorem: return "a lorem ipsum"
        }
    }

    static func englishTotal(_ t: GrandTotal) -> String {
        switch t {
        case .ht: return "total excl. VAT"
        case .net: return "net total"
        case .netHT: return "net total excl. VAT"
        case .netToPay: return "net to pay"
        case .ttc: return "total incl. VAT"
        }
    }

    static func englishScope(_ fixedOnly: Bool) -> String { fixedOnly ? "fixed tranches" : "all tranches" }

    /// ` (the rule does not say: TTC basis and all tranches assumed, the strictest reading)`.
    static func englishAssumed(basis: Bool, scope: Bool) -> String {
        let assumed = (basis ? ["TTC basis"] : []) + (scope ? ["all tranches"] : [])
        return assumed.isEmpty ? "" : " (the rule does not say: \(assumed.joined(separator: " and ")) assumed, the strictest reading)"
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]

    /// `5 November 2021`.
    static func englishDay(_ d: DateValue) -> String { "\(d.day) \(englishMonths[d.month - 1]) \(d.year)" }

    /// `5 November 2021 at 12:00`, with the UTC offset when it is not Paris time.
    static func englishMoment(_ d: DateValue) -> String {
        guard let s = d.secondsOfDay else { return englishDay(d) }
        var text = englishDay(d) + String(format: " at %02d:%02d", s / 3600, (s % 3600) / 60)
        if let offset = d.utcOffset, offset != DateValue.parisOffset(d) {
            let m = abs(offset) / 60
            text += m == 0 ? " UTC" : String(format: " UTC%@%02d:%02d", offset < 0 ? "-" : "+", m / 60, m % 60)
        }
        return text
    }

    static func englishDeadline(_ d: DateValue) -> String {
        d.secondsOfDay == nil ? englishDay(d) + " (no time: the start of the day is assumed)" : englishMoment(d)
    }

    /// `2 days 11 h 05 min`, `45 min`.
    static func englishDuration(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = (seconds % 86_400) / 3600, minutes = (seconds % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append(Language.english.count(days, "day")) }
        if hours > 0 || days > 0 { parts.append("\(hours) h") }
        parts.append(parts.isEmpty ? "\(minutes) min" : String(format: "%02d min", minutes))
        return parts.joined(separator: " ")
    }
}

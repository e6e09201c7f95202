import Foundation

/// The words of `review.md` and of the draft comments: French in `ReviewMessage+French.swift`,
/// English in `ReviewMessage+English.swift`.
enum ReviewMessage: MessageCatalog {
    case thisDraft, commentLabel(Finding.Severity)
    case title(String), draftOf(DateValue, deadline: DateValue?)
    case amounts, amountsHeader, tranche(id: String, title: String, fixed: Bool), fixedTotal, optionalTotal, total
    case daysByPerson, peopleHeader
    case checksAsOf(DateValue), noErrors(String), finding(Finding.Severity, rule: String, message: String)
    case passed(rule: String, title: String, measures: [String]), commentsToo
    case changesSince(String), memoireText, legend, changedParagraph(key: String, paragraph: Int, markdown: String), noParagraphChanged
    case forLimit(measured: String, limit: String), forCap(measured: String, limit: String, margin: String)
    case pagesUsed(measured: String, plural: Bool, limit: String, left: String), margin(String)
}

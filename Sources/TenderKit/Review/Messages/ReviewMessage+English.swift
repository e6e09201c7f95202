import Foundation

/// Every `ReviewMessage` in English (`LANG=en*`).
extension ReviewMessage {
    var english: String {
        switch self {
        case .thisDraft: return "this draft"
        case .commentLabel(let s): return s == .error ? "ERROR" : "WARNING"
        case .title(let reference): return "# Draft review — \(reference)"
        case .draftOf(let today, let deadline):
            return "Draft of \(CheckMessage.englishDay(today))" + (deadline.map { ", deadline: \(CheckMessage.englishMoment($0))" } ?? "") + "."
        case .amounts: return "## Amounts"
        case .amountsHeader: return "| Tranche | Days | Excl. VAT | Mécénat | Net excl. VAT | VAT | Incl. VAT |"
        case .tranche(let id, let title, let fixed): return "\(id) — \(title) (\(fixed ? "fixed" : "optional"))"
        case .fixedTotal: return "**Fixed tranches**"
        case .optionalTotal: return "**Optional tranches**"
        case .total: return "**Total**"
        case .daysByPerson: return "## Days per person"
        case .peopleHeader: return "| Person | Profile | Days | Rate excl. VAT | Amount excl. VAT |"
        case .checksAsOf(let d): return "## Checks as of \(CheckMessage.englishDay(d))"
        case .noErrors(let summary): return "No errors (\(summary))."
        case .finding(let s, let rule, let message): return "- \(s == .error ? "❌ error" : "⚠️ warning") — `\(rule)`: \(message)"
        case .passed(let rule, let title, let measures): return "- ✅ `\(rule)`: \(title)" + (measures.isEmpty ? "" : " — " + measures.joined(separator: "; "))
        case .commentsToo: return "The findings are also comments in the documents, where they belong."
        case .changesSince(let label): return "## Changes since \(label)"
        case .memoireText: return "### Text of the mémoire"
        case .legend: return "Words removed ~~struck through~~, words added **in bold**."
        case .changedParagraph(let key, let paragraph, let markdown): return "- `memoire.\(key)`, paragraph \(paragraph): \(markdown)"
        case .noParagraphChanged: return "No paragraph changed."
        case .forLimit(let measured, let limit): return "\(measured) for a limit of \(limit)"
        case .forCap(let measured, let limit, let margin): return "\(measured) for a cap of \(limit) (margin \(margin))"
        case .pagesUsed(let measured, _, let limit, let left): return "\(measured) used of \(limit) (\(left) left)"
        case .margin(let m): return " (margin \(m))"
        }
    }
}

import Foundation

/// Every `Message` in English (`LANG=en*`).
extension Message {
    public var english: String {
        let en = Language.english
        switch self {
        case .severity(let s): return s.rawValue
        case .hint: return "hint"
        case .unexpected(let detail): return "unexpected error: \(detail)"
        case .documentsWritten(let n, let folder): return "\(en.count(n, "document")) written in \(folder)"
        case .convertingToPDF(let n):
            return n == 1 ? "converting the document to PDF with LibreOffice…" : "converting \(n) documents to PDF with LibreOffice…"
        case .pages(let n): return en.count(n, "page")
        case .totalPages(let n): return "\(en.count(n, "page")) in all"
        case .totalsLine(let label, let net, let exempt, let vat, let ttc, let exemption):
            let name: String
            switch label {
            case .fixed: name = "Fixed tranches"
            case .optional: name = "Optional tranches"
            case .total: name = "Total"
            }
            let amounts = vat.map { ", VAT \($0), \(ttc) incl. VAT" } ?? " (\(exemption))"
            return "\(name): \(net) net" + (exempt ? "" : " excl. VAT") + amounts
        case .checkLine(let summary, let command): return "check: \(summary) (details: \(command))"
        case .checkNotRun(let reason, let command): return "check: not run (\(reason)); run \(command)"
        case .draftCheckLine(let summary, let comments): return "check: \(summary); \(en.count(comments, "comment")) in the drafts"
        case .reviewFile(let path): return "\(path)  (summary for the review)"
        case .draftOverFinal(let folder, let draftFolder):
            return "\(folder) holds a final build: a draft is never written there (without -o, drafts go to \(draftFolder))"
        case .errorsAndWarnings(let e, let w): return "\(en.count(e, "error")), \(en.count(w, "warning"))"
        case .tags(let n): return en.count(n, "tag")
        case .errors(let n): return en.count(n, "error")
        case .noErrors: return "no errors"
        case .undefinedName(let name): return "undefined name '\(name)'"
        case .didYouMean(let name): return "did you mean '\(name)'?"
        case .noneListed(let noun): return "there are no \(noun)"
        case .listed(let noun, let items): return "\(noun): \(items)"
        case .notFillable(let kind):
            let what: String
            switch kind {
            case .xlsx: what = "an Excel spreadsheet (XLSX)"
            case .pptx: what = "a PowerPoint presentation (PPTX)"
            case .ods: what = "an OpenDocument spreadsheet (ODS)"
            case .odp: what = "an OpenDocument presentation (ODP)"
            case .odg: what = "an OpenDocument drawing (ODG)"
            case .rtf: what = "an RTF document"
            case .officeOpenXML(let type): what = "an Office Open XML package of type '\(type)'"
            case .openDocument(let type): what = "an OpenDocument file of type '\(type)'"
            }
            return "this is \(what), a format tender does not fill (only DOCX and ODT documents)"
        case .notFillableHint:
            return "use a Word (.docx) or Writer (.odt) template, or save it as one; spreadsheets are not supported yet"
        }
    }
}

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
        case .unknownCommand(let name, let commands): return "error: unknown command '\(name)'\n  hint: the commands are " + commands.joined(separator: ", ")
        case .notInTeam(let person): return "'\(person)' is not in the offer's team"
        case .theTeam(let ids): return "the team: " + ids.joined(separator: ", ")
        case .offerExists(let file): return "\(file) already exists: tender init does not replace an offer"
        case .offerExistsHint: return "choose another folder (-o offers/<name>), or remove the existing offer"
        case .initWritten(let file, let read, let todo): return "\(file) written: \(read) values read in the call, \(todo) to fill in or confirm (TODO)"
        case .perRender(let seconds): return "\(seconds) s per render"
        case .outputMisnamed(let output, let ext, let format, let own):
            return "the output '\(output)' is named .\(ext.isEmpty ? "(nothing)" : ext), but the template is a \(format) document"
                + (own.map { " (whatever its name .\($0) says: tender reads its content)" } ?? "")
        case .outputMisnamedHint(let ext, let rename): return "name the output .\(ext)" + (rename ? ", and rename the template .\(ext)" : "")
        case .outputOtherFormat(let output, let o, let t): return "the output '\(output)' is .\(o) but the template is .\(t)"
        case .outputOtherFormatHint(let ft): return "a template renders to its own format; name the output .\(ft)"
        case .workingCopy(let path): return path + " (working copy)"
        case .sinceWithDraft: return "--since goes with --draft"
        case .positiveTimeout: return "--timeout must be a positive number of seconds"
        case .revOneOffer: return "with --rev, give one offer: tender diff --rev REV OFFER"
        case .twoOffers: return "give two offers, tender diff OLD NEW, or one with --rev REV"
        case .schemaKind(let kinds): return "the kind of file must be one of: " + kinds.joined(separator: ", ")
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
            return "this is \(what), a format tender does not fill (only DOCX and ODT documents, XLSX and ODS workbooks)"
        case .notFillableHint:
            return "use a Word (.docx) or Writer (.odt) template, an Excel (.xlsx) or Calc (.ods) workbook, or save it as one"
        }
    }
}

import Foundation

/// The messages of tender's own frame (labels, progress, summaries), each written once per
/// language: `Message+French.swift` and `Message+English.swift`. `text` is in the language of
/// the run.
public enum Message: MessageCatalog {
    // Diagnostics
    case severity(Diagnostic.Severity)
    case hint
    case unexpected(String)
    // Build
    case documentsWritten(Int, folder: String)
    case convertingToPDF(Int)
    case pages(Int)
    case totalPages(Int)
    /// `net` after discount and mécénat; `exempt`: the bidder charges no VAT (`exemption` says why).
    case totalsLine(label: TotalsLabel, net: String, exempt: Bool, vat: String?, ttc: String, exemption: String)
    case checkLine(summary: String, command: String)
    case checkNotRun(reason: String, command: String)
    case draftCheckLine(summary: String, comments: Int)
    case reviewFile(String)
    case draftOverFinal(folder: String, draftFolder: String)
    // Check summary
    case errorsAndWarnings(errors: Int, warnings: Int)
    // Lint
    case tags(Int)
    case errors(Int)
    case noErrors
    case undefinedName(String)
    case didYouMean(String)
    /// `there are no <noun>`, `<noun>: a, b, c` (a noun in the language of the run).
    case noneListed(String)
    case listed(String, String)

    // Command line
    case unknownCommand(String, commands: [String])
    case notInTeam(String), theTeam([String])
    case offerExists(String), offerExistsHint, initWritten(String, read: Int, todo: Int)
    case perRender(String)
    case outputMisnamed(output: String, ext: String, format: String, templateExtension: String?), outputMisnamedHint(ext: String, renameTemplate: Bool)
    case outputOtherFormat(output: String, ext: String, templateExtension: String), outputOtherFormatHint(String)
    case workingCopy(String)
    case sinceWithDraft, positiveTimeout, revOneOffer, twoOffers, schemaKind([String])

    // Formats tender does not fill
    case notFillable(DocumentKind)
    case notFillableHint

    public enum TotalsLabel: Sendable { case fixed, optional, total }

    /// A kind of file that is not a DOCX or ODT document.
    public enum DocumentKind: Sendable {
        case xlsx, pptx, ods, odp, odg, rtf
        case officeOpenXML(contentType: String)
        case openDocument(mimeType: String)
    }

}

extension Language {
    /// `1 page`, `2 pages`; French takes the singular for 0 and 1, English for 1 alone.
    func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        let one = self == .french ? abs(n) <= 1 : n == 1
        return "\(n) \(one ? singular : plural ?? singular + "s")"
    }
}

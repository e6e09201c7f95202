import Foundation

/// One document written by a build.
public struct BuiltDocument: Sendable {
    /// The `documents[].id` it comes from.
    public var id: String
    public var template: String
    /// The DOCX/ODT written.
    public var path: String
    /// The team member, for per-member documents (CVs).
    public var member: String?
    public var pdf: String?
    public var pages: Int?
}

public struct BuildOptions: Sendable {
    public var outputFolder: String
    public var pdf: Bool
    public var merge: Bool
    /// The date templates see as `today` (fixed, so that rebuilding gives the same bytes).
    public var today: DateValue
    /// A draft for review: "PROJET — <date>" in the header of every page.
    public var draft: Bool
    /// Seconds LibreOffice may take before it is stopped.
    public var timeout: Int
    public init(outputFolder: String, pdf: Bool = false, merge: Bool = false, draft: Bool = false, today: DateValue,
                timeout: Int = 300) {
        self.outputFolder = outputFolder; self.pdf = pdf; self.merge = merge; self.draft = draft; self.today = today
        self.timeout = timeout
    }

    /// The mark a draft carries.
    public var draftMark: String { "PROJET — " + FrenchFormat.date(today) }
}

public struct BuildResult: Sendable {
    public var documents: [BuiltDocument]
    public var merged: String?
    public var warnings: [Diagnostic]
}

/// Renders every document an offer lists (one per team member for CVs), then optionally
/// converts them to PDF in one LibreOffice call and joins the PDFs.
public enum SubmissionBuilder {
    public static func build(_ offer: Offer, pricing: OfferPricing, options: BuildOptions,
                             progress: ((String) -> Void)? = nil) throws -> BuildResult {
        guard !offer.documents.isEmpty else {
            throw TenderError.error("the offer lists no documents to build", at: SourceLocation(file: offer.file),
                                    hint: "add a `documents:` list (template and output for each document)")
        }
        // Everything that can be checked is, before anything is written.
        try Preflight.tools(pdf: options.pdf || options.merge, merge: options.merge)
        try Preflight.outputFolder(options.outputFolder)
        // Phase 1: compile and render everything in memory, collecting every error.
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = offer.warnings + pricing.warnings
        var pending: [(doc: BuiltDocument, template: DocumentTemplate, parts: [String: [UInt8]],
                       adding: [(name: String, data: [UInt8])])] = []
        let renderOptions = RenderOptions(typography: offer.typography)
        var names = Set<String>()
        for spec in offer.documents {
            let template: DocumentTemplate
            do { template = try DocumentTemplate(path: spec.template) } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics); continue
            }
            let members: [String?] = spec.perTeamMember ? offer.team.map(\.id) : [nil]
            for member in members {
                let context = pricing.templateContext(today: options.today, person: member)
                do {
                    var name = try TextTemplate.render(spec.output, context, location: spec.location)
                    name = name.replacingOccurrences(of: "/", with: "-").trimmingCharacters(in: .whitespaces)
                    let ext = "." + (spec.template as NSString).pathExtension.lowercased()
                    if !name.lowercased().hasSuffix(ext) { name += ext }
                    try OutputPath.check(name)
                    guard names.insert(name).inserted else {
                        throw TenderError.error("two documents would both be written as \"\(name)\"", at: spec.location,
                                                hint: "give each document its own output name (per-member documents need {{ person.name }} in it)")
                    }
                    let rendered = try template.renderPackage(context, options: renderOptions)
                    warnings.append(contentsOf: rendered.warnings)
                    let doc = BuiltDocument(id: spec.id, template: spec.template,
                                            path: (options.outputFolder as NSString).appendingPathComponent(name), member: member)
                    pending.append((doc, template, rendered.parts, rendered.adding))
                } catch let e as TenderError {
                    errors.append(contentsOf: e.diagnostics)
                }
            }
        }
        if !errors.isEmpty { throw TenderError(errors) }
        try Preflight.createFolder(options.outputFolder)
        // Phase 2: write, each atomically.
        var documents: [BuiltDocument] = []
        for item in pending {
            try ArchiveWriter.write(to: item.doc.path, from: item.template.archive, replacing: item.parts,
                                    adding: item.adding, storedFirst: item.template.format.storedFirst)
            if options.draft {
                try DraftAnnotator.annotate(item.doc.path, mark: options.draftMark, comments: [], date: options.today)
            }
            documents.append(item.doc)
        }
        progress?("\(documents.count) document\(documents.count > 1 ? "s" : "") écrit\(documents.count > 1 ? "s" : "") dans \(options.outputFolder)")
        var merged: String? = nil
        if options.pdf || options.merge {
            let pdfs = try LibreOffice.convertToPDF(documents.map(\.path), into: options.outputFolder, timeout: options.timeout,
                                                    progress: progress)
            for i in documents.indices {
                documents[i].pdf = pdfs[i]
                documents[i].pages = try PDF.pageCount(pdfs[i])
            }
            if options.merge {
                let name = (offer.tender.reference.map { "\($0) - " } ?? "") + "Offre complète.pdf"
                let path = (options.outputFolder as NSString).appendingPathComponent(name.replacingOccurrences(of: "/", with: "-"))
                try PDF.merge(pdfs, into: path)
                merged = path
            }
        }
        return BuildResult(documents: documents, merged: merged, warnings: warnings)
    }
}

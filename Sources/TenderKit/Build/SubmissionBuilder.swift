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

    /// The file's name in the build folder.
    public var fileName: String { (path as NSString).lastPathComponent }
    /// Its title, as a bookmark of the merged PDF says it: the file name without its
    /// extension and numbering (`01 Mémoire technique.docx` → `Mémoire technique`).
    public var title: String {
        let base = (fileName as NSString).deletingPathExtension
        let trimmed = base.drop { $0.isNumber }.drop { $0 == " " || $0 == "-" || $0 == "." || $0 == "_" }
        return trimmed.isEmpty ? base : String(trimmed)
    }
}

public struct BuildOptions: Sendable {
    public var outputFolder: String
    public var pdf: Bool
    public var merge: Bool
    /// The date templates see as `today` (fixed, so that rebuilding gives the same bytes).
    public var today: DateValue
    /// A draft for review: "PROJET — <date>" in the header of every page.
    public var draft: Bool
    /// For tests: the build fails right after this step, as a killed build would stop there.
    public var failAfter: SubmissionBuilder.Phase?
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
    /// The manifest.json written.
    public var manifest: String?

    /// The folder the documents are in.
    public var folder: String { documents.first.map { ($0.path as NSString).deletingLastPathComponent } ?? "." }
}

/// Renders every document an offer lists (one per team member for CVs), then optionally
/// converts them to PDF in one LibreOffice call and joins the PDFs, into a staging folder
/// swapped in at the end, with a manifest.
public enum SubmissionBuilder {
    /// The steps of a build, in order; a test can make the build fail after any of them.
    public enum Phase: String, Sendable, CaseIterable {
        case documents, pdf, review, merge, manifest, swap
    }

    /// Builds the offer into a staging folder beside `options.outputFolder`, then swaps it in:
    /// the target holds either the previous complete build or this one, never a mix.
    ///
    /// `review` runs on the staged documents (paths inside the staging folder) before the merge
    /// and the manifest: the check of a final build, or the comments and review.md of a draft; it
    /// returns the check summary for the manifest. The returned paths are in the target folder.
    public static func build(_ offer: Offer, pricing: OfferPricing, options: BuildOptions,
                             progress: ((String) -> Void)? = nil,
                             review: ((BuildResult) throws -> BuildManifest.CheckSummary?)? = nil) throws -> BuildResult {
        // Everything that can be wrong (tools, output folder, the offer, its templates) is found
        // before any file is written.
        try Preflight.tools(pdf: options.pdf || options.merge, merge: options.merge)
        try Preflight.outputFolder(options.outputFolder)
        let pending = try render(offer, pricing: pricing, today: options.today)
        let inputs = try BuildManifest.inputs(of: offer, relativeTo: options.outputFolder)
        let stage = try StagedFolder(target: options.outputFolder)
        defer { stage.discard() }
        func phase(_ p: Phase) throws {
            if options.failAfter == p {
                throw TenderError.error(ToolMessage.injectedFailure(p.rawValue).text, status: .software)
            }
        }
        var result = try write(pending, into: stage.path, draft: options.draft ? options.draftMark : nil, today: options.today)
        result.warnings = offer.warnings + pricing.warnings + result.warnings
        progress?(Message.documentsWritten(result.documents.count, folder: options.outputFolder).text)
        try phase(.documents)
        if options.pdf || options.merge {
            // The documents that show the compliance matrix print the pages of the mémoire's PDF:
            // they are converted in a second LibreOffice call, once the others are converted and
            // the mémoire's PDF is read, then rendered again with its pages (one call when the
            // offer has no matrix).
            let late = Set(pending.indices.filter { pending[$0].readsMatrix && !offer.requirements.isEmpty })
            func convert(_ indices: [Int]) throws {
                let pdfs = try LibreOffice.convertToPDF(indices.map { result.documents[$0].path }, into: stage.path, timeout: options.timeout,
                                                        exportNotes: options.draft, progress: progress)
                for (i, pdf) in zip(indices, pdfs) {
                    result.documents[i].pdf = pdf
                    result.documents[i].pages = try PDF.pageCount(pdf)
                }
            }
            try convert(result.documents.indices.filter { !late.contains($0) })
            if !late.isEmpty {
                let pages = try matrixPages(offer, documents: result.documents)
                result.warnings += pages.warnings
                for i in late.sorted() {
                    var again = try rerender(pending[i], offer: offer, pricing: pricing, today: options.today, pages: pages.pages)
                    again.doc.path = (result.documents[i].path as NSString).lastPathComponent
                    _ = try write([again], into: stage.path, draft: options.draft ? options.draftMark : nil, today: options.today)
                }
                try convert(late.sorted())
            }
        }
        try phase(.pdf)
        let summary = try review?(result)
        try phase(.review)
        if options.merge {
            let name = (offer.tender.reference.map { "\($0) - " } ?? "") + "Offre complète.pdf"
            let path = stage.file(name.replacingOccurrences(of: "/", with: "-"))
            try PDF.merge(result.documents.compactMap { doc in doc.pdf.map { (path: $0, title: doc.title) } }, into: path,
                          title: offer.tender.title, subject: offer.tender.reference)
            result.merged = path
        }
        try phase(.merge)
        var pages: [String: Int] = [:], ids: [String: String] = [:]
        for doc in result.documents {
            ids[doc.fileName] = doc.id
            if let pdf = doc.pdf {
                let name = (pdf as NSString).lastPathComponent
                pages[name] = doc.pages
                pages[doc.fileName] = doc.pages
                ids[name] = doc.id
            }
        }
        if let merged = result.merged {
            pages[(merged as NSString).lastPathComponent] = try PDF.pageCount(merged)
        }
        let manifest = BuildManifest(kind: options.draft ? .draft : .final, tenderVersion: TenderVersion.current,
                                     today: options.today, inputs: inputs,
                                     files: try BuildManifest.files(in: stage.path, pages: pages, documents: ids), check: summary)
        try manifest.write(to: stage.file(BuildManifest.fileName))
        try phase(.manifest)
        try stage.commit()
        try phase(.swap)
        let moved = { (p: String) in (options.outputFolder as NSString).appendingPathComponent((p as NSString).lastPathComponent) }
        for i in result.documents.indices {
            result.documents[i].path = moved(result.documents[i].path)
            result.documents[i].pdf = result.documents[i].pdf.map(moved)
        }
        result.merged = result.merged.map(moved)
        result.manifest = moved(BuildManifest.fileName)
        return result
    }

    /// A document compiled and rendered in memory, not yet written.
    struct Pending {
        var doc: BuiltDocument
        var template: DocumentTemplate
        /// The changed parts, entries added (images) and left out, warnings.
        var rendered: RenderedPackage
        /// Its template reads `matrix`: it shows the mémoire's pages (`ComplianceMatrix`).
        var readsMatrix = false
    }

    /// Whether a template reads the name `matrix` (`{{ matrix.note }}`, `{%tr for r in matrix.rows %}`):
    /// a tag holding the word as a name, not after a dot. A string literal holding it would
    /// only cost a second conversion of that document.
    static func readsMatrix(_ template: DocumentTemplate) -> Bool {
        template.tags.contains { $0.tag.map(namesMatrix) ?? false }
    }

    /// Whether `tag` names `matrix` as a whole name, not as a field (`x.matrix`) nor within
    /// another name: what `(?<![\w.])matrix\b` finds, without compiling that expression for
    /// each of the hundreds of tags of a submission.
    static func namesMatrix(_ tag: String) -> Bool {
        let scalars = Array(tag.unicodeScalars)
        let name = Array("matrix".unicodeScalars)
        func isWord(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil }
        guard scalars.count >= name.count else { return false }
        for start in 0...(scalars.count - name.count) where scalars[start..<(start + name.count)].elementsEqual(name) {
            let before = start > 0 ? scalars[start - 1] : nil
            let after = start + name.count < scalars.count ? scalars[start + name.count] : nil
            if before.map({ !isWord($0) && $0 != "." }) ?? true, after.map({ !isWord($0) }) ?? true { return true }
        }
        return false
    }

    /// The pages of the mémoire's sections, read from its PDF, and a warning for each section
    /// that answers a requirement and was not found there.
    static func matrixPages(_ offer: Offer, documents: [BuiltDocument]) throws -> (pages: ComplianceMatrix.Pages, warnings: [Diagnostic]) {
        guard let id = ComplianceMatrix.sectionsDocument(of: offer),
              let memoire = documents.first(where: { $0.id == id && $0.member == nil }), let pdf = memoire.pdf else {
            return (.notConverted, [])
        }
        let start = SectionPages.starts(of: offer.sections, in: try PDF.pageTexts(pdf))
        let name = (pdf as NSString).lastPathComponent
        let warnings = offer.sections.filter { s in start[s.id] == nil && !s.answers.isEmpty }.map { s in
            Diagnostic.warning(ToolMessage.matrixNoPage(section: s.title, pdf: name).text,
                               at: s.location, hint: ToolMessage.matrixNoPageHint.text)
        }
        return (.read(pdf: name, start: start), warnings)
    }

    /// Renders a document again with the mémoire's pages in its `matrix`.
    static func rerender(_ item: Pending, offer: Offer, pricing: OfferPricing, today: DateValue, pages: ComplianceMatrix.Pages) throws -> Pending {
        var again = item
        let context = pricing.templateContext(today: today, person: item.doc.member, matrixPages: pages)
        let rendered = try item.template.renderPackage(context, options: RenderOptions(typography: offer.typography))
        again.rendered = rendered; again.rendered.warnings = []
        return again
    }

    /// Compiles and renders every document in memory, collecting every error.
    static func render(_ offer: Offer, pricing: OfferPricing, today: DateValue) throws -> [Pending] {
        guard !offer.documents.isEmpty else {
            throw TenderError.error(ToolMessage.noDocuments.text, at: SourceLocation(file: offer.file),
                                    hint: ToolMessage.noDocumentsHint.text)
        }
        var errors: [Diagnostic] = []
        var pending: [Pending] = []
        let renderOptions = RenderOptions(typography: offer.typography)
        var names = Set<String>()
        // The PDF of each document is its name with `.pdf`; a platform may ignore case.
        var stems: [String: String] = [:]
        // The templates open (unzip, check, compile: most of the time before LibreOffice) on all
        // cores; each has its own archive and trees. Their errors come in the documents' order.
        // No worker waits for the check of a template's untouched parts (itself on other
        // threads): this thread does, below.
        let opened = Parallel.map(offer.documents) { spec in
            Swift.Result { try DocumentTemplate(path: spec.template, checkingRawPartsWhileRendering: true) }
        }
        for (spec, opening) in zip(offer.documents, opened) {
            let template: DocumentTemplate
            do {
                template = try opening.get()
                try template.checkRawParts()
            } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics); continue
            }
            let members: [String?] = spec.perTeamMember ? offer.team.map(\.id) : [nil]
            for member in members {
                let context = pricing.templateContext(today: today, person: member)
                do {
                    var name = try TextTemplate.render(spec.output, context, location: spec.location)
                    name = name.replacingOccurrences(of: "/", with: "-").trimmingCharacters(in: .whitespaces)
                    let ext = "." + (spec.template as NSString).pathExtension.lowercased()
                    if !name.lowercased().hasSuffix(ext) { name += ext }
                    try OutputPath.check(name)
                    guard names.insert(name).inserted else {
                        throw TenderError.error(ToolMessage.sameOutputName(name).text, at: spec.location,
                                                hint: ToolMessage.sameOutputNameHint.text)
                    }
                    let stem = (name as NSString).deletingPathExtension
                    if let other = stems.updateValue(name, forKey: stem.lowercased()) {
                        throw TenderError.error(ToolMessage.samePDFName(other, name, pdf: stem + ".pdf").text, at: spec.location,
                                                hint: ToolMessage.sameOutputNameHint.text)
                    }
                    let rendered = try template.renderPackage(context, options: renderOptions)
                    let doc = BuiltDocument(id: spec.id, template: spec.template, path: name, member: member)
                    pending.append(Pending(doc: doc, template: template, rendered: rendered, readsMatrix: readsMatrix(template)))
                } catch let e as TenderError {
                    errors.append(contentsOf: e.diagnostics)
                }
            }
        }
        if let index = pending.firstIndex(where: \.readsMatrix), let spec = offer.documents.first(where: { $0.id == pending[index].doc.id }) {
            let id = ComplianceMatrix.sectionsDocument(of: offer)
            if offer.requirements.isEmpty {
                pending[index].rendered.warnings.append(.warning(ToolMessage.matrixEmpty(pending[index].doc.path).text,
                                                        at: spec.location, hint: ToolMessage.matrixEmptyHint.text))
            } else if let memoire = pending.first(where: { $0.doc.id == id }), !memoire.readsMatrix {
                // The pages come from this document's PDF.
            } else {
                errors.append(.error(ToolMessage.matrixSourceNotBuilt(pending[index].doc.path, id: id ?? "",
                                                                      itselfAMatrix: id.map { i in pending.contains { $0.doc.id == i } } == true).text,
                                     at: spec.location, hint: ToolMessage.matrixSourceHint.text))
            }
        }
        if !errors.isEmpty { throw TenderError(errors) }
        return pending
    }

    /// Writes rendered documents into `folder`, each atomically; a draft gets its mark.
    static func write(_ pending: [Pending], into folder: String, draft mark: String?, today: DateValue) throws -> BuildResult {
        var documents: [BuiltDocument] = []
        var warnings: [Diagnostic] = []
        for item in pending {
            var doc = item.doc
            doc.path = (folder as NSString).appendingPathComponent(doc.path)
            try item.template.write(item.rendered, to: doc.path)
            if let mark {
                try DraftAnnotator.annotate(doc.path, mark: mark, comments: [], date: today)
            }
            documents.append(doc)
            warnings.append(contentsOf: item.rendered.warnings)
        }
        return BuildResult(documents: documents, merged: nil, warnings: warnings)
    }

    /// Renders and writes the documents straight into `folder` (no staging, no PDF, no
    /// manifest): what `tender check` inspects when it builds for itself.
    public static func writeDocuments(_ offer: Offer, pricing: OfferPricing, today: DateValue, into folder: String) throws -> BuildResult {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var result = try write(try render(offer, pricing: pricing, today: today), into: folder, draft: nil, today: today)
        result.warnings = offer.warnings + pricing.warnings + result.warnings
        return result
    }
}

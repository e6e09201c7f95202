import Foundation

/// How to run `tender check`.
public struct CheckOptions: Sendable {
    /// The moment the deadline is compared with (a date-time with its UTC offset).
    public var asOf: DateValue
    /// Convert the documents to PDF (needed by the page rules; the text rules then read the PDFs).
    public var render: Bool
    /// Take the documents `tender build` wrote in this folder instead of building them.
    public var documentsFolder: String?
    /// Build (and convert) into this folder and keep the files; default: a temporary folder,
    /// removed when the check ends (the findings' `document` paths then no longer exist).
    public var workFolder: String?
    /// Seconds LibreOffice may take before it is stopped.
    public var timeout: Int
    /// With `documentsFolder`: also check the folder against its manifest.json (the `folder` rule).
    public var verifyFolder: Bool

    public init(asOf: DateValue, render: Bool = true, documentsFolder: String? = nil, workFolder: String? = nil,
                timeout: Int = 300, verifyFolder: Bool = false) {
        self.asOf = asOf; self.render = render; self.documentsFolder = documentsFolder
        self.workFolder = workFolder; self.timeout = timeout; self.verifyFolder = verifyFolder
    }
}

/// Whether the documents were rendered to PDF, and why not.
public enum RenderState: Sendable {
    case rendered
    /// `--no-render`.
    case notRequested
    /// The offer lists no documents.
    case noDocuments
    /// LibreOffice or poppler is missing, timed out or failed.
    case failed(Diagnostic)
}

/// What the rules see: the offer, its price, the moment of the check and the documents.
public struct CheckContext: Sendable {
    public let offer: Offer
    public let pricing: OfferPricing
    public let asOf: DateValue
    public let documents: [InspectedDocument]
    public let render: RenderState
    /// The folder of `--documents` and its manifest, when it is checked.
    public var folder: FolderInspection? = nil

    public var isRendered: Bool { if case .rendered = render { return true }; return false }

    /// The entry `key` of `tender.rules`, as written; nil when absent.
    public func rule(_ key: String) -> Value? {
        guard let value = offer.tender.rules[key], !value.isNull else { return nil }
        return value
    }

    /// Where `tender.rules.<key>` (and deeper keys) is written.
    func place(_ keys: String...) -> SourceLocation {
        var node = offer.source?["tender"]?["rules"]
        var found = offer.place("tender", "rules")
        for key in keys {
            guard let current = node, current.wrote(key) else { break }
            found = current.location(of: key)
            node = current[key]
        }
        return found
    }

    func documents(_ id: String) -> [InspectedDocument] { documents.filter { $0.id == id } }

    /// The first document whose XML text holds `text` (as `FrenchFormat` writes it, spaces
    /// compared loosely), with the text as the document writes it: where a reviewer comment goes.
    func locate(_ text: String, in candidates: [InspectedDocument]? = nil) -> (document: String, anchor: String)? {
        let needle = FoldedText.plainSpaces(text)
        var pattern = NSRegularExpression.escapedPattern(for: needle)
        // An amount is not the tail of a larger one: `700,00 €` is not found in `7 700,00 €`.
        if text.first?.isNumber == true { pattern = #"(?<![\d,])(?<!\d )"# + pattern }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        for doc in candidates ?? documents {
            for p in doc.paragraphs where p.inBody {
                // Spaces are replaced one for one, so offsets in `plain` are offsets in the text.
                let plainText = FoldedText.plainSpaces(p.text)
                // The pattern is the text itself: a paragraph without it is not given to ICU.
                guard plainText.holdsBytes(needle) else { continue }
                let plain = plainText as NSString
                guard let match = regex.firstMatch(in: plain as String, range: NSRange(location: 0, length: plain.length)) else { continue }
                return (doc.path, (p.text as NSString).substring(with: match.range))
            }
        }
        return nil
    }

    /// The CVs of the offer: one per member for per-member documents; else, in the other
    /// documents, the parts that start at a heading naming a team member (page ranges found by
    /// the CV headings, when rendered).
    func cvs() -> [CV] {
        let perMember = documents.compactMap { doc in doc.member.map { (doc, $0) } }
        if !perMember.isEmpty {
            return perMember.compactMap { doc, member in
                offer.member(member).map { CV(member: $0, document: doc, pages: doc.pages) }
            }
        }
        var found: [CV] = []
        for doc in documents {
            let headings = doc.headings
            var starts: [(member: TeamMember, heading: Int)] = []
            for (index, heading) in headings.enumerated() {
                if let member = offer.team.first(where: { FoldedText.contains(heading.text, words: $0.person.name) }),
                   !starts.contains(where: { $0.member.id == member.id }) {
                    starts.append((member, index))
                }
            }
            guard !starts.isEmpty else { continue }
            // The page where each CV starts, then where the next heading of the same level or
            // above starts after it: a CV runs up to the page before (at least its own page).
            let pageOf = { (heading: DocumentParagraph, from: Int) -> Int? in
                guard let pages = doc.pageTexts else { return nil }
                let wanted = FoldedText.fold(heading.text)
                for index in from..<pages.count
                where pages[index].split(separator: "\n").contains(where: { FoldedText.fold(String($0)).contains(wanted) }) {
                    return index
                }
                return nil
            }
            var searchFrom = 0
            for (member, index) in starts {
                let heading = headings[index]
                var pages: Int? = nil
                if let start = pageOf(heading, searchFrom) {
                    let level = heading.headingLevel ?? 1
                    let next = headings[(index + 1)...].first { ($0.headingLevel ?? 9) <= level && !FoldedText.fold($0.text).isEmpty }
                    let end = next.flatMap { pageOf($0, start) } ?? (doc.pageTexts?.count ?? start + 1)
                    pages = max(1, end - start)
                    searchFrom = start
                }
                found.append(CV(member: member, document: doc, pages: pages))
            }
        }
        return found
    }

    struct CV {
        var member: TeamMember
        var document: InspectedDocument
        /// Nil when not rendered.
        var pages: Int?
    }
}

/// What a rule returns: its findings, or why it did not run.
public struct RuleResult: Sendable {
    public var findings: [Finding]
    /// Set when the rule did not run (its findings then only explain why, if anything).
    public var skipped: String?

    public init(_ findings: [Finding] = [], skipped: String? = nil) { self.findings = findings; self.skipped = skipped }
    public static func skip(_ reason: String) -> RuleResult { RuleResult(skipped: reason) }
}

/// One pre-submission rule.
public protocol CheckRule: Sendable {
    /// Short id, used in findings and as the JUnit test case name.
    var id: String { get }
    var title: String { get }
    /// The keys of `tender.rules` it reads; when none of them is written, the rule is skipped.
    /// Empty: the rule applies to every offer.
    var keys: [String] { get }
    /// Keys of `tender.rules` it reads that do not decide whether it runs (settings with a default).
    var settingKeys: [String] { get }
    /// Whether it needs the rendered PDFs.
    var needsPages: Bool { get }
    /// Whether it needs documents.
    var needsDocuments: Bool { get }
    func evaluate(_ context: CheckContext) -> RuleResult
}

extension CheckRule {
    public var keys: [String] { [] }
    public var settingKeys: [String] { [] }
    public var needsPages: Bool { false }
    public var needsDocuments: Bool { false }

    func finding(_ severity: Finding.Severity, _ message: String, hint: String? = nil, location: SourceLocation? = nil,
                 measured: String? = nil, limit: String? = nil, document: String? = nil, anchor: String? = nil,
                 values: (measured: String?, limit: String?) = (nil, nil)) -> Finding {
        Finding(rule: id, severity, message, hint: hint, location: location, measured: measured, limit: limit,
                document: document, anchor: anchor, measuredValue: values.measured, limitValue: values.limit)
    }
}

/// `tender check`: builds (or takes) the offer's documents, renders them in one LibreOffice
/// call, and runs every rule of `rules` on them.
public enum PreSubmissionCheck {
    /// Every rule, in report order (JUnit has one test case for each).
    public static let rules: [any CheckRule] = [
        RuleKeysRule(), DeadlineRule(), BudgetRule(), DurationRule(), ReferencesRule(), RequirementsRule(), LibraryRule(), TeamRule(), ProBonoRule(),
        MeetingsRule(), RenderRule(), PagesRule(), CVPagesRule(), SectionsRule(), LeftoversRule(), TypographyRule(), TotalsRule(),
        TablesRule(),
    ]

    /// Run after `rules` by `check --documents` alone.
    static let folderRule = FolderRule()

    /// The keys of `tender.rules` some rule reads.
    public static var knownKeys: [String] { rules.flatMap { $0.keys + $0.settingKeys } }

    /// Runs the check. Throws (status 65/66) when the documents cannot be built or found;
    /// every problem of the offer itself is a finding.
    public static func run(_ offer: Offer, pricing: OfferPricing, options: CheckOptions,
                           progress: ((String) -> Void)? = nil) throws -> CheckReport {
        let fm = FileManager.default
        let work: String
        if let folder = options.workFolder {
            work = folder
            try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        } else {
            work = try Scratch.makeFolder(prefix: "tender-check")
        }
        defer { if options.workFolder == nil { try? fm.removeItem(atPath: work) } }

        var documents = try gather(offer, pricing: pricing, options: options, work: work, progress: progress)
        let render: RenderState
        if documents.isEmpty {
            render = .noDocuments
        } else if !options.render {
            render = .notRequested
        } else {
            render = renderAll(&documents, work: work, timeout: options.timeout, progress: progress)
        }
        var folder: FolderInspection? = nil
        if options.verifyFolder, let path = options.documentsFolder {
            folder = try FolderInspection.inspect(path, offer: offer, documents: documents)
        }
        let context = CheckContext(offer: offer, pricing: pricing, asOf: options.asOf, documents: documents, render: render,
                                   folder: folder)
        return evaluate(context)
    }

    /// Runs every rule on a prepared context.
    public static func evaluate(_ context: CheckContext) -> CheckReport {
        var outcomes: [RuleOutcome] = []
        var findings: [Finding] = []
        // The folder rule is about `check --documents` alone: other checks do not list it.
        let all = rules + (context.folder == nil ? [] : [folderRule])
        // The rules read the same context and share nothing else: they run on all cores, and
        // their findings are listed in the rules' order.
        let results = Parallel.map(all) { rule in
            let started = DispatchTime.now().uptimeNanoseconds
            let result = run(rule, context)
            return (result, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        for (rule, (result, seconds)) in zip(all, results) {
            findings.append(contentsOf: result.findings)
            let status: RuleStatus
            if let reason = result.skipped {
                status = .skipped(reason)
            } else if result.findings.contains(where: { $0.severity == .error }) {
                status = .failed
            } else if result.findings.contains(where: { $0.severity == .warning }) {
                status = .warned
            } else {
                status = .passed
            }
            outcomes.append(RuleOutcome(id: rule.id, title: rule.title, status: status, seconds: seconds))
        }
        return CheckReport(offer: context.offer.file, asOf: context.asOf, rules: outcomes, findings: findings,
                           documents: context.documents)
    }

    static func run(_ rule: any CheckRule, _ context: CheckContext) -> RuleResult {
        if !rule.keys.isEmpty, !rule.keys.contains(where: { context.rule($0) != nil }) {
            return .skip(CheckMessage.noRuleSet(rule.keys).text)
        }
        if rule.needsDocuments || rule.needsPages, context.documents.isEmpty {
            return .skip(CheckMessage.noDocuments.text)
        }
        if rule.needsPages {
            switch context.render {
            case .rendered: break
            case .notRequested: return .skip(CheckMessage.notRendered.text)
            case .noDocuments: return .skip(CheckMessage.noDocuments.text)
            case .failed: return .skip(CheckMessage.notConverted.text)
            }
        }
        return rule.evaluate(context)
    }

    /// Builds the documents into `work`, or finds them in `options.documentsFolder`.
    static func gather(_ offer: Offer, pricing: OfferPricing, options: CheckOptions, work: String,
                       progress: ((String) -> Void)?) throws -> [InspectedDocument] {
        guard !offer.documents.isEmpty else { return [] }
        let today = DateValue(year: options.asOf.year, month: options.asOf.month, day: options.asOf.day)
        progress?(CheckMessage.generating(offer.documents.count).text)
        // Building also gives the names `tender build` writes, by which a folder's documents are found.
        let built = try SubmissionBuilder.writeDocuments(offer, pricing: pricing, today: today, into: work).documents
        let paths = built.map { doc in
            options.documentsFolder.map { ($0 as NSString).appendingPathComponent((doc.path as NSString).lastPathComponent) } ?? doc.path
        }
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        if !missing.isEmpty {
            throw TenderError(missing.map {
                .error(CheckMessage.notInFolder($0).text, hint: CheckMessage.notInFolderHint(offer: offer.file, folder: options.documentsFolder ?? "").text,
                       status: .missingInput)
            })
        }
        // Each document is read on its own core: it opens its own archive.
        return try Parallel.map(Array(zip(built, paths))) { doc, path in
            let text = try DocumentText.read(path)
            return InspectedDocument(id: doc.id, member: doc.member, path: path, pdf: nil, pages: nil,
                                     pageTexts: nil, paragraphs: text.paragraphs,
                                     temporary: options.documentsFolder == nil && options.workFolder == nil,
                                     workbook: text.workbook)
        }
    }

    /// Converts the documents without an up-to-date PDF beside them in one LibreOffice call,
    /// then reads every PDF's pages and text.
    static func renderAll(_ documents: inout [InspectedDocument], work: String, timeout: Int,
                          progress: ((String) -> Void)?) -> RenderState {
        do {
            var toConvert: [Int] = []
            for (i, doc) in documents.enumerated() {
                let pdf = ((doc.path as NSString).deletingPathExtension) + ".pdf"
                if let existing = upToDatePDF(pdf, for: doc.path) { documents[i].pdf = existing } else { toConvert.append(i) }
            }
            if !toConvert.isEmpty, !LibreOffice.isAvailable { return .failed(RenderProblem.libreOfficeMissing) }
            for tool in ["pdfinfo", "pdftotext"] where ExternalTool.find(tool) == nil {
                return .failed(RenderProblem.popplerMissing(tool))
            }
            if !toConvert.isEmpty {
                progress?(Message.convertingToPDF(toConvert.count).text)
            }
            // The progress line is the check's own, in French: LibreOffice's (in English) is not passed on.
            // The workbooks' sheets are read in the same start of LibreOffice.
            let converted = try LibreOffice.convert(toConvert.map { documents[$0].path }, into: work, timeout: timeout, sheets: true)
            for (i, pdf) in zip(toConvert, converted.pdfs) {
                documents[i].pdf = pdf
                if let sheets = converted.sheets[documents[i].path] { documents[i].readSheets(sheets) }
            }
            progress?(CheckMessage.readingPages(documents.count).text)
            for i in documents.indices {
                guard let pdf = documents[i].pdf else { continue }
                documents[i].pages = try PDF.pageCount(pdf)
                documents[i].pageTexts = try PDF.pageTexts(pdf)
            }
            readSheets(&documents, timeout: timeout)
            return .rendered
        } catch let error as TenderError {
            return .failed(RenderProblem.french(error.diagnostics.first, timeout: timeout))
        } catch {
            return .failed(RenderProblem.french(.error("\(error)", status: .unavailable), timeout: timeout))
        }
    }

    /// Has LibreOffice recalculate the workbooks and give their cells as shown (one more call,
    /// for every workbook at once: a call converts to one format). A failure is the workbooks'
    /// `sheetsProblem`, which the totals rule reports; the PDFs stand.
    static func readSheets(_ documents: inout [InspectedDocument], timeout: Int) {
        let workbooks = documents.indices.filter { documents[$0].workbook && documents[$0].sheets == nil && documents[$0].sheetsProblem == nil }
        guard !workbooks.isEmpty else { return }
        do {
            let read = try LibreOffice.sheetsAsCSV(workbooks.map { documents[$0].path }, timeout: timeout)
            for (i, sheets) in zip(workbooks, read) { documents[i].readSheets(sheets) }
        } catch {
            let reason = (error as? TenderError)?.diagnostics.first?.message ?? "\(error)"
            for i in workbooks { documents[i].sheetsProblem = reason }
        }
    }

    /// Why the documents could not be rendered, in the words of the check.
    enum RenderProblem {
        static let libreOfficeMissing = Diagnostic.error(CheckMessage.sofficeMissing.text,
                                                         hint: CheckMessage.installLibreOffice(LibreOffice.installCommand).text,
                                                         status: .unavailable)

        static func popplerMissing(_ tool: String) -> Diagnostic {
            .error(CheckMessage.popplerMissing(tool).text, hint: CheckMessage.installPoppler(PDF.installCommand).text,
                   status: .unavailable)
        }

        /// A failure of LibreOffice or poppler while converting or reading: the tools' own
        /// messages (shared with `tender build`, in English) are quoted as the detail.
        static func french(_ problem: Diagnostic?, timeout: Int) -> Diagnostic {
            guard let problem else { return .error(CheckMessage.conversionFailed.text, status: .unavailable) }
            if problem.code == .conversionTimedOut {
                return .error(CheckMessage.timedOut(timeout).text,
                              hint: CheckMessage.timedOutHint.text,
                              status: problem.status)
            }
            return .error(CheckMessage.renderFailed(problem.message).text,
                          hint: CheckMessage.renderFailedHint.text,
                          status: problem.status)
        }
    }

    /// `pdf` when it exists and is not older than `document` (as `tender build --pdf` leaves it).
    static func upToDatePDF(_ pdf: String, for document: String) -> String? {
        let fm = FileManager.default
        guard let p = try? fm.attributesOfItem(atPath: pdf)[.modificationDate] as? Date,
              let d = try? fm.attributesOfItem(atPath: document)[.modificationDate] as? Date, p >= d else { return nil }
        return pdf
    }
}

// MARK: - Values

extension Value {
    /// A whole number of a rule (`max: 20`), as the shape checker accepted it.
    var asInt: Int? { asNumber.map { NSDecimalNumber(decimal: $0).intValue } }
}

// MARK: - Moments, as the report writes them

extension DateValue {
    /// `vendredi 5 novembre 2021 à 12 h 00`, with the UTC offset when it is not Paris time:
    /// the moment of a check, as the report writes it.
    var frenchMoment: String {
        let words = FrenchFormat.date(self, style: .datetime)
        guard let utcOffset, secondsOfDay != nil, utcOffset != DateValue.parisOffset(self) else { return words }
        let m = abs(utcOffset) / 60
        return words + (m == 0 ? " UTC" : String(format: " UTC%@%02d:%02d", utcOffset < 0 ? "-" : "+", m / 60, m % 60))
    }

    /// `5 novembre 2021`: the date alone, in words.
    var frenchDay: String { FrenchFormat.date(self) }
}

extension PreSubmissionCheck {
    /// The results of the rules that read the offer alone (budget, duration, deadline,
    /// references…), by rule id: "passed", "failed"… — what `tender diff` compares.
    /// Rules that need documents are left out.
    public static func offerRuleResults(_ offer: Offer, pricing: OfferPricing, asOf: DateValue) -> [String: String] {
        let context = CheckContext(offer: offer, pricing: pricing, asOf: asOf, documents: [], render: .noDocuments)
        var results: [String: String] = [:]
        for outcome in evaluate(context).rules {
            if case .skipped = outcome.status { continue }
            results[outcome.id] = outcome.status.word
        }
        return results
    }
}

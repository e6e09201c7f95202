import Foundation

/// How to render.
public struct RenderOptions: Sendable {
    /// Undefined names are errors (default); when false they render as nothing with a warning.
    public var strict: Bool
    public var limits: ArchiveLimits
    /// The filters templates may use.
    public var filters: FilterRegistry
    /// French typography on the text of values, when the document is French (`FrenchTypography`).
    public var typography: Bool
    /// Where the parts found sound are remembered, so that they are not checked again.
    public var checkedParts: CheckedParts
    public init(strict: Bool = true, limits: ArchiveLimits = .default, filters: FilterRegistry = .default, typography: Bool = true,
                checkedParts: CheckedParts = .user) {
        self.strict = strict; self.limits = limits; self.filters = filters; self.typography = typography
        self.checkedParts = checkedParts
    }
}

/// What one render gives: the changed parts, the entries to add (images) and to leave out
/// (a spreadsheet's stale calculation chain), and the warnings.
struct RenderedPackage {
    var parts: [String: [UInt8]]
    var adding: [(name: String, data: [UInt8])]
    var removing: Set<String>
    var warnings: [Diagnostic]
}

/// A compiled document template: every text-bearing part parsed and compiled once, ready
/// to render any number of times. The format's adapter says which parts carry text and
/// what to repair after rendering.
public final class DocumentTemplate {
    public let path: String
    public let format: DocumentFormat
    let archive: ZipArchive
    let parts: [PartTemplate]
    let textParts: [TextPart]
    /// The format's repairs, surveyed from the template once; each render starts from a copy.
    private let finisher: any PartFinisher
    /// The document's language from its default style (`fr-FR`), when it declares one.
    public let language: String?
    /// The check of the parts tender copies raw, when it goes on during the first render.
    private let pendingIntegrity: IntegrityCheck?

    /// Opens and compiles a template. Throws every template error of every part at once.
    ///
    /// The parts tender copies raw are checked (well-formed, no DTD, CRC) on other threads
    /// while the text parts compile. With `checkingRawPartsWhileRendering`, that check may go on
    /// during the first render, which waits for it and throws its errors before returning
    /// anything: for a caller that renders what it opens. Otherwise it is over when `init` returns.
    public init(path: String, options: RenderOptions = RenderOptions(), checkingRawPartsWhileRendering: Bool = false) throws {
        self.path = path
        archive = try ZipArchive(path: path, limits: options.limits)
        format = try DocumentFormat.detect(archive)
        let adapter = format.adapter
        var compiled: [PartTemplate] = []
        var errors: [Diagnostic] = []
        var survey: [(part: TextPart, bytes: [UInt8], compiled: Bool)] = []
        let textParts = try adapter.textParts(of: archive)
        // The other parts are copied raw: they are checked meanwhile, so that a damaged one is refused, not copied.
        let integrity = TemplateIntegrity.start(archive, skipping: Set(textParts.map(\.name)), known: options.checkedParts)
        for part in textParts {
            let bytes = try adapter.prepare(try archive.read(part.name), part: part, archive: archive)
            do {
                // Compiling checks the part's bounds first: only then does the format survey it (drawing ids).
                let template = try PartTemplate.compile(bytes, name: part.name, dialect: part.dialect, file: path)
                compiled.append(template)
                survey.append((part, bytes, template.program != nil))
            } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics)
                survey.append((part, bytes, false))
            }
        }
        if errors.isEmpty, !checkingRawPartsWhileRendering {
            do { try integrity.wait() } catch let e as TenderError { errors.append(contentsOf: e.diagnostics) }
        }
        if !errors.isEmpty { throw TenderError(errors) }
        pendingIntegrity = checkingRawPartsWhileRendering ? integrity : nil
        parts = compiled
        self.textParts = textParts
        finisher = adapter.finisher(for: survey)
        language = adapter.defaultLanguage(of: archive)
    }

    /// Waits for the check of the parts tender copies raw, when it goes on during the first
    /// render (`checkingRawPartsWhileRendering`), and throws what it found; nothing otherwise.
    /// The same result each time.
    public func checkRawParts() throws {
        try pendingIntegrity?.wait()
    }

    /// Every tag, with where it is, in part order.
    public var tags: [SourceLocation] { parts.flatMap(\.tagLocations) }

    /// Renders with `context` and returns the changed parts (name → bytes), plus warnings.
    public func render(_ context: Value, options: RenderOptions = RenderOptions()) throws -> (parts: [String: [UInt8]], warnings: [Diagnostic]) {
        let result = try renderPackage(context, options: options)
        return (result.parts, result.warnings)
    }

    /// Renders: the changed parts, the entries to add (images) and the warnings.
    func renderPackage(_ context: Value, options: RenderOptions) throws -> RenderedPackage {
        let rendered: RenderedPackage
        do {
            rendered = try renderParts(context, options: options)
        } catch {
            // The template's raw parts first: whatever the data, a damaged template is refused.
            try pendingIntegrity?.wait()
            throw error
        }
        try pendingIntegrity?.wait()
        return rendered
    }

    private func renderParts(_ context: Value, options: RenderOptions) throws -> RenderedPackage {
        let evaluator = Evaluator(globals: context, filters: options.filters, strict: options.strict)
        let french = language.map { $0.lowercased().hasPrefix("fr") } ?? true
        let session = RenderSession(typography: options.typography && french, writer: finisher.richWriter(archive))
        var out: [String: [UInt8]] = [:]
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var finisher = self.finisher
        for (part, textPart) in zip(parts, textParts) {
            do {
                guard let bytes = try part.render(evaluator, warnings: &warnings, session: session), let program = part.program else { continue }
                out[part.name] = try finisher.finish(bytes, part: textPart, program: program,
                                                     location: SourceLocation(file: path, part: part.name))
            } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics)
            }
        }
        if !errors.isEmpty { throw TenderError(errors) }
        var adding: [(name: String, data: [UInt8])] = []
        try session.writer?.finish(parts: &out, adding: &adding)
        var removing: Set<String> = []
        try finisher.finishPackage(parts: &out, removing: &removing, archive: archive)
        return RenderedPackage(parts: out, adding: adding, removing: removing, warnings: warnings)
    }

    /// Writes a rendered package atomically to `output`.
    func write(_ package: RenderedPackage, to output: String) throws {
        try ArchiveWriter.write(to: output, from: archive, replacing: package.parts, adding: package.adding,
                                removing: package.removing, storedFirst: format.storedFirst)
    }

    /// Renders and writes the document atomically to `output`. Returns the warnings.
    @discardableResult
    public func render(_ context: Value, to output: String, options: RenderOptions = RenderOptions()) throws -> [Diagnostic] {
        let result = try renderPackage(context, options: options)
        try write(result, to: output)
        return result.warnings
    }
}

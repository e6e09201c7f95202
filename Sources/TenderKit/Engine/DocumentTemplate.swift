import Foundation

/// How to render.
public struct RenderOptions: Sendable {
    /// Undefined names are errors (default); when false they render as nothing with a warning.
    public var strict: Bool
    public var limits: ArchiveLimits
    /// French typography on the text of values, when the document is French (`FrenchTypography`).
    public var typography: Bool
    public init(strict: Bool = true, limits: ArchiveLimits = .default, typography: Bool = true) {
        self.strict = strict; self.limits = limits; self.typography = typography
    }
}

/// A compiled DOCX or ODT template: every text-bearing part parsed and compiled once,
/// ready to render any number of times.
public final class DocumentTemplate {
    public let path: String
    public let format: DocumentFormat
    let archive: ZipArchive
    let parts: [PartTemplate]
    /// Largest `wp:docPr` id in the template (fresh ids for repeated drawings start above it).
    private let maxDrawingId: Int
    /// The document's language from its default style (`fr-FR`), when it declares one.
    public let language: String?

    /// Opens and compiles a template. Throws every template error of every part at once.
    public init(path: String, options: RenderOptions = RenderOptions()) throws {
        self.path = path
        archive = try ZipArchive(path: path, limits: options.limits)
        format = try DocumentFormat.detect(archive)
        var compiled: [PartTemplate] = []
        var errors: [Diagnostic] = []
        var maxId = 0
        for (name, dialect) in try format.textParts(of: archive) {
            let bytes = try archive.read(name)
            do {
                // Compiling checks the part's bounds first: only then is it scanned for drawing ids.
                compiled.append(try PartTemplate.compile(bytes, name: name, dialect: dialect, file: path))
                if format == .docx { maxId = max(maxId, IdRenumbering.maxDrawingId(in: bytes)) }
            } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics)
            }
        }
        if errors.isEmpty {
            // The other parts are copied raw: check them now, so that a damaged one is refused, not copied.
            do { try TemplateIntegrity.verify(archive, skipping: Set(compiled.map(\.name))) } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics)
            }
        }
        if !errors.isEmpty { throw TenderError(errors) }
        parts = compiled
        maxDrawingId = maxId
        language = format.defaultLanguage(of: archive)
    }

    /// Every tag, with where it is, in part order.
    public var tags: [SourceLocation] { parts.flatMap(\.tagLocations) }

    /// Renders with `context` and returns the changed parts (name → bytes), plus warnings.
    public func render(_ context: Value, options: RenderOptions = RenderOptions()) throws -> (parts: [String: [UInt8]], warnings: [Diagnostic]) {
        let result = try renderPackage(context, options: options)
        return (result.parts, result.warnings)
    }

    /// Renders: the changed parts, the entries to add (images) and the warnings.
    func renderPackage(_ context: Value, options: RenderOptions) throws
        -> (parts: [String: [UInt8]], adding: [(name: String, data: [UInt8])], warnings: [Diagnostic]) {
        let evaluator = Evaluator(globals: context, strict: options.strict)
        let french = language.map { $0.lowercased().hasPrefix("fr") } ?? true
        let session = RenderSession(typography: options.typography && french,
                                    writer: format.richWriter(archive, firstDrawingId: maxDrawingId + 100_000))
        var out: [String: [UInt8]] = [:]
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var ids = IdRenumbering(nextDrawingId: maxDrawingId + 1)
        for part in parts {
            do {
                guard var bytes = try part.render(evaluator, warnings: &warnings, session: session), let program = part.program else { continue }
                if format == .docx, part.dialect.name == "DOCX" {
                    if program.hasLoops && part.hasNumberedElements { bytes = ids.renumber(bytes) }
                    if program.changesTableShape {
                        bytes = try TableRepair.repair(bytes, location: SourceLocation(file: path, part: part.name))
                    }
                } else if format == .odt, part.dialect.name == "ODT", program.changesTableShape {
                    bytes = try OdtTableRepair.repair(bytes, location: SourceLocation(file: path, part: part.name))
                }
                out[part.name] = bytes
            } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics)
            }
        }
        if !errors.isEmpty { throw TenderError(errors) }
        var adding: [(name: String, data: [UInt8])] = []
        try session.writer?.finish(parts: &out, adding: &adding)
        return (out, adding, warnings)
    }

    /// Renders and writes the document atomically to `output`. Returns the warnings.
    @discardableResult
    public func render(_ context: Value, to output: String, options: RenderOptions = RenderOptions()) throws -> [Diagnostic] {
        let result = try renderPackage(context, options: options)
        try ArchiveWriter.write(to: output, from: archive, replacing: result.parts, adding: result.adding,
                                storedFirst: format.storedFirst)
        return result.warnings
    }
}

import Foundation

/// How to render.
public struct RenderOptions: Sendable {
    /// Undefined names are errors (default); when false they render as nothing with a warning.
    public var strict: Bool
    public var limits: ArchiveLimits
    public init(strict: Bool = true, limits: ArchiveLimits = .default) { self.strict = strict; self.limits = limits }
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
    }

    /// Every tag, with where it is, in part order.
    public var tags: [SourceLocation] { parts.flatMap(\.tagLocations) }

    /// Renders with `context` and returns the changed parts (name → bytes), plus warnings.
    public func render(_ context: Value, options: RenderOptions = RenderOptions()) throws -> (parts: [String: [UInt8]], warnings: [Diagnostic]) {
        let evaluator = Evaluator(globals: context, strict: options.strict)
        var out: [String: [UInt8]] = [:]
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var ids = IdRenumbering(nextDrawingId: maxDrawingId + 1)
        for part in parts {
            do {
                guard var bytes = try part.render(evaluator, warnings: &warnings), let program = part.program else { continue }
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
        return (out, warnings)
    }

    /// Renders and writes the document atomically to `output`. Returns the warnings.
    @discardableResult
    public func render(_ context: Value, to output: String, options: RenderOptions = RenderOptions()) throws -> [Diagnostic] {
        let result = try render(context, options: options)
        try ArchiveWriter.write(to: output, from: archive, replacing: result.parts, storedFirst: format.storedFirst)
        return result.warnings
    }
}

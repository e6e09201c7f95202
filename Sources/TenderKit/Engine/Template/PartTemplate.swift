import Foundation

/// One text-bearing part of a template, compiled.
struct PartTemplate {
    let name: String
    let dialect: Dialect
    /// Nil when the part holds no tag: it is copied unchanged.
    let program: Program?

    /// Parses and compiles a part. Throws every error found in it.
    static func compile(_ bytes: [UInt8], name: String, dialect: Dialect, file: String?) throws -> PartTemplate {
        let location = SourceLocation(file: file, part: name)
        // Fast path: a part with no tag opener is copied as is.
        // Even then it is parsed: a damaged part or a DTD is refused whether or not it holds tags.
        if !PartTemplate.mayHoldTags(bytes) {
            try XMLTree.validate(bytes, location: location)
            return PartTemplate(name: name, dialect: dialect, program: nil)
        }
        let tree = try XMLTree(bytes: bytes, location: location)
        let compiler = PartCompiler(tree: tree, dialect: dialect, location: location)
        var program = compiler.compile()
        let errors = compiler.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw TenderError(errors) }
        // No tag, but docxtpl's brace escapes (`{_{`): they are unescaped as in a part with tags.
        if program == nil {
            let unescaped = PartCompiler.unescapeDocxtpl(bytes)
            if unescaped != bytes {
                program = Program(nodes: [.literal(unescaped)], tagLocations: [], hasLoops: false, changesTableShape: false)
            }
        }
        return PartTemplate(name: name, dialect: dialect, program: program)
    }

    /// A tag starts with "{"; Word may have split it from its second character by markup,
    /// so any "{" means the part must be looked at.
    static func mayHoldTags(_ bytes: [UInt8]) -> Bool { bytes.contains(0x7B) }

    var tagLocations: [SourceLocation] { program?.tagLocations ?? [] }

    /// Renders with a fresh evaluator over `context`. Throws all render errors at once.
    func render(_ evaluator: Evaluator) throws -> [UInt8]? {
        var warnings: [Diagnostic] = []
        return try render(evaluator, warnings: &warnings)
    }

    /// Renders, adding lenient-mode warnings to `warnings`. Nil when the part holds no tag.
    func render(_ evaluator: Evaluator, warnings: inout [Diagnostic], session: RenderSession? = nil) throws -> [UInt8]? {
        guard let program else { return nil }
        var renderer = Renderer(dialect: dialect, evaluator: evaluator, session: session, part: name)
        renderer.run(program.nodes)
        warnings.append(contentsOf: renderer.warnings)
        if !renderer.diagnostics.isEmpty { throw TenderError(renderer.diagnostics) }
        return renderer.output
    }
}

import Foundation

/// Checks every part of a template, also those tender copies without changing them: a
/// damaged part would otherwise be copied raw into the output (which would then fail its
/// own checksum), and a part with a DTD or broken XML would pass unseen.
enum TemplateIntegrity {
    /// Whether an entry is an XML part (by the names DOCX and ODT give them).
    static func isXML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xml") || lower.hasSuffix(".rels")
    }

    /// Inflates every entry not in `checked` (libzip checks its CRC and size), and parses every
    /// XML part (well-formed, no DTD). Throws every problem found.
    static func verify(_ archive: ZipArchive, skipping checked: Set<String>) throws {
        var errors: [Diagnostic] = []
        for name in archive.entryNames where !checked.contains(name) {
            do {
                if isXML(name) {
                    try XMLTree.validate(try archive.read(name), location: SourceLocation(file: archive.path, part: name))
                } else {
                    try archive.verify(name)
                }
            } catch let e as TenderError {
                errors.append(contentsOf: e.diagnostics)
            }
        }
        if !errors.isEmpty { throw TenderError(errors) }
    }
}

import Dispatch
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

    /// Inflates every entry not in `checked` (checking its CRC and size), and parses every XML
    /// part (well-formed, no DTD). Throws every problem found, in entry order.
    ///
    /// The XML parts are inflated and parsed on all cores at once, largest first: a template's
    /// styles often weigh most of a megabyte, and parsing them is most of a small render.
    /// Reading their stored bytes, and the other entries, stays on this thread (libzip is not
    /// thread-safe); an XML part that does not inflate as declared is read again here, through
    /// libzip, whose error says what is wrong.
    static func verify(_ archive: ZipArchive, skipping checked: Set<String>) throws {
        var errors: [[Diagnostic]] = Array(repeating: [], count: archive.entries.count)
        var packed: [(slot: Int, entry: PackedEntry)] = []
        for (slot, name) in archive.entryNames.enumerated() where !checked.contains(name) {
            if isXML(name), let entry = archive.packed(name) {
                packed.append((slot, entry))
                continue
            }
            do {
                if isXML(name) {
                    try XMLTree.validate(try archive.read(name), location: SourceLocation(file: archive.path, part: name))
                } else {
                    try archive.verify(name)
                }
            } catch let e as TenderError {
                errors[slot] = e.diagnostics
            }
        }
        packed.sort { $0.entry.size > $1.entry.size }
        var damaged = Array(repeating: false, count: packed.count)
        XMLTree.prepareForThreads()
        errors.withUnsafeMutableBufferPointer { errors in
            damaged.withUnsafeMutableBufferPointer { damaged in
                DispatchQueue.concurrentPerform(iterations: packed.count) { i in
                    let (slot, entry) = packed[i]
                    guard let bytes = entry.inflated() else {
                        damaged[i] = true
                        return
                    }
                    let location = SourceLocation(file: archive.path, part: entry.name)
                    do {
                        try XMLTree.validate(bytes, location: location)
                    } catch {
                        errors[slot] = (error as? TenderError ?? TenderError.error("\(error)", at: location)).diagnostics
                    }
                }
            }
        }
        for (i, (slot, entry)) in packed.enumerated() where damaged[i] {
            archive.unreserve(entry)
            do { _ = try archive.read(entry.name) } catch let e as TenderError { errors[slot] = e.diagnostics }
        }
        let all = errors.flatMap { $0 }
        if !all.isEmpty { throw TenderError(all) }
    }
}

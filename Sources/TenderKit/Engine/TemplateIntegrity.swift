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

    /// Starts checking every entry not in `checked`: inflated (its CRC and size checked) and,
    /// for an XML part, parsed (well-formed, no DTD). Returns at once; the check's `wait()`
    /// throws every problem found, in entry order.
    ///
    /// The XML parts are inflated and parsed on other threads, on all cores, largest first: a
    /// template's styles often weigh most of a megabyte, and parsing them was most of a small
    /// render, which can go on meanwhile. Reading their stored bytes, and checking the other
    /// entries, stays on this thread (libzip is not thread-safe), as does reading again, through
    /// libzip, an XML part that does not inflate as declared (its error says what is wrong).
    ///
    /// An XML part found sound before, by its fingerprint in `known`, is not inflated nor parsed
    /// again; one found sound now is remembered there.
    static func start(_ archive: ZipArchive, skipping checked: Set<String>, known: CheckedParts = .user) -> IntegrityCheck {
        var packed: [(slot: Int, entry: PackedEntry)] = []
        var others: [(slot: Int, name: String)] = []
        for (slot, name) in archive.entryNames.enumerated() where !checked.contains(name) {
            if isXML(name), let entry = archive.packed(name) { packed.append((slot, entry)) } else { others.append((slot, name)) }
        }
        packed.sort { $0.entry.size > $1.entry.size }
        let check = IntegrityCheck(archive: archive, slots: archive.entries.count, packed: packed, known: known)
        check.launch()
        for (slot, name) in others {
            do {
                if isXML(name) {
                    try XMLTree.validate(try archive.read(name), location: SourceLocation(file: archive.path, part: name))
                } else {
                    try archive.verify(name)
                }
            } catch let e as TenderError {
                check.record(e.diagnostics, slot: slot)
            } catch {
                check.record(TenderError.error("\(error)", at: SourceLocation(file: archive.path, part: name)).diagnostics, slot: slot)
            }
        }
        return check
    }
}

/// A check of a template's untouched parts under way on other threads (`TemplateIntegrity.start`).
/// Its owner calls `wait()` on the thread that opened the archive, before anything of the
/// template is written or trusted; `wait()` may be called again and gives the same result.
final class IntegrityCheck: @unchecked Sendable {
    /// What one worker found for one XML part; written by that worker only, read after the wait.
    private final class Finding: @unchecked Sendable {
        var diagnostics: [Diagnostic] = []
        var damaged = false
        /// Whether it was inflated and parsed (not known sound before).
        var parsed = false
    }

    private let archive: ZipArchive
    private let packed: [(slot: Int, entry: PackedEntry)]
    private let findings: [Finding]
    private let known: CheckedParts
    /// Per entry, in archive order: what this thread found (entries that are not XML).
    private var errors: [[Diagnostic]]
    private let group = DispatchGroup()
    private var result: [Diagnostic]?

    init(archive: ZipArchive, slots: Int, packed: [(slot: Int, entry: PackedEntry)], known: CheckedParts) {
        self.archive = archive
        self.packed = packed
        self.known = known
        findings = packed.map { _ in Finding() }
        errors = Array(repeating: [], count: slots)
    }

    /// Inflates and parses the XML parts on the global queue's threads.
    fileprivate func launch() {
        guard !packed.isEmpty else { return }
        XMLTree.prepareForThreads()
        // The workers write their messages in the caller's language.
        let packed = packed, findings = findings, path = archive.path, language = Language.current, known = known
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: packed.count) { i in Language.$override.withValue(language) {
                let entry = packed[i].entry
                let fingerprint = known.fingerprint(of: entry)
                if let fingerprint, known.knows(fingerprint) { return }
                findings[i].parsed = true
                guard let bytes = entry.inflated() else {
                    findings[i].damaged = true
                    return
                }
                let location = SourceLocation(file: path, part: entry.name)
                do {
                    try XMLTree.validate(bytes, location: location)
                    if let fingerprint { known.remember(fingerprint) }
                } catch {
                    findings[i].diagnostics = (error as? TenderError ?? TenderError.error("\(error)", at: location)).diagnostics
                }
            } }
        }
    }

    /// How many XML parts were inflated and parsed, the others being known sound (after `wait()`).
    var parsedParts: Int {
        group.wait()
        return findings.filter(\.parsed).count
    }

    fileprivate func record(_ diagnostics: [Diagnostic], slot: Int) {
        errors[slot] = diagnostics
    }

    /// Waits for the workers, then throws every problem found, in entry order.
    func wait() throws {
        if result == nil {
            group.wait()
            for ((slot, entry), finding) in zip(packed, findings) {
                if finding.damaged {
                    // libzip's reading says what is wrong; should it read the part, the part is parsed here.
                    archive.unreserve(entry)
                    let location = SourceLocation(file: archive.path, part: entry.name)
                    do {
                        try XMLTree.validate(try archive.read(entry.name), location: location)
                    } catch {
                        errors[slot] = (error as? TenderError ?? TenderError.error("\(error)", at: location)).diagnostics
                    }
                } else if !finding.diagnostics.isEmpty {
                    errors[slot] = finding.diagnostics
                }
            }
            result = errors.flatMap { $0 }
        }
        if let result, !result.isEmpty { throw TenderError(result) }
    }
}

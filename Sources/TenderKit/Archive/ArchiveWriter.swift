import CLibzip
import Foundation

/// Writes a filled-in document: a new archive made from a template's entries, some replaced.
///
/// - Entries not replaced are copied raw (their compressed bytes, byte for byte, never
///   inflated or recompressed), so parts tender does not touch (images, fonts, styles) come
///   out exactly as they went in.
/// - New and replaced content is deflated.
/// - The output is deterministic: every entry gets the same fixed time (1980-01-01 00:00),
///   so the same inputs give the same bytes.
/// - The output is written atomically (see `AtomicFile`); the template is never modified.
public enum ArchiveWriter {
    /// Writes to `destination` every entry of `source`, in source order.
    ///
    /// - Parameters:
    ///   - replacing: new content for entries of `source`, by name.
    ///   - adding: new entries, appended at the end in this order.
    ///   - removing: entries of `source` to leave out.
    ///   - storedFirst: an entry (from `source` or `adding`) to write first and uncompressed,
    ///     as ODT requires of `mimetype`.
    /// - Throws: `TenderError`: `.cannotCreate` when `destination` is the template itself or
    ///   cannot be written; `.invalidInput` when `storedFirst` names no entry; `.software` when
    ///   `replacing` or `adding` do not fit the template (unknown, duplicate or unsafe names).
    public static func write(to destination: String, from source: ZipArchive, replacing: [String: [UInt8]],
                             adding: [(name: String, data: [UInt8])] = [], removing: Set<String> = [],
                             storedFirst: String? = nil) throws {
        let location = SourceLocation(file: destination)
        if let target = FileIdentity(path: destination),
           target == source.identity || target == FileIdentity(path: source.path) {
            throw TenderError.error(
                FileMessage.overwritesTemplate(source.path).text, at: location,
                hint: FileMessage.overwritesTemplateHint.text, status: .cannotCreate)
        }
        let plan = try makePlan(source: source, replacing: replacing, adding: adding, storedFirst: storedFirst)
            .filter { !removing.contains($0.name) }
        // The source archive must stay open until the output is closed: copied entries are read from it then.
        let bytes = try withExtendedLifetime(source) {
            try archiveBytes(plan, from: source, location: location)
        }
        try AtomicFile.write(to: destination, bytes: bytes)
    }

    /// The DOS date of 1980-01-01 (year 0 since 1980 in bits 9-15, month 1 in bits 5-8, day 1),
    /// the earliest a zip can hold; with DOS time 0, i.e. 00:00:00.
    private static let fixedDOSDate: UInt16 = (0 << 9) | (1 << 5) | 1
    private static let fixedDOSTime: UInt16 = 0

    /// One entry of the output.
    private struct PlannedEntry {
        enum Content {
            /// Copy entry `index` of the source raw; `stored` when the source did not compress it.
            case copy(index: UInt64, stored: Bool)
            /// Write these bytes, compressed or stored.
            case bytes([UInt8], stored: Bool)
        }

        var name: String
        var content: Content
    }

    /// The output's entries in order, after checking the arguments against the source.
    private static func makePlan(source: ZipArchive, replacing: [String: [UInt8]],
                                 adding: [(name: String, data: [UInt8])],
                                 storedFirst: String?) throws -> [PlannedEntry] {
        let unknown = replacing.keys.filter { !source.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw internalError(FileMessage.cannotReplace(unknown, template: source.path).text)
        }

        var plan = source.entries.map { entry in
            PlannedEntry(name: entry.name, content: replacing[entry.name].map { .bytes($0, stored: false) }
                ?? .copy(index: entry.index, stored: entry.compressionMethod == ZIP_CM_STORE))
        }
        var names = Set(source.entryNames)
        for (name, data) in adding {
            if let problem = EntryName.problem(name) {
                throw internalError(FileMessage.cannotAddNamed(name, problem).text)
            }
            guard names.insert(name).inserted else {
                throw internalError(FileMessage.cannotAddDuplicate(name).text)
            }
            plan.append(PlannedEntry(name: name, content: .bytes(data, stored: false)))
        }

        if let storedFirst {
            guard let position = plan.firstIndex(where: { $0.name == storedFirst }) else {
                throw TenderError.error(
                    FileMessage.partMissing(storedFirst).text, at: SourceLocation(file: source.path),
                    hint: FileMessage.resaveInLibreOffice.text)
            }
            var first = plan.remove(at: position)
            switch first.content {
            case .copy(_, stored: true):
                break  // Already stored: copied raw as it is.
            case .copy:
                let data = try source.read(storedFirst)
                first.content = .bytes(data, stored: true)
            case .bytes(let data, _):
                first.content = .bytes(data, stored: true)
            }
            plan.insert(first, at: 0)
        }
        return plan
    }

    /// Writes `plan` as a new zip archive in memory and returns its bytes, which are then written
    /// to the file once. (libzip writing a file itself goes through a temporary file of its own,
    /// named from OpenSSL's random generator, whose start-up alone cost a tenth of a small render.)
    private static func archiveBytes(_ plan: [PlannedEntry], from source: ZipArchive,
                                     location: SourceLocation) throws -> [UInt8] {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let buffer = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw AtomicFile.cannotWrite(location, SystemError.describe(&error))
        }
        guard let archive = zip_open_from_source(buffer, ZIP_CREATE | ZIP_TRUNCATE, &error) else {
            zip_source_free(buffer)
            throw AtomicFile.cannotWrite(location, SystemError.describe(&error))
        }
        // The archive frees its source when closed: keep it to read what was written.
        zip_source_keep(buffer)
        defer { zip_source_free(buffer) }
        // The new contents are read by libzip where they are, without a copy: each entry's
        // bytes stay pinned until the archive is closed.
        let contents: [[UInt8]] = plan.compactMap { if case .bytes(let bytes, _) = $0.content { bytes } else { nil } }
        try withPinned(contents[...], []) { pinned in
            do {
                var next = pinned.makeIterator()
                for entry in plan {
                    let bytes = if case .bytes = entry.content { next.next() } else { UnsafeRawBufferPointer?.none }
                    try add(entry, bytes: bytes, to: archive, from: source)
                }
            } catch {
                zip_discard(archive)
                throw error
            }
            // zip_close does the actual writing: copying the parts deflated already and the template's
            // entries raw, deflating a part only when zlib failed to (`DeflatedPart`).
            guard zip_close(archive) == 0 else {
                let reason = SystemError.describe(zip_get_error(archive))
                zip_discard(archive)
                throw AtomicFile.cannotWrite(location, reason)
            }
        }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_source_stat(buffer, &stat) == 0, zip_source_open(buffer) == 0 else {
            throw AtomicFile.cannotWrite(location, SystemError.describe(zip_source_error(buffer)))
        }
        defer { zip_source_close(buffer) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        var filled = 0
        try bytes.withUnsafeMutableBytes { out in
            while filled < out.count {
                let n = zip_source_read(buffer, out.baseAddress.map { $0 + filled }, UInt64(out.count - filled))
                guard n > 0 else { throw AtomicFile.cannotWrite(location, SystemError.describe(zip_source_error(buffer))) }
                filled += Int(n)
            }
        }
        return bytes
    }

    /// Calls `body` with the bytes of each of `arrays`, all pinned in memory for its duration.
    private static func withPinned<R>(_ arrays: ArraySlice<[UInt8]>, _ pinned: [UnsafeRawBufferPointer],
                                      _ body: ([UnsafeRawBufferPointer]) throws -> R) rethrows -> R {
        guard let first = arrays.first else { return try body(pinned) }
        return try first.withUnsafeBytes { try withPinned(arrays.dropFirst(), pinned + [$0], body) }
    }

    /// Adds one entry to `archive`, to be written when it is closed; `bytes` (the new content of
    /// an entry of `.bytes`, pinned) must stay valid until then.
    private static func add(_ entry: PlannedEntry, bytes: UnsafeRawBufferPointer?, to archive: OpaquePointer,
                            from source: ZipArchive) throws {
        let data: OpaquePointer?
        let method: Int32?
        switch entry.content {
        case .copy(let index, let stored):
            // start 0 and length -1 (the whole entry) with ZIP_FL_COMPRESSED: the compressed bytes as they are.
            data = zip_source_zip(archive, source.handle, index, ZIP_FL_COMPRESSED, 0, -1)
            // libzip adopts a compressed source's own method, so such a copy is raw as long as no method is
            // set; but it would deflate a stored one unless told to keep it stored.
            method = stored ? ZIP_CM_STORE : nil
        case .bytes(_, let stored):
            if !stored, let bytes, let deflated = DeflatedPart(bytes) {
                // Deflated already: libzip adopts the source's method and copies the bytes raw.
                data = deflated.source(for: archive)
                method = nil
            } else {
                // libzip reads the bytes where they are (0: it does not free them), and deflates
                // them itself unless stored.
                data = zip_source_buffer(archive, bytes?.baseAddress, UInt64(bytes?.count ?? 0), 0)
                method = stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE
            }
        }
        guard let data else { throw libzipFailure(archive, entry.name) }

        let index = zip_file_add(archive, entry.name, data, ZIP_FL_ENC_UTF_8)
        guard index >= 0 else {
            zip_source_free(data)
            throw libzipFailure(archive, entry.name)
        }
        let entryIndex = UInt64(index)
        if let method {
            let level = method == ZIP_CM_STORE ? 0 : UInt32(DeflatedPart.level)
            guard zip_set_file_compression(archive, entryIndex, method, level) == 0 else {
                throw libzipFailure(archive, entry.name)
            }
        }
        guard zip_file_set_dostime(archive, entryIndex, fixedDOSTime, fixedDOSDate, 0) == 0 else {
            throw libzipFailure(archive, entry.name)
        }
    }

    private static func libzipFailure(_ archive: OpaquePointer, _ name: String) -> TenderError {
        internalError(FileMessage.cannotAddToOutput(name, SystemError.describe(zip_get_error(archive))).text)
    }

    private static func internalError(_ message: String) -> TenderError {
        TenderError.error(
            FileMessage.internalError(message).text, hint: FileMessage.reportBug.text,
            status: .software)
    }
}

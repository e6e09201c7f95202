import CLibdeflate
import CLibzip
import Foundation

/// A DOCX or ODT template opened read-only: a zip archive whose entries ("parts") can be
/// listed and read, within `ArchiveLimits`.
///
/// Opening checks the whole archive up front and refuses, with a `TenderError`, anything that
/// is not a plain zip a word processor would write: a missing or unreadable file, a folder,
/// a password-protected Word file, a truncated zip, encrypted entries, unsafe entry names,
/// too many entries.
///
/// The libzip handle stays open for the object's lifetime, so that `ArchiveWriter` can copy
/// entries from it. A `ZipArchive` is not safe to use from several threads at once.
public final class ZipArchive {
    /// The path the archive was opened from, as given.
    public let path: String
    public let limits: ArchiveLimits

    /// The entry names, in archive order.
    public var entryNames: [String] { entries.map(\.name) }

    /// One entry as listed in the central directory.
    struct Entry {
        var name: String
        var index: UInt64
        /// The inflated size the archive declares (checked, not trusted, when reading).
        var declaredSize: UInt64
        /// The compression method, e.g. `ZIP_CM_STORE` or `ZIP_CM_DEFLATE`.
        var compressionMethod: Int32
        /// The size of the stored (compressed) bytes, and the CRC-32 of the inflated ones.
        var compressedSize: UInt64
        var crc: UInt32
    }

    /// The libzip archive, open read-only until deinit.
    let handle: OpaquePointer
    /// The entries, in archive order.
    let entries: [Entry]
    /// The file opened, to recognize it again under another path.
    let identity: FileIdentity?
    private let indexByName: [String: Int]
    /// Inflated bytes returned by `read` so far, checked against `limits.maxTotalSize`.
    private var inflatedTotal = 0

    /// Opens the archive at `path` read-only and checks every entry.
    ///
    /// - Throws: `TenderError` with status `.missingInput` when the file is missing, a folder or
    ///   unreadable, `.invalidInput` when it is not an acceptable zip archive.
    public init(path: String, limits: ArchiveLimits = .default) throws {
        let location = SourceLocation(file: path)
        try Self.checkFile(at: path, location: location)

        var code: Int32 = 0
        guard let handle = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code) else {
            throw Self.openError(code: code, location: location)
        }
        do {
            entries = try Self.listEntries(of: handle, limits: limits, location: location)
        } catch {
            zip_discard(handle)
            throw error
        }
        self.path = path
        self.limits = limits
        self.handle = handle
        self.identity = FileIdentity(path: path)
        indexByName = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }

    deinit {
        // Read-only: nothing to write back.
        zip_discard(handle)
    }

    /// Whether the archive has an entry named exactly `name`.
    public func contains(_ name: String) -> Bool {
        indexByName[name] != nil
    }

    /// The inflated bytes of the entry `name`.
    ///
    /// Reads in chunks and never holds more than `limits.maxEntrySize` bytes (nor more than what
    /// remains of `limits.maxTotalSize`), whatever size the archive declares.
    ///
    /// - Throws: `TenderError` when the entry is missing, damaged, or inflates beyond a limit.
    public func read(_ name: String) throws -> [UInt8] {
        if let packed = packed(name) {
            if let bytes = packed.inflated() { return bytes }
            unreserve(packed)
        }
        return try readStreaming(name)
    }

    /// `read` through libzip's zlib, chunk by chunk: the way for an entry `packed` does not take,
    /// and the one that says precisely what is wrong with an entry that does not inflate as declared.
    private func readStreaming(_ name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try inflate(name, reserve: { bytes.reserveCapacity($0) }) { chunk, bound in
            let newCount = bytes.count + chunk.count
            if newCount > bytes.capacity {
                // Grow geometrically, but never past the bound: the declared size may be a lie.
                bytes.reserveCapacity(min(max(bytes.capacity * 2, newCount), bound))
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Inflates the entry `name` to its end without keeping it, so that libzip checks its CRC
    /// (a part copied raw into an output is never inflated otherwise). Counts against the limits as `read` does.
    public func verify(_ name: String) throws {
        try inflate(name, reserve: { _ in }) { _, _ in }
    }

    /// The stored bytes of `name`, read for `PackedEntry.inflated()` (which any thread may call),
    /// and its declared size counted against the limits. Nil, counting nothing, when the entry
    /// is missing, would go past a limit, is neither deflated nor stored, or cannot be read:
    /// `read` and `verify` then take the streaming way, which says why.
    func packed(_ name: String) -> PackedEntry? {
        guard let position = indexByName[name] else { return nil }
        let entry = entries[position]
        guard entry.compressionMethod == ZIP_CM_DEFLATE || entry.compressionMethod == ZIP_CM_STORE else { return nil }
        let bound = min(limits.maxEntrySize, max(0, limits.maxTotalSize - inflatedTotal))
        // Deflate never grows data by more than a few bytes per 16 KiB block.
        guard entry.declaredSize <= UInt64(bound), entry.compressedSize <= entry.declaredSize + entry.declaredSize / 8 + 1024,
              let file = zip_fopen_index(handle, entry.index, zip_flags_t(ZIP_FL_COMPRESSED)) else { return nil }
        defer { zip_fclose(file) }
        let count = Int(entry.compressedSize)
        let stored = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let read = count == 0 ? 0 : zip_fread(file, buffer.baseAddress, UInt64(count))
            initialized = read == Int64(count) ? count : 0
        }
        guard stored.count == count else { return nil }
        inflatedTotal += Int(entry.declaredSize)
        return PackedEntry(name: name, stored: stored, deflated: entry.compressionMethod == ZIP_CM_DEFLATE,
                           size: Int(entry.declaredSize), crc: entry.crc)
    }

    /// Gives back what `packed` counted, before reading the entry again the streaming way.
    func unreserve(_ packed: PackedEntry) {
        inflatedTotal -= packed.size
    }

    /// Inflates the entry `name` chunk by chunk into `sink`, within the limits; checks the size
    /// and (through libzip) the CRC at the end.
    private func inflate(_ name: String, reserve: (Int) -> Void,
                         _ sink: (ArraySlice<UInt8>, _ bound: Int) -> Void) throws {
        let location = SourceLocation(file: path, part: name)
        guard let position = indexByName[name] else {
            throw TenderError.error(
                FileMessage.partMissing(name).text, at: SourceLocation(file: path),
                hint: FileMessage.partMissingHint.text)
        }
        let entry = entries[position]

        // The bound is whichever is tighter: the per-part limit or what is left of the total.
        let remaining = max(0, limits.maxTotalSize - inflatedTotal)
        let bound = min(limits.maxEntrySize, remaining)
        func tooLarge() -> TenderError {
            limits.maxEntrySize <= remaining
                ? TenderError.error(
                    FileMessage.partTooLarge(name, ArchiveLimits.describe(bound)).text, at: location,
                    hint: FileMessage.partTooLargeHint.text)
                : TenderError.error(
                    FileMessage.partsTooLarge(ArchiveLimits.describe(limits.maxTotalSize)).text, at: location,
                    hint: FileMessage.partsTooLargeHint.text)
        }
        // An honest declaration is refused without inflating anything.
        if entry.declaredSize > UInt64(bound) { throw tooLarge() }

        guard let file = zip_fopen_index(handle, entry.index, 0) else {
            throw Self.damaged(location, SystemError.describe(zip_get_error(handle)))
        }
        defer { zip_fclose(file) }

        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var total = 0
        reserve(Int(min(entry.declaredSize, UInt64(bound))))
        while true {
            // Ask for one byte more than the bound allows, to notice going past it.
            let left = bound - total
            let wanted = left < chunkSize ? left + 1 : chunkSize
            let count = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, UInt64(wanted)) }
            if count < 0 { throw Self.damaged(location, SystemError.describe(zip_file_get_error(file))) }
            if count == 0 { break }
            total += Int(count)
            if total > bound { throw tooLarge() }
            sink(chunk[0..<Int(count)], bound)
        }
        // libzip checks the CRC but not the size; a size that does not match is damage, or a trick.
        if UInt64(total) != entry.declaredSize {
            throw Self.damaged(
                location, FileMessage.sizeMismatch(total, declared: UInt64(entry.declaredSize)).text)
        }
        inflatedTotal += total
    }

    // MARK: - Opening

    /// The magic number of an OLE compound file: an old `.doc`, or what Word writes for a
    /// password-protected (encrypted) `.docx`.
    private static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Refuses a path that is not an existing, readable regular file, or that holds an OLE file.
    /// (libzip would only say "can't open" or "not a zip archive".)
    private static func checkFile(at path: String, location: SourceLocation) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw code == ENOENT || code == ENOTDIR
                ? TenderError.error(
                    FileMessage.noSuchFile.text, at: location,
                    hint: FileMessage.relativePathHint.text,
                    status: .missingInput)
                : unreadable(location, SystemError.describe(errno: code))
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw TenderError.error(
                FileMessage.folderNotDocument.text, at: location,
                hint: FileMessage.folderNotDocumentHint(path).text, status: .missingInput)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            // A pipe or a device: a zip archive must be read from its end, so it has to be a file.
            throw TenderError.error(
                FileMessage.notRegularFile.text, at: location,
                hint: FileMessage.notRegularFileHint.text, status: .missingInput)
        }

        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(location, SystemError.describe(errno: errno)) }
        defer { close(fd) }
        var magic = [UInt8](repeating: 0, count: oleMagic.count)
        let count = pread(fd, &magic, magic.count, 0)
        guard count >= 0 else { throw unreadable(location, SystemError.describe(errno: errno)) }
        if count == oleMagic.count && magic == oleMagic {
            throw TenderError.error(
                FileMessage.oleFile.text, at: location,
                hint: FileMessage.oleFileHint.text)
        }
        if count >= 5 && Array(magic.prefix(5)) == Array("{\\rtf".utf8) {
            throw TenderError.error(Message.notFillable(.rtf).text, at: location, hint: Message.notFillableHint.text)
        }
    }

    private static func unreadable(_ location: SourceLocation, _ reason: String) -> TenderError {
        TenderError.error(
            FileMessage.cannotReadFile(reason).text, at: location,
            hint: FileMessage.cannotReadFileHint.text,
            status: .missingInput)
    }

    /// The error for a failed `zip_open`.
    private static func openError(code: Int32, location: SourceLocation) -> TenderError {
        let detail = SystemError.describe(libzipCode: code)
        switch code {
        case ZIP_ER_OPEN:
            return unreadable(location, detail)
        case ZIP_ER_NOENT:
            // The file exists (checked above): libzip did not find what the archive's directory points at,
            // e.g. a size of 0xFFFFFFFF announcing ZIP64 fields that are not there.
            return notAnArchive(location, detail: FileMessage.missingEntries.text)
        case ZIP_ER_EXISTS:
            // libzip's words ("File already exists") would suggest the output; it means two entries share a name.
            return TenderError.error(
                FileMessage.duplicateEntries.text, at: location,
                hint: FileMessage.duplicateEntriesHint.text)
        case ZIP_ER_MEMORY:
            return TenderError.error(FileMessage.outOfMemory.text, at: location, status: .software)
        default:
            // ZIP_ER_NOZIP, ZIP_ER_INCONS, ZIP_ER_READ, ZIP_ER_SEEK, ZIP_ER_MULTIDISK, ...
            return notAnArchive(location, detail: detail)
        }
    }

    private static func notAnArchive(_ location: SourceLocation, detail: String) -> TenderError {
        TenderError.error(
            FileMessage.notAnArchive(detail).text, at: location,
            hint: FileMessage.notAnArchiveHint.text)
    }

    private static func damaged(_ location: SourceLocation, _ detail: String) -> TenderError {
        TenderError.error(
            FileMessage.damaged(detail).text, at: location,
            hint: FileMessage.damagedHint.text)
    }

    /// Lists and checks every entry: count, names, encryption.
    private static func listEntries(of handle: OpaquePointer, limits: ArchiveLimits,
                                    location: SourceLocation) throws -> [Entry] {
        let count = zip_get_num_entries(handle, 0)
        if count == 0 {
            // An empty file opens as an empty archive; neither is a document.
            throw notAnArchive(location, detail: FileMessage.emptyArchive.text)
        }
        if count > limits.maxEntries {
            throw TenderError.error(
                FileMessage.tooManyEntries(Int(count), max: limits.maxEntries).text, at: location,
                hint: FileMessage.tooManyEntriesHint.text)
        }

        var entries: [Entry] = []
        var seen = Set<String>()
        for index in 0..<UInt64(count) {
            var info = zip_stat_t()
            guard zip_stat_index(handle, index, 0, &info) == 0, let cName = info.name else {
                throw damaged(location, SystemError.describe(zip_get_error(handle)))
            }
            let name = String(cString: cName)
            let entryLocation = SourceLocation(file: location.file, part: name.isEmpty ? nil : name)
            if let problem = EntryName.problem(name) {
                throw TenderError.error(
                    FileMessage.unsafeName(name, problem).text, at: entryLocation,
                    hint: FileMessage.unsafeNameHint.text)
            }
            if !seen.insert(name).inserted {
                throw TenderError.error(
                    FileMessage.partTwice.text, at: entryLocation,
                    hint: FileMessage.resaveInLibreOffice.text)
            }
            if info.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0 && info.encryption_method != UInt16(ZIP_EM_NONE) {
                throw TenderError.error(
                    FileMessage.partEncrypted.text, at: entryLocation,
                    hint: FileMessage.partEncryptedHint.text)
            }
            // libzip always fills in the size and method of an entry read from a file.
            entries.append(Entry(name: name, index: index, declaredSize: info.size,
                                 compressionMethod: Int32(info.comp_method), compressedSize: info.comp_size, crc: info.crc))
        }
        return entries
    }
}

/// An entry's stored bytes and what inflating them must give, off the archive: inflating it is
/// pure, so that the parts of a template can be inflated and checked on several threads.
struct PackedEntry: Sendable {
    let name: String
    let stored: [UInt8]
    let deflated: Bool
    /// The inflated size and CRC-32 the archive declares.
    let size: Int
    let crc: UInt32

    /// The inflated bytes, when they are exactly `size` bytes with the CRC `crc`; nil otherwise
    /// (`ZipArchive.read` then reads the entry again through libzip, whose error says what is wrong).
    ///
    /// libdeflate rather than zlib: it inflates a whole buffer at once, about three times as fast,
    /// and never writes past `size` bytes, so a part lying about its size cannot take more memory.
    func inflated() -> [UInt8]? {
        let bytes: [UInt8]
        if deflated {
            guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
            defer { libdeflate_free_decompressor(decompressor) }
            var result = LIBDEFLATE_BAD_DATA
            // One byte at least, so that the buffer has an address even for an empty part.
            bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, initialized in
                var written = 0
                result = stored.withUnsafeBytes {
                    libdeflate_deflate_decompress(decompressor, $0.baseAddress, $0.count, out.baseAddress, size, &written)
                }
                initialized = result == LIBDEFLATE_SUCCESS ? written : 0
            }
            guard result == LIBDEFLATE_SUCCESS, bytes.count == size else { return nil }
        } else {
            bytes = stored
            guard bytes.count == size else { return nil }
        }
        let sum = bytes.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        return sum == crc ? bytes : nil
    }
}

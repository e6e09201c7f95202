import Foundation

/// Writes a file all at once or not at all.
///
/// The content goes to a hidden temporary file in the destination's folder
/// (`.<name>.tmp-<pid>-XXXXXX`), which is flushed to disk and then renamed onto the destination,
/// so readers see either the old file or the complete new one, never a partial one. On any
/// failure the temporary file is removed and the destination is left as it was.
///
/// A new file gets the usual permissions (0666 less the umask); a replaced file keeps its own.
public enum AtomicFile {
    /// Calls `body` with the path of a fresh, empty temporary file to fill (it may also replace
    /// that file, as libzip does), then moves the result onto `path`.
    ///
    /// - Throws: what `body` throws, or a `TenderError` with status `.cannotCreate` when the
    ///   folder is missing or not writable, `path` is a folder, or the file cannot be written.
    public static func write(to path: String, _ body: (String) throws -> Void) throws {
        let location = SourceLocation(file: path)
        let folder = folder(of: path)
        try checkDestination(path, folder: folder, location: location)
        let temporary = try makeTemporaryFile(for: path, in: folder, location: location)
        do {
            try body(temporary)
            try synchronize(temporary, location: location)
            guard rename(temporary, path) == 0 else {
                throw cannotWrite(location, SystemError.describe(errno: errno))
            }
        } catch {
            unlink(temporary)
            throw error
        }
        synchronizeFolder(folder)
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(to path: String, bytes: [UInt8]) throws {
        try write(to: path) { temporary in
            let location = SourceLocation(file: path)
            let fd = open(temporary, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard fd >= 0 else { throw cannotWrite(location, SystemError.describe(errno: errno)) }
            defer { close(fd) }
            try bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = pwrite(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, off_t(offset))
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw cannotWrite(location, SystemError.describe(errno: errno))
                    }
                    offset += written
                }
            }
        }
    }

    /// Moves the file `source` onto `path`: renamed when on the same file system, else
    /// copied atomically (then `source` is removed).
    static func move(_ source: String, to path: String) throws {
        let location = SourceLocation(file: path)
        try checkDestination(path, folder: folder(of: path), location: location)
        if rename(source, path) == 0 { return }
        guard errno == EXDEV else { throw cannotWrite(location, SystemError.describe(errno: errno)) }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw cannotWrite(location, FileMessage.cannotReadSource(source).text)
        }
        try write(to: path, bytes: [UInt8](data))
        unlink(source)
    }

    // MARK: - Steps

    /// The folder holding `path`: `.` for a bare file name.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Refuses a destination whose folder is missing or not writable, or that is itself a folder.
    private static func checkDestination(_ path: String, folder: String, location: SourceLocation) throws {
        try OutputPath.check(path)
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw TenderError.error(
                FileMessage.folderMissing(folder).text, at: location,
                hint: FileMessage.folderMissingHint.text, status: .cannotCreate)
        }
        guard access(folder, W_OK) == 0 else {
            throw TenderError.error(
                FileMessage.folderNotWritable(folder, reason: SystemError.describe(errno: errno)).text,
                at: location, hint: FileMessage.folderNotWritableHint.text,
                status: .cannotCreate)
        }
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw TenderError.error(
                FileMessage.outputIsFolder.text, at: location,
                hint: FileMessage.outputIsFolderHint(path).text, status: .cannotCreate)
        }
        try OutputPath.checkReplaceable(path, location: location)
    }

    /// Creates `<folder>/.<name>.tmp-<pid>-XXXXXX`, empty, with the permissions the destination will have.
    private static func makeTemporaryFile(for path: String, in folder: String,
                                          location: SourceLocation) throws -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // Those of a run killed before it could remove them (kill -9) go now.
        Scratch.sweepStaleTemporaries(of: name, in: folder)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var existing = stat()
        let keepMode: mode_t? = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        for _ in 0..<100 {
            let suffix = String((0..<6).map { _ in alphabet[Int.random(in: alphabet.indices)] })
            let temporary = "\(folder)/.\(name).tmp-\(getpid())-\(suffix)"
            // O_EXCL: never reuse a file someone else made; 0666 lets the umask apply, as for any new file.
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw cannotWrite(location, SystemError.describe(errno: errno))
            }
            if let keepMode { fchmod(fd, keepMode) }
            close(fd)
            return temporary
        }
        throw cannotWrite(location, FileMessage.noTemporaryName(folder).text)
    }

    /// Flushes the file's content to disk, so that the rename never exposes an empty file after a crash.
    private static func synchronize(_ path: String, location: SourceLocation) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw cannotWrite(location, SystemError.describe(errno: errno)) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw cannotWrite(location, SystemError.describe(errno: errno)) }
    }

    /// Flushes the folder entry of the rename; best effort, as some file systems refuse it.
    static func synchronizeFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func cannotWrite(_ location: SourceLocation, _ reason: String) -> TenderError {
        TenderError.error(
            FileMessage.cannotWriteOutput(reason).text, at: location,
            hint: FileMessage.diskSpaceHint.text, status: .cannotCreate)
    }
}

import CLibzip
import Foundation

/// Turning libzip and POSIX error codes into words.
enum SystemError {
    /// The catalog's words for a system error code (`permission refusée`).
    static func describe(errno code: Int32) -> String {
        FileMessage.systemError(code, String(cString: strerror(code))).text
    }

    /// The catalog's words for an error code returned by `zip_open` (`pas une archive zip`).
    static func describe(libzipCode code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return FileMessage.libzipError(code, system: 0, String(cString: zip_error_strerror(&error))).text
    }

    /// The catalog's words for the last error on an archive or an open entry (with its system error).
    static func describe(_ error: UnsafeMutablePointer<zip_error_t>) -> String {
        let system = zip_error_system_type(error) == ZIP_ET_SYS ? zip_error_code_system(error) : 0
        return FileMessage.libzipError(zip_error_code_zip(error), system: system, String(cString: zip_error_strerror(error))).text
    }
}

/// Which archive entry names are safe to read and to write.
enum EntryName {
    /// Why `name` is unsafe (an absolute path, a `..` segment, a backslash, empty), or nil when it is fine.
    ///
    /// Such a name never occurs in a document written by Word or LibreOffice, and extracting
    /// it naively could write outside the intended folder ("zip slip"), so the whole archive is refused.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return FileMessage.nameEmpty.text }
        if name.hasPrefix("/") { return FileMessage.nameAbsolute.text }
        if name.contains("\\") { return FileMessage.nameBackslash.text }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2, scalars[1] == ":", isASCIILetter(scalars[0]) {
            return FileMessage.nameDriveLetter.text
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return FileMessage.nameDotDot.text
        }
        return nil
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

/// A file's identity on disk, so that two paths naming the same file (through a symbolic
/// or hard link, `./`, `..`) compare equal.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file `path` names (following symbolic links), or nil if there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

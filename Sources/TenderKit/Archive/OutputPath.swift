import Foundation

/// What an output path may name: checked before anything is written.
public enum OutputPath {
    /// The longest file name most file systems accept (NAME_MAX), in bytes.
    public static let maxNameBytes = 255

    /// Refuses a path that cannot name a file: empty, ending in `/`, holding a NUL character
    /// (which the system would silently cut the name at), or with a name too long for the
    /// file system. Status `.usage`: the command line (or the offer) names it wrongly.
    public static func check(_ path: String) throws {
        let location = SourceLocation(file: Quote.cut(path))
        if path.utf8.contains(0) {
            throw TenderError.error(FileMessage.nameNUL.text, at: location,
                                    hint: FileMessage.nameNULHint.text, status: .usage)
        }
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        if name.isEmpty || name == "." || name == ".." {
            throw TenderError.error(FileMessage.noFileName.text, at: SourceLocation(file: path.isEmpty ? "\"\"" : path),
                                    hint: FileMessage.noFileNameHint.text, status: .usage)
        }
        if name.utf8.count > maxNameBytes {
            throw TenderError.error(FileMessage.nameTooLong(name.utf8.count, max: maxNameBytes).text,
                                    at: location, hint: FileMessage.shorterName.text, status: .usage)
        }
    }

    /// Refuses to replace anything but a regular file: a symbolic link (which would be
    /// followed or replaced silently), a device, a FIFO or a socket.
    static func checkReplaceable(_ path: String, location: SourceLocation) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // absent: fine
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return
        case S_IFLNK:
            throw TenderError.error(
                FileMessage.symbolicLink.text, at: location,
                hint: FileMessage.symbolicLinkHint.text, status: .cannotCreate)
        default:
            throw TenderError.error(
                FileMessage.notRegular.text, at: location,
                hint: FileMessage.notRegularHint.text, status: .cannotCreate)
        }
    }
}

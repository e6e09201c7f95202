import Foundation

/// Checks made before a build writes anything, so that a missing tool or an unusable output
/// folder is reported at once instead of after every document was written.
enum Preflight {
    /// The external tools the build will need: LibreOffice and pdfinfo for PDFs, pdfunite to merge.
    static func tools(pdf: Bool, merge: Bool) throws {
        var errors: [Diagnostic] = []
        if pdf, !LibreOffice.isAvailable {
            errors.append(.error("LibreOffice (soffice) is not installed, so no PDF can be made",
                                 hint: LibreOffice.installHint, status: .unavailable))
        }
        for tool in (pdf ? ["pdfinfo"] : []) + (merge ? ["pdfunite"] : []) where ExternalTool.find(tool) == nil {
            errors.append(.error("\(tool) is not installed", hint: PDF.installHint, status: .unavailable))
        }
        if !errors.isEmpty { throw TenderError(errors) }
    }

    /// The output folder: absent (with a parent that can hold it) or a writable folder.
    static func outputFolder(_ path: String) throws {
        if path.isEmpty || path.utf8.contains(0) {
            throw TenderError.error("the output folder has no name, or a NUL character in it", at: SourceLocation(file: "\"\(Quote.cut(path))\""),
                                    hint: "name the folder with -o, e.g. -o build/offre", status: .usage)
        }
        let location = SourceLocation(file: path)
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 {
                throw TenderError.error("cannot write the build: the output folder is a broken symbolic link", at: location,
                                        hint: "remove the link, or choose another folder with -o", status: .cannotCreate)
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw TenderError.error("cannot write the build: the output is a file, not a folder", at: location,
                                        hint: "choose a folder with -o (it is created if missing)", status: .cannotCreate)
            }
            guard access(path, W_OK) == 0 else {
                throw TenderError.error("cannot write the build: the output folder is not writable (\(SystemError.describe(errno: errno)))",
                                        at: location, hint: "check the folder's permissions, or choose another one with -o",
                                        status: .cannotCreate)
            }
            return
        }
        // Absent: the nearest existing ancestor must be a writable folder.
        var ancestor = (path as NSString).deletingLastPathComponent
        while !ancestor.isEmpty, lstat(ancestor, &info) != 0 { ancestor = (ancestor as NSString).deletingLastPathComponent }
        let parent = ancestor.isEmpty ? "." : ancestor
        guard stat(parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw TenderError.error("cannot write the build: \(parent) is not a folder", at: location,
                                    hint: "choose another output folder with -o", status: .cannotCreate)
        }
        guard access(parent, W_OK) == 0 else {
            throw TenderError.error("cannot write the build: cannot create a folder in \(parent) (\(SystemError.describe(errno: errno)))",
                                    at: location, hint: "check the folder's permissions, or choose another one with -o",
                                    status: .cannotCreate)
        }
    }

    /// Creates the output folder, reporting a failure as a sentence with status 73.
    static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TenderError.error("cannot create the output folder (\(SystemError.describe(error)))", at: SourceLocation(file: path),
                                    hint: "check the path, the free disk space and the folder's permissions", status: .cannotCreate)
        }
    }
}

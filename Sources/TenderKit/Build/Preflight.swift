import Foundation

/// Checks made before a build writes anything, so that a missing tool or an unusable output
/// folder is reported at once instead of after every document was written.
enum Preflight {
    /// The external tools the build will need: LibreOffice and pdfinfo for PDFs, qpdf to merge.
    static func tools(pdf: Bool, merge: Bool) throws {
        var errors: [Diagnostic] = []
        if pdf, !LibreOffice.isAvailable {
            errors.append(.error(ToolMessage.sofficeMissing.text,
                                 hint: LibreOffice.installHint, status: .unavailable))
        }
        if pdf, ExternalTool.find("pdfinfo") == nil {
            errors.append(.error(ToolMessage.pdfinfoMissing.text, hint: PDF.installHint, status: .unavailable))
        }
        if merge, ExternalTool.find("qpdf") == nil {
            errors.append(.error(ToolMessage.qpdfMissingForJoin.text, hint: PDF.qpdfInstallHint, status: .unavailable))
        }
        if !errors.isEmpty { throw TenderError(errors) }
    }

    /// The output folder: absent (with a parent that can hold it) or a writable folder.
    static func outputFolder(_ path: String) throws {
        if path.isEmpty || path.utf8.contains(0) {
            throw TenderError.error(ToolMessage.outputNoName.text, at: SourceLocation(file: "\"\(Quote.cut(path))\""),
                                    hint: ToolMessage.outputNoNameHint.text, status: .usage)
        }
        let location = SourceLocation(file: path)
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 {
                throw TenderError.error(ToolMessage.brokenLink.text, at: location,
                                        hint: ToolMessage.brokenLinkHint.text, status: .cannotCreate)
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw TenderError.error(ToolMessage.outputIsFile.text, at: location,
                                        hint: ToolMessage.outputIsFileHint.text, status: .cannotCreate)
            }
            guard access(path, W_OK) == 0 else {
                throw TenderError.error(ToolMessage.outputNotWritable(SystemError.describe(errno: errno)).text,
                                        at: location, hint: ToolMessage.permissionsHint.text,
                                        status: .cannotCreate)
            }
            return
        }
        // Absent: the nearest existing ancestor must be a writable folder.
        var ancestor = (path as NSString).deletingLastPathComponent
        while !ancestor.isEmpty, lstat(ancestor, &info) != 0 { ancestor = (ancestor as NSString).deletingLastPathComponent }
        let parent = ancestor.isEmpty ? "." : ancestor
        guard stat(parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw TenderError.error(ToolMessage.parentNotFolder(parent).text, at: location,
                                    hint: ToolMessage.chooseAnotherFolder.text, status: .cannotCreate)
        }
        guard access(parent, W_OK) == 0 else {
            throw TenderError.error(ToolMessage.cannotCreateIn(parent, SystemError.describe(errno: errno)).text,
                                    at: location, hint: ToolMessage.permissionsHint.text,
                                    status: .cannotCreate)
        }
    }

    /// Creates the output folder, reporting a failure as a sentence with status 73.
    static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TenderError.error(ToolMessage.cannotCreateOutput(SystemError.describe(error)).text, at: SourceLocation(file: path),
                                    hint: ToolMessage.cannotCreateOutputHint.text, status: .cannotCreate)
        }
    }
}

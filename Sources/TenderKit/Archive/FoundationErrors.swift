import Foundation

extension SystemError {
    /// A thrown error's reason in words, without Foundation's domain and code.
    static func describe(_ error: Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(posix.code))
        }
        if let posix = error as? POSIXError { return describe(errno: posix.code.rawValue) }
        let ns = error as NSError
        switch ns.code {
        case NSFileWriteFileExistsError: return FileMessage.fileExists.text
        case NSFileWriteNoPermissionError: return FileMessage.permissionDenied.text
        case NSFileWriteVolumeReadOnlyError: return FileMessage.readOnly.text
        case NSFileWriteOutOfSpaceError: return FileMessage.noSpace.text
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return FileMessage.noSuchFileOrFolder.text
        case NSFileReadNoPermissionError: return FileMessage.permissionDenied.text
        default: return FileMessage.foundationText(ns.localizedFailureReason ?? ns.localizedDescription).text
        }
    }
}

extension TenderError {
    /// A Foundation or system error as a sentence with the right status: a file that cannot
    /// be written is 73, one that cannot be read 66; never Foundation's domain and code.
    public static func describing(_ error: Error) -> TenderError {
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let location = path.map { SourceLocation(file: Quote.cut($0)) }
        let reason = SystemError.describe(error)
        if ns.domain == NSCocoaErrorDomain, (NSFileWriteUnknownError...NSFileWriteVolumeReadOnlyError).contains(ns.code) {
            return .error(FileMessage.cannotWrite(reason).text, at: location,
                          hint: FileMessage.cannotWriteHint.text, status: .cannotCreate)
        }
        if ns.domain == NSCocoaErrorDomain, (NSFileNoSuchFileError...NSFileReadUnsupportedSchemeError).contains(ns.code) {
            return .error(FileMessage.cannotRead(reason).text, at: location, hint: FileMessage.cannotReadHint.text,
                          status: .missingInput)
        }
        return .error(FileMessage.internalError(reason).text, hint: FileMessage.reportBug.text, status: .software)
    }
}

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
        case NSFileWriteFileExistsError: return "a file of that name already exists"
        case NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
        case NSFileWriteOutOfSpaceError: return "no space left on the device"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
        case NSFileReadNoPermissionError: return "permission denied"
        default: return ns.localizedFailureReason ?? "\(ns.localizedDescription)"
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
            return .error("cannot write (\(reason))", at: location,
                          hint: "check the path, the free disk space and the folder's permissions", status: .cannotCreate)
        }
        if ns.domain == NSCocoaErrorDomain, (NSFileNoSuchFileError...NSFileReadUnsupportedSchemeError).contains(ns.code) {
            return .error("cannot read (\(reason))", at: location, hint: "check the path and the file's permissions",
                          status: .missingInput)
        }
        return .error("internal error: \(reason)", hint: "please report this bug, with the command that caused it", status: .software)
    }
}

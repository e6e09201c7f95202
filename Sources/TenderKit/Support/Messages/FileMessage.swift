import Foundation

/// The messages of archives, output files and the file system: French in
/// `FileMessage+French.swift`, English in `FileMessage+English.swift`.
enum FileMessage: MessageCatalog {
    // Entry names
    case nameEmpty, nameAbsolute, nameBackslash, nameDriveLetter, nameDotDot
    case bytes(Int), mebibytes(Int)
    // Writing an archive
    case overwritesTemplate(String), overwritesTemplateHint
    case cannotReplace([String], template: String), cannotAddNamed(String, String), cannotAddDuplicate(String)
    case partMissing(String), resaveInLibreOffice, partMissingHint
    case cannotAddToOutput(String, String)
    case internalError(String), reportBug
    // Writing a file
    case cannotReadSource(String), folderMissing(String), folderMissingHint
    case folderNotWritable(String, reason: String), folderNotWritableHint
    case outputIsFolder, outputIsFolderHint(String)
    case noTemporaryName(String), cannotWriteOutput(String), diskSpaceHint
    case fileExists, permissionDenied, readOnly, noSpace, noSuchFileOrFolder
    case cannotWrite(String), cannotWriteHint, cannotRead(String), cannotReadHint
    case nameNUL, nameNULHint, noFileName, noFileNameHint, nameTooLong(Int, max: Int), shorterName
    case symbolicLink, symbolicLinkHint, notRegular, notRegularHint
    case noTemporaryFolder(String, String), temporaryFolderHint
    // Reading an archive
    case partTooLarge(String, String), partTooLargeHint, partsTooLarge(String), partsTooLargeHint
    case sizeMismatch(Int, declared: UInt64)
    case noSuchFile, relativePathHint, folderNotDocument, folderNotDocumentHint(String)
    case notRegularFile, notRegularFileHint, oleFile, oleFileHint
    case cannotReadFile(String), cannotReadFileHint
    case missingEntries, duplicateEntries, duplicateEntriesHint, outOfMemory
    case notAnArchive(String), notAnArchiveHint, damaged(String), damagedHint
    case emptyArchive, tooManyEntries(Int, max: Int), tooManyEntriesHint
    case unsafeName(String, String), unsafeNameHint, partTwice, partEncrypted, partEncryptedHint
    // Documents
    case notADocument(formats: [String], signatures: [String]), saveTemplate([String])
    /// A system error (errno) or a libzip error code (with the system's code under it, or 0), in
    /// the catalog's words for the common codes; for the others, the library's own English words,
    /// quoted as such in French.
    case systemError(Int32, String), libzipError(Int32, system: Int32, String)
    /// Foundation's own (English) words for an error the catalog does not know.
    case foundationText(String)
    case savedFrom(application: String, extension: String)
    case mainPartMissing(String), resaveFromWord, contentMissing, resaveFromLibreOffice
    // XML parts
    case dtdDeclared, dtdRefused, resaveDocumentHint, malformedXML(String?), malformedXMLHint
    case noRootElement, noRootElementHint
    case tooManyElements(Int), tooManyAttributes(Int), boundsHint
}

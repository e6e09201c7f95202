import Foundation

/// The messages of builds and external tools (LibreOffice, poppler, qpdf, sha256sum): French in
/// `ToolMessage+French.swift`, English in `ToolMessage+English.swift`.
enum ToolMessage: MessageCatalog {
    // External tools
    case install(String, command: String)
    case sofficeMissing, pdfinfoMissing, notInstalled(String), qpdfMissingForJoin, qpdfMissingForAnnotations
    case cannotRun(String, String), cannotCreateTemporaryFile(String), temporaryFolderHint
    case conversionTimedOut(Int), conversionTimedOutHint
    case pdfsNoSpace(String), pdfsNoSpaceHint
    case cannotConvert([String], status: Int32, detail: String), cannotConvertHint
    case cannotReadPageCount(String), cannotReadText(String)
    case qpdfFailed(String), qpdfUnexpected(String), cannotReadWithQpdf(String, String)
    case mergedNoSpace(String), mergedNoSpaceHint
    case mergedIncomplete(written: Int?, total: Int), checkDiskSpaceAndBuild
    case noProfile(String), noProfileHint
    // Build
    case cannotReadFolder(String), sha256Missing, cannotReadFile(String), sha256Failed(String)
    case outputNoName, outputNoNameHint, brokenLink, brokenLinkHint, outputIsFile, outputIsFileHint
    case outputNotWritable(String), permissionsHint, parentNotFolder(String), chooseAnotherFolder
    case cannotCreateIn(String, String), cannotCreateOutput(String), cannotCreateOutputHint
    case cannotCreateFolder(String, String), isFileNotFolder(String), cannotReplace(String, String), cannotCreate(String, String)
    case injectedFailure(String)
    case noDocuments, noDocumentsHint, sameOutputName(String), sameOutputNameHint,
         /// Two outputs whose names differ only by extension or case: one PDF, or one file on a
         /// case-insensitive disk, for both.
         samePDFName(String, String, pdf: String)
    // Earlier versions (git)
    case notARevision(String), giveRevisionHint, gitMissing, notInRepository(folder: String, revision: String, path: String), gitSays(String)
    case unknownRevision(String, repository: String), unknownRevisionHint, notAtRevision(String, revision: String), notAtRevisionHint(String)
    case teamOutsideRepository(label: String, written: String, repository: String), teamOutsideRepositoryHint
    // Reading a call (tender init)
    case callMissing(String), callMissingHint, pdftotextMissing(String), installPoppler(String)
    case callUnreadable(String, kind: String), callUnreadableHint, unreadable
    // The compliance matrix (build)
    case matrixNoPage(section: String, pdf: String), matrixNoPageHint
    case matrixEmpty(String), matrixEmptyHint
    case matrixSourceNotBuilt(String, id: String, itselfAMatrix: Bool), matrixSourceHint
}

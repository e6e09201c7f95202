import CLibzip
import Foundation

/// Every `FileMessage` in English (`LANG=en*`).
extension FileMessage {
    var english: String {
        switch self {
        case .nameEmpty: return "it is empty"
        case .nameAbsolute: return "it is an absolute path"
        case .nameBackslash: return "it contains a backslash"
        case .nameDriveLetter: return "it starts with a drive letter"
        case .nameDotDot: return "it contains a \"..\" segment"
        case .bytes(let n): return "\(n) bytes"
        case .mebibytes(let n): return "\(n) MiB"
        case .overwritesTemplate(let path): return "the output would overwrite the template \(path)"
        case .overwritesTemplateHint: return "choose another output path; the template is never modified"
        case .cannotReplace(let names, let template): return "cannot replace \(names.joined(separator: ", ")): not in the template \(template)"
        case .cannotAddNamed(let name, let problem): return "cannot add an entry named \"\(name)\": \(problem)"
        case .cannotAddDuplicate(let name): return "cannot add \(name): the output already has an entry of that name"
        case .partMissing(let name): return "part \(name) is missing from the archive"
        case .resaveInLibreOffice: return "open the template in LibreOffice and save it again"
        case .partMissingHint: return "check that this is the right template, saved by Word or LibreOffice"
        case .cannotAddToOutput(let name, let reason): return "cannot add \(name) to the output: \(reason)"
        case .internalError(let m): return "internal error: \(m)"
        case .reportBug: return "please report this bug, with the command that caused it"
        case .cannotReadSource(let s): return "cannot read \(s)"
        case .folderMissing(let folder): return "cannot write the output: the folder \(folder) does not exist"
        case .folderMissingHint: return "create the folder first, or choose another output path"
        case .folderNotWritable(let folder, let reason): return "cannot write the output: the folder \(folder) is not writable (\(reason))"
        case .folderNotWritableHint: return "choose another output path, or check the folder's permissions"
        case .outputIsFolder: return "cannot write the output: this is a folder"
        case .outputIsFolderHint(let path): return "name the output file itself, e.g. \(path)/offer.docx"
        case .noTemporaryName(let folder): return "no free temporary file name in \(folder)"
        case .cannotWriteOutput(let reason): return "cannot write the output (\(reason))"
        case .diskSpaceHint: return "check the free disk space and the folder's permissions"
        case .fileExists: return "a file of that name already exists"
        case .permissionDenied: return "permission denied"
        case .readOnly: return "the file system is read-only"
        case .noSpace: return "no space left on the device"
        case .noSuchFileOrFolder: return "no such file or folder"
        case .cannotWrite(let reason): return "cannot write (\(reason))"
        case .cannotWriteHint: return "check the path, the free disk space and the folder's permissions"
        case .cannotRead(let reason): return "cannot read (\(reason))"
        case .cannotReadHint: return "check the path and the file's permissions"
        case .nameNUL: return "the output name contains a NUL character"
        case .nameNULHint: return "name the output without control characters"
        case .noFileName: return "the output has no file name"
        case .noFileNameHint: return "name the output file, e.g. offre.docx"
        case .nameTooLong(let n, let max): return "the output's file name is \(n) bytes long, more than the \(max) a file system accepts"
        case .shorterName: return "choose a shorter name"
        case .symbolicLink: return "cannot write the output: it is a symbolic link, which tender neither follows nor replaces"
        case .symbolicLinkHint: return "remove the link first, or name the file it points to"
        case .notRegular: return "cannot write the output: it is not a regular file (a device, a FIFO or a socket)"
        case .notRegularHint: return "choose an output path that is a regular file, or absent"
        case .noTemporaryFolder(let folder, let reason): return "cannot create a temporary folder in \(folder) (\(reason))"
        case .temporaryFolderHint: return "check the free disk space, or point TMPDIR at a writable folder"
        case .partTooLarge(let name, let bound): return "part \(name) inflates beyond \(bound) (possible zip bomb)"
        case .partTooLargeHint: return "real template parts are a few MiB at most; check where this file came from"
        case .partsTooLarge(let bound): return "the parts read from this archive inflate beyond \(bound) in total (possible zip bomb)"
        case .partsTooLargeHint: return "real templates are a few MiB at most; check where this file came from"
        case .sizeMismatch(let total, let declared): return "it inflates to \(total) bytes, but the archive declares \(declared)"
        case .noSuchFile: return "no such file"
        case .relativePathHint: return "check the path; a relative path starts from the current folder"
        case .folderNotDocument: return "this is a folder, not a DOCX, ODT, XLSX or ODS file"
        case .folderNotDocumentHint(let path): return "name the template file itself, e.g. \(path)/template.docx"
        case .notRegularFile: return "this is not a regular file"
        case .notRegularFileHint: return "save the template to a file and name that file"
        case .oleFile: return "this is a password-protected Word document or an old-format .doc (an OLE compound file), not a DOCX, ODT, XLSX or ODS file"
        case .oleFileHint: return "remove the password (File > Info > Protect) or save as .docx"
        case .cannotReadFile(let reason): return "cannot read the file (\(reason))"
        case .cannotReadFileHint: return "check the file's permissions and that it is not locked by another program"
        case .missingEntries: return "its directory describes entries that are not there"
        case .duplicateEntries: return "the archive holds two entries of the same name"
        case .duplicateEntriesHint: return "Word and LibreOffice never write this; open it in one of them and save it again, or check where it came from"
        case .outOfMemory: return "out of memory while opening the archive"
        case .notAnArchive(let detail): return "not a DOCX, ODT, XLSX or ODS file (not a zip archive, or truncated): \(detail)"
        case .notAnArchiveHint: return "open it in Word or LibreOffice and save it again as .docx or .odt; if it was downloaded or copied, fetch it again"
        case .damaged(let detail): return "the archive is damaged, this part cannot be read: \(detail)"
        case .damagedHint: return "open it in Word or LibreOffice and save it again; if it was downloaded or copied, fetch it again"
        case .emptyArchive: return "the archive is empty"
        case .tooManyEntries(let count, let max): return "the archive has \(count) entries, more than the limit of \(max)"
        case .tooManyEntriesHint: return "a DOCX, ODT, XLSX or ODS template has a few dozen parts; this file may be a zip bomb, or not a template"
        case .unsafeName(let name, let problem): return "unsafe entry name \"\(name)\" (\(problem)); refusing the whole archive"
        case .unsafeNameHint: return "Word and LibreOffice never write such names; re-save the document from one of them, or check where it came from"
        case .partTwice: return "the part appears twice in the archive"
        case .partEncrypted: return "the part is encrypted; tender cannot read password-protected archives"
        case .partEncryptedHint: return "save an unprotected copy of the template and use that"
        case .notADocument(let formats, let signatures):
            return "not a \(formats.listed(" or ")) document (a zip archive without \(signatures.listed(" or ")))"
        case .saveTemplate(let from): return "save the template " + from.listed(" or ")
        // The catalog's words for the common codes; the system's and libzip's own English for the others.
        case .systemError(let code, let text): return Self.englishSystem(code) ?? text
        case .foundationText(let text): return text
        case .libzipError(let code, let system, let text):
            guard let words = Self.englishLibzip(code) else { return text }
            return words + (system != 0 ? " (" + FileMessage.systemError(system, String(cString: strerror(system))).english + ")" : "")
        case .savedFrom(let application, let ext): return "from \(application) as .\(ext)"
        case .mainPartMissing(let main): return "the main document part \(main) is missing"
        case .resaveFromWord: return "the file is damaged; re-save it from Word"
        case .contentMissing: return "part content.xml, the document's text, is missing"
        case .resaveFromLibreOffice: return "the file is damaged; re-save it from LibreOffice"
        case .dtdDeclared: return "the part declares a DTD (<!DOCTYPE>), which a DOCX, ODT, XLSX or ODS part never needs; it is refused so that no external or recursive entity can be loaded"
        case .dtdRefused: return "the part declares a DTD, which is refused"
        case .resaveDocumentHint: return "re-save the document from Word or LibreOffice"
        case .malformedXML(let detail): return "malformed XML" + (detail.map { ": \($0)" } ?? "")
        case .malformedXMLHint: return "the part is damaged; re-save the document from Word or LibreOffice"
        case .noRootElement: return "the part has no root element"
        case .noRootElementHint: return "the file is damaged; re-save it"
        case .tooManyElements(let n): return "the part holds more than \(n) elements"
        case .tooManyAttributes(let n): return "an element has more than \(n) attributes"
        case .boundsHint: return "real documents stay far below this; this file may be built to exhaust memory or time, check where it came from"
        }
    }
}

extension FileMessage {
    /// The system's common error codes (errno) in the catalog's English words.
    static func englishSystem(_ code: Int32) -> String? {
        switch code {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on the disk"
        case EROFS: return "the file system is read-only"
        case EEXIST: return "a file of that name already exists"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case ENAMETOOLONG: return "file name too long"
        case EMFILE, ENFILE: return "too many open files"
        case EIO: return "disk input/output error"
        case EDQUOT: return "disk quota exceeded"
        case EXDEV: return "cannot move from one file system to another"
        case ENOTEMPTY: return "the folder is not empty"
        case EBUSY: return "file or folder busy"
        case ELOOP: return "too many symbolic links"
        default: return nil
        }
    }

    /// libzip's common error codes in the catalog's English words.
    static func englishLibzip(_ code: Int32) -> String? {
        switch code {
        case ZIP_ER_NOZIP: return "not a zip archive"
        case ZIP_ER_CRC: return "CRC error"
        case ZIP_ER_INCONS: return "inconsistent zip archive"
        case ZIP_ER_READ: return "read error"
        case ZIP_ER_WRITE: return "write error"
        case ZIP_ER_SEEK, ZIP_ER_TELL: return "seek error"
        case ZIP_ER_EOF: return "premature end of file"
        case ZIP_ER_OPEN: return "cannot open the file"
        case ZIP_ER_TMPOPEN: return "cannot create the temporary file"
        case ZIP_ER_RENAME: return "cannot rename the temporary file"
        case ZIP_ER_CLOSE: return "cannot close the archive"
        case ZIP_ER_REMOVE: return "cannot remove the file"
        case ZIP_ER_NOENT: return "no such entry in the archive"
        case ZIP_ER_EXISTS: return "the file already exists"
        case ZIP_ER_MEMORY: return "out of memory"
        case ZIP_ER_ZLIB, ZIP_ER_COMPRESSED_DATA: return "invalid compressed data"
        case ZIP_ER_COMPNOTSUPP: return "compression method not supported"
        case ZIP_ER_ENCRNOTSUPP: return "encryption method not supported"
        case ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD: return "password-protected archive"
        case ZIP_ER_MULTIDISK: return "multi-volume archives are not supported"
        case ZIP_ER_RDONLY: return "read-only archive"
        default: return nil
        }
    }
}

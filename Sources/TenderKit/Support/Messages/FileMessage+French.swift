import CLibzip
import Foundation

/// Every `FileMessage` in French, with French typography (« », a space before « : », « ; »).
extension FileMessage {
    var french: String {
        switch self {
        case .nameEmpty: return "il est vide"
        case .nameAbsolute: return "c’est un chemin absolu"
        case .nameBackslash: return "il contient une barre oblique inverse"
        case .nameDriveLetter: return "il commence par une lettre de lecteur"
        case .nameDotDot: return "il contient un segment « .. »"
        case .bytes(let n): return "\(n) octets"
        case .mebibytes(let n): return "\(n) Mio"
        case .overwritesTemplate(let path): return "le fichier produit écraserait le modèle \(path)"
        case .overwritesTemplateHint: return "choisir un autre chemin de sortie ; le modèle n’est jamais modifié"
        case .cannotReplace(let names, let template): return "impossible de remplacer \(names.joined(separator: ", ")) : absent du modèle \(template)"
        case .cannotAddNamed(let name, let problem): return "impossible d’ajouter une entrée nommée « \(name) » : \(problem)"
        case .cannotAddDuplicate(let name): return "impossible d’ajouter \(name) : le fichier produit a déjà une entrée de ce nom"
        case .partMissing(let name): return "la partie \(name) manque dans l’archive"
        case .resaveInLibreOffice: return "ouvrir le modèle dans LibreOffice et l’enregistrer de nouveau"
        case .partMissingHint: return "vérifier que c’est le bon modèle, enregistré par Word ou LibreOffice"
        case .cannotAddToOutput(let name, let reason): return "impossible d’ajouter \(name) au fichier produit : \(reason)"
        case .internalError(let m): return "erreur interne : \(m)"
        case .reportBug: return "merci de signaler ce défaut, avec la commande qui l’a provoqué"
        case .cannotReadSource(let s): return "impossible de lire \(s)"
        case .folderMissing(let folder): return "impossible d’écrire le fichier : le dossier \(folder) n’existe pas"
        case .folderMissingHint: return "créer d’abord le dossier, ou choisir un autre chemin de sortie"
        case .folderNotWritable(let folder, let reason): return "impossible d’écrire le fichier : le dossier \(folder) n’est pas accessible en écriture (\(reason))"
        case .folderNotWritableHint: return "choisir un autre chemin de sortie, ou vérifier les droits du dossier"
        case .outputIsFolder: return "impossible d’écrire le fichier : c’est un dossier"
        case .outputIsFolderHint(let path): return "nommer le fichier lui-même, par exemple \(path)/offre.docx"
        case .noTemporaryName(let folder): return "aucun nom de fichier temporaire libre dans \(folder)"
        case .cannotWriteOutput(let reason): return "impossible d’écrire le fichier (\(reason))"
        case .diskSpaceHint: return "vérifier l’espace disque libre et les droits du dossier"
        case .fileExists: return "un fichier de ce nom existe déjà"
        case .permissionDenied: return "permission refusée"
        case .readOnly: return "le système de fichiers est en lecture seule"
        case .noSpace: return "plus de place sur le disque"
        case .noSuchFileOrFolder: return "fichier ou dossier introuvable"
        case .cannotWrite(let reason): return "impossible d’écrire (\(reason))"
        case .cannotWriteHint: return "vérifier le chemin, l’espace disque libre et les droits du dossier"
        case .cannotRead(let reason): return "impossible de lire (\(reason))"
        case .cannotReadHint: return "vérifier le chemin et les droits du fichier"
        case .nameNUL: return "le nom du fichier produit contient un caractère NUL"
        case .nameNULHint: return "nommer le fichier sans caractère de contrôle"
        case .noFileName: return "le fichier produit n’a pas de nom"
        case .noFileNameHint: return "nommer le fichier produit, par exemple offre.docx"
        case .nameTooLong(let n, let max): return "le nom du fichier produit fait \(n) octets, plus que les \(max) qu’accepte un système de fichiers"
        case .shorterName: return "choisir un nom plus court"
        case .symbolicLink: return "impossible d’écrire le fichier : c’est un lien symbolique, que tender ne suit ni ne remplace"
        case .symbolicLinkHint: return "supprimer d’abord le lien, ou nommer le fichier vers lequel il pointe"
        case .notRegular: return "impossible d’écrire le fichier : ce n’est pas un fichier ordinaire (un périphérique, un tube ou une socket)"
        case .notRegularHint: return "choisir un chemin de sortie qui soit un fichier ordinaire, ou qui n’existe pas"
        case .noTemporaryFolder(let folder, let reason): return "impossible de créer un dossier temporaire dans \(folder) (\(reason))"
        case .temporaryFolderHint: return "vérifier l’espace disque libre, ou faire pointer TMPDIR vers un dossier accessible en écriture"
        case .partTooLarge(let name, let bound): return "la partie \(name) dépasse \(bound) une fois décompressée (bombe zip possible)"
        case .partTooLargeHint: return "les parties d’un vrai modèle font au plus quelques Mio ; vérifier la provenance de ce fichier"
        case .partsTooLarge(let bound): return "les parties lues dans cette archive dépassent \(bound) au total une fois décompressées (bombe zip possible)"
        case .partsTooLargeHint: return "un vrai modèle fait au plus quelques Mio ; vérifier la provenance de ce fichier"
        case .sizeMismatch(let total, let declared): return "elle se décompresse en \(total) octets, mais l’archive en annonce \(declared)"
        case .noSuchFile: return "fichier introuvable"
        case .relativePathHint: return "vérifier le chemin ; un chemin relatif part du dossier courant"
        case .folderNotDocument: return "c’est un dossier, pas un fichier DOCX, ODT, XLSX ou ODS"
        case .folderNotDocumentHint(let path): return "nommer le fichier modèle lui-même, par exemple \(path)/modele.docx"
        case .notRegularFile: return "ce n’est pas un fichier ordinaire"
        case .notRegularFileHint: return "enregistrer le modèle dans un fichier et nommer ce fichier"
        case .oleFile: return "c’est un document Word protégé par mot de passe ou un ancien .doc (fichier composé OLE), pas un fichier DOCX, ODT, XLSX ou ODS"
        case .oleFileHint: return "retirer le mot de passe (Fichier > Informations > Protéger le document) ou l’enregistrer en .docx"
        case .cannotReadFile(let reason): return "impossible de lire le fichier (\(reason))"
        case .cannotReadFileHint: return "vérifier les droits du fichier et qu’aucun autre programme ne le verrouille"
        case .missingEntries: return "son répertoire décrit des entrées absentes"
        case .duplicateEntries: return "l’archive contient deux entrées du même nom"
        case .duplicateEntriesHint: return "Word et LibreOffice n’écrivent jamais cela ; l’ouvrir dans l’un d’eux et l’enregistrer de nouveau, ou vérifier sa provenance"
        case .outOfMemory: return "mémoire insuffisante à l’ouverture de l’archive"
        case .notAnArchive(let detail): return "ce n’est pas un fichier DOCX, ODT, XLSX ou ODS (pas une archive zip, ou tronquée) : \(detail)"
        case .notAnArchiveHint: return "l’ouvrir dans Word ou LibreOffice et l’enregistrer de nouveau en .docx ou .odt ; s’il a été téléchargé ou copié, le récupérer de nouveau"
        case .damaged(let detail): return "l’archive est abîmée, cette partie est illisible : \(detail)"
        case .damagedHint: return "l’ouvrir dans Word ou LibreOffice et l’enregistrer de nouveau ; s’il a été téléchargé ou copié, le récupérer de nouveau"
        case .emptyArchive: return "l’archive est vide"
        case .tooManyEntries(let count, let max): return "l’archive a \(count) entrées, plus que la limite de \(max)"
        case .tooManyEntriesHint: return "un modèle DOCX, ODT, XLSX ou ODS a quelques dizaines de parties ; ce fichier est peut-être une bombe zip, ou pas un modèle"
        case .unsafeName(let name, let problem): return "nom d’entrée dangereux « \(name) » (\(problem)) ; toute l’archive est refusée"
        case .unsafeNameHint: return "Word et LibreOffice n’écrivent jamais de tels noms ; enregistrer de nouveau le document depuis l’un d’eux, ou vérifier sa provenance"
        case .partTwice: return "la partie figure deux fois dans l’archive"
        case .partEncrypted: return "la partie est chiffrée ; tender ne lit pas les archives protégées par mot de passe"
        case .partEncryptedHint: return "enregistrer une copie non protégée du modèle et utiliser celle-ci"
        case .notADocument(let formats, let signatures):
            return "ce n’est pas un document \(formats.listed(" ou ")) (une archive zip sans \(signatures.listed(" ni ")))"
        case .saveTemplate(let from): return "enregistrer le modèle " + from.listed(" ou ")
        case .systemError(let code, let text):
            return Self.frenchSystem(code) ?? "erreur système \(code) (texte du système, en anglais : « \(text) »)"
        case .foundationText(let text): return "texte de Foundation, en anglais : « \(text) »"
        case .libzipError(let code, let system, let text):
            guard let words = Self.frenchLibzip(code) else { return "erreur libzip \(code) (texte de libzip, en anglais : « \(text) »)" }
            return words + (system != 0 ? " (" + FileMessage.systemError(system, String(cString: strerror(system))).french + ")" : "")
        case .savedFrom(let application, let ext): return "depuis \(application) en .\(ext)"
        case .mainPartMissing(let main): return "la partie principale du document, \(main), manque"
        case .resaveFromWord: return "le fichier est abîmé ; l’enregistrer de nouveau depuis Word"
        case .contentMissing: return "la partie content.xml, le texte du document, manque"
        case .resaveFromLibreOffice: return "le fichier est abîmé ; l’enregistrer de nouveau depuis LibreOffice"
        case .dtdDeclared: return "la partie déclare une DTD (<!DOCTYPE>), dont une partie DOCX, ODT, XLSX ou ODS n’a jamais besoin ; elle est refusée pour qu’aucune entité externe ou récursive ne soit chargée"
        case .dtdRefused: return "la partie déclare une DTD, ce qui est refusé"
        case .resaveDocumentHint: return "enregistrer de nouveau le document depuis Word ou LibreOffice"
        case .malformedXML(let detail): return "XML mal formé" + (detail.map { " : \($0)" } ?? "")
        case .malformedXMLHint: return "la partie est abîmée ; enregistrer de nouveau le document depuis Word ou LibreOffice"
        case .noRootElement: return "la partie n’a pas d’élément racine"
        case .noRootElementHint: return "le fichier est abîmé ; l’enregistrer de nouveau"
        case .tooManyElements(let n): return "la partie contient plus de \(n) éléments"
        case .tooManyAttributes(let n): return "un élément a plus de \(n) attributs"
        case .boundsHint: return "un vrai document reste loin en dessous ; ce fichier est peut-être fait pour épuiser la mémoire ou le temps, vérifier sa provenance"
        }
    }
}

extension FileMessage {
    /// The system's common error codes (errno) in French words.
    static func frenchSystem(_ code: Int32) -> String? {
        switch code {
        case ENOENT: return "fichier ou dossier introuvable"
        case EACCES, EPERM: return "permission refusée"
        case ENOSPC: return "plus de place sur le disque"
        case EROFS: return "le système de fichiers est en lecture seule"
        case EEXIST: return "un fichier de ce nom existe déjà"
        case ENOTDIR: return "une partie du chemin n’est pas un dossier"
        case EISDIR: return "c’est un dossier"
        case ENAMETOOLONG: return "nom de fichier trop long"
        case EMFILE, ENFILE: return "trop de fichiers ouverts"
        case EIO: return "erreur d’entrée-sortie du disque"
        case EDQUOT: return "quota de disque dépassé"
        case EXDEV: return "déplacement impossible d’un système de fichiers à un autre"
        case ENOTEMPTY: return "le dossier n’est pas vide"
        case EBUSY: return "fichier ou dossier occupé"
        case ELOOP: return "trop de liens symboliques"
        default: return nil
        }
    }

    /// libzip's common error codes in French words.
    static func frenchLibzip(_ code: Int32) -> String? {
        switch code {
        case ZIP_ER_NOZIP: return "pas une archive zip"
        case ZIP_ER_CRC: return "erreur de CRC"
        case ZIP_ER_INCONS: return "archive zip incohérente"
        case ZIP_ER_READ: return "erreur de lecture"
        case ZIP_ER_WRITE: return "erreur d’écriture"
        case ZIP_ER_SEEK, ZIP_ER_TELL: return "erreur de positionnement dans le fichier"
        case ZIP_ER_EOF: return "fin de fichier prématurée"
        case ZIP_ER_OPEN: return "ouverture du fichier impossible"
        case ZIP_ER_TMPOPEN: return "création du fichier temporaire impossible"
        case ZIP_ER_RENAME: return "renommage du fichier temporaire impossible"
        case ZIP_ER_CLOSE: return "fermeture de l’archive impossible"
        case ZIP_ER_REMOVE: return "suppression du fichier impossible"
        case ZIP_ER_NOENT: return "entrée introuvable dans l’archive"
        case ZIP_ER_EXISTS: return "le fichier existe déjà"
        case ZIP_ER_MEMORY: return "mémoire insuffisante"
        case ZIP_ER_ZLIB, ZIP_ER_COMPRESSED_DATA: return "données compressées invalides"
        case ZIP_ER_COMPNOTSUPP: return "méthode de compression non prise en charge"
        case ZIP_ER_ENCRNOTSUPP: return "méthode de chiffrement non prise en charge"
        case ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD: return "archive protégée par un mot de passe"
        case ZIP_ER_MULTIDISK: return "archive en plusieurs volumes non prise en charge"
        case ZIP_ER_RDONLY: return "archive en lecture seule"
        default: return nil
        }
    }
}

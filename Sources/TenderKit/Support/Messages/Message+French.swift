import Foundation

/// Every `Message` in French, with French typography (a space before « : », « ; »).
extension Message {
    public var french: String {
        let fr = Language.french
        switch self {
        case .severity(let s):
            switch s {
            case .error: return "erreur"
            case .warning: return "attention"
            case .note: return "note"
            }
        case .hint: return "correction"
        case .unexpected(let detail): return "erreur inattendue : \(detail)"
        case .documentsWritten(let n, let folder):
            return "\(fr.count(n, "document")) \(n > 1 ? "écrits" : "écrit") dans \(folder)"
        case .convertingToPDF(let n):
            return n == 1 ? "conversion du document en PDF avec LibreOffice…" : "conversion des \(n) documents en PDF avec LibreOffice…"
        case .pages(let n): return fr.count(n, "page")
        case .totalPages(let n): return "\(fr.count(n, "page")) au total"
        case .totalsLine(let label, let net, let exempt, let vat, let ttc, let exemption):
            let name: String
            switch label {
            case .fixed: name = "Tranches fermes"
            case .optional: name = "Tranches optionnelles"
            case .total: name = "Total"
            }
            let amounts = vat.map { ", TVA \($0), \(ttc) TTC" } ?? " (\(exemption))"
            return "\(name) : \(net) net" + (exempt ? "" : " HT") + amounts
        case .checkLine(let summary, let command): return "vérification : \(summary) (détail : \(command))"
        case .checkNotRun(let reason, let command): return "vérification : non faite (\(reason)) ; lancer \(command)"
        case .draftCheckLine(let summary, let comments):
            return "vérification : \(summary) ; \(fr.count(comments, "commentaire")) dans les projets"
        case .reviewFile(let path): return "\(path)  (synthèse pour la revue)"
        case .draftOverFinal(let folder, let draftFolder):
            return "\(folder) contient une version définitive : un projet n’y est jamais écrit (sans -o, les projets vont dans \(draftFolder))"
        case .errorsAndWarnings(let e, let w): return "\(fr.count(e, "erreur")), \(fr.count(w, "avertissement"))"
        case .tags(let n): return fr.count(n, "balise")
        case .errors(let n): return fr.count(n, "erreur")
        case .noErrors: return "aucune erreur"
        case .undefinedName(let name): return "nom non défini « \(name) »"
        case .didYouMean(let name): return "vouliez-vous dire « \(name) » ?"
        case .noneListed(let noun): return "la liste des \(noun) est vide"
        case .listed(let noun, let items): return "\(noun) : \(items)"
        case .unknownCommand(let name, let commands): return "erreur : commande inconnue « \(name) »\n  correction : les commandes sont " + commands.joined(separator: ", ")
        case .notInTeam(let person): return "« \(person) » n’est pas dans l’équipe de l’offre"
        case .theTeam(let ids): return "l’équipe : " + ids.joined(separator: ", ")
        case .offerExists(let file): return "\(file) existe déjà : tender init ne remplace pas une offre"
        case .offerExistsHint: return "choisir un autre dossier (-o offers/<nom>), ou supprimer l’offre existante"
        case .initWritten(let file, let read, let todo): return "\(file) écrit : \(read) valeurs lues dans la consultation, \(todo) à compléter ou confirmer (TODO)"
        case .perRender(let seconds): return "\(seconds) s par rendu"
        case .outputMisnamed(let output, let ext, let format, let own):
            return "le fichier produit « \(output) » est nommé .\(ext.isEmpty ? "(rien)" : ext), mais le modèle est un document \(format)"
                + (own.map { " (quoi que dise son nom en .\($0) : tender lit son contenu)" } ?? "")
        case .outputMisnamedHint(let ext, let rename): return "nommer le fichier produit en .\(ext)" + (rename ? ", et renommer le modèle en .\(ext)" : "")
        case .outputOtherFormat(let output, let o, let t): return "le fichier produit « \(output) » est en .\(o) mais le modèle est en .\(t)"
        case .outputOtherFormatHint(let ft): return "un modèle produit un document de son propre format ; nommer le fichier produit en .\(ft)"
        case .workingCopy(let path): return path + " (copie de travail)"
        case .sinceWithDraft: return "--since va avec --draft"
        case .positiveTimeout: return "--timeout doit être un nombre de secondes positif"
        case .revOneOffer: return "avec --rev, donner une seule offre : tender diff --rev REV OFFRE"
        case .twoOffers: return "donner deux offres, tender diff ANCIENNE NOUVELLE, ou une seule avec --rev REV"
        case .schemaKind(let kinds): return "le type de fichier doit être l’un de : " + kinds.joined(separator: ", ")
        case .notFillable(let kind):
            let what: String
            switch kind {
            case .xlsx: what = "un classeur Excel (XLSX)"
            case .pptx: what = "une présentation PowerPoint (PPTX)"
            case .ods: what = "un classeur OpenDocument (ODS)"
            case .odp: what = "une présentation OpenDocument (ODP)"
            case .odg: what = "un dessin OpenDocument (ODG)"
            case .rtf: what = "un document RTF"
            case .officeOpenXML(let type): what = "un paquet Office Open XML de type « \(type) »"
            case .openDocument(let type): what = "un fichier OpenDocument de type « \(type) »"
            }
            return "ce fichier est \(what) : tender ne remplit que des documents DOCX et ODT et des classeurs XLSX et ODS"
        case .notFillableHint:
            return "utiliser un modèle Word (.docx) ou Writer (.odt), un classeur Excel (.xlsx) ou Calc (.ods), ou l’enregistrer dans l’un de ces formats"
        }
    }
}

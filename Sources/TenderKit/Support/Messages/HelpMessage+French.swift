import Foundation

/// Every `HelpMessage` in French, with French typography (a space before « : », « ; »).
extension HelpMessage {
    /// The spaces French puts before « : », « ; », « ? » and inside « » are no-break spaces
    /// here: ArgumentParser wraps the help at spaces and would start a line with a colon.
    ///
    /// ArgumentParser asks for every help text several times to parse one command line: each
    /// is made once, then kept.
    public var french: String {
        Self.made.lock.lock()
        defer { Self.made.lock.unlock() }
        if let text = Self.made.texts[self] { return text }
        let text = Self.withNoBreakSpaces(frenchText)
        Self.made.texts[self] = text
        return text
    }

    /// The French texts made so far, under their lock.
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var texts: [HelpMessage: String] = [:]
    }
    private static let made = Made()

    /// `text` with the space before « : », « ; », « ? », « » » and after « « » made no-break, in one
    /// pass over its UTF-8. Every help text is built at each start (ArgumentParser reads them
    /// all, many times, to parse): Foundation's `replacingOccurrences`, five times per text,
    /// searched through ICU and took two thirds of a small command's time.
    static func withNoBreakSpaces(_ text: String) -> String {
        let noBreak: [UInt8] = [0xC2, 0xA0], opening: [UInt8] = [0xC2, 0xAB], closing: [UInt8] = [0xC2, 0xBB]
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 8)
        for (i, byte) in bytes.enumerated() {
            if byte == 0x20, result.last == opening[1], result.dropLast().last == opening[0] {
                result.append(contentsOf: noBreak)
                continue
            }
            let punctuation = byte == UInt8(ascii: ":") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "?")
                || (byte == closing[0] && i + 1 < bytes.count && bytes[i + 1] == closing[1])
            if punctuation, result.last == 0x20 {
                result.removeLast()
                result.append(contentsOf: noBreak)
            }
            result.append(byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private var frenchText: String {
        switch self {
        case .abstract(let command):
            switch command {
            case .tender: return "Assembler des réponses aux marchés publics à partir d’offres structurées et de modèles DOCX, ODT, XLSX ou ODS."
            case .`init`: return "Commencer une offre à partir de l’appel lui-même : lire ses pièces et écrire le bloc tender d’offer.yaml."
            case .build: return "Produire chaque document d’une offre (un CV par membre de l’équipe), et au besoin leurs PDF et un PDF unique."
            case .check: return "Vérifier une offre selon les règles de son appel avant de la déposer."
            case .render: return "Remplir un modèle DOCX, ODT, XLSX ou ODS avec des données JSON ou YAML."
            case .lint: return "Vérifier un modèle : lister ses balises et toutes ses erreurs d’un coup, sans rien écrire."
            case .price: return "Afficher le détail du prix d’une offre : tranches, totaux, intervenants, profils, mécénat."
            case .diff: return "Montrer ce qui a changé entre deux versions d’une offre : montants, jours, équipe, calendrier, données de l’appel."
            case .context: return "Afficher en JSON le contexte d’une offre pour les modèles : chaque nom et chaque valeur qu’un modèle peut utiliser."
            case .schema: return "Afficher le schéma JSON des fichiers d’offre, d’équipe ou du candidat, pour les éditeurs (yaml-language-server)."
            case .library: return "Lister les blocs de la bibliothèque de réponses (offers/library/*.md), avec leur date de relecture et les offres qui les citent."
            }
        case .discussion(let command):
            switch command {
            case .tender:
                return "Les messages sont en français, ou en anglais quand LANG (ou LC_ALL, LC_MESSAGES) commence par en. Les documents restent en français ; les clés JSON et les colonnes CSV sont les mêmes dans les deux langues."
            case .`init`:
                return """
                Lit les pièces de l’appel (texte, PDF avec pdftotext, DOCX, ODT ; plusieurs à la fois, par exemple RC et CCTP) \
                et remplit `tender:` : acheteur, titre, référence, date limite et règles (budget, duration, pages, cv_pages, \
                references, sections, meetings), chaque valeur après un commentaire qui cite sa phrase et sa place. Les valeurs \
                incertaines sont en commentaire avec leurs lectures ; ce qui manque est un TODO que `tender check` signale. \
                Candidat, équipe et tranches sont un squelette (le candidat renvoie à bidder.yaml à côté du dossier de l’offre, s’il existe).
                Statut de sortie : 0 écrit, 64 option erronée, 65 une pièce illisible, 66 une pièce absente, \
                69 pdftotext absent pour un PDF, 73 l’offre existe déjà (init n’en remplace jamais une).
                """
            case .build:
                return "Écrit dans un dossier neuf mis en place à la fin (rien d’une production précédente ne subsiste ; une production en échec laisse la précédente), avec manifest.json. Les projets vont dans build/<offre>-projet/. Finit par une ligne qui compte les erreurs et avertissements de `tender check` sur les documents écrits. Statut de sortie : 0 produit (quoi que trouve la vérification), 65 offre ou modèle invalide, 66 entrée absente, 69 LibreOffice ou poppler absent, 73 écriture impossible."
            case .check:
                return """
                Produit les documents de l’offre dans un dossier temporaire (ou prend ceux de --documents), les convertit \
                en PDF en un seul appel à LibreOffice, et évalue les règles de `tender.rules` (budget, duration, pages, \
                cv_pages, references, sections, meetings) et les contrôles généraux (date limite, équipe et CV, mécénat, \
                restes de modèle, totaux imprimés). Les rapports JSON et JUnit gardent les mêmes clés dans toutes les langues.
                Statut de sortie : 0 aucune erreur (avertissements permis), 1 une règle en échec (sans LibreOffice, les \
                règles de pages échouent), 64 option erronée, 65 offre ou modèle invalide, 66 entrée absente.
                """
            case .render: return "Statut de sortie : 0 écrit, 64 utilisation erronée, 65 modèle ou données invalides, 66 entrée absente, 73 écriture impossible."
            case .lint:
                return "Trouve les erreurs de syntaxe (toutes, partie par partie), les filtres inconnus, les arguments qu’un filtre refuse et, avec --data, les noms que les données ne fournissent pas (avec le nom le plus proche qu’elles fournissent). Statut de sortie : 0 sans erreur, 65 erreurs dans le modèle (ou noms absents de --data), 66 entrée absente."
            case .price:
                return "Les tableaux texte sont dans la langue de l’exécution ; les clés JSON et les colonnes CSV sont une interface pour les programmes, les mêmes dans toutes les langues."
            case .diff:
                return """
                tender diff ANCIENNE NOUVELLE compare deux offres (fichiers ou dossiers) ; tender diff --rev RÉVISION OFFRE \
                compare l’offre telle qu’elle était à une révision git avec la copie de travail. Les clés JSON sont les mêmes dans toutes les langues.
                Statut de sortie : 0 (même quand elles diffèrent, sauf avec --exit-code : alors 1), 64 utilisation erronée, \
                65 offre invalide ou révision inconnue, 66 fichier absent, hors d’un dépôt git ou offre absente à cette révision.
                """
            case .context:
                return """
                Utile pour écrire un modèle, ou pour en vérifier un avec une offre :
                  tender context offers/cuf-dcol --person nadia-ferhat -o ctx.json
                  tender lint templates/cv.docx --data ctx.json
                """
            case .schema:
                return """
                L’enregistrer et y renvoyer les fichiers YAML, par exemple en première ligne d’offer.yaml :
                  # yaml-language-server: $schema=../schema/offer.schema.json
                """
            case .library: return ""
            }
        case .offerArgument: return "Le fichier de l’offre (offers/<nom>/offer.yaml) ou son dossier."
        case .writeTo: return "Écrire dans ce fichier plutôt que sur la sortie standard."
        case .timeout: return "Secondes laissées à LibreOffice avant de l’arrêter."
        case .templateArgument: return "Le modèle (.docx ou .odt)."
        case .buildOutput: return "Le dossier où écrire (par défaut : build/<offre>/, ou build/<offre>-projet/ avec --draft)."
        case .buildPDF: return "Convertir aussi chaque document en PDF (un seul appel à LibreOffice)."
        case .buildMerge: return "Réunir aussi les PDF en un seul fichier de dépôt, dans l’ordre où l’offre les liste."
        case .buildDraft: return "Écrire des projets pour relecture : « PROJET — <date> » dans chaque en-tête, les constats de la vérification en commentaires."
        case .buildSince: return "Avec --draft : comparer dans review.md avec cette révision git de l’offre (la dernière version approuvée)."
        case .buildToday:
            return "La date que les modèles voient comme `today` (par défaut : aujourd’hui à Paris) ; avec --pdf, aussi le jour auquel la vérification compare la date limite."
        case .checkAsOf:
            return "Le moment auquel comparer la date limite : 2021-11-05, 2021-11-05T12:00 ou 2021-11-05T12:00+01:00 (heure de Paris sauf décalage donné ; par défaut : maintenant)."
        case .checkFormat: return "text (groupé par gravité), json (un objet par constat) ou junit (un cas de test par règle)."
        case .checkNoRender: return "Ne pas convertir en PDF : les règles de pages sont sautées (et signalées comme telles)."
        case .checkDocuments:
            return "Vérifier les documents que `tender build` a écrits dans ce dossier (et leurs PDF s’ils sont à jour) au lieu de les produire, et le dossier selon son manifest.json : aucun fichier en plus, aucun modifié, tous issus de l’offre actuelle, ni marque de projet ni commentaire."
        case .checkOutput: return "Écrire le rapport dans ce fichier plutôt que sur la sortie standard."
        case .contextPerson: return "L’identifiant d’un membre de l’équipe : le contexte de son document individuel (`person`)."
        case .contextToday: return "La date que les modèles voient comme `today` (par défaut : aujourd’hui à Paris)."
        case .diffOffers: return "ANCIENNE et NOUVELLE (fichiers ou dossiers d’offre) ; avec --rev, seulement l’offre de la copie de travail."
        case .diffRev: return "Comparer la copie de travail de l’offre avec cette révision git (HEAD, HEAD~1, une branche ou une étiquette)."
        case .diffFormat: return "text (tableaux dans la langue de l’exécution) ou json (nombres en chaînes à deux décimales, mêmes clés dans toutes les langues)."
        case .diffExitCode: return "Sortir avec le statut 1 quand les versions diffèrent, comme git diff --exit-code."
        case .initCalls: return "Les pièces de l’appel (.txt, .md, .pdf, .docx, .odt)."
        case .initOutput: return "Le dossier (offers/<nom>) ou le fichier de la nouvelle offre ; par défaut : afficher l’offre."
        case .initFormat: return "yaml (l’offre) ou json (ce qui a été trouvé, avec les phrases citées, sur la sortie standard)."
        case .libraryOffers: return "Le dossier des offres, qui contient library/ et un dossier par offre."
        case .lintData:
            return "Des données (.json, .yaml) avec lesquelles vérifier les noms du modèle, ou une offre (son dossier ou son offer.yaml) : alors le contexte que `tender build` donne à ce modèle."
        case .lintToday: return "Avec une offre pour --data : la date que les modèles voient comme `today` (par défaut : aujourd’hui)."
        case .priceFormat:
            return "text (tableaux alignés dans la langue de l’exécution), json (nombres en chaînes à deux décimales) ou csv ; les clés JSON et les colonnes CSV sont les mêmes dans toutes les langues."
        case .renderData: return "Les données (.json, .yaml ou .yml)."
        case .renderOutput: return "Le document à écrire."
        case .renderLenient: return "Rendre les noms non définis par du vide, avec un avertissement, au lieu d’échouer."
        case .renderTypography: return "Typographie française sur les valeurs des données : auto (dans un document en français) ou off."
        case .renderRepeat: return "Produire N fois dans un même processus (pour les mesures de performance)."
        case .schemaKind: return "offer (offers/<nom>/offer.yaml), team (offers/team/<id>.yaml) ou bidder (offers/bidder.yaml)."
        case .value(let value):
            switch value {
            case .offer: return "offre"
            case .file: return "fichier"
            case .folder: return "dossier"
            case .template: return "modèle"
            case .data: return "données"
            case .seconds: return "secondes"
            case .person: return "personne"
            case .revision: return "révision"
            case .document: return "pièce"
            case .mode: return "mode"
            case .kind: return "type"
            }
        }
    }
}

extension ParserText {
    /// swift-argument-parser's English in French: the help's headings and value lists, the lines
    /// around a usage error, then its error sentences (those of its ErrorMessageGenerator that
    /// tender's options can produce). Order matters: a longer pattern comes before its prefix.
    static let frenchTable = Table(
        frame: [
            (#"^OVERVIEW: "#, "DESCRIPTION : "),
            (#"^USAGE: "#, "UTILISATION : "),
            (#"^ARGUMENTS:$"#, "ARGUMENTS :"),
            (#"^OPTIONS:$"#, "OPTIONS :"),
            (#"^SUBCOMMANDS:$"#, "SOUS-COMMANDES :"),
            (#"^Usage: "#, "utilisation : "),
            (#"^Help:  "#, "aide : "),
            (#"^(\s*)See '([^'\n]*) <subcommand>' for detailed help\.$"#, "$1Voir « $2 <sous-commande> » pour l’aide d’une commande."),
            (#"^(\s*)See '([^'\n]*)' for more information\.$"#, "$1Voir « $2 » pour en savoir plus."),
            (#"<subcommand>"#, "<sous-commande>"),
            (#"Show help information\."#, "Afficher l’aide."),
            (#"Show the version\."#, "Afficher la version."),
            (#"\(values:(\s+)"#, "(valeurs :$1"),
            (#";(\s+)default:(\s+)"#, " ;$1par défaut :$2"),
            (#"\(default:(\s+)"#, "(par défaut :$1"),
            (#" \(default\)$"#, " (par défaut)"),
        ],
        errorLabel: "erreur : ",
        sentences: [
            (#"Missing expected argument '(.*)'"#, "il manque l’argument « $1 »"),
            (#"Missing one of: (.*)"#, "il manque l’un de ces arguments : %1"),
            (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "option inconnue « $1 » ; vouliez-vous dire « $2 » ?"),
            (#"Unknown option '(.*)'"#, "option inconnue « $1 »"),
            (#"Missing value for '(.*)'"#, "il manque la valeur de « $1 »"),
            (#"The value '(.*)' is invalid for '(.*)'\. Please provide one of (.*)\."#,
             "la valeur « $1 » n’est pas valable pour « $2 » ; valeurs possibles : %3"),
            (#"The value '(.*)' is invalid for '(.*)'"#, "la valeur « $1 » n’est pas valable pour « $2 »"),
            (#"The option '(.*)' does not take any value, but '(.*)' was specified\."#,
             "l’option « $1 » ne prend pas de valeur, mais « $2 » a été donné"),
            (#"Unexpected argument '(.*)'"#, "argument inattendu « $1 »"),
            (#"(\d+) unexpected arguments: (.*)"#, "$1 arguments inattendus : %2"),
            (#"Invalid option: (.*)"#, "option non valable : $1"),
            (#"Missing required subcommand\."#, "il manque la sous-commande"),
        ],
        unknown: { "texte de swift-argument-parser, en anglais : « \($0) »" },
        list: { list in
            list.replacingOccurrences(of: #"'([^']*)'"#, with: "« $1 »", options: .regularExpression)
                .replacingOccurrences(of: "» or «", with: "» ou «")
                .replacingOccurrences(of: "» and «", with: "» et «")
        })
}

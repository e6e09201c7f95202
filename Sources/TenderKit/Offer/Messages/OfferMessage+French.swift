import Foundation

/// Every `OfferMessage` in French, with French typography (« », a space before « : », « ; », « ? »).
extension OfferMessage {
    var french: String {
        switch self {
        case .fileKind(let kind):
            switch kind {
            case .offer: return "une offre"
            case .person: return "une personne"
            case .libraryBlock: return "l’en-tête d’un bloc de bibliothèque"
            case .bidderProfile: return "un profil de candidat"
            }
        case .duplicateKeys(let keys): return "clé en double " + keys.map { "« \(Quote.cut($0)) »" }.joined(separator: ", ")
        case .duplicateKeysHint: return "chaque clé n’apparaît qu’une fois dans un dictionnaire ; les identifiants doivent être uniques"
        case .emptyFile(let what): return "le fichier est vide : il devrait contenir \(what)"
        case .quoteToMakeText(let s): return "la mettre entre guillemets pour en faire du texte : \"\(s)\""
        case .decimalsWithDot(let s): return "écrire les décimales avec un point : \(s)"
        case .dateWithoutTime: return "donner la date seule, sans heure"
        case .notOneOf(let display, let shape, let written): return "\(Self.frenchName(display)) doit être \(Self.frenchExpectation(shape)), pas « \(Quote.cut(written)) »"
        case .emptyItem(let display, let shape): return "\(Self.frenchName(display)) est vide : \(Self.frenchExpectation(shape)) attendu"
        case .noValue(let display, let shape): return "\(Self.frenchName(display)) n’a pas de valeur : \(Self.frenchExpectation(shape)) attendu"
        case .unknownKey(let key, let d): return "clé inconnue « \(Quote.cut(key)) » dans \(Self.frenchDescribed(d))"
        case .missingKey(let d, let key): return "il manque « \(key) » dans \(Self.frenchDescribed(d))"
        case .missingKeyHint(let key, let description):
            guard let french = Self.frenchKeyDescriptions[description] else { return "ajouter la clé « \(key) » (décrite dans offers/FORMAT.md)" }
            return "ajouter la clé « \(key) » (\(french.hasSuffix(".") ? String(french.dropLast()) : french))"
        case .needsOneOf(let d, let keys): return "\(Self.frenchDescribed(d)) demande \(keys.map { "« \($0) »" }.listed(" ou "))"
        case .notBoth(let d, let keys): return "\(Self.frenchDescribed(d)) prend \(keys.map { "« \($0) »" }.listed(" ou ")), pas les deux"
        case .keepOnlyOne: return "n’en garder qu’une"
        case .keysPlainText: return "les clés d’un dictionnaire doivent être du texte simple"
        case .tooLarge(let display, let value, let ceiling): return "\(Self.frenchName(display)) est trop grand : \(value) dépasse \(ceiling)"
        case .tooLargeHint: return "vérifier le nombre ; montants et jours sont bien en dessous"
        case .notBetween(let display, let min, let max, let got): return "\(Self.frenchName(display)) doit être entre \(min) et \(max), reçu \(got)"
        case .shareAsFraction: return "écrire une part comme une fraction : 0.20 pour 20 %"
        case .negative(let display, let got): return "\(Self.frenchName(display)) ne doit pas être négatif, reçu \(got)"
        case .atLeast(let display, let min, let got): return "\(Self.frenchName(display)) doit valoir au moins \(min), reçu \(got)"
        case .atMost(let display, let max, let got): return "\(Self.frenchName(display)) doit valoir au plus \(max), reçu \(got)"
        case .mismatch(let display, let shape, let got): return "\(Self.frenchName(display)) doit être \(Self.frenchExpectation(shape)), reçu \(Self.frenchGot(got))"
        case .expectation(let shape): return Self.frenchExpectation(shape)
        case .knownKeys: return "clés connues"

        case .siretDigits(let written): return "un SIRET a 14 chiffres, pas « \(written) »"
        case .siretHint: return "SIREN (9 chiffres) suivi du NIC (5 chiffres)"
        case .duplicateMember(let id): return "membre de l’équipe en double « \(id) »"
        case .alreadyInTeam(let line): return "déjà dans l’équipe à la ligne \(line) ; ne citer chaque personne qu’une fois"
        case .invalidPersonId(let id): return "« \(id) » n’est pas un identifiant de personne valable"
        case .personIdHint: return "les identifiants sont des noms de fichiers de la bibliothèque d’équipe : lettres, chiffres, « - », « _ » et « . »"
        case .noPerson(let id, let library): return "pas de personne « \(id) » dans la bibliothèque d’équipe (\(library))"
        case .personFileHint: return " — chaque personne est un fichier team/<id>.yaml"
        case .peopleInLibrary: return "personnes de la bibliothèque"
        case .profiles: return "profils"
        case .tranches: return "tranches"
        case .unknownProfile(let own, let id): return "profil inconnu « \(own) » pour « \(id) »"
        case .noDayRate(let id): return "« \(id) » n’a pas de prix de journée"
        case .noDayRateHint(let why, let profiles):
            let reason: String
            switch why {
            case .profileNotInOffer(let profile, let file): reason = "le profil « \(profile) » de \(file) n’est pas dans les profils de l’offre"
            case .noProfile(let file): reason = "\(file) ne donne pas de profil"
            }
            return "\(reason) ; donner au membre un `rate:` ou un `profile:` de la grille tarifaire ("
                + (profiles.isEmpty ? "aucun profil" : profiles.joined(separator: ", ")) + ")"
        case .duplicateTranche(let id): return "identifiant de tranche en double « \(id) »"
        case .alreadyUsed(let line): return "déjà employé à la ligne \(line)"
        case .notInTeam(let member): return "« \(member) » n’est pas dans l’équipe de l’offre"
        case .addToTeam: return "ajouter la personne sous `team:`"
        case .quantityWithoutPrice(let task): return "la quantité de « \(task) » n’a pas de unit_price"
        case .quantityWithoutPriceHint: return "donner le prix d’une unité, € HT : unit_price: 42.50"
        case .priceWithoutQuantity(let task): return "le unit_price de « \(task) » n’a pas de quantité"
        case .priceWithoutQuantityHint: return "donner le nombre d’unités : quantity: 15"
        case .unitAlone(let task): return "l’unité de « \(task) » n’a ni quantité ni unit_price"
        case .unitAloneHint: return "un élément vaut quantity × unit_price ; unit ne fait que nommer ce qui est compté"
        case .optionalKeyOnFixed(let key, let tranche): return "`\(key)` concerne une tranche optionnelle ; « \(tranche) » est ferme"
        case .optionalKeyOnFixedHint: return "une tranche ferme suit le calendrier de l’offre ; retirer la clé ou rendre la tranche optionnelle"
        case .discountTwice(let tranche): return "une remise est donnée à la fois sur l’offre et sur la tranche « \(tranche) »"
        case .discountTwiceHint: return "donner une remise pour toute l’offre, ou une par tranche"
        case .discountOverTotal(let amount, let total): return "la remise (\(amount) €) dépasse le total HT de l’offre (\(total) €)"
        case .discountOverTrancheTotal(let tranche, let amount, let total): return "la remise de « \(tranche) » (\(amount) €) dépasse son total HT (\(total) €)"
        case .discountNegativeHint: return "une remise ne peut pas rendre le prix négatif"
        case .unknownProBonoTranche(let id): return "tranche inconnue « \(id) » dans pro_bono.tranches"
        case .moreFreeDaysThanWorked(let member, let given, let worked, let inTranches):
            return "« \(member) » donne \(given) jours gratuits mais travaille \(worked) jours" + (inTranches ? " dans les tranches du mécénat" : "")
        case .freeDaysHint: return "les jours de mécénat sont pris sur les jours des tranches"
        case .scheduleEndsBeforeStart(let end, let start): return "le calendrier se termine (\(end)) avant de commencer (\(start))"
        case .duplicateDocument(let id): return "identifiant de document en double « \(id) »"
        case .duplicateSection(let id): return "identifiant de section en double « \(id) »"
        case .noDaysInAnyTranche(let id): return "« \(id) » n’a de jours dans aucune tranche"
        case .noDaysHint: return "son CV est tout de même produit ; retirer le membre si ce n’est pas voulu"
        case .noCostFor(let ids): return "le mécénat ne peut pas être valorisé au coût : pas de coût journalier pour " + ids.map { "« \($0) »" }.joined(separator: ", ")
        case .noCostForHint: return "donner un `cost:` à ces membres de l’équipe (ou à leur profil)"
        case .subCentDays(let name, let task, let tranche, let days, let rate, let exact, let rounded):
            return "une ligne tombe sous le centime : \(name) sur « \(task) » (\(tranche)), \(days) j × \(rate) € = \(exact) €, imprimée et comptée pour \(rounded) €"
        case .subCentItem(let task, let tranche, let quantity, let price, let exact, let rounded):
            return "une ligne tombe sous le centime : « \(task) » (\(tranche)), \(quantity) × \(price) € = \(exact) €, imprimée et comptée pour \(rounded) €"
        case .lumpFraction(let task, let tranche, let lump, let rounded):
            return "le forfait de « \(task) » (\(tranche)), \(lump) €, a des fractions de centime : imprimé et compté pour \(rounded) €"
        case .toTheCent: return "écrire le montant au centime"
        case .subCentHint(let dayRate, let step, let below, let above):
            return "pour que cette ligne tombe juste, \(dayRate ? "le prix de journée" : "le unit_price") doit être un multiple de \(step) € "
                + "(\(below) ou \(above)), ou changer \(dayRate ? "les jours" : "la quantité")"
        case .noBidderProfile(let p): return "pas de profil de candidat « \(p) »"
        case .noBidderProfileHint: return "le chemin est relatif au fichier de l’offre ; le profil du cabinet est d’ordinaire offers/bidder.yaml (file: ../bidder.yaml)"
        case .noBidder: return "l’offre n’a pas de candidat (bidder)"
        case .noBidderHint: return "écrire `bidder: { file: ../bidder.yaml }` pour reprendre le profil du cabinet, ou les clés du cabinet sous `bidder:` (voir offers/FORMAT.md)"
        case .bidderMissing(let key): return "il manque « \(key) » dans « bidder »"
        case .duplicateItemId(let what, let id): return "identifiant \(Self.frenchOfItem(what)) en double « \(id) »"
        case .noItem(let what, let id, let owner): return "aucune \(Self.frenchItem(what)) « \(id) » dans \(owner)"
        case .giveIdsHint(let what, let owner): return "donner aux \(Self.frenchItem(what))s de \(owner) un `id:` pour les choisir"
        case .itemIds(let what): return "identifiants \(Self.frenchOfItem(what))"
        case .selectedTwice(let what, let id): return "\(Self.frenchItem(what)) « \(id) » choisie deux fois"
        case .listEachIdOnce: return "ne citer chaque identifiant qu’une fois"
        case .beganAfterDeadline(let what, let id, let start): return "\(Self.frenchItem(what)) « \(id) » commencée le \(start), après la date limite de la consultation"
        case .beganAfterDeadlineHint(let what): return "une offre ne montre que les travaux commencés avant sa date limite ; choisir une autre \(Self.frenchItem(what))"
        case .noItemWithTags(let what, let owner, let tags, let byDeadline):
            return "aucune \(Self.frenchItem(what)) de \(owner) ne porte les étiquettes " + tags.map { "« \($0) »" }.joined(separator: ", ") + (byDeadline ? " à la date limite" : "")
        case .tagItemsHint(let what, let owner): return "étiqueter les \(Self.frenchItem(what))s de \(owner) (tags: [...])"
        case .tagsInUse(let tags): return "étiquettes employées : " + tags.joined(separator: ", ")
        case .noSummary(let wanted, let file): return "pas de résumé « \(wanted) » dans \(file)"
        case .addSummaryHint(let wanted, let file): return "l’ajouter sous `summaries:` dans \(file) : { \(wanted): \"...\" }"
        case .summaries: return "résumés"
        case .duplicateRequirement(let id): return "identifiant d’exigence en double « \(id) »"
        case .noFrontMatter: return "le bloc de bibliothèque n’a pas d’en-tête (front matter)"
        case .frontMatterHint: return "commencer le fichier par un en-tête entre deux lignes `---` : title, tags, owner, reviewed: AAAA-MM-JJ"
        case .notALibraryBlock(let name): return "« \(name) » n’est pas un bloc de bibliothèque"
        case .libraryBlockNameHint: return "écrire `library/<nom>`, le fichier offers/library/<nom>.md"
        case .noLibraryBlock(let name, let path): return "pas de bloc de bibliothèque « \(name) » (\(path))"
        case .writeBlockHint(let path): return "écrire le bloc dans \(path), avec son en-tête (title, tags, owner, reviewed)"
        case .libraryBlocks: return "blocs de bibliothèque"
        }
    }

    /// `« rate »` or `le fichier` — how a message names the place.
    static func frenchName(_ display: String) -> String {
        display.isEmpty ? "le fichier" : "« \(Quote.cut(display)) »"
    }

    /// `l’offre`, `« tender »`, `« team[1] » (membre de l’équipe)`.
    static func frenchDescribed(_ d: Described) -> String {
        if d.display.isEmpty { return frenchRecord(d.record, article: true) }
        let last = d.display.split(separator: ".").last.map(String.init) ?? d.display
        return last == d.record ? frenchName(d.display) : "\(frenchName(d.display)) (\(frenchRecord(d.record, article: false)))"
    }

    /// The French name of a record of `OfferKeys`, with its article when asked.
    static func frenchRecord(_ name: String, article: Bool) -> String {
        let names: [String: (String, String)] = [
            "offer": ("offre", "l’offre"), "person": ("personne", "la personne"), "CV": ("CV", "le CV"),
            "selection": ("sélection", "la sélection"), "VAT": ("TVA", "la TVA"), "bidder": ("candidat", "le candidat"),
            "bidder profile": ("profil du candidat", "le profil du candidat"), "budget rule": ("règle de budget", "la règle de budget"),
            "discount": ("remise", "la remise"), "document": ("document", "le document"),
            "duration rule": ("règle de durée", "la règle de durée"), "education": ("formation", "la formation"),
            "experience": ("expérience", "l’expérience"), "library block": ("bloc de bibliothèque", "le bloc de bibliothèque"),
            "library rule": ("règle de bibliothèque", "la règle de bibliothèque"), "meetings rule": ("règle de réunions", "la règle de réunions"),
            "memoire": ("mémoire", "le mémoire"), "milestone": ("jalon", "le jalon"), "page rule": ("règle de pages", "la règle de pages"),
            "pro bono": ("mécénat", "le mécénat"), "profile": ("profil", "le profil"),
            "references rule": ("règle de références", "la règle de références"), "requirement": ("exigence", "l’exigence"),
            "rules": ("règles", "les règles"), "schedule": ("calendrier", "le calendrier"), "section": ("section", "la section"),
            "signatory": ("signataire", "le signataire"), "task": ("tâche", "la tâche"),
            "team member": ("membre de l’équipe", "le membre de l’équipe"), "tender": ("consultation", "la consultation"),
            "tranche": ("tranche", "la tranche"),
        ]
        guard let (bare, withArticle) = names[name] else { return article ? "« \(name) »" : name }
        return article ? withArticle : bare
    }

    static func frenchExpectation(_ shape: Shape) -> String {
        switch shape {
        case .text: return "du texte"
        case .integer: return "un nombre entier"
        case .decimal: return "un nombre"
        case .date: return "une date (AAAA-MM-JJ)"
        case .dateTime: return "une date, ou une date et une heure (AAAA-MM-JJTHH:MM)"
        case .boolean: return "true ou false"
        case .choice(let words): return "l’un de " + words.map { "« \($0) »" }.joined(separator: ", ")
        case .either(let shapes): return shapes.map(frenchExpectation).listed(" ou ")
        case .list: return "une liste"
        case .record(let r): return "un dictionnaire (\(frenchRecord(r.name, article: false)))"
        case .dictionary: return "un dictionnaire"
        }
    }

    static func frenchItem(_ item: Item) -> String {
        switch item {
        case .experience: return "expérience"
        case .reference: return "référence"
        }
    }

    /// `d’expérience`, `de référence`.
    static func frenchOfItem(_ item: Item) -> String {
        item == .experience ? "d’expérience" : "de référence"
    }

    static func frenchGot(_ got: Got) -> String {
        switch got {
        case .nothing: return "rien"
        case .number(let s): return "le nombre \(Quote.cut(s))"
        case .bool(let s): return s
        case .text(let s): return "le texte « \(Quote.cut(s)) »"
        case .list: return "une liste"
        case .mapping: return "un dictionnaire"
        case .alias: return "un alias"
        }
    }
}

extension OfferMessage {
    /// The descriptions of the required keys (OfferKeys, in English for the JSON Schema), in
    /// French, for the hint of a missing key; by their English text.
    static let frenchKeyDescriptions: [String: String] = [
        "Client (buyer) of the assignment.": "client (acheteur) de la mission.",
        "Subject of the assignment.": "objet de la mission.",
        "Start date, YYYY-MM-DD.": "date de début, AAAA-MM-JJ.",
        "Full name, as shown on the CV.": "nom complet, tel que le CV le montre.",
        "Degree or training.": "diplôme ou formation.",
        "Maximum price, €.": "prix maximal, en €.",
        "Ids of the documents counted together.": "identifiants des documents comptés ensemble.",
        "Maximum total of their pages.": "nombre total de pages à ne pas dépasser.",
        "The buyer (pouvoir adjudicateur).": "l’acheteur (pouvoir adjudicateur).",
        "Title of the call.": "titre de l’appel.",
        "Legal name of the bidder.": "raison sociale du candidat.",
        "Name of the person who signs.": "nom de la personne qui signe.",
        "VAT: a rate, or an exemption with its wording.": "TVA : un taux, ou une exonération avec sa mention.",
        "Name of the qualification, as documents show it.": "nom de la qualification, tel que les documents le montrent.",
        "Day rate, € HT.": "prix de journée, en € HT.",
        "Id of the person: the file team/<id>.yaml of the library.": "identifiant de la personne : le fichier team/<id>.yaml de la bibliothèque.",
        "What is done.": "ce qui est fait.",
        "Short id, e.g. TF, TO1.": "identifiant court, par exemple TF, TO1.",
        "fixed, or optional (conditional is the pre-2016 name of optional).": "fixed (ferme) ou optional (optionnelle ; conditional est son nom d’avant 2016).",
        "Title of the tranche.": "titre de la tranche.",
        "Tasks, in order.": "les tâches, dans l’ordre.",
        "Start date, or \"notification\" (the date of notification of the contract).": "date de début, ou « notification » (la date de notification du marché).",
        "What happens.": "ce qui a lieu.",
        "When.": "quand.",
        "Short id, used by rules (pages, sections_document).": "identifiant court, utilisé par les règles (pages, sections_document).",
        "The template (.docx or .odt), relative to the offer file.": "le modèle (.docx ou .odt), relatif au fichier de l’offre.",
        "The file to write; may use {{ person.name }} when per: team.": "le fichier à écrire ; peut utiliser {{ person.name }} avec per: team.",
        "Short id of the section (unique in the offer).": "identifiant court de la section (unique dans l’offre).",
        "The heading, as the call's response frame words it.": "le titre, tel que le cadre de réponse de l’appel le formule.",
        "Short id, unique in the offer, e.g. R1 or RC-5.2.": "identifiant court, unique dans l’offre, par exemple R1 ou RC-5.2.",
        "What the call requires, in its words.": "ce que l’appel exige, dans ses mots.",
        "The call for tender answered.": "l’appel d’offres auquel l’offre répond.",
        "The people of the offer, in order.": "les personnes de l’offre, dans l’ordre.",
        "Tranches: fixed and optional.": "les tranches : fermes et optionnelles.",
    ]
}

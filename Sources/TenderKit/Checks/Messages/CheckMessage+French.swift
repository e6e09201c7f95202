import Foundation

/// Every `CheckMessage` in French, with French typography (« », a space before « : », « ; », « ? »).
extension CheckMessage {
    var french: String {
        switch self {
        case .header(let offer, let asOf): return "tender check \(offer) (au \(asOf.frenchMoment))"
        case .moment(let d): return d.frenchMoment
        case .heading(let s):
            switch s {
            case .error: return "Erreurs"
            case .warning: return "Avertissements"
            case .info: return "Mesures"
            }
        case .severity(let s):
            switch s {
            case .error: return "erreur"
            case .warning: return "avertissement"
            case .info: return "mesure"
            }
        case .location: return "emplacement"
        case .skippedHeading(let n): return "Règles non vérifiées (\(n))"
        case .verdict(let ok, let summary, let rules, let counts):
            let words = counts.map { status, n -> String in
                switch status {
                case .passed: return FrenchWords.count(n, "conforme", "conformes")
                case .warned: return FrenchWords.count(n, "avec avertissement", "avec avertissements")
                case .failed: return FrenchWords.count(n, "non conforme", "non conformes")
                case .skipped: return FrenchWords.count(n, "non vérifiée", "non vérifiées")
                }
            }
            return "\(ok ? "OK" : "ÉCHEC") : \(summary) ; \(FrenchWords.count(rules, "règle")) : \(words.joined(separator: ", "))"
        case .noRuleSet(let keys): return "la consultation ne fixe aucune règle " + keys.map { "`\($0)`" }.listed(" ou ")
        case .noDocuments: return "l’offre ne liste aucun document"
        case .notRendered: return "--no-render : pages non comptées"
        case .notConverted: return "les documents n’ont pas pu être convertis en PDF (voir render)"
        case .generating(let n): return "génération \(n == 1 ? "du document" : "des \(n) documents")…"
        case .readingPages(let n): return "lecture des pages \(n == 1 ? "du PDF" : "des \(n) PDF")…"
        case .notInFolder(let path): return "le document \(path) de l’offre n’est pas dans le dossier"
        case .notInFolderHint(let offer, let folder): return "lancer d’abord `tender build \(offer) -o \(folder)`, ou vérifier sans --documents"
        case .sofficeMissing: return "LibreOffice (soffice) n’est pas installé"
        case .installLibreOffice(let command): return "installer LibreOffice : " + command
        case .popplerMissing(let tool): return "\(tool) (poppler-utils) n’est pas installé"
        case .installPoppler(let command): return "installer poppler-utils : " + command
        case .conversionFailed: return "les documents n’ont pas pu être convertis en PDF"
        case .timedOut(let s): return "LibreOffice n’a pas terminé la conversion en \(s) s et a été arrêté"
        case .timedOutHint: return "un document est peut-être trop volumineux, ou LibreOffice bloqué : réessayer, ou convertir le document à la main pour voir pourquoi"
        case .renderFailed(let m): return "la conversion ou la lecture des PDF a échoué (« \(m) »)"
        case .renderFailedHint: return "ouvrir le document dans LibreOffice pour voir s’il est endommagé, puis relancer la vérification"
        case .title(let id):
            let titles = [
                "render": "Documents convertis en PDF", "pages": "Limites de pages", "cv_pages": "Limite de pages des CV",
                "sections": "Titres du cadre de réponse",
                "leftovers": "Aucun reste de modèle (balises, TODO, textes à compléter, titres vides)",
                "totals": "Totaux affichés conformes au chiffrage", "folder": "Dossier de dépôt conforme à son manifeste",
                "library": "Bibliothèque de réponses : blocs relus", "rules": "Chaque règle de la consultation est vérifiée",
                "deadline": "Date limite non dépassée", "budget": "Prix dans le plafond budgétaire",
                "duration": "Calendrier dans la durée autorisée", "references": "Références récentes",
                "team": "Équipe : intervenants chiffrés et CV concordent", "pro_bono": "Mécénat : ligne distincte, valorisé au coût, revu par un juriste",
                "meetings": "Réunions (pour information)", "requirements": "Exigences de la consultation : chacune a sa réponse",
                "tables": "Tableaux de prix re-additionnés", "typography": "Typographie française (espaces insécables, apostrophes, guillemets)",
            ]
            return titles[id] ?? id
        case .rulesSkip: return "l’offre ne donne pas de `tender.rules`"
        case .rulesNotATable(let v): return "`tender.rules` est \(Self.frenchKind(v)), pas une table de règles"
        case .rulesNotATableHint: return "écrire les contraintes de la consultation sous tender.rules (voir offers/FORMAT.md)"
        case .unreadRule(let key, let suggestion):
            return "aucune vérification ne lit la règle `\(key)` : elle ne serait pas vérifiée" + (suggestion.map { " (vouliez-vous dire `\($0)` ?)" } ?? "")
        case .useOneOf(let known): return "utiliser l’une des règles : " + known.joined(separator: ", ")
        case .everyRuleRead(let keys): return "chaque règle de la consultation est lue par une vérification : " + keys.joined(separator: ", ")
        case .deadlineSkip: return "l’offre ne donne pas de `tender.deadline`"
        case .deadlinePassed(let d, let by): return "la date limite (\(Self.frenchDeadline(d))) est dépassée depuis \(Self.frenchDuration(by))"
        case .deadlinePassedHint: return "une offre reçue hors délai est rejetée ; vérifier la date limite et --as-of"
        case .deadlineSoon(let d, let left): return "la date limite (\(Self.frenchDeadline(d))) est dans \(Self.frenchDuration(left))"
        case .deadlineSoonHint: return "déposer l’offre bien avant la date limite : les plateformes ralentissent le dernier jour"
        case .deadlineAhead(let d, let left): return "la date limite (\(Self.frenchDeadline(d))) est dans \(Self.frenchDuration(left))"
        case .asOf(let d): return "au \(d.momentText)"
        case .budgetNoMax: return "`budget` ne donne pas de `max`"
        case .budgetNoMaxHint: return "écrire budget: { max: 10000, basis: ttc, scope: all }"
        case .budgetOver(let measured, let fixedOnly, let over, let limit, let b, let s):
            return "le prix, \(measured) (\(Self.frenchScope(fixedOnly))), dépasse de \(over) le plafond de \(limit)\(Self.frenchAssumed(basis: b, scope: s))"
        case .budgetOverHint(let basis): return "réduire les jours ou les taux jusqu’à ce que le total \(basis) respecte le plafond ; une offre au-dessus du budget est rejetée"
        case .budgetWithin(let measured, let fixedOnly, let limit, let margin, let b, let s):
            return "le prix, \(measured) (\(Self.frenchScope(fixedOnly))), respecte le plafond de \(limit), marge \(margin)\(Self.frenchAssumed(basis: b, scope: s))"
        case .trancheOver(let fixed, let id, let measured, let over, let limit, let b):
            return "le prix de la tranche \(fixed ? "ferme" : "optionnelle") \(id), \(measured), dépasse de \(over) le plafond par tranche de \(limit)\(Self.frenchTrancheAssumed(b))"
        case .trancheOverHint: return "réduire les jours ou les taux de cette tranche ; une offre au-dessus du budget est rejetée"
        case .trancheWithin(let fixed, let id, let measured, let limit, let margin, let b):
            return "le prix de la tranche \(fixed ? "ferme" : "optionnelle") \(id), \(measured), respecte le plafond par tranche de \(limit), marge \(margin)\(Self.frenchTrancheAssumed(b))"
        case .durationNoBounds: return "`duration` ne donne ni `min_months` ni `max_months`"
        case .durationNoBoundsHint: return "écrire duration: { max_months: 12 } (et min_months si la consultation en fixe un)"
        case .durationNoSchedule: return "la consultation limite la durée, mais l’offre n’a pas de `schedule`"
        case .durationNoScheduleHint: return "ajouter schedule: { start: AAAA-MM-JJ, end: AAAA-MM-JJ }"
        case .durationNoStart: return "le calendrier part de la notification, mais aucune date de notification n’est supposée"
        case .durationNoStartHint: return "ajouter schedule.notification : la date de notification attendue"
        case .durationNoEnd: return "le calendrier n’a pas de fin : sa durée ne peut pas être vérifiée"
        case .durationNoEndHint: return "ajouter schedule.end (ou schedule.duration_months)"
        case .durationMeasured(let months, let start, let end): return "\(months) mois (\(start.frenchDay) → \(end.frenchDay))"
        case .durationLimit(let lo, let hi):
            switch (lo, hi) {
            case let (lo?, hi?): return "de \(lo) à \(hi) mois"
            case let (lo?, nil): return "au moins \(lo) mois"
            case let (nil, hi?): return "au plus \(hi) mois"
            default: return ""
            }
        case .durationTooLong(let end, let n, let start, let months, let latest, let measured):
            return "le calendrier se termine le \(end.frenchDay), après \(Self.frenchAfter(n, start)) + \(months) mois (\(latest.frenchDay)) : \(measured)"
        case .durationTooLongHint(let latest, let limit):
            return "terminer la mission au plus tard le \(latest.frenchDay), ou commencer plus tôt ; la consultation autorise \(limit)"
        case .durationTooShort(let end, let n, let start, let months, let earliest, let measured):
            return "le calendrier se termine le \(end.frenchDay), avant \(Self.frenchAfter(n, start)) + \(months) mois (\(earliest.frenchDay)) : \(measured)"
        case .durationTooShortHint(let earliest, let limit):
            return "étaler les travaux jusqu’au \(earliest.frenchDay) au moins ; la consultation demande \(limit)"
        case .durationWithin(let measured, let n, let start, let limit):
            let since = n ? "de la notification supposée (\(start.frenchDay))" : "du \(start.frenchDay)"
            return "le calendrier dure \(measured) à compter \(since), dans la durée autorisée (\(limit))"
        case .referencesCount(let n): return FrenchWords.count(n, "référence")
        case .atLeast(let n): return "au moins \(n)"
        case .referenceNotCounted(let client):
            return "la référence « \(client) » est présentée mais ne compte pas pour la règle (terminée trop tôt, en cours ou sans l’étiquette demandée)"
        case .referencesFound(let r, let required, let ongoing):
            let anchor = r.hasDeadline ? "la date limite (\(r.reference.frenchDay))"
                                       : "la date de vérification (\(r.reference.frenchDay) ; l’offre ne donne pas de date limite)"
            let tagged = r.tags.isEmpty ? "" : " " + FrenchWords.plural(r.recent, "étiquetée") + " " + r.tags.map { "« \($0) »" }.listed(" ou ")
            let period = r.withinMonths.map { "moins de \($0) mois avant \(anchor)" } ?? "avant \(anchor)"
            let ended = tagged + " " + FrenchWords.plural(r.recent, "terminée")
            let list = r.list.map { "\($0.client) (terminée le \($0.end.frenchDay), \($0.monthsBefore) mois avant)" }
            let shown = list.isEmpty ? "" : " : " + list.joined(separator: " ; ")
            let measured = FrenchWords.count(r.recent, "référence")
            guard let required else { return "\(measured)\(ended) \(period)" + shown }
            let note = ongoing > 0 ? " ; \(FrenchWords.count(ongoing, "référence")) en cours \(ongoing == 1 ? "ne compte" : "ne comptent") pas" : ""
            return "seulement \(measured)\(ended) \(period), la consultation en demande \(required)\(note)" + shown
        case .referencesHint(let cutoff, let tagged):
            return "ajouter au profil du candidat (bidder.references) des références terminées\(cutoff.map { " après le \($0.frenchDay)" } ?? "")"
                + "\(tagged ? ", avec l’une des étiquettes de la règle" : ""), avec leur date de fin, et les sélectionner (`references:`)"
        case .noCV(let name, let days): return "\(name) a \(FrenchFormat.days(days)) \(days < 2 ? "chiffré" : "chiffrés") mais aucun document ne contient son CV"
        case .noCVHint: return "ajouter à documents un document de CV avec `per: team` (ou un titre à son nom dans le document des CV)"
        case .cvWithoutDays(let name, let document): return "\(name) a un CV (\(document)) mais n’a de jours dans aucune tranche"
        case .cvWithoutDaysHint: return "lui donner des jours dans une tâche, ou retirer cette personne de l’équipe"
        case .teamMatches(let priced):
            if priced == 0 { return "aucune personne n’est chiffrée, et aucun CV n’est présent" }
            return (priced == 1 ? "la personne chiffrée a un CV" : "chacune des \(priced) personnes chiffrées a un CV") + ", et chaque CV est chiffré"
        case .proBonoSkip: return "l’offre ne prévoit aucun jour de mécénat (`pro_bono`)"
        case .deductionMissing(let d): return "la déduction du mécénat, \(d), ne figure dans aucun document"
        case .deductionMissingHint: return "faire figurer les jours offerts sur une ligne distincte (valorisée aux taux de l’offre) dans les documents de prix"
        case .absent: return "absente"
        case .atCostMissing(let a): return "la valeur au coût du mécénat, \(a), ne figure dans aucun document"
        case .atCostMissingHint: return "indiquer la valeur au coût à côté de la ligne du mécénat (c’est sur elle qu’est calculée la réduction d’impôt)"
        case .overCap(let atCost, let cap): return "le mécénat valorisé au coût (\(atCost)) dépasse le plafond de \(cap) : la réduction est calculée sur le plafond"
        case .overCapHint: return "offrir moins de jours, ou accepter que l’excédent n’ouvre droit à aucune réduction cette année"
        case .noCost: return "le mécénat ne peut pas être valorisé au coût : un membre qui offre des jours n’a pas de coût journalier"
        case .noCostHint: return "donner un `cost:` à ces membres de l’équipe (ou à leur profil)"
        case .legalReview(let days, let deduction, let atCost, let tax):
            let valued = atCost.map { ", \($0) au coût, réduction d’impôt \(tax ?? "")" } ?? ""
            return "l’offre prévoit \(FrenchFormat.days(days)) de mécénat (\(deduction) aux taux de l’offre\(valued)) : revue juridique requise avant l’envoi"
        case .legalReviewHint: return ReportMessage.legalReview.french
        case .internalNote(let document, let note): return "\(document) contient la note interne « \(note) … »"
        case .internalNoteHint: return "retirer la note du document une fois le mécénat validé par le juriste"
        case .converted(let documents, let pages):
            return "\(FrenchWords.count(documents, "document")) \(FrenchWords.plural(documents, "converti")) en PDF, \(FrenchWords.count(pages, "page")) au total"
        case .notRenderedRules(let rules):
            return "--no-render" + (rules.isEmpty ? "" : " : " + rules.joined(separator: ", ") + " " + FrenchWords.plural(rules.count, "non vérifiée"))
        case .xmlInsteadOfPDF(let problem):
            return "les documents n’ont pas été convertis en PDF (\(problem)) ; les restes de modèle et les totaux ont été vérifiés dans le XML des documents au lieu du PDF"
        case .pagesNotChecked(let ids, let problem): return "limites de pages non vérifiées (\(ids.joined(separator: ", "))) : \(problem)"
        case .page(let n): return "page \(n)"
        case .paragraph(let part, let n): return "\(part), paragraphe \(n)"
        case .unknownDocuments(let index, let ids): return "pages[\(index)] nomme des documents que l’offre ne liste pas : \(ids.joined(separator: ", "))"
        case .useDocumentIds(let ids): return "utiliser les id de `documents` : " + ids.joined(separator: ", ")
        case .pagesIn(let id, let pages, let documents): return documents > 1 ? "\(id) \(pages) dans \(documents) documents" : "\(id) \(pages)"
        case .pagesOver(let what, let measured, let detail, let over, let limit):
            return "\(what) : \(measured) (\(detail)), soit \(FrenchWords.count(over, "page")) de trop pour une limite de \(limit)"
        case .pagesOverHint(let over): return "raccourcir ces documents de \(FrenchWords.count(over, "page")) ; la limite est celle de la consultation"
        case .pagesWithin(let what, let measured, let detail, let limit): return "\(what) : \(measured) (\(detail)), dans la limite de \(limit)"
        case .noCVDocument(let max): return "la consultation limite les CV à \(FrenchWords.count(max, "page")), mais aucun document ne contient de CV"
        case .noCVDocumentHint: return "ajouter un document de CV avec `per: team` (un CV par personne)"
        case .cvNotFound(let name, let document): return "le CV \(FrenchWords.de(name)) est introuvable dans les pages de \(document)"
        case .cvNotFoundHint: return "donner au CV un titre au nom de la personne"
        case .cvTooLongHint(let selected, let limit):
            return selected
                ? "réduire la sélection de cette offre (team[].cv : moins d’expériences, ou une synthèse plus courte) pour tenir en \(limit)"
                : "choisir pour cette offre les expériences les plus pertinentes (team[].cv.experiences : ids, étiquettes ou les N plus récentes) ou une synthèse plus courte (team[].cv.summary) pour tenir en \(limit)"
        case .cvTooLong(let name, let document, let measured, let limit):
            return "le CV \(FrenchWords.de(name)) (\(document)) fait \(measured), au-delà de la limite de \(limit)"
        case .cvWithin(let name, let measured, let limit): return "le CV \(FrenchWords.de(name)) fait \(measured), dans la limite de \(limit)"
        case .sectionsWithoutList: return "`sections_document` est donné sans `sections`"
        case .sectionsWithoutListHint: return "lister sous sections les titres du cadre de réponse de la consultation"
        case .sectionsDocumentUnknown(let id): return "sections_document nomme « \(id) », que l’offre ne génère pas"
        case .useOneOfIds(let ids): return "utiliser l’un des id : " + ids.joined(separator: ", ")
        case .sectionOutOfPlace(let section, let document, let at):
            return "la section « \(section) » n’est pas à sa place dans \(document) : elle est au titre « \(at) », avant la section qui doit la précéder"
        case .sectionOutOfPlaceHint: return "ordonner les titres comme le cadre de réponse de la consultation"
        case .outOfOrder: return "dans le désordre"
        case .inOrder: return "dans l’ordre"
        case .sectionNoHeading(let section, let document, let paragraph):
            return "la section « \(section) » n’a pas de titre dans \(document)" + (paragraph.map { " (elle est écrite au paragraphe \($0), mais pas en titre)" } ?? "")
        case .addHeadingHint(let section): return "ajouter un titre « \(section) » (style Heading/Titre) à la place que lui donne le cadre de la consultation"
        case .styleAsHeadingHint: return "donner à ce paragraphe un style Heading/Titre"
        case .missingSection: return "absente"
        case .presentSection: return "présente"
        case .sectionsMatch(let count, let document, let titles):
            let sections = count == 1 ? "la section du cadre de réponse est un titre" : "les \(count) sections du cadre de réponse sont des titres"
            return "\(sections) de \(document), dans l’ordre : " + titles.map { "« \($0) »" }.joined(separator: ", ")
        case .countInOrder(let n): return "\(n) dans l’ordre"
        case .sectionTooEarly(let title, let position):
            return "la section « \(title) » du cadre de réponse vient trop tôt dans memoire.sections : elle y est en \(position)e position, avant une section qui doit la précéder"
        case .sectionTooEarlyHint: return "ranger memoire.sections dans l’ordre du cadre de réponse"
        case .noSuchSection(let title, let nearest):
            return "aucune section de memoire.sections n’a pour titre « \(title) », mot pour mot" + (nearest.map { " (la plus proche : « \($0) »)" } ?? "")
        case .noSuchSectionHint: return "reprendre dans memoire.sections l’intitulé exact du cadre de réponse"
        case .leftover(let l): return Self.frenchLeftover(l)
        case .todoInOffer(let file, let line, let text): return "\(file), ligne \(line) : il reste un TODO : « \(text) »"
        case .todoInOfferHint: return "compléter l’offre (une valeur à lire dans la consultation, ou à confirmer), puis retirer le TODO"
        case .noTodoNoDocuments: return "aucun TODO dans l’offre ; l’offre ne liste aucun document"
        case .leftoverFound(let document, let place, let l, let found): return "\(document), \(place) : il reste \(Self.frenchLeftover(l)) : « \(found) »"
        case .leftoverHint: return "corriger le modèle ou l’offre pour que le document dise ce qu’il doit dire"
        case .emptyHeading(let document, let part, let paragraph): return "\(document) : un titre vide (\(part), paragraphe \(paragraph))"
        case .emptyHeadingHint: return "une valeur vide dans un titre, ou un paragraphe de titre servant d’espacement : le remplir ou le supprimer"
        case .noLeftovers(let n, let rendered):
            return "aucune balise, aucun TODO, XXX, [à compléter], lorem ipsum ni titre vide dans \(n == 1 ? "le document" : "les \(n) documents") (\(rendered ? "texte des PDF" : "XML des documents"))"
        case .grandTotal(let t): return Self.frenchTotal(t)
        case .unknownTotal(let document, let place, let amount, let ttc):
            return "\(document), \(place) : le total « \(amount) » ne correspond à aucun montant du chiffrage (\(ttc) TTC au total)"
        case .regenerateOrFixHint: return "régénérer le document à partir de l’offre (tender build), ou corriger le montant saisi dans le modèle"
        case .aTenderPriceAmount: return "un montant de tender price"
        case .missingTotal(let document, let t, let amount): return "\(document) affiche des totaux mais pas le \(Self.frenchTotal(t)) de l’offre, \(amount)"
        case .regenerateHint: return "régénérer le document à partir de l’offre (tender build) : il provient peut-être d’une version antérieure"
        case .absentAmount: return "absent"
        case .noTotals(let ttc): return "aucun document n’affiche de total : le total de l’offre (\(ttc) TTC) n’est indiqué nulle part"
        case .noTotalsHint: return "ajouter à documents un document de prix (bordereau des prix)"
        case .totalsMatch(let documents, let values): return "les totaux affichés dans \(documents.joined(separator: ", ")) correspondent au chiffrage (\(values))"
        case .column(let n): return "colonne \(n)"
        case .table(let n, let heads): return "tableau \(n)" + (heads.isEmpty ? "" : " (« \(heads) »)")
        case .rowPlace(let document, let table, let place, let row): return "\(document), \(table ?? place ?? ""), ligne « \(row) »"
        case .columnPlace(let document, let table, let row, let column): return "\(document), \(table), ligne « \(row) », colonne « \(column) »"
        case .badTotal(let place, let printed, let expected): return "\(place) : le total imprimé \(printed) n’est pas la somme des lignes, \(expected)"
        case .badTotalHint: return "régénérer le document (tender build) ; si le modèle a été modifié, vérifier que chaque ligne du total y est imprimée"
        case .subCent(let at, let product, let printed):
            return "\(at) : \(product), imprimé \(printed) (une ligne tombe sous le centime : chaque ligne est arrondie au centime, et les totaux additionnent les montants arrondis)"
        case .subCentHint: return "changer le taux ou les jours de la ligne (tender price dit lesquels) pour que chaque ligne tombe juste au centime"
        case .badLine(let at, let product, let printed): return "\(at) : \(product), mais la ligne imprime \(printed)"
        case .badLineHint: return "régénérer le document (tender build) ; si un taux négocié est compté au taux de son profil, le tableau doit avoir une ligne par taux"
        case .cellPlace(let document, let sheet, let cell, let label):
            return "\(document), feuille \(sheet), cellule \(cell)" + (label.isEmpty ? "" : " (« \(label) »)")
        case .workbookFigure(let place, let shown, let expected):
            return "\(place) : le classeur recalculé par LibreOffice affiche \(shown), tender price compte \(expected)"
        case .workbookFigureHint:
            return "régénérer le classeur (tender build) ; si le modèle a été modifié, vérifier ses formules : chaque montant arrondi au centime là où tender price l’arrondit (chaque ligne, puis la TVA de chaque tranche)"
        case .workbookError(let place, let value): return "\(place) : la cellule affiche \(value) une fois le classeur recalculé (formule en erreur)"
        case .workbookErrorHint: return "corriger la formule dans le modèle (une référence à une ligne supprimée donne #REF!), puis régénérer le classeur"
        case .workbookNoTotals(let document, let labels):
            return "\(document) : aucun total trouvé dans le classeur recalculé (lignes « \(labels.joined(separator: " », « ")) ») : ses montants ne sont pas comparés à tender price"
        case .workbookNoTotalsHint:
            return "libeller les lignes de total du modèle comme l’offre les nomme ({{ pricing.labels.total }}, {{ pricing.vat_label }}, {{ pricing.labels.ttc }}), ou vérifier le classeur à la main"
        case .workbookNoRender(let document):
            return "\(document) : classeur non recalculé (--no-render) : ses totaux ne sont pas comparés à tender price ; sans --no-render, LibreOffice le recalcule et tender check compare ses totaux"
        case .workbookNotRead(let document, let reason):
            return "\(document) : LibreOffice n’a pas recalculé le classeur (\(reason)) : ses totaux ne sont pas comparés à tender price"
        case .workbookNotReadHint: return "installer LibreOffice ou relancer tender check ; sinon vérifier les totaux du classeur à la main"
        case .workbookTotalsMatch(let document, let count, let values):
            return "\(document) : \(FrenchWords.count(count, "total", "totaux")) du classeur recalculé par LibreOffice \(count == 1 ? "correspond" : "correspondent") à tender price (\(values))"
        case .noSheetExported: return "aucune feuille exportée"
        case .noTables: return "aucun tableau de prix à re-additionner dans les documents"
        case .tablesAddUp(let n, let rounded):
            return "\(FrenchWords.count(n, "tableau", "tableaux")) de prix \(FrenchWords.plural(n, "re-additionné")) : chaque ligne et chaque total tombent juste tels qu’imprimés"
                + (rounded ? " (à l’arrondi des lignes près)" : "")
        case .tables(let n): return FrenchWords.count(n, "tableau", "tableaux")
        case .draftMark: return "la mention « PROJET »"
        case .comments(let n): return FrenchWords.count(n, "commentaire")
        case .annotations(let n): return FrenchWords.count(n, "annotation")
        case .folderSkip: return "seulement avec --documents"
        case .rebuild(let offer): return "reconstruire le dossier : tender build \(offer)"
        case .withoutDraft: return " (sans --draft)"
        case .manifestUnreadable(let name): return "le manifeste \(name) du dossier est illisible"
        case .noManifest(let name): return "le dossier n’a pas de \(name) : il n’a pas été écrit par tender build"
        case .draftFolder: return "le dossier contient des projets (manifeste de type « draft ») : il ne se dépose pas"
        case .notInManifest(let name): return "« \(name) » n’est pas dans le manifeste : il ne vient pas de cette construction"
        case .removeOr(let rebuild): return "le retirer du dossier, ou " + rebuild
        case .changed(let name): return "« \(name) » a changé depuis sa construction (empreinte SHA-256 différente)"
        case .rebuildNotEdit(let offer): return "reconstruire plutôt que modifier le fichier à la main : tender build \(offer)"
        case .missingFromFolder(let name): return "« \(name) » est dans le manifeste mais manque au dossier"
        case .documentNotInOffer(let id): return "document « \(id) » absent de l’offre"
        case .otherInputs(let name, let why):
            return "« \(name) » a été construit à partir d’autres données que l’offre actuelle" + (why.isEmpty ? "" : " (\(why.joined(separator: ", ")))")
        case .marked(let name, let marks): return "« \(name) » porte \(marks.joined(separator: " et ")) : c’est un projet, pas un document à déposer"
        case .notExamined(let name, let reasons):
            return "« \(name) » n’a pas pu être examiné (\(reasons.joined(separator: " ; "))) : la mention « PROJET » et les commentaires n’y ont pas été cherchés"
        case .notExaminedHint: return "installer l’outil qui manque, ou vérifier que le fichier n’est pas endommagé"
        case .folderMatches(let files):
            return "les \(FrenchWords.count(files, "fichier")) du dossier sont ceux du manifeste, construits à partir de l’offre actuelle, sans mention « PROJET » ni commentaire"
        case .librarySkip: return "l’offre n’utilise aucun bloc de la bibliothèque de réponses (`use: library/…`)"
        case .blockUsedBy(let name, let title, let users): return "le bloc « \(name) » (\(title)), utilisé par " + users.map { "« \($0) »" }.joined(separator: ", ") + ","
        case .blockStale(let named, let reviewed, let months): return "\(named) a été relu le \(reviewed.frenchDay), il y a plus de \(months) mois"
        case .blockStaleHint(let owner, let path): return "le relire" + (owner.map { " (\($0))" } ?? "") + " et mettre à jour `reviewed:` dans \(path)"
        case .blockFresh(let named, let reviewed, let months): return "\(named) a été relu le \(reviewed.frenchDay), il y a moins de \(months) mois"
        case .blockReviewedLater(let named, let reviewed, let asOf): return "\(named) a été relu le \(reviewed.frenchDay), après la date de la vérification (\(asOf.frenchDay))"
        case .after(let d): return "après le \(d.frenchDay)"
        case .day(let d): return d.frenchDay
        case .requirementsSkip: return "l’offre ne liste pas les exigences de la consultation (`requirements`)"
        case .unknownRequirement(let section, let answer): return "la section « \(section) » répond à l’exigence « \(answer) », qui n’est pas dans `requirements`"
        case .didYouMean(let id): return "vouliez-vous dire « \(id) » ?"
        case .addRequirementHint: return "ajouter l’exigence à `requirements` (id, text, source)"
        case .requirementNamed(let id, let source): return "l’exigence « \(id) »" + (source.map { " (\($0))" } ?? "")
        case .unanswered(let named, let text): return "\(named) n’a de réponse dans aucune section du mémoire : « \(text) »"
        case .unansweredHint(let id): return "ajouter « \(id) » aux `answers` de la section qui y répond (memoire.sections)"
        case .answeredIn(let named, let sections): return "\(named) a sa réponse dans " + sections.map { "« \($0) »" }.joined(separator: ", ")
        case .answersNothing(let section): return "la section « \(section) » ne répond à aucune exigence de la consultation"
        case .answersNothingHint: return "lui donner `answers: [...]`, les ids des exigences auxquelles elle répond"
        case .typographyOff: return "typographie française désactivée par l’offre (typography: false)"
        case .typographyFault(let document, let part, let paragraph, let excerpt): return "\(document), \(part), paragraphe \(paragraph) : typographie à corriger : « \(excerpt) »"
        case .typographyHint: return "espace fine insécable avant ; ! ? et dans « », insécable avant :, apostrophe ’, guillemets « » (dans le modèle, ou écrire le texte de l’offre sans balise typo=false)"
        case .moreFaults(let document, let count): return "\(document) : \(count) autres fautes de typographie"
        case .moreFaultsHint: return "les corriger dans le modèle ou l’offre"
        case .typographyRight(let n): return "typographie française respectée dans \(n == 1 ? "le document" : "les \(n) documents")"
        case .meetingsStated(let max, let days):
            var parts: [String] = []
            if let max { parts.append("au plus \(FrenchFormat.number(max)) \(max < 2 ? "réunion" : "réunions")") }
            if let days { parts.append("\(FrenchFormat.days(days)) de réunion au total") }
            return parts.isEmpty ? "un nombre limité de réunions" : parts.joined(separator: ", ")
        case .meetingsManual(let stated): return "la consultation autorise \(stated) ; vérifier la méthodologie à la main"
        case .meetingsReason: return "pour information : l’offre ne modélise pas les réunions, elles ne sont donc pas comptées"
        }
    }

    /// `la notification supposée (22 novembre 2021)`, `le 22 novembre 2021`.
    static func frenchAfter(_ fromNotification: Bool, _ start: DateValue) -> String {
        fromNotification ? "la notification supposée (\(start.frenchDay))" : "le \(start.frenchDay)"
    }

    static func frenchLeftover(_ l: Leftover) -> String {
        switch l {
        case .tag: return "une balise de modèle"
        case .todo: return "un TODO"
        case .xxx: return "un XXX"
        case .toComplete: return "un texte à compléter"
        case .lorem: return "un lorem ipsum"
        }
    }

    static func frenchTotal(_ t: GrandTotal) -> String {
        switch t {
        case .ht: return "total HT"
        case .net: return "total net"
        case .netHT: return "total net HT"
        case .netToPay: return "net à payer"
        case .ttc: return "total TTC"
        }
    }

    static func frenchScope(_ fixedOnly: Bool) -> String { fixedOnly ? "tranches fermes" : "toutes tranches" }

    /// ` (la règle ne le précise pas : base TTC, périmètre toutes tranches retenus, la lecture la plus stricte)`,
    /// agreed with what is assumed: la base (retenue), le périmètre (retenu), both (retenus).
    static func frenchAssumed(basis: Bool, scope: Bool) -> String {
        let assumed = (basis ? ["base TTC"] : []) + (scope ? ["périmètre toutes tranches"] : [])
        guard !assumed.isEmpty else { return "" }
        let retained = assumed.count > 1 ? "retenus" : basis ? "retenue" : "retenu"
        return " (la règle ne le précise pas : \(assumed.joined(separator: ", ")) \(retained), la lecture la plus stricte)"
    }

    static func frenchTrancheAssumed(_ basis: Bool) -> String {
        basis ? " (la règle ne précise pas la base : base TTC retenue, la lecture la plus stricte)" : ""
    }

    static func frenchDeadline(_ d: DateValue) -> String {
        FrenchFormat.date(d, style: .datetime) + (d.secondsOfDay == nil ? " (sans heure : le début de la journée est retenu)" : "")
    }

    /// `2 jours 11 h 05 min`, `45 min`.
    static func frenchDuration(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = (seconds % 86_400) / 3600, minutes = (seconds % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append(FrenchWords.count(days, "jour")) }
        if hours > 0 || days > 0 { parts.append("\(hours) h") }
        parts.append(parts.isEmpty ? "\(minutes) min" : String(format: "%02d min", minutes))
        return parts.joined(separator: " ")
    }

    /// `une liste`, `une chaîne`…: what a value is, in a sentence.
    static func frenchKind(_ value: Value) -> String {
        switch value {
        case .null: return "vide"
        case .bool: return "un booléen"
        case .number: return "un nombre"
        case .string: return "une chaîne"
        case .list: return "une liste"
        case .map: return "une table"
        case .date: return "une date"
        case .rich: return "un texte mis en forme"
        }
    }
}

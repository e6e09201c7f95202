import Foundation

// The rules that read the offer and its price only.

/// Every key of `tender.rules` is read by some rule: a key no rule reads would be a constraint
/// silently not checked.
struct RuleKeysRule: CheckRule {
    let id = "rules"
    let title = "Chaque règle de la consultation est vérifiée"

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rules = context.offer.tender.rules
        if rules.isNull { return .skip("l'offre ne donne pas de `tender.rules`") }
        guard let map = rules.asMap else {
            return RuleResult([finding(.error, "`tender.rules` est \(Self.kind(of: rules)), pas une table de règles",
                                       hint: "écrire les contraintes de la consultation sous tender.rules (voir offers/FORMAT.md)",
                                       location: context.offer.place("tender", "rules"))])
        }
        let known = PreSubmissionCheck.knownKeys
        var findings: [Finding] = []
        for key in map.keys where !known.contains(key) {
            let suggestion = Suggestions.closest(to: key, among: known).map { " (vouliez-vous dire `\($0)` ?)" } ?? ""
            findings.append(finding(.error, "aucune vérification ne lit la règle `\(key)` : elle ne serait pas vérifiée\(suggestion)",
                                    hint: "utiliser l'une des règles : " + known.joined(separator: ", "), location: context.place(key)))
        }
        if findings.isEmpty {
            findings.append(finding(.info, "chaque règle de la consultation est lue par une vérification : " + map.keys.joined(separator: ", ")))
        }
        return RuleResult(findings)
    }

    /// `une liste`, `une chaîne`…: what a value is, in a sentence.
    static func kind(of value: Value) -> String {
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

/// The offer is sent before the deadline.
struct DeadlineRule: CheckRule {
    let id = "deadline"
    let title = "Date limite non dépassée"
    /// Closer than this, the deadline is a warning.
    static let warningWindow = 7 * 86_400

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let deadline = context.offer.tender.deadline else { return .skip("l'offre ne donne pas de `tender.deadline`") }
        let location = context.offer.place("tender", "deadline")
        let left = deadline.instant - context.asOf.instant
        let written = FrenchFormat.date(deadline, style: .datetime)
        let noTime = deadline.secondsOfDay == nil ? " (sans heure : le début de la journée est retenu)" : ""
        let measured = "au \(context.asOf.momentText)", limit = deadline.momentText
        if left < 0 {
            return RuleResult([finding(.error, "la date limite (\(written)\(noTime)) est dépassée depuis \(Self.duration(-left))",
                                       hint: "une offre reçue hors délai est rejetée ; vérifier la date limite et --as-of",
                                       location: location, measured: measured, limit: limit)])
        }
        if left < Self.warningWindow {
            return RuleResult([finding(.warning, "la date limite (\(written)\(noTime)) est dans \(Self.duration(left))",
                                       hint: "déposer l'offre bien avant la date limite : les plateformes ralentissent le dernier jour",
                                       location: location, measured: measured, limit: limit)])
        }
        return RuleResult([finding(.info, "la date limite (\(written)\(noTime)) est dans \(Self.duration(left))",
                                   location: location, measured: measured, limit: limit)])
    }

    /// `2 jours 11 h 05 min`, `45 min`.
    static func duration(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = (seconds % 86_400) / 3600, minutes = (seconds % 3600) / 60
        var parts: [String] = []
        if days > 0 { parts.append(FrenchWords.count(days, "jour")) }
        if hours > 0 || days > 0 { parts.append("\(hours) h") }
        parts.append(parts.isEmpty ? "\(minutes) min" : String(format: "%02d min", minutes))
        return parts.joined(separator: " ")
    }
}

/// The price is within the call's cap.
struct BudgetRule: CheckRule {
    let id = Self.key
    let title = "Prix dans le plafond budgétaire"
    static let key = "budget"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule(Self.key)
        guard let max = rule?["max"]?.asNumber else {
            return RuleResult([finding(.error, "`budget` ne donne pas de `max`", hint: "écrire budget: { max: 10000, basis: ttc, scope: all }",
                                       location: context.place(Self.key))])
        }
        let writtenBasis = rule?["basis"]?.asString, writtenScope = rule?["scope"]?.asString
        if writtenScope == "tranche" { return perTranche(context, max: max, ttc: (writtenBasis ?? "ttc") == "ttc", basisWritten: writtenBasis != nil) }
        // When the call leaves them unsaid, the stricter reading: TTC, every tranche.
        let ttc = (writtenBasis ?? "ttc") == "ttc", fixedOnly = writtenScope == "fixed"
        let totals = fixedOnly ? context.pricing.fixed : context.pricing.all
        let amount = ttc ? totals.ttc : totals.netHT
        // An exempt bidder's price is net: it has neither HT nor TTC.
        let basis = context.offer.bidder.vat.rate == nil ? "net" : ttc ? "TTC" : "HT"
        let scope = fixedOnly ? "tranches fermes" : "toutes tranches"
        var assumed: [String] = []
        if writtenBasis == nil { assumed.append("base TTC") }
        if writtenScope == nil { assumed.append("périmètre toutes tranches") }
        // Agreed with what is assumed: la base (retenue), le périmètre (retenu), both (retenus).
        let retained = assumed.count > 1 ? "retenus" : writtenBasis == nil ? "retenue" : "retenu"
        let note = assumed.isEmpty ? "" : " (la règle ne le précise pas : \(assumed.joined(separator: ", ")) \(retained), la lecture la plus stricte)"
        let measured = "\(FrenchFormat.euros(amount)) \(basis)", limit = "\(FrenchFormat.euros(max)) \(basis)"
        let place = context.locate(FrenchFormat.euros(amount))
        let margin = max - amount
        let values = (PricingReport.fixed(amount, 2) as String?, PricingReport.fixed(max, 2) as String?)
        if margin < 0 {
            return RuleResult([finding(.error, "le prix, \(measured) (\(scope)), dépasse de \(FrenchFormat.euros(-margin)) le plafond de \(limit)\(note)",
                                       hint: "réduire les jours ou les taux jusqu'à ce que le total \(basis) respecte le plafond ; une offre au-dessus du budget est rejetée",
                                       location: context.place(Self.key), measured: measured, limit: limit,
                                       document: place?.document, anchor: place?.anchor, values: values)])
        }
        return RuleResult([finding(.info, "le prix, \(measured) (\(scope)), respecte le plafond de \(limit), marge \(FrenchFormat.euros(margin))\(note)",
                                   location: context.place(Self.key), measured: measured, limit: limit,
                                   document: place?.document, anchor: place?.anchor, values: values)])
    }
}

extension BudgetRule {
    /// `scope: tranche`: each tranche on its own within the cap (a call that caps every lot or tranche).
    func perTranche(_ context: CheckContext, max: Decimal, ttc: Bool, basisWritten: Bool) -> RuleResult {
        let basis = context.offer.bidder.vat.rate == nil ? "net" : ttc ? "TTC" : "HT"
        let note = basisWritten ? "" : " (la règle ne précise pas la base : base TTC retenue, la lecture la plus stricte)"
        let limit = "\(FrenchFormat.euros(max)) \(basis)"
        var findings: [Finding] = []
        for tranche in context.pricing.tranches {
            let amount = ttc ? tranche.totals.ttc : tranche.totals.netHT
            let measured = "\(FrenchFormat.euros(amount)) \(basis)"
            let what = "\(tranche.kind.label.lowercased()) \(tranche.id)"
            let place = context.locate(FrenchFormat.euros(amount))
            if amount > max {
                findings.append(finding(.error, "le prix de la \(what), \(measured), dépasse de \(FrenchFormat.euros(amount - max)) le plafond par tranche de \(limit)\(note)",
                                        hint: "réduire les jours ou les taux de cette tranche ; une offre au-dessus du budget est rejetée",
                                        location: context.place("budget"), measured: measured, limit: limit,
                                        document: place?.document, anchor: place?.anchor))
            } else {
                findings.append(finding(.info, "le prix de la \(what), \(measured), respecte le plafond par tranche de \(limit), marge \(FrenchFormat.euros(max - amount))\(note)",
                                        location: context.place("budget"), measured: measured, limit: limit,
                                        document: place?.document, anchor: place?.anchor))
            }
        }
        return RuleResult(findings)
    }
}

/// The schedule lasts between the call's minimum and maximum, months added on the calendar.
struct DurationRule: CheckRule {
    let id = Self.key
    let title = "Calendrier dans la durée autorisée"
    static let key = "duration"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule(Self.key)
        let minimum = rule?["min_months"]?.asInt
        let maximum = rule?["max_months"]?.asInt
        let offer = context.offer
        guard minimum != nil || maximum != nil else {
            return RuleResult([finding(.error, "`duration` ne donne ni `min_months` ni `max_months`",
                                       hint: "écrire duration: { max_months: 12 } (et min_months si la consultation en fixe un)",
                                       location: context.place(Self.key))])
        }
        guard let schedule = offer.schedule else {
            return RuleResult([finding(.error, "la consultation limite la durée, mais l'offre n'a pas de `schedule`",
                                       hint: "ajouter schedule: { start: AAAA-MM-JJ, end: AAAA-MM-JJ }", location: context.place(Self.key))])
        }
        guard let start = schedule.start else {
            return RuleResult([finding(.error, "le calendrier part de la notification, mais aucune date de notification n'est supposée",
                                       hint: "ajouter schedule.notification : la date de notification attendue",
                                       location: offer.place("schedule", "start"))])
        }
        guard let end = schedule.end else {
            return RuleResult([finding(.error, "le calendrier n'a pas de fin : sa durée ne peut pas être vérifiée",
                                       hint: "ajouter schedule.end (ou schedule.duration_months)", location: offer.place("schedule"))])
        }
        // `après le 22 novembre 2021 + 5 mois`, `à compter du 22 novembre 2021`.
        let notification = "la notification supposée (\(start.frenchDay))"
        let after = schedule.startIsNotification ? notification : "le \(start.frenchDay)"
        let since = schedule.startIsNotification ? "de " + notification : "du \(start.frenchDay)"
        let monthCount = start.months(until: end)
        let months = FrenchFormat.number(monthCount)
        let measured = "\(months) mois (\(start.frenchDay) → \(end.frenchDay))"
        let limit: String
        switch (minimum, maximum) {
        case let (lo?, hi?): limit = "de \(lo) à \(hi) mois"
        case let (lo?, nil): limit = "au moins \(lo) mois"
        case let (nil, hi?): limit = "au plus \(hi) mois"
        default: limit = ""
        }
        let endPlace = offer.source?["schedule"]?.wrote("end") == true ? offer.place("schedule", "end")
                                                                       : offer.place("schedule", "duration_months")
        var findings: [Finding] = []
        if let hi = maximum, end > start.addingMonths(hi) {
            findings.append(finding(.error, "le calendrier se termine le \(end.frenchDay), après \(after) + \(hi) mois (\(start.addingMonths(hi).frenchDay)) : \(measured)",
                                    hint: "terminer la mission au plus tard le \(start.addingMonths(hi).frenchDay), ou commencer plus tôt ; la consultation autorise \(limit)",
                                    location: endPlace, measured: measured, limit: limit,
                                    values: (Value.plainString(monthCount), (maximum ?? minimum).map { String($0) })))
        }
        if let lo = minimum, end < start.addingMonths(lo) {
            findings.append(finding(.error, "le calendrier se termine le \(end.frenchDay), avant \(after) + \(lo) mois (\(start.addingMonths(lo).frenchDay)) : \(measured)",
                                    hint: "étaler les travaux jusqu'au \(start.addingMonths(lo).frenchDay) au moins ; la consultation demande \(limit)",
                                    location: endPlace, measured: measured, limit: limit,
                                    values: (Value.plainString(monthCount), (maximum ?? minimum).map { String($0) })))
        }
        if findings.isEmpty {
            findings.append(finding(.info, "le calendrier dure \(measured) à compter \(since), dans la durée autorisée (\(limit))",
                                    location: endPlace, measured: measured, limit: limit,
                                    values: (Value.plainString(monthCount), (maximum ?? minimum).map { String($0) })))
        }
        return RuleResult(findings)
    }
}

/// Enough bidder references ended recently enough before the deadline.
struct ReferencesRule: CheckRule {
    let id = Self.key
    let title = "Références récentes"
    static let key = "references"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let offer = context.offer
        let deadline = offer.tender.deadline
        let reference = deadline.map { DateValue(year: $0.year, month: $0.month, day: $0.day) }
            ?? DateValue(year: context.asOf.year, month: context.asOf.month, day: context.asOf.day)
        let anchor = deadline == nil ? "la date de vérification (\(reference.frenchDay) ; l'offre ne donne pas de date limite)"
                                     : "la date limite (\(reference.frenchDay))"
        let pick = ReferencePick(rule: context.rule(Self.key) ?? .null, deadline: reference)
        let count = pick.count, within = pick.withinMonths, cutoff = pick.cutoff
        // The references the offer shows (`references:`, else those the rule picks): those that count.
        let recent = offer.references.filter(pick.counts)
        let tagged = pick.tags.isEmpty ? "" : " " + FrenchWords.plural(recent.count, "étiquetée") + " " + pick.tags.map { "« \($0) »" }.joined(separator: " ou ")
        let period = within.map { "moins de \($0) mois avant \(anchor)" } ?? "avant \(anchor)"
        let list = recent.map { r in "\(r.client) (terminée le \(r.end!.frenchDay), \(FrenchFormat.number(r.end!.months(until: reference))) mois avant)" }
        let measured = FrenchWords.count(recent.count, "référence"), limit = "au moins \(count)"
        let ended = tagged + " " + FrenchWords.plural(recent.count, "terminée")
        let place = offer.source?.wrote("references") == true ? offer.place("references") : offer.place("bidder", "references")
        var findings: [Finding] = []
        for shown in offer.references where !pick.counts(shown) {
            findings.append(finding(.info, "la référence « \(shown.client) » est présentée mais ne compte pas pour la règle (terminée trop tôt, en cours ou sans l'étiquette demandée)",
                                    location: place))
        }
        if recent.count < count {
            let ongoing = offer.references.filter { $0.end == nil }.count
            let note = ongoing > 0 ? " ; \(FrenchWords.count(ongoing, "référence")) en cours \(ongoing == 1 ? "ne compte" : "ne comptent") pas" : ""
            return RuleResult(findings + [finding(.error, "seulement \(measured)\(ended) \(period), la consultation en demande \(count)\(note)"
                                       + (list.isEmpty ? "" : " : " + list.joined(separator: " ; ")),
                                       hint: "ajouter au profil du candidat (bidder.references) des références terminées\(cutoff.map { " après le \($0.frenchDay)" } ?? "")\(pick.tags.isEmpty ? "" : ", avec l'une des étiquettes de la règle"), avec leur date de fin, et les sélectionner (`references:`)",
                                       location: place, measured: measured, limit: limit, values: (String(recent.count), String(count)))])
        }
        return RuleResult(findings + [finding(.info, "\(measured)\(ended) \(period)" + (list.isEmpty ? "" : " : " + list.joined(separator: " ; ")),
                                   location: place, measured: measured, limit: limit, values: (String(recent.count), String(count)))])
    }
}

/// Every priced person has a CV; every person with a CV is priced.
struct TeamRule: CheckRule {
    let id = "team"
    let title = "Équipe : intervenants chiffrés et CV concordent"
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        let cvs = context.cvs()
        var findings: [Finding] = []
        for person in context.pricing.people {
            let hasCV = cvs.contains { $0.member.id == person.id }
            let place = context.offer.source?["team"]?.items.first { $0["id"]?.string == person.id }?.location
            if person.days > 0 && !hasCV {
                findings.append(finding(.error, "\(person.name) a \(FrenchFormat.days(person.days)) \(person.days < 2 ? "chiffré" : "chiffrés") mais aucun document ne contient son CV",
                                        hint: "ajouter à documents un document de CV avec `per: team` (ou un titre à son nom dans le document des CV)",
                                        location: place))
            } else if person.days == 0 && hasCV {
                let cv = cvs.first { $0.member.id == person.id }!
                findings.append(finding(.warning, "\(person.name) a un CV (\(cv.document.name)) mais n'a de jours dans aucune tranche",
                                        hint: "lui donner des jours dans une tâche, ou retirer cette personne de l'équipe",
                                        location: place, document: cv.document.path, anchor: person.name))
            }
        }
        if findings.isEmpty {
            let priced = context.pricing.people.filter { $0.days > 0 }.count
            let people = priced == 1 ? "la personne chiffrée a un CV" : "chacune des \(priced) personnes chiffrées a un CV"
            findings.append(finding(.info, priced == 0 ? "aucune personne n'est chiffrée, et aucun CV n'est présent" : people + ", et chaque CV est chiffré",
                                    measured: "\(cvs.count) CV"))
        }
        return RuleResult(findings)
    }
}

/// Days given free (mécénat) are a separate line, valued at cost, and reviewed by a lawyer.
struct ProBonoRule: CheckRule {
    let id = "pro_bono"
    let title = "Mécénat : ligne distincte, valorisé au coût, revu par un juriste"

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let mecenat = context.pricing.mecenat else { return .skip("l'offre ne prévoit aucun jour de mécénat (`pro_bono`)") }
        let place = context.offer.place("pro_bono")
        var findings: [Finding] = []
        let deduction = FrenchFormat.euros(mecenat.valueAtRate)
        let amounts = TotalsRule.amountsByDocument(context)
        if !context.documents.isEmpty, !amounts.contains(where: { $0.amounts.contains(mecenat.valueAtRate) }) {
            findings.append(finding(.error, "la déduction du mécénat, \(deduction), ne figure dans aucun document",
                                    hint: "faire figurer les jours offerts sur une ligne distincte (valorisée aux taux de l'offre) dans les documents de prix",
                                    location: place, measured: "absente", limit: deduction))
        }
        if let atCost = mecenat.valueAtCost {
            if !context.documents.isEmpty, !amounts.contains(where: { $0.amounts.contains(atCost) }) {
                findings.append(finding(.warning, "la valeur au coût du mécénat, \(FrenchFormat.euros(atCost)), ne figure dans aucun document",
                                        hint: "indiquer la valeur au coût à côté de la ligne du mécénat (c'est sur elle qu'est calculée la réduction d'impôt)",
                                        location: place))
            }
            if mecenat.withinCap == false {
                findings.append(finding(.warning, "le mécénat valorisé au coût (\(FrenchFormat.euros(atCost))) dépasse le plafond de \(FrenchFormat.euros(mecenat.cap)) : la réduction est calculée sur le plafond",
                                        hint: "offrir moins de jours, ou accepter que l'excédent n'ouvre droit à aucune réduction cette année",
                                        location: place, measured: FrenchFormat.euros(atCost), limit: FrenchFormat.euros(mecenat.cap)))
            }
        } else {
            findings.append(finding(.error, "le mécénat ne peut pas être valorisé au coût : un membre qui offre des jours n'a pas de coût journalier",
                                    hint: "donner un `cost:` à ces membres de l'équipe (ou à leur profil)", location: place))
        }
        let at = context.locate(deduction)
        let valued = mecenat.valueAtCost.map { ", \(FrenchFormat.euros($0)) au coût, réduction d'impôt \(FrenchFormat.euros(mecenat.taxReduction ?? 0))" } ?? ""
        findings.append(finding(.warning, "l'offre prévoit \(FrenchFormat.days(mecenat.days)) de mécénat (\(deduction) aux taux de l'offre\(valued)) : revue juridique requise avant l'envoi",
                                hint: Mecenat.legalReview, location: place, measured: deduction,
                                document: at?.document, anchor: at?.anchor))
        // The review note is for the bidder: once the review is done it has no place in what the buyer reads.
        let note = String(Mecenat.legalReview.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)
        for doc in context.documents {
            if let printed = context.locate(note, in: [doc]) {
                findings.append(finding(.warning, "\(doc.name) contient la note interne « \(note) … »",
                                        hint: "retirer la note du document une fois le mécénat validé par le juriste",
                                        location: SourceLocation(file: doc.shownPath), document: printed.document, anchor: printed.anchor))
            }
        }
        return RuleResult(findings)
    }
}

/// Meetings: stated by the call, not measurable from the offer.
struct MeetingsRule: CheckRule {
    let id = Self.key
    let title = "Réunions (pour information)"
    static let key = "meetings"
    let keys = [Self.key]

    func evaluate(_ context: CheckContext) -> RuleResult {
        let rule = context.rule(Self.key)
        var parts: [String] = []
        if let max = rule?["max"]?.asNumber { parts.append("au plus \(FrenchFormat.number(max)) \(max < 2 ? "réunion" : "réunions")") }
        if let days = rule?["days"]?.asNumber { parts.append("\(FrenchFormat.days(days)) de réunion au total") }
        let stated = parts.isEmpty ? "un nombre limité de réunions" : parts.joined(separator: ", ")
        let reason = "pour information : l'offre ne modélise pas les réunions, elles ne sont donc pas comptées"
        return RuleResult([finding(.info, "la consultation autorise \(stated) ; vérifier la méthodologie à la main",
                                   location: context.place(Self.key), limit: stated)], skipped: reason)
    }
}

import Foundation

// The rules that read the built documents and their PDFs.

/// The documents were rendered to PDF: without it no page is counted, which must show.
struct RenderRule: CheckRule {
    let id = "render"
    let title = "Documents convertis en PDF"
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        switch context.render {
        case .rendered:
            let pages = context.documents.compactMap(\.pages).reduce(0, +)
            let count = context.documents.count
            return RuleResult([finding(.info, "\(FrenchWords.count(count, "document")) \(FrenchWords.plural(count, "converti")) en PDF, \(FrenchWords.count(pages, "page")) au total",
                                       measured: FrenchWords.count(pages, "page"))])
        case .notRequested:
            let rules = PreSubmissionCheck.rules.filter { $0.needsPages && $0.keys.contains { context.rule($0) != nil } }.map(\.id)
            let skipped = rules.isEmpty ? "" : " : " + rules.joined(separator: ", ") + " " + FrenchWords.plural(rules.count, "non vérifiée")
            return .skip("--no-render" + skipped)
        case .noDocuments:
            return .skip("l'offre ne liste aucun document")
        case .failed(let problem):
            let pageRules = PreSubmissionCheck.rules.filter { $0.needsPages && $0.keys.contains { context.rule($0) != nil } }
            if pageRules.isEmpty {
                return RuleResult([finding(.warning, "les documents n'ont pas été convertis en PDF (\(problem.message)) ; les restes de modèle et les totaux ont été vérifiés dans le XML des documents au lieu du PDF",
                                           hint: problem.hint)])
            }
            return RuleResult([finding(.error, "limites de pages non vérifiées (\(pageRules.map(\.id).joined(separator: ", "))) : \(problem.message)",
                                       hint: problem.hint ?? PreSubmissionCheck.RenderProblem.libreOfficeMissing.hint)])
        }
    }
}

/// Groups of documents within their page limit.
struct PagesRule: CheckRule {
    let id = Self.key
    let title = "Limites de pages"
    static let key = "pages"
    let keys = [Self.key]
    let needsPages = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        var findings: [Finding] = []
        for (index, group) in (context.rule(Self.key)?.asList ?? []).enumerated() {
            let location = context.offer.source?["tender"]?["rules"]?[Self.key]?.items.first { $0.display.hasSuffix("[\(index)]") }?.location
                ?? context.place(Self.key)
            let ids = group["documents"]?.asList?.compactMap(\.asString) ?? []
            guard let max = group["max"]?.asInt else { continue }
            let unknown = ids.filter { context.documents($0).isEmpty }
            if !unknown.isEmpty {
                findings.append(finding(.error, "pages[\(index)] nomme des documents que l'offre ne liste pas : \(unknown.joined(separator: ", "))",
                                        hint: "utiliser les id de `documents` : " + context.offer.documents.map(\.id).joined(separator: ", "),
                                        location: location))
                continue
            }
            let docs = ids.flatMap { context.documents($0) }
            let total = docs.compactMap(\.pages).reduce(0, +)
            let detail = ids.map { id -> String in
                let own = context.documents(id)
                let pages = own.compactMap(\.pages).reduce(0, +)
                return own.count > 1 ? "\(id) \(pages) dans \(own.count) documents" : "\(id) \(pages)"
            }.joined(separator: ", ")
            let measured = FrenchWords.count(total, "page"), limit = FrenchWords.count(max, "page")
            let what = ids.count == 1 && docs.count == 1 ? docs[0].name : ids.joined(separator: " + ")
            let longest = docs.max { ($0.pages ?? 0) < ($1.pages ?? 0) }
            if total > max {
                findings.append(finding(.error, "\(what) : \(measured) (\(detail)), soit \(FrenchWords.count(total - max, "page")) de trop pour une limite de \(limit)",
                                        hint: "raccourcir ces documents de \(FrenchWords.count(total - max, "page")) ; la limite est celle de la consultation",
                                        location: location, measured: measured, limit: limit, document: longest?.path,
                                        values: (String(total), String(max))))
            } else {
                findings.append(finding(.info, "\(what) : \(measured) (\(detail)), dans la limite de \(limit)",
                                        location: location, measured: measured, limit: limit, values: (String(total), String(max))))
            }
        }
        return RuleResult(findings)
    }
}

/// Each CV within its page limit.
struct CVPagesRule: CheckRule {
    let id = Self.key
    let title = "Limite de pages des CV"
    static let key = "cv_pages"
    let keys = [Self.key]
    let needsPages = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let max = context.rule(Self.key)?.asInt else { return RuleResult() }
        let cvs = context.cvs()
        let location = context.place(Self.key)
        guard !cvs.isEmpty else {
            return RuleResult([finding(.error, "la consultation limite les CV à \(FrenchWords.count(max, "page")), mais aucun document ne contient de CV",
                                       hint: "ajouter un document de CV avec `per: team` (un CV par personne)", location: location)])
        }
        let limit = FrenchWords.count(max, "page")
        return RuleResult(cvs.map { cv in
            let name = cv.member.person.name
            guard let pages = cv.pages else {
                return finding(.error, "le CV \(FrenchWords.de(name)) est introuvable dans les pages de \(cv.document.name)",
                               hint: "donner au CV un titre au nom de la personne", location: location, limit: limit,
                               document: cv.document.path, anchor: name)
            }
            let measured = FrenchWords.count(pages, "page")
            if pages > max {
                // The offer's selection for this CV is what to shorten, when it makes one.
                let selection = cv.member.cvPlace
                let hint = selection == nil
                    ? "choisir pour cette offre les expériences les plus pertinentes (team[].cv.experiences : ids, étiquettes ou les N plus récentes) ou une synthèse plus courte (team[].cv.summary) pour tenir en \(limit)"
                    : "réduire la sélection de cette offre (team[].cv : moins d'expériences, ou une synthèse plus courte) pour tenir en \(limit)"
                return finding(.error, "le CV \(FrenchWords.de(name)) (\(cv.document.name)) fait \(measured), au-delà de la limite de \(limit)",
                               hint: hint, location: selection ?? location, measured: measured, limit: limit,
                               document: cv.document.path, anchor: name, values: (String(pages), String(max)))
            }
            return finding(.info, "le CV \(FrenchWords.de(name)) fait \(measured), dans la limite de \(limit)", location: location,
                           measured: measured, limit: limit, values: (String(pages), String(max)))
        })
    }
}

/// The response frame: required headings present, in order, as headings.
///
/// When the offer declares its sections (`memoire.sections`), each title of the rule must be
/// the title of one of them, word for word, in the same order, and the document must carry it
/// as a heading, word for word; otherwise each entry of the rule is looked for as whole words
/// of a heading.
struct SectionsRule: CheckRule {
    let id = Self.key
    let title = "Titres du cadre de réponse"
    static let key = "sections", documentKey = "sections_document"
    let keys = [Self.key, Self.documentKey]
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        let location = context.place(Self.key)
        let required = context.rule(Self.key)?.asList?.compactMap(\.asString) ?? []
        guard !required.isEmpty else {
            return RuleResult([finding(.error, "`sections_document` est donné sans `sections`",
                                       hint: "lister sous sections les titres du cadre de réponse de la consultation", location: context.place(Self.documentKey))])
        }
        let id = context.rule(Self.documentKey)?.asString
            ?? context.offer.documents.first { !$0.perTeamMember }?.id ?? context.offer.documents.first?.id ?? ""
        guard let doc = context.documents(id).first else {
            return RuleResult([finding(.error, "sections_document nomme « \(id) », que l'offre ne génère pas",
                                       hint: "utiliser l'un des id : " + context.offer.documents.map(\.id).joined(separator: ", "),
                                       location: context.place(Self.documentKey))])
        }
        let headings = doc.headings
        let verbatim = !context.offer.sections.isEmpty
        let matches: (String, String) -> Bool = verbatim
            ? { SectionsRule.sameTitle($0, $1) } : { FoldedText.contains($0, words: $1) }
        var findings: [Finding] = verbatim ? offerFindings(context, required) : []
        // Earliest match of each section after the previous one: finds the order if there is one.
        var next = 0
        var matched: [String] = []
        for section in required {
            if let found = headings[next...].firstIndex(where: { matches($0.text, section) }) {
                matched.append(headings[found].text)
                next = found + 1
            } else if let elsewhere = headings.first(where: { matches($0.text, section) }) {
                findings.append(finding(.error, "la section « \(section) » n'est pas à sa place dans \(doc.name) : elle est au titre « \(elsewhere.text) », avant la section qui doit la précéder",
                                        hint: "ordonner les titres comme le cadre de réponse de la consultation",
                                        location: SourceLocation(file: doc.shownPath, part: elsewhere.part, paragraph: elsewhere.number),
                                        measured: "dans le désordre", limit: "dans l'ordre", document: doc.path, anchor: elsewhere.text))
            } else {
                let asText = doc.paragraphs.first { $0.inBody && $0.headingLevel == nil && matches($0.text, section) }
                let note = asText.map { " (elle est écrite au paragraphe \($0.number), mais pas en titre)" } ?? ""
                findings.append(finding(.error, "la section « \(section) » n'a pas de titre dans \(doc.name)\(note)",
                                        hint: asText == nil ? "ajouter un titre « \(section) » (style Heading/Titre) à la place que lui donne le cadre de la consultation"
                                                            : "donner à ce paragraphe un style Heading/Titre",
                                        location: asText.map { SourceLocation(file: doc.shownPath, part: $0.part, paragraph: $0.number) } ?? location,
                                        measured: "absente", limit: "présente", document: doc.path, anchor: asText?.text))
            }
        }
        if findings.isEmpty {
            let sections = required.count == 1 ? "la section du cadre de réponse est un titre" : "les \(required.count) sections du cadre de réponse sont des titres"
            findings.append(finding(.info, "\(sections) de \(doc.name), dans l'ordre : " + matched.map { "« \($0) »" }.joined(separator: ", "),
                                    location: location, measured: "\(required.count) dans l'ordre", limit: "\(required.count) dans l'ordre"))
        }
        return RuleResult(findings)
    }
}

extension SectionsRule {
    /// Two titles are the same when they differ only by French typography (the kind of
    /// space, the apostrophe, the quotation marks) and by spaces at the ends.
    static func sameTitle(_ a: String, _ b: String) -> Bool { normalized(a) == normalized(b) }

    static func normalized(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for c in FrenchTypography.apply(s).unicodeScalars {
            if c == " " || c == "\u{00A0}" || c == "\u{202F}" || c == "\t" || c == "\n" { space = true; continue }
            if space && !out.isEmpty { out.append(" ") }
            space = false
            out.append(c)
        }
        return String(out)
    }

    /// The offer's own sections against the rule: each title of the frame is a section of the
    /// offer, word for word, in the frame's order.
    func offerFindings(_ context: CheckContext, _ required: [String]) -> [Finding] {
        let sections = context.offer.sections
        var findings: [Finding] = []
        var next = 0
        for title in required {
            if let k = sections[next...].firstIndex(where: { Self.sameTitle($0.title, title) }) {
                next = k + 1
            } else if let k = sections.firstIndex(where: { Self.sameTitle($0.title, title) }) {
                findings.append(finding(.error, "la section « \(title) » du cadre de réponse vient trop tôt dans memoire.sections : elle y est en \(k + 1)e position, avant une section qui doit la précéder",
                                        hint: "ranger memoire.sections dans l'ordre du cadre de réponse",
                                        location: sections[k].location, measured: "dans le désordre", limit: "dans l'ordre"))
            } else {
                let near = sections.first { FoldedText.contains($0.title, words: title) || FoldedText.contains(title, words: $0.title) }
                findings.append(finding(.error, "aucune section de memoire.sections n'a pour titre « \(title) », mot pour mot"
                                        + (near.map { " (la plus proche : « \($0.title) »)" } ?? ""),
                                        hint: "reprendre dans memoire.sections l'intitulé exact du cadre de réponse",
                                        location: near?.location ?? context.place("sections"), measured: "absente", limit: "présente"))
            }
        }
        return findings
    }
}

/// Template leftovers and placeholders in the generated documents.
struct LeftoversRule: CheckRule {
    let id = "leftovers"
    let title = "Aucun reste de modèle (balises, TODO, textes à compléter, titres vides)"

    /// What is looked for, with how it reads in a message.
    static let patterns: [(what: String, regex: NSRegularExpression)] = [
        ("une balise de modèle", #"\{[{%#][^\n]{0,60}?[}%#]\}|\{\{|\}\}|\{%|%\}|\{#|#\}"#, false),
        ("un TODO", #"\bTODO\b"#, false),
        ("un XXX", #"\bXXX\b"#, false),
        ("un texte à compléter", #"\[[^\]\n]{0,20}?[aà]\s+compl[eé]ter[^\]\n]{0,40}\]"#, true),
        ("un lorem ipsum", #"lorem\s+ipsum"#, true),
    ].map { what, pattern, caseless in
        (what, try! NSRegularExpression(pattern: pattern, options: caseless ? [.caseInsensitive] : []))
    }

    /// A TODO in the offer file itself, in a comment or as a whole value (`buyer: "TODO"`): what
    /// `tender init` did not find in the call, or left to confirm. (A TODO inside a text is found
    /// in the documents that print it.)
    static let offerTodo = try! NSRegularExpression(pattern: #"#.*\bTODO\b|:\s*(["']?)TODO\1\s*(?:#|$)"#)

    func offerLeftovers(_ offer: Offer) -> [Finding] {
        guard let data = FileManager.default.contents(atPath: offer.file) else { return [] }
        let name = (offer.file as NSString).lastPathComponent
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .compactMap { index, line in
                let text = String(line)
                guard Self.offerTodo.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil else { return nil }
                let shown = text.trimmingCharacters(in: .whitespaces)
                return finding(.error, "\(name), ligne \(index + 1) : il reste un TODO : « \(shown) »",
                               hint: "compléter l'offre (une valeur à lire dans la consultation, ou à confirmer), puis retirer le TODO",
                               location: SourceLocation(file: offer.file, line: index + 1), measured: shown)
            }
    }

    func evaluate(_ context: CheckContext) -> RuleResult {
        var findings: [Finding] = offerLeftovers(context.offer)
        if context.documents.isEmpty {
            if findings.isEmpty { findings.append(finding(.info, "aucun TODO dans l'offre ; l'offre ne liste aucun document")) }
            return RuleResult(findings)
        }
        for doc in context.documents {
            for piece in doc.searchableText {
                let text = piece.text as NSString
                for (what, regex) in Self.patterns {
                    for match in regex.matches(in: piece.text, range: NSRange(location: 0, length: text.length)) {
                        let found = text.substring(with: match.range)
                        findings.append(finding(.error, "\(doc.name), \(piece.place) : il reste \(what) : « \(found) »",
                                                hint: "corriger le modèle ou l'offre pour que le document dise ce qu'il doit dire",
                                                location: piece.location, measured: found, document: doc.path, anchor: found))
                    }
                }
            }
            for heading in doc.headings where heading.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                findings.append(finding(.warning, "\(doc.name) : un titre vide (\(heading.part), paragraphe \(heading.number))",
                                        hint: "une valeur vide dans un titre, ou un paragraphe de titre servant d'espacement : le remplir ou le supprimer",
                                        location: SourceLocation(file: doc.shownPath, part: heading.part, paragraph: heading.number),
                                        document: doc.path))
            }
        }
        if findings.isEmpty {
            let source = context.isRendered ? "texte des PDF" : "XML des documents"
            let documents = context.documents.count == 1 ? "le document" : "les \(context.documents.count) documents"
            findings.append(finding(.info, "aucune balise, aucun TODO, XXX, [à compléter], lorem ipsum ni titre vide dans \(documents) (\(source))"))
        }
        return RuleResult(findings)
    }
}

/// The totals printed in the documents are the offer's pricing.
struct TotalsRule: CheckRule {
    let id = "totals"
    let title = "Totaux affichés conformes au chiffrage"
    let needsDocuments = true

    /// `8 250,00 €`, `10 000 €`, `-1 234,5 €` (spaces of any kind between groups).
    static let amount = try! NSRegularExpression(pattern: #"(?<![\d,.])-?\d{1,3}(?: \d{3})*(?:,\d{1,2})? ?€"#)

    /// The amounts in euros written in `text`.
    static func amounts(in text: String) -> [(value: Decimal, text: String)] {
        let plain = FoldedText.plainSpaces(text) as NSString
        return amount.matches(in: plain as String, range: NSRange(location: 0, length: plain.length)).compactMap { match in
            let found = plain.substring(with: match.range)
            let digits = found.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: " ", with: "")
                .replacingOccurrences(of: ",", with: ".")
            return Decimal(exactly: digits).map { ($0, found) }
        }
    }

    /// Every amount each document prints.
    static func amountsByDocument(_ context: CheckContext) -> [(document: InspectedDocument, amounts: Set<Decimal>)] {
        context.documents.map { doc in (doc, Set(doc.searchableText.flatMap { amounts(in: $0.text).map(\.value) })) }
    }

    /// Whether a line is labelled as a total: `Total…`, `Sous-total…`, `Montant total…`.
    static func isTotalLine(_ line: String) -> Bool {
        let folded = FoldedText.fold(line)
        return folded.hasPrefix("total") || folded.hasPrefix("sous total") || folded.contains("montant total")
    }

    /// Every figure of the pricing a total line may show.
    static func figures(_ pricing: OfferPricing) -> Set<Decimal> {
        var set = Set<Decimal>()
        for t in pricing.tranches.map(\.totals) + [pricing.fixed, pricing.optional, pricing.all] {
            set.formUnion([t.ht, t.discount, t.proBono, t.netHT, t.ttc] + (t.vat.map { [$0] } ?? []))
        }
        set.formUnion(pricing.tranches.flatMap(\.tasks).map(\.amount))
        set.formUnion(pricing.people.map(\.amount) + pricing.profiles.map(\.amount))
        if let m = pricing.mecenat {
            set.formUnion([m.valueAtRate, m.cap] + [m.valueAtCost, m.taxReduction].compactMap { $0 })
        }
        return set
    }

    func evaluate(_ context: CheckContext) -> RuleResult {
        let pricing = context.pricing
        let known = Self.figures(pricing)
        let exempt = pricing.all.vat == nil
        let grand: [(label: String, value: Decimal)] = [(exempt ? "total net" : "total HT", pricing.all.ht)]
            + (pricing.all.proBono == 0 && pricing.all.discount == 0 ? [] : [(exempt ? "net à payer" : "total net HT", pricing.all.netHT)])
            + (pricing.all.vat == nil ? [] : [("total TTC", pricing.all.ttc)])
        var findings: [Finding] = []
        var printing: [String] = []
        for doc in context.documents where doc.member == nil {
            var hasTotal = false
            for line in doc.lines where Self.isTotalLine(line.text) {
                let found = Self.amounts(in: line.text)
                hasTotal = hasTotal || !found.isEmpty
                for amount in found where !known.contains(amount.value) {
                    let anchor = context.locate(amount.text, in: [doc])?.anchor ?? amount.text
                    findings.append(finding(.error, "\(doc.name), \(line.place) : le total « \(amount.text) » ne correspond à aucun montant du chiffrage (\(FrenchFormat.euros(pricing.all.ttc)) TTC au total)",
                                            hint: "régénérer le document à partir de l'offre (tender build), ou corriger le montant saisi dans le modèle",
                                            location: line.location, measured: amount.text, limit: "un montant de tender price",
                                            document: doc.path, anchor: anchor))
                }
            }
            guard hasTotal else { continue }
            printing.append(doc.name)
            let printed = Set(doc.searchableText.flatMap { Self.amounts(in: $0.text).map(\.value) })
            for (label, value) in grand where !printed.contains(value) {
                findings.append(finding(.error, "\(doc.name) affiche des totaux mais pas le \(label) de l'offre, \(FrenchFormat.euros(value))",
                                        hint: "régénérer le document à partir de l'offre (tender build) : il provient peut-être d'une version antérieure",
                                        location: SourceLocation(file: doc.shownPath), measured: "absent", limit: FrenchFormat.euros(value),
                                        document: doc.path))
            }
        }
        if printing.isEmpty {
            findings.append(finding(.warning, "aucun document n'affiche de total : le total de l'offre (\(FrenchFormat.euros(pricing.all.ttc)) TTC) n'est indiqué nulle part",
                                    hint: "ajouter à documents un document de prix (bordereau des prix)"))
        } else if findings.isEmpty {
            let values = grand.map { "\($0.label) \(FrenchFormat.euros($0.value))" }.joined(separator: ", ")
            findings.append(finding(.info, "les totaux affichés dans \(printing.joined(separator: ", ")) correspondent au chiffrage (\(values))",
                                    measured: values))
        }
        return RuleResult(findings)
    }
}

import Foundation

// The rules that read the built documents and their PDFs.

/// The documents were rendered to PDF: without it no page is counted, which must show.
struct RenderRule: CheckRule {
    let id = "render"
    let title = "Documents rendered to PDF"
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        switch context.render {
        case .rendered:
            let pages = context.documents.compactMap(\.pages).reduce(0, +)
            return RuleResult([finding(.info, "\(context.documents.count) document\(context.documents.count == 1 ? "" : "s") rendered to PDF, \(pages) page\(pages == 1 ? "" : "s") in all",
                                       measured: "\(pages) pages")])
        case .notRequested:
            let rules = PreSubmissionCheck.rules.filter { $0.needsPages && $0.keys.contains { context.rule($0) != nil } }.map(\.id)
            let skipped = rules.isEmpty ? "" : ": " + rules.joined(separator: ", ") + " not checked"
            return .skip("--no-render" + skipped)
        case .noDocuments:
            return .skip("the offer lists no documents")
        case .failed(let problem):
            let pageRules = PreSubmissionCheck.rules.filter { $0.needsPages && $0.keys.contains { context.rule($0) != nil } }
            if pageRules.isEmpty {
                return RuleResult([finding(.warning, "the documents were not rendered (\(problem.message)); leftovers and totals were checked in the document XML instead of the PDF",
                                           hint: problem.hint)])
            }
            let what = problem.message.hasPrefix("LibreOffice (soffice) is not installed") ? "LibreOffice not installed" : problem.message
            return RuleResult([finding(.error, "page limits not checked (\(pageRules.map(\.id).joined(separator: ", "))): \(what)",
                                       hint: problem.hint ?? LibreOffice.installHint)])
        }
    }
}

/// Groups of documents within their page limit.
struct PagesRule: CheckRule {
    let id = "pages"
    let title = "Page limits"
    let keys = ["pages"]
    let needsPages = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        var findings: [Finding] = []
        for (index, group) in (context.rule("pages")?.asList ?? []).enumerated() {
            let location = context.offer.source?["tender"]?["rules"]?["pages"]?.items.first { $0.display.hasSuffix("[\(index)]") }?.location
                ?? context.place("pages")
            let ids = group["documents"]?.asList?.compactMap(\.asString) ?? []
            guard let max = group["max"]?.asInt else { continue }
            let unknown = ids.filter { context.documents($0).isEmpty }
            if !unknown.isEmpty {
                findings.append(finding(.error, "pages[\(index)] names documents the offer does not list: \(unknown.joined(separator: ", "))",
                                        hint: "use the ids of `documents`: " + context.offer.documents.map(\.id).joined(separator: ", "),
                                        location: location))
                continue
            }
            let docs = ids.flatMap { context.documents($0) }
            let total = docs.compactMap(\.pages).reduce(0, +)
            let detail = ids.map { id -> String in
                let own = context.documents(id)
                let pages = own.compactMap(\.pages).reduce(0, +)
                return own.count > 1 ? "\(id) \(pages) in \(own.count) documents" : "\(id) \(pages)"
            }.joined(separator: ", ")
            let measured = "\(total) page\(total == 1 ? "" : "s")", limit = "\(max) page\(max == 1 ? "" : "s")"
            let what = ids.count == 1 && docs.count == 1 ? docs[0].name : ids.joined(separator: " + ")
            let longest = docs.max { ($0.pages ?? 0) < ($1.pages ?? 0) }
            if total > max {
                findings.append(finding(.error, "\(what): \(measured) (\(detail)), over the limit of \(limit) by \(total - max)",
                                        hint: "shorten these documents by \(total - max) page\(total - max == 1 ? "" : "s"); the limit is the call's",
                                        location: location, measured: measured, limit: limit, document: longest?.path))
            } else {
                findings.append(finding(.info, "\(what): \(measured) (\(detail)), within the limit of \(limit)",
                                        location: location, measured: measured, limit: limit))
            }
        }
        return RuleResult(findings)
    }
}

/// Each CV within its page limit.
struct CVPagesRule: CheckRule {
    let id = "cv_pages"
    let title = "CV page limit"
    let keys = ["cv_pages"]
    let needsPages = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let max = context.rule("cv_pages")?.asInt else { return RuleResult() }
        let cvs = context.cvs()
        let location = context.place("cv_pages")
        guard !cvs.isEmpty else {
            return RuleResult([finding(.error, "the call limits CVs to \(max) page\(max == 1 ? "" : "s"), but no document holds a CV",
                                       hint: "add a CV document with `per: team` (one CV per person)", location: location)])
        }
        let limit = "\(max) page\(max == 1 ? "" : "s")"
        return RuleResult(cvs.map { cv in
            let name = cv.member.person.name
            guard let pages = cv.pages else {
                return finding(.error, "the CV of \(name) was not found in the pages of \(cv.document.name)",
                               hint: "give the CV a heading with the person's name", location: location, limit: limit,
                               document: cv.document.path, anchor: name)
            }
            let measured = "\(pages) page\(pages == 1 ? "" : "s")"
            if pages > max {
                return finding(.error, "the CV of \(name) (\(cv.document.name)) has \(measured), over the limit of \(limit)",
                               hint: "keep the most relevant experiences (or shorten the summary) to fit \(limit)",
                               location: location, measured: measured, limit: limit, document: cv.document.path, anchor: name)
            }
            return finding(.info, "the CV of \(name) has \(measured), within \(limit)", location: location,
                           measured: measured, limit: limit)
        })
    }
}

/// The response frame: required headings present, in order, as headings.
struct SectionsRule: CheckRule {
    let id = "sections"
    let title = "Response frame headings"
    let keys = ["sections", "sections_document"]
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        let location = context.place("sections")
        let required = context.rule("sections")?.asList?.compactMap(\.asString) ?? []
        guard !required.isEmpty else {
            return RuleResult([finding(.error, "`sections_document` is given without `sections`",
                                       hint: "list the headings of the call's response frame under sections", location: context.place("sections_document"))])
        }
        let id = context.rule("sections_document")?.asString
            ?? context.offer.documents.first { !$0.perTeamMember }?.id ?? context.offer.documents.first?.id ?? ""
        guard let doc = context.documents(id).first else {
            return RuleResult([finding(.error, "sections_document names '\(id)', which the offer does not build",
                                       hint: "use one of: " + context.offer.documents.map(\.id).joined(separator: ", "),
                                       location: context.place("sections_document"))])
        }
        let headings = doc.headings
        // Earliest match of each section after the previous one: finds the order if there is one.
        var next = 0
        var findings: [Finding] = []
        var matched: [String] = []
        for section in required {
            if let found = headings[next...].firstIndex(where: { FoldedText.contains($0.text, words: section) }) {
                matched.append(headings[found].text)
                next = found + 1
            } else if let elsewhere = headings.first(where: { FoldedText.contains($0.text, words: section) }) {
                findings.append(finding(.error, "the section \"\(section)\" is out of order in \(doc.name): found as the heading \"\(elsewhere.text)\" before the section that should precede it",
                                        hint: "order the headings as the call's response frame does",
                                        location: SourceLocation(file: doc.shownPath, part: elsewhere.part, paragraph: elsewhere.number),
                                        measured: "out of order", limit: "in order", document: doc.path, anchor: elsewhere.text))
            } else {
                let asText = doc.paragraphs.first { $0.inBody && $0.headingLevel == nil && FoldedText.contains($0.text, words: section) }
                let note = asText.map { " (it is written in paragraph \($0.number), but not as a heading)" } ?? ""
                findings.append(finding(.error, "the section \"\(section)\" has no heading in \(doc.name)\(note)",
                                        hint: asText == nil ? "add a heading (Heading/Titre style) \"\(section)\" where the call's frame puts it"
                                                            : "give that paragraph a Heading/Titre style",
                                        location: asText.map { SourceLocation(file: doc.shownPath, part: $0.part, paragraph: $0.number) } ?? location,
                                        measured: "missing", limit: "present", document: doc.path, anchor: asText?.text))
            }
        }
        if findings.isEmpty {
            findings.append(finding(.info, "the \(required.count) sections of the response frame are headings of \(doc.name), in order: "
                                    + matched.map { "\"\($0)\"" }.joined(separator: ", "),
                                    location: location, measured: "\(required.count) in order", limit: "\(required.count) in order"))
        }
        return RuleResult(findings)
    }
}

/// Template leftovers and placeholders in the generated documents.
struct LeftoversRule: CheckRule {
    let id = "leftovers"
    let title = "No leftovers (tags, TODO, placeholders, empty headings)"
    let needsDocuments = true

    /// What is looked for, with how it reads in a message.
    static let patterns: [(what: String, regex: NSRegularExpression)] = [
        ("a template tag", #"\{[{%#][^\n]{0,60}?[}%#]\}|\{\{|\}\}|\{%|%\}|\{#|#\}"#),
        ("TODO", #"\bTODO\b"#),
        ("XXX", #"\bXXX\b"#),
        ("a placeholder", #"\[[^\]\n]{0,20}?[aà]\s+compl[eé]ter[^\]\n]{0,40}\]"#),
        ("lorem ipsum", #"lorem\s+ipsum"#),
    ].map { what, pattern in
        let caseless = what == "a placeholder" || what == "lorem ipsum"
        return (what, try! NSRegularExpression(pattern: pattern, options: caseless ? [.caseInsensitive] : []))
    }

    func evaluate(_ context: CheckContext) -> RuleResult {
        var findings: [Finding] = []
        for doc in context.documents {
            for piece in doc.searchableText {
                let text = piece.text as NSString
                for (what, regex) in Self.patterns {
                    for match in regex.matches(in: piece.text, range: NSRange(location: 0, length: text.length)) {
                        let found = text.substring(with: match.range)
                        findings.append(finding(.error, "\(doc.name), \(piece.place): \(what) is left: \"\(found)\"",
                                                hint: "fix the template or the offer so that the document says what it should",
                                                location: piece.location, measured: found, document: doc.path, anchor: found))
                    }
                }
            }
            for heading in doc.headings where heading.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                findings.append(finding(.warning, "\(doc.name): an empty heading (\(heading.part), paragraph \(heading.number))",
                                        hint: "an empty value in a heading, or a heading paragraph used as a spacer: fill it or remove it",
                                        location: SourceLocation(file: doc.shownPath, part: heading.part, paragraph: heading.number),
                                        document: doc.path))
            }
        }
        if findings.isEmpty {
            let source = context.isRendered ? "the PDF text" : "the document XML"
            findings.append(finding(.info, "no tag, TODO, XXX, [à compléter], lorem ipsum or empty heading in the \(context.documents.count) documents (\(source))"))
        }
        return RuleResult(findings)
    }
}

/// The totals printed in the documents are the offer's pricing.
struct TotalsRule: CheckRule {
    let id = "totals"
    let title = "Printed totals match the pricing"
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
            set.formUnion([t.ht, t.proBono, t.netHT, t.ttc] + (t.vat.map { [$0] } ?? []))
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
        let grand: [(label: String, value: Decimal)] = [("total HT", pricing.all.ht)]
            + (pricing.all.proBono == 0 ? [] : [("total net HT", pricing.all.netHT)])
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
                    findings.append(finding(.error, "\(doc.name), \(line.place): the total \"\(amount.text)\" matches no figure of the pricing (\(FrenchFormat.euros(pricing.all.ttc)) TTC in all)",
                                            hint: "rebuild the document from the offer (tender build), or fix the amount typed in the template",
                                            location: line.location, measured: amount.text, limit: "a figure of tender price",
                                            document: doc.path, anchor: anchor))
                }
            }
            guard hasTotal else { continue }
            printing.append(doc.name)
            let printed = Set(doc.searchableText.flatMap { Self.amounts(in: $0.text).map(\.value) })
            for (label, value) in grand where !printed.contains(value) {
                findings.append(finding(.error, "\(doc.name) prints totals but not the offer's \(label), \(FrenchFormat.euros(value))",
                                        hint: "rebuild the document from the offer (tender build): it may come from an older version",
                                        location: SourceLocation(file: doc.shownPath), measured: "not printed", limit: FrenchFormat.euros(value),
                                        document: doc.path))
            }
        }
        if printing.isEmpty {
            findings.append(finding(.warning, "no document prints a total: the offer's total (\(FrenchFormat.euros(pricing.all.ttc)) TTC) is not stated",
                                    hint: "add a price document (bordereau des prix) to documents"))
        } else if findings.isEmpty {
            let values = grand.map { "\($0.label) \(FrenchFormat.euros($0.value))" }.joined(separator: ", ")
            findings.append(finding(.info, "the totals printed in \(printing.joined(separator: ", ")) match the pricing (\(values))",
                                    measured: values))
        }
        return RuleResult(findings)
    }
}

import Foundation

// The rules that read the built documents and their PDFs.

/// The documents were rendered to PDF: without it no page is counted, which must show.
struct RenderRule: CheckRule {
    let id = "render"
    var title: String { CheckMessage.title(id).text }
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        switch context.render {
        case .rendered:
            let pages = context.documents.compactMap(\.pages).reduce(0, +)
            let count = context.documents.count
            return RuleResult([finding(.info, CheckMessage.converted(documents: count, pages: pages).text,
                                       measured: Message.pages(pages).text)])
        case .notRequested:
            let rules = PreSubmissionCheck.rules.filter { $0.needsPages && $0.keys.contains { context.rule($0) != nil } }.map(\.id)
            return .skip(CheckMessage.notRenderedRules(rules).text)
        case .noDocuments:
            return .skip(CheckMessage.noDocuments.text)
        case .failed(let problem):
            let pageRules = PreSubmissionCheck.rules.filter { $0.needsPages && $0.keys.contains { context.rule($0) != nil } }
            if pageRules.isEmpty {
                return RuleResult([finding(.warning, CheckMessage.xmlInsteadOfPDF(problem.message).text,
                                           hint: problem.hint)])
            }
            return RuleResult([finding(.error, CheckMessage.pagesNotChecked(pageRules.map(\.id), problem.message).text,
                                       hint: problem.hint ?? PreSubmissionCheck.RenderProblem.libreOfficeMissing.hint)])
        }
    }
}

/// Groups of documents within their page limit.
struct PagesRule: CheckRule {
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
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
                findings.append(finding(.error, CheckMessage.unknownDocuments(index: index, unknown).text,
                                        hint: CheckMessage.useDocumentIds(context.offer.documents.map(\.id)).text,
                                        location: location))
                continue
            }
            let docs = ids.flatMap { context.documents($0) }
            let total = docs.compactMap(\.pages).reduce(0, +)
            let detail = ids.map { id -> String in
                let own = context.documents(id)
                let pages = own.compactMap(\.pages).reduce(0, +)
                return CheckMessage.pagesIn(id: id, pages: pages, documents: own.count).text
            }.joined(separator: ", ")
            let measured = Message.pages(total).text, limit = Message.pages(max).text
            let what = ids.count == 1 && docs.count == 1 ? docs[0].name : ids.joined(separator: " + ")
            let longest = docs.max { ($0.pages ?? 0) < ($1.pages ?? 0) }
            if total > max {
                findings.append(finding(.error, CheckMessage.pagesOver(what: what, measured: measured, detail: detail, over: total - max, limit: limit).text,
                                        hint: CheckMessage.pagesOverHint(over: total - max).text,
                                        location: location, measured: measured, limit: limit, document: longest?.path,
                                        values: (String(total), String(max))))
            } else {
                findings.append(finding(.info, CheckMessage.pagesWithin(what: what, measured: measured, detail: detail, limit: limit).text,
                                        location: location, measured: measured, limit: limit, values: (String(total), String(max))))
            }
        }
        return RuleResult(findings)
    }
}

/// Each CV within its page limit.
struct CVPagesRule: CheckRule {
    let id = Self.key
    var title: String { CheckMessage.title(id).text }
    static let key = "cv_pages"
    let keys = [Self.key]
    let needsPages = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let max = context.rule(Self.key)?.asInt else { return RuleResult() }
        let cvs = context.cvs()
        let location = context.place(Self.key)
        guard !cvs.isEmpty else {
            return RuleResult([finding(.error, CheckMessage.noCVDocument(max: max).text,
                                       hint: CheckMessage.noCVDocumentHint.text, location: location)])
        }
        let limit = Message.pages(max).text
        return RuleResult(cvs.map { cv in
            let name = cv.member.person.name
            guard let pages = cv.pages else {
                return finding(.error, CheckMessage.cvNotFound(name: name, document: cv.document.name).text,
                               hint: CheckMessage.cvNotFoundHint.text, location: location, limit: limit,
                               document: cv.document.path, anchor: name)
            }
            let measured = Message.pages(pages).text
            if pages > max {
                // The offer's selection for this CV is what to shorten, when it makes one.
                let selection = cv.member.cvPlace
                let hint = CheckMessage.cvTooLongHint(selected: selection != nil, limit: limit).text
                return finding(.error, CheckMessage.cvTooLong(name: name, document: cv.document.name, measured: measured, limit: limit).text,
                               hint: hint, location: selection ?? location, measured: measured, limit: limit,
                               document: cv.document.path, anchor: name, values: (String(pages), String(max)))
            }
            return finding(.info, CheckMessage.cvWithin(name: name, measured: measured, limit: limit).text, location: location,
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
    var title: String { CheckMessage.title(id).text }
    static let key = "sections", documentKey = "sections_document"
    let keys = [Self.key, Self.documentKey]
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        let location = context.place(Self.key)
        let required = context.rule(Self.key)?.asList?.compactMap(\.asString) ?? []
        guard !required.isEmpty else {
            return RuleResult([finding(.error, CheckMessage.sectionsWithoutList.text,
                                       hint: CheckMessage.sectionsWithoutListHint.text, location: context.place(Self.documentKey))])
        }
        let id = context.rule(Self.documentKey)?.asString
            ?? context.offer.documents.first { !$0.perTeamMember }?.id ?? context.offer.documents.first?.id ?? ""
        guard let doc = context.documents(id).first else {
            return RuleResult([finding(.error, CheckMessage.sectionsDocumentUnknown(id).text,
                                       hint: CheckMessage.useOneOfIds(context.offer.documents.map(\.id)).text,
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
                findings.append(finding(.error, CheckMessage.sectionOutOfPlace(section: section, document: doc.name, at: elsewhere.text).text,
                                        hint: CheckMessage.sectionOutOfPlaceHint.text,
                                        location: SourceLocation(file: doc.shownPath, part: elsewhere.part, paragraph: elsewhere.number),
                                        measured: CheckMessage.outOfOrder.text, limit: CheckMessage.inOrder.text, document: doc.path, anchor: elsewhere.text))
            } else {
                let asText = doc.paragraphs.first { $0.inBody && $0.headingLevel == nil && matches($0.text, section) }
                findings.append(finding(.error, CheckMessage.sectionNoHeading(section: section, document: doc.name, paragraph: asText?.number).text,
                                        hint: asText == nil ? CheckMessage.addHeadingHint(section).text
                                                            : CheckMessage.styleAsHeadingHint.text,
                                        location: asText.map { SourceLocation(file: doc.shownPath, part: $0.part, paragraph: $0.number) } ?? location,
                                        measured: CheckMessage.missingSection.text, limit: CheckMessage.presentSection.text, document: doc.path, anchor: asText?.text))
            }
        }
        if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.sectionsMatch(count: required.count, document: doc.name, titles: matched).text,
                                    location: location, measured: CheckMessage.countInOrder(required.count).text, limit: CheckMessage.countInOrder(required.count).text))
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
                findings.append(finding(.error, CheckMessage.sectionTooEarly(title: title, position: k + 1).text,
                                        hint: CheckMessage.sectionTooEarlyHint.text,
                                        location: sections[k].location, measured: CheckMessage.outOfOrder.text, limit: CheckMessage.inOrder.text))
            } else {
                let near = sections.first { FoldedText.contains($0.title, words: title) || FoldedText.contains(title, words: $0.title) }
                findings.append(finding(.error, CheckMessage.noSuchSection(title: title, nearest: near?.title).text,
                                        hint: CheckMessage.noSuchSectionHint.text,
                                        location: near?.location ?? context.place("sections"), measured: CheckMessage.missingSection.text, limit: CheckMessage.presentSection.text))
            }
        }
        return findings
    }
}

/// Template leftovers and placeholders in the generated documents.
struct LeftoversRule: CheckRule {
    let id = "leftovers"
    var title: String { CheckMessage.title(id).text }

    /// What is looked for, with how it reads in a message, and the ASCII bytes of which a match
    /// holds at least one: a text holding none of them is not given to the regular expression
    /// (ICU's matcher costs more than the rest of the check on a text).
    static let patterns: [(what: CheckMessage.Leftover, regex: NSRegularExpression, needs: [UInt8])] = [
        (CheckMessage.Leftover.tag, #"\{[{%#][^\n]{0,60}?[}%#]\}|\{\{|\}\}|\{%|%\}|\{#|#\}"#, false, "{}"),
        (.todo, #"\bTODO\b"#, false, "T"),
        (.xxx, #"\bXXX\b"#, false, "X"),
        (.toComplete, #"\[[^\]\n]{0,20}?[aà]\s+compl[eé]ter[^\]\n]{0,40}\]"#, true, "["),
        (.lorem, #"lorem\s+ipsum"#, true, "lL"),
    ].map { what, pattern, caseless, needs in
        (what, try! NSRegularExpression(pattern: pattern, options: caseless ? [.caseInsensitive] : []), Array(needs.utf8))
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
                // Only a line that says TODO is given to ICU.
                let text = String(line)
                guard text.holdsBytes("TODO") else { return nil }
                guard Self.offerTodo.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil else { return nil }
                let shown = text.trimmingCharacters(in: .whitespaces)
                return finding(.error, CheckMessage.todoInOffer(file: name, line: index + 1, text: shown).text,
                               hint: CheckMessage.todoInOfferHint.text,
                               location: SourceLocation(file: offer.file, line: index + 1), measured: shown)
            }
    }

    func evaluate(_ context: CheckContext) -> RuleResult {
        var findings: [Finding] = offerLeftovers(context.offer)
        if context.documents.isEmpty {
            if findings.isEmpty { findings.append(finding(.info, CheckMessage.noTodoNoDocuments.text)) }
            return RuleResult(findings)
        }
        for doc in context.documents {
            for piece in doc.searchableText {
                let text = piece.text as NSString
                for (what, regex, needs) in Self.patterns where piece.text.utf8.contains(where: needs.contains) {
                    for match in regex.matches(in: piece.text, range: NSRange(location: 0, length: text.length)) {
                        let found = text.substring(with: match.range)
                        findings.append(finding(.error, CheckMessage.leftoverFound(document: doc.name, place: piece.place, what, found: found).text,
                                                hint: CheckMessage.leftoverHint.text,
                                                location: piece.location, measured: found, document: doc.path, anchor: found))
                    }
                }
            }
            for heading in doc.headings where heading.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                findings.append(finding(.warning, CheckMessage.emptyHeading(document: doc.name, part: heading.part, paragraph: heading.number).text,
                                        hint: CheckMessage.emptyHeadingHint.text,
                                        location: SourceLocation(file: doc.shownPath, part: heading.part, paragraph: heading.number),
                                        document: doc.path))
            }
        }
        if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.noLeftovers(documents: context.documents.count, rendered: context.isRendered).text))
        }
        return RuleResult(findings)
    }
}

/// The totals printed in the documents are the offer's pricing.
struct TotalsRule: CheckRule {
    let id = "totals"
    var title: String { CheckMessage.title(id).text }
    let needsDocuments = true

    /// `8 250,00 €`, `10 000 €`, `-1 234,5 €` (spaces of any kind between groups): what
    /// `amounts(in:)` finds, as this regular expression over the text with its spaces made plain
    /// would (FastPathTests holds it to that).
    static let amountPattern = #"(?<![\d,.])-?\d{1,3}(?: \d{3})*(?:,\d{1,2})? ?€"#

    /// The amounts in euros written in `text`.
    ///
    /// Read by hand, scalar by scalar: ICU's matcher cost a tenth of a `check --no-render`. The
    /// pattern leaves no choice to backtrack into (a run of digits, groups, decimals and the space
    /// can each be read only one way for the sign to follow), so reading each piece as far as it
    /// goes and failing when the next scalar is wrong finds what the pattern finds; `\d` is any
    /// decimal digit, as in ICU.
    static func amounts(in text: String) -> [(value: Decimal, text: String)] {
        // Most texts print no euro sign.
        guard text.holdsBytes("€") else { return [] }
        let s = Array(FoldedText.plainSpaces(text).unicodeScalars)
        func isDigit(_ i: Int) -> Bool {
            guard i < s.count else { return false }
            return s[i].isASCII ? (0x30...0x39).contains(s[i].value) : s[i].properties.numericType == .decimal
        }
        func digits(from i: Int) -> Int {
            var j = i
            while isDigit(j) { j += 1 }
            return j - i
        }
        var found: [(value: Decimal, text: String)] = []
        var start = 0
        while start < s.count {
            guard let end = amountEnd(from: start) else { start += 1; continue }
            let shown = s[start..<end]
            let number = shown.compactMap { scalar -> Unicode.Scalar? in
                scalar == "€" || scalar == " " ? nil : scalar == "," ? "." : scalar
            }
            if let value = Decimal(exactly: String(scalars: number)) { found.append((value, String(scalars: shown))) }
            start = end
        }
        return found

        /// Where an amount starting at `i` ends (after its €), or nil.
        func amountEnd(from i: Int) -> Int? {
            if i > 0, isDigit(i - 1) || s[i - 1] == "," || s[i - 1] == "." { return nil }
            var p = i
            if s[p] == "-" { p += 1 }
            let lead = digits(from: p)
            guard (1...3).contains(lead) else { return nil }
            p += lead
            // Groups: a space and exactly three digits.
            while p + 3 < s.count, s[p] == " ", digits(from: p + 1) >= 3 {
                guard digits(from: p + 1) == 3 else { return nil }
                p += 4
            }
            if p < s.count, s[p] == ",", isDigit(p + 1) {
                let decimals = digits(from: p + 1)
                guard decimals <= 2 else { return nil }
                p += 1 + decimals
            }
            if p < s.count, s[p] == " " { p += 1 }
            guard p < s.count, s[p] == "€" else { return nil }
            return p + 1
        }
    }

    /// Every amount each document prints.
    static func amountsByDocument(_ context: CheckContext) -> [(document: InspectedDocument, amounts: Set<Decimal>)] {
        context.documents.map { doc in (doc, Set(doc.searchableText.flatMap { amounts(in: $0.text).map(\.value) })) }
    }

    /// Whether a line is labelled as a total: `Total…`, `Sous-total…`, `Montant total…`.
    static func isTotalLine(_ line: String) -> Bool {
        let folded = FoldedText.fold(line)
        return folded.hasPrefix("total") || folded.hasPrefix("sous total") || folded.holdsBytes("montant total")
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
        let grand: [(label: CheckMessage.GrandTotal, value: Decimal)] = [(exempt ? .net : .ht, pricing.all.ht)]
            + (pricing.all.proBono == 0 && pricing.all.discount == 0 ? [] : [(exempt ? .netToPay : .netHT, pricing.all.netHT)])
            + (pricing.all.vat == nil ? [] : [(.ttc, pricing.all.ttc)])
        var findings: [Finding] = []
        var printing: [String] = []
        for doc in context.documents where doc.member == nil {
            var hasTotal = false
            for line in doc.lines where Self.isTotalLine(line.text) {
                let found = Self.amounts(in: line.text)
                hasTotal = hasTotal || !found.isEmpty
                for amount in found where !known.contains(amount.value) {
                    let anchor = context.locate(amount.text, in: [doc])?.anchor ?? amount.text
                    findings.append(finding(.error, CheckMessage.unknownTotal(document: doc.name, place: line.place, amount: amount.text, ttc: FrenchFormat.euros(pricing.all.ttc)).text,
                                            hint: CheckMessage.regenerateOrFixHint.text,
                                            location: line.location, measured: amount.text, limit: CheckMessage.aTenderPriceAmount.text,
                                            document: doc.path, anchor: anchor))
                }
            }
            guard hasTotal else { continue }
            printing.append(doc.name)
            let printed = Set(doc.searchableText.flatMap { Self.amounts(in: $0.text).map(\.value) })
            for (label, value) in grand where !printed.contains(value) {
                findings.append(finding(.error, CheckMessage.missingTotal(document: doc.name, label, amount: FrenchFormat.euros(value)).text,
                                        hint: CheckMessage.regenerateHint.text,
                                        location: SourceLocation(file: doc.shownPath), measured: CheckMessage.absentAmount.text, limit: FrenchFormat.euros(value),
                                        document: doc.path))
            }
        }
        if printing.isEmpty {
            findings.append(finding(.warning, CheckMessage.noTotals(ttc: FrenchFormat.euros(pricing.all.ttc)).text,
                                    hint: CheckMessage.noTotalsHint.text))
        } else if findings.isEmpty {
            let values = grand.map { "\(CheckMessage.grandTotal($0.label).text) \(FrenchFormat.euros($0.value))" }.joined(separator: ", ")
            findings.append(finding(.info, CheckMessage.totalsMatch(documents: printing, values: values).text,
                                    measured: values))
        }
        // Workbooks: their figures once recalculated, each with its own verdict.
        findings += context.documents.filter(\.workbook).flatMap { workbookFindings($0, context) }
        return RuleResult(findings)
    }
}

import Foundation

/// The review side of `tender build --draft`: every check finding becomes a comment in the
/// document it is about, and `review.md` sums up the offer on one page for the partner.
public enum DraftReview {
    public struct Outcome: Sendable {
        public var report: CheckReport
        public var reviewFile: String
        public var comments: Int
    }

    /// Runs the checks on the drafts just built in `folder`, comments them, writes review.md.
    /// `since` is the last approved version (from `OfferRevision.load`), if any.
    public static func finish(_ build: BuildResult, offer: Offer, pricing: OfferPricing, folder: String,
                              asOf: DateValue, today: DateValue, since: (offer: Offer, label: String)? = nil,
                              progress: ((String) -> Void)? = nil) throws -> Outcome {
        let report = try PreSubmissionCheck.run(offer, pricing: pricing,
                                                options: CheckOptions(asOf: asOf, documentsFolder: folder), progress: progress)
        let comments = commentsByDocument(report.findings, documents: build.documents.map(\.path))
        var count = 0
        var annotated: [String] = []
        for doc in build.documents {
            let list = comments[doc.path] ?? []
            guard !list.isEmpty else { continue }
            try DraftAnnotator.annotate(doc.path, mark: nil, comments: list, date: today)
            count += list.count
            if doc.pdf != nil { annotated.append(doc.path) }
        }
        // The PDFs of commented documents are made again, with the comments as PDF annotations,
        // so that a partner reading only PDFs sees them.
        if !annotated.isEmpty {
            _ = try LibreOffice.convertToPDF(annotated, into: folder, exportNotes: true, progress: progress)
        }
        var diffText: String? = nil
        if let since {
            let before = OfferPricing(offer: since.offer)
            let diff = OfferDiff(before: before, after: pricing,
                                 rulesBefore: PreSubmissionCheck.offerRuleResults(since.offer, pricing: before, asOf: asOf),
                                 rulesAfter: PreSubmissionCheck.offerRuleResults(offer, pricing: pricing, asOf: asOf))
            diffText = DiffReport.text(diff, before: since.label, after: ReviewMessage.thisDraft.text)
        }
        let path = (folder as NSString).appendingPathComponent("review.md")
        let prose = since.map { ProseDiff.changes(before: $0.offer.memoire, after: offer.memoire,
                                                  order: OfferKeys.memoire.fields.map(\.name)) }
        try AtomicFile.write(to: path, bytes: Array(markdown(offer: offer, pricing: pricing, report: report, today: today,
                                                             diff: diffText, sinceLabel: since?.label, prose: prose).utf8))
        return Outcome(report: report, reviewFile: path, comments: count)
    }

    /// Errors and warnings as comments, each in the document it names (matched by file name),
    /// anchored at its text; those about no document go to the start of the first one.
    static func commentsByDocument(_ findings: [Finding], documents: [String]) -> [String: [ReviewComment]] {
        var out: [String: [ReviewComment]] = [:]
        guard let first = documents.first else { return out }
        for f in findings where f.severity == .error || f.severity == .warning {
            let target = f.document.flatMap { doc in
                documents.first { ($0 as NSString).lastPathComponent == (doc as NSString).lastPathComponent }
            }
            var text = ReviewMessage.commentLabel(f.severity).text + " [\(f.rule)] " + f.message
            if let hint = f.hint { text += "\n→ " + hint }
            out[target ?? first, default: []].append(ReviewComment(anchor: target == nil ? nil : f.anchor, text: text))
        }
        return out
    }

    static func markdown(offer: Offer, pricing: OfferPricing, report: CheckReport, today: DateValue,
                         diff: String?, sinceLabel: String?, prose: [ProseDiff.Change]? = nil) -> String {
        let eur = { (d: Decimal) in FrenchFormat.euros(d) }
        var md: [String] = []
        md.append(ReviewMessage.title(offer.tender.reference ?? offerFileName(offer)).text)
        md.append("")
        md.append("**\(offer.tender.title)** — \(offer.tender.buyer)  ")
        md.append(ReviewMessage.draftOf(today, deadline: offer.tender.deadline).text)
        md.append("")
        md.append(ReviewMessage.amounts.text)
        md.append("")
        md.append(ReviewMessage.amountsHeader.text)
        md.append("|---|--:|--:|--:|--:|--:|--:|")
        func row(_ label: String, _ t: Totals) {
            md.append("| \(label) | \(FrenchFormat.number(t.days)) | \(eur(t.ht)) | \(eur(t.proBono)) | \(eur(t.netHT)) | "
                      + "\(t.vat.map(eur) ?? "—") | \(eur(t.ttc)) |")
        }
        for t in pricing.tranches { row(ReviewMessage.tranche(id: t.id, title: t.title, fixed: t.kind == .fixed).text, t.totals) }
        if pricing.tranches.contains(where: { $0.kind == .optional }) {
            row(ReviewMessage.fixedTotal.text, pricing.fixed)
            row(ReviewMessage.optionalTotal.text, pricing.optional)
        }
        row(ReviewMessage.total.text, pricing.all)
        md.append("")
        md.append(ReviewMessage.daysByPerson.text)
        md.append("")
        md.append(ReviewMessage.peopleHeader.text)
        md.append("|---|---|--:|--:|--:|")
        for p in pricing.people {
            md.append("| \(p.name) | \(p.profileLabel ?? "—") | \(FrenchFormat.number(p.days)) | \(eur(p.rate)) | \(eur(p.amount)) |")
        }
        md.append("")
        md.append(ReviewMessage.checksAsOf(report.asOf).text)
        md.append("")
        md.append(report.errors == 0 ? ReviewMessage.noErrors(report.summary).text : "**\(report.summary)**")
        md.append("")
        for f in report.findings where f.severity == .error || f.severity == .warning {
            md.append(ReviewMessage.finding(f.severity, rule: f.rule, message: f.message).text)
        }
        for rule in report.rules where rule.status == .passed {
            let measures = report.findings.filter { $0.rule == rule.id && $0.severity == .info }.map(measure)
            md.append(ReviewMessage.passed(rule: rule.id, title: rule.title, measures: measures).text)
        }
        md.append("")
        md.append(ReviewMessage.commentsToo.text)
        if let diff, let sinceLabel {
            md.append("")
            md.append(ReviewMessage.changesSince(sinceLabel).text)
            md.append("")
            md.append("```text")
            md.append(diff.trimmingCharacters(in: .newlines))
            md.append("```")
            md.append("")
            md.append(ReviewMessage.memoireText.text)
            md.append("")
            if let prose, !prose.isEmpty {
                md.append(ReviewMessage.legend.text)
                md.append("")
                for change in prose {
                    md.append(ReviewMessage.changedParagraph(key: change.key, paragraph: change.paragraph, markdown: change.markdown).text)
                }
            } else {
                md.append(ReviewMessage.noParagraphChanged.text)
            }
        }
        return md.joined(separator: "\n") + "\n"
    }

    /// What a passing rule measured: `10 pages sur 20 pages (reste 10)`, `9 900,00 € TTC pour un
    /// plafond de 10 000,00 € TTC (marge 100,00 €)`; the finding's own words when it has no limit.
    static func measure(_ f: Finding) -> String {
        guard let measured = f.measured, let limit = f.limit else { return f.message }
        var text = ReviewMessage.forLimit(measured: measured, limit: limit).text
        if let m = f.measuredValue.flatMap({ Decimal(string: $0) }), let l = f.limitValue.flatMap({ Decimal(string: $0) }) {
            let margin = l - m
            if f.rule == "budget" {
                text = ReviewMessage.forCap(measured: measured, limit: limit, margin: FrenchFormat.euros(margin)).text
            } else if ["pages", "cv_pages"].contains(f.rule) {
                text = ReviewMessage.pagesUsed(measured: measured, plural: m > 1, limit: limit, left: FrenchFormat.number(margin)).text
            } else {
                text += ReviewMessage.margin(FrenchFormat.number(margin)).text
            }
        }
        return text
    }

    static func offerFileName(_ offer: Offer) -> String { (offer.file as NSString).lastPathComponent }
}

import Foundation

/// The compliance matrix templates read as `matrix` (offers/FORMAT.md, "Template context"): each
/// requirement of the call (`requirements:`), the sections of the mémoire that answer it
/// (`memoire.sections[].answers`) and the page where each of them starts in the mémoire's PDF.
///
/// The pages are known only once the mémoire is converted: `tender build --pdf` reads them from
/// its PDF and renders the documents that read `matrix` again (SubmissionBuilder). Until then,
/// and in a build without PDF, every page cell says it was not computed: never a blank or a guess.
public struct ComplianceMatrix: Sendable {
    /// Where the mémoire's sections start.
    public enum Pages: Sendable, Equatable {
        /// No PDF of the mémoire was made (a build without `--pdf`, `tender context`, `tender check`).
        case notConverted
        /// Read from the PDF named `pdf` (its file name): section id → 1-based page of that PDF.
        /// A section missing from `start` was not found as a heading of the PDF.
        case read(pdf: String, start: [String: Int])
    }

    public let offer: Offer
    public let pages: Pages

    public init(offer: Offer, pages: Pages = .notConverted) { self.offer = offer; self.pages = pages }

    /// The id of the document whose pages the matrix shows: the document holding the sections,
    /// as the `sections` rule reads it (`tender.rules.sections_document`, else the first document
    /// that is not one per team member).
    public static func sectionsDocument(of offer: Offer) -> String? {
        if let id = offer.tender.rules["sections_document"]?.asString { return id }
        return offer.documents.first { !$0.perTeamMember }?.id
    }

    /// One answer of a requirement: a section, its number (its place in `memoire.sections`, as
    /// the mémoire's Heading 1 numbering shows it) and its first page.
    public struct Answer: Sendable {
        public var section: MemoireSection?
        public var number: Int?
        public var page: Int?
        /// What the page cell shows: the page, or why there is none.
        public var pageLabel: String
    }

    /// The answers of `requirement`, in the mémoire's order; none when no section answers it.
    public func answers(to requirement: Requirement) -> [Answer] {
        offer.sections.enumerated().filter { $0.element.answers.contains(requirement.id) }.map { index, section in
            switch pages {
            case .notConverted:
                return Answer(section: section, number: index + 1, page: nil, pageLabel: "non calculée")
            case .read(_, let start):
                let page = start[section.id]
                return Answer(section: section, number: index + 1, page: page, pageLabel: page.map(String.init) ?? "introuvable")
            }
        }
    }

    /// What the matrix says about its page numbers, under its table.
    public var note: String {
        switch pages {
        case .notConverted:
            return "Numéros de page non calculés : le mémoire technique n'a pas été converti en PDF (tender build --pdf)."
        case .read(let pdf, let start):
            let missing = offer.sections.contains { s in
                start[s.id] == nil && offer.requirements.contains { s.answers.contains($0.id) }
            }
            return "Pages du PDF « \(pdf) », couverture comprise : la page où commence chaque section."
                + (missing ? " « introuvable » : le titre de la section n'a pas été trouvé dans ce PDF." : "")
        }
    }

    /// The `matrix` of the template context.
    public var value: Value {
        var requirements: [Value] = [], rows: [Value] = []
        for requirement in offer.requirements {
            let head: [(String, Value)] = [
                ("id", .string(requirement.id)),
                ("source", requirement.source.map(Value.string) ?? .null),
                ("text", .string(requirement.text)),
            ]
            let answers = answers(to: requirement)
            let cells = answers.map { a -> [(String, Value)] in
                [("id", a.section.map { .string($0.id) } ?? .null),
                 ("number", a.number.map { .number(Decimal($0)) } ?? .null),
                 ("title", .string(a.section?.title ?? "")),
                 ("page", a.page.map { .number(Decimal($0)) } ?? .null),
                 ("page_label", .string(a.pageLabel))]
            }
            requirements.append(.map(Mapping(head + [("sections", .list(cells.map { .map(Mapping($0)) }))])))
            // One row per answering section (the requirement's cells on its first row only, as
            // `first` says); a requirement no section answers has one row saying so.
            let none: [(String, Value)] = [("number", .null), ("title", .string("aucune section du mémoire n'y répond")),
                                           ("page", .null), ("page_label", .string("—"))]
            for (index, cell) in (cells.isEmpty ? [none] : cells).enumerated() {
                rows.append(.map(Mapping(head + [("first", .bool(index == 0))] + cell.filter { $0.0 != "id" })))
            }
        }
        let pdf: Value, known: Bool
        switch pages {
        case .notConverted: pdf = .null; known = false
        case .read(let name, _): pdf = .string(name); known = true
        }
        return .map(Mapping([
            ("pages", .bool(known)),
            ("pdf", pdf),
            ("note", .string(note)),
            ("requirements", .list(requirements)),
            ("rows", .list(rows)),
        ]))
    }
}

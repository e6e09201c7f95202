import Foundation

/// Every key of the offer and team files (offers/FORMAT.md), described once.
///
/// The loader validates against these shapes and `tender schema` prints them as JSON Schema.
/// Add keys here (and to FORMAT.md); never rename them.
public enum OfferKeys {
    // MARK: Shared pieces

    static let money = Shape.decimal(min: 0)
    static let ratio = Shape.decimal(min: 0, max: 1)
    static let count = Shape.integer(min: 0)

    /// A dated piece of work: a CV experience or a bidder reference.
    static let experience = Record("experience", [
        Field("id", .text, "Short id, unique in its file, by which an offer selects it (team[].cv, references)."),
        Field("client", .text, required: true, "Client (buyer) of the assignment."),
        Field("subject", .text, required: true, "Subject of the assignment."),
        Field("start", .date, required: true, "Start date, YYYY-MM-DD."),
        Field("end", .date, "End date, YYYY-MM-DD; leave out while ongoing."),
        Field("amount", money, "Amount of the assignment, € HT, when known."),
        Field("role", .text, "Role held in the assignment."),
        Field("tags", .list(.text), "Subjects of the assignment, by which an offer selects it: [international, evaluation]."),
    ])

    /// Which experiences (or references) an offer shows: by id in this order, by tags, or the N most recent.
    static let selection = Record("selection", [
        Field("ids", .list(.text), "Ids, in the order shown."),
        Field("tags", .list(.text), "Those with at least one of these tags, most recent first."),
        Field("recent", .integer(min: 1), "Only the N most recent (after the tags)."),
    ], groups: [.atMostOne("ids", "tags"), .atMostOne("ids", "recent")])

    /// A selection written as a plain list of ids, or as a mapping.
    static let selectionShape = Shape.either([.list(.text), .record(selection)])

    // MARK: offers/team/<id>.yaml

    /// One person of the team library: a CV. The file name is the person's id.
    public static let person = Record("person", [
        Field("name", .text, required: true, "Full name, as shown on the CV."),
        Field("title", .text, "Job title shown on the CV."),
        Field("profile", .text, "Qualification: a key of the offer's `profiles` rate card."),
        Field("years", count, "Years of professional experience."),
        Field("summary", .text, "One-paragraph profile."),
        Field("summaries", .dictionary(.text, keyDescription: "summary name"),
              "Other summaries (a shorter one…), by name, that an offer may pick: team[].cv.summary."),
        Field("education", .list(.record(Record("education", [
            Field("year", .integer(min: 1900, max: 2200), "Year the degree was obtained."),
            Field("degree", .text, required: true, "Degree or training."),
            Field("school", .text, "School or university."),
        ]))), "Degrees, most recent first."),
        Field("languages", .list(.text), "Languages and level, e.g. \"Anglais (courant)\"."),
        Field("skills", .list(.text), "Skills, one short phrase each."),
        Field("experiences", .list(.record(experience)), "Dated experiences (listed most recent first in documents)."),
    ])

    // MARK: offers/<name>/offer.yaml

    static let rules = Record("rules", [
        Field("budget", .record(Record("budget rule", [
            Field("max", money, required: true, "Maximum price, €."),
            Field("basis", .choice(["ht", "ttc"]), "Whether the maximum is HT or TTC."),
            Field("scope", .choice(["fixed", "all", "tranche"]), "Fixed tranches only, all tranches, or each tranche on its own."),
        ])), "Maximum budget of the call."),
        Field("duration", .record(Record("duration rule", [
            Field("min_months", count, "Shortest duration allowed, in months."),
            Field("max_months", count, "Longest duration allowed, in months."),
        ])), "Duration allowed, from schedule.start to schedule.end."),
        Field("pages", .list(.record(Record("page rule", [
            Field("documents", .list(.text), required: true, "Ids of the documents counted together."),
            Field("max", .integer(min: 1), required: true, "Maximum total of their pages."),
        ]))), "Page limits over groups of documents."),
        Field("cv_pages", .integer(min: 1), "Each CV document at most this many pages."),
        Field("references", .record(Record("references rule", [
            Field("count", count, "Number of references asked for."),
            Field("within_months", count, "References must have ended less than this many months before the deadline."),
            Field("tags", .list(.text), "References must have at least one of these tags."),
        ])), "References asked for."),
        Field("library", .record(Record("library rule", [
            Field("review_months", count, "A block of the answer library used by the offer is reviewed within this many months (default 12)."),
        ])), "Reviews of the answer library's blocks the offer uses."),
        Field("sections", .list(.text), "Headings the response must contain, in order."),
        Field("sections_document", .text, "Id of the document that holds the sections."),
        Field("meetings", .record(Record("meetings rule", [
            Field("max", count, "Maximum number of meetings."),
            Field("days", .decimal(min: 0), "Maximum total of meeting days."),
        ])), "Meetings allowed (informational)."),
    ])

    static let tender = Record("tender", [
        Field("reference", .text, "The buyer's reference for the call."),
        Field("buyer", .text, required: true, "The buyer (pouvoir adjudicateur)."),
        Field("buyer_address", .text, "The buyer's address."),
        Field("title", .text, required: true, "Title of the call."),
        Field("deadline", .dateTime, "Deadline, YYYY-MM-DDTHH:MM, Europe/Paris unless an offset is given."),
        Field("rules", .record(rules), "Constraints of the call, read by `tender check`; every key optional."),
    ])

    /// The firm: `offers/bidder.yaml`, shared by the offers (`required`), or an offer's `bidder:`,
    /// which names that profile (`file`) and overrides single keys of it.
    static func bidderFields(required: Bool) -> [Field] {
        [
            Field("name", .text, required: required, "Legal name of the bidder."),
            Field("legal_form", .text, "Legal form, e.g. SCOP SARL."),
            Field("siret", .text, "SIRET, 14 digits (quoted)."),
            Field("address", .text, "Postal address; lines separated by \\n."),
            Field("email", .text, "Contact e-mail."),
            Field("phone", .text, "Contact phone (quoted)."),
            Field("logo", .text, "Logo, a PNG or JPEG file relative to the file that names it (the offer, or the bidder profile); templates show it with {{ bidder.logo | image(width=\"4cm\") }}."),
            Field("signatory", .record(Record("signatory", [
                Field("name", .text, required: true, "Name of the person who signs."),
                Field("title", .text, "Their title, e.g. Gérante."),
            ])), "Who signs the offer."),
            Field("vat", .record(Record("VAT", [
                Field("rate", ratio, "VAT rate as a fraction: 0.20 for 20 %."),
                Field("exemption", .text, "Exact exemption wording, e.g. \"TVA non applicable, art. 293 B du CGI\"."),
            ], groups: [.exactlyOne("rate", "exemption")])), required: required, "VAT: a rate, or an exemption with its wording."),
            Field("turnover", money, "Turnover of the last financial year, € HT (for the mécénat cap)."),
            Field("references", .list(.record(experience)), "The bidder's references."),
        ]
    }

    /// `offers/bidder.yaml`: the firm, shared by the offers.
    public static let bidderProfile = Record("bidder profile", bidderFields(required: true))

    static let bidder = Record("bidder", [
        Field("file", .text, "The firm's bidder profile, relative to this file (default: ../bidder.yaml when `bidder` is left out); the keys written here replace its keys."),
    ] + bidderFields(required: false))

    static let profile = Record("profile", [
        Field("label", .text, required: true, "Name of the qualification, as documents show it."),
        Field("rate", money, required: true, "Day rate, € HT."),
        Field("cost", money, "Cost per day, € (values the mécénat at cost); a team member's own cost wins."),
    ])

    static let teamMember = Record("team member", [
        Field("id", .text, required: true, "Id of the person: the file team/<id>.yaml of the library."),
        Field("role", .text, "Role in this offer."),
        Field("profile", .text, "Profile for this offer (a key of `profiles`); default: the person's own."),
        Field("rate", money, "Day rate, € HT; default: the rate of the profile."),
        Field("cost", money, "Cost per day, € (values the mécénat at cost); default: the profile's cost."),
        Field("cv", .record(Record("CV selection", [
            Field("experiences", selectionShape,
                  "Experiences shown on this offer's CV: ids in order ([a, b]), or { tags: [...], recent: N }; the CV file is unchanged."),
            Field("summary", .text, "Name of one of the person's `summaries` to show instead of `summary`."),
        ])), "The CV as this offer shows it: which experiences, which summary."),
    ])

    static let task = Record("task", [
        Field("title", .text, required: true, "What is done."),
        Field("description", .text, "How it is done, in one or two sentences."),
        Field("deliverable", .text, "What is delivered."),
        Field("days", .dictionary(.decimal(min: 0), keyDescription: "team member id"),
              "Days per team member (half-days allowed): { claire-martin: 1.5 }."),
        Field("amount", money, "Lump sum, € HT, for costs that are not days (travel, printing…)."),
        Field("quantity", .decimal(min: 0), "Number of units of a priced item that is not days (15 kits); needs unit_price."),
        Field("unit", .text, "What the quantity counts, e.g. \"kit\", \"trajet\"."),
        Field("unit_price", money, "Price of one unit, € HT; needs quantity."),
    ], groups: [.atLeastOne("days", "amount", "quantity")])

    /// A commercial discount (remise), distinct from the mécénat.
    static let discount = Record("discount", [
        Field("rate", ratio, "Share of the total HT taken off: 0.05 for 5 %."),
        Field("amount", money, "Amount taken off, € HT."),
        Field("label", .text, "Words of its line (default « Remise commerciale »)."),
    ], groups: [.exactlyOne("rate", "amount")])

    static let tranche = Record("tranche", [
        Field("id", .text, required: true, "Short id, e.g. TF, TO1."),
        Field("kind", .choice(TrancheKind.words), required: true,
              "fixed, or optional (conditional is the pre-2016 name of optional)."),
        Field("title", .text, required: true, "Title of the tranche."),
        Field("tasks", .list(.record(task)), required: true, "Tasks, in order."),
        Field("discount", .record(discount), "Commercial discount on this tranche (not with an offer-wide discount)."),
        Field("duration_months", .decimal(min: 0), "An optional tranche's own duration, in months."),
        Field("confirmation_deadline", .date, "An optional tranche: date by which the buyer confirms it (affermissement)."),
    ])

    static let proBono = Record("pro bono", [
        Field("share", ratio, "Share of every tranche's days given free: 0.10 for 10 %."),
        Field("days", .dictionary(.decimal(min: 0), keyDescription: "team member id"),
              "Days given free per team member, taken from the tranches in order."),
        Field("tranches", .list(.text), "Restrict the mécénat to these tranche ids (default: all)."),
        Field("note", .text, "Text shown with the mécénat."),
    ], groups: [.exactlyOne("share", "days")])

    static let schedule = Record("schedule", [
        Field("start", .either([.date, .choice(["notification"])]), required: true,
              "Start date, or \"notification\" (the date of notification of the contract)."),
        Field("notification", .date, "Assumed date of notification, when start is \"notification\"."),
        Field("end", .date, "End date."),
        Field("duration_months", .integer(min: 1, max: 1200), "Duration in months, instead of an end date."),
        Field("milestones", .list(.record(Record("milestone", [
            Field("title", .text, required: true, "What happens."),
            Field("date", .date, required: true, "When."),
        ]))), "Milestones, in order."),
    ], groups: [.atMostOne("end", "duration_months")])

    static let document = Record("document", [
        Field("id", .text, required: true, "Short id, used by rules (pages, sections_document)."),
        Field("template", .text, required: true, "The template (.docx or .odt), relative to the offer file."),
        Field("output", .text, required: true, "The file to write; may use {{ person.name }} when per: team."),
        Field("per", .choice(["team"]), "team: one document per team member (CVs)."),
    ])

    /// One section of the call's response frame, as the offer answers it.
    public static let section = Record("section", [
        Field("id", .text, required: true, "Short id of the section (unique in the offer)."),
        Field("title", .text, required: true, "The heading, as the call's response frame words it."),
        Field("body", .text, "The text, in Markdown: paragraphs, lists, **bold**, *italic*, links, pipe tables."),
        Field("use", .text, "A block of the answer library, library/<name> (offers/library/<name>.md), whose text comes before the body; a body line {{ library/<name> }} includes a block there."),
        Field("answers", .list(.text), "Ids of the call's requirements this section answers."),
        Field("blocks", .list(.choice(memoireBlocks)),
              "Parts the template writes after the text, from the offer's data: " + memoireBlocks.joined(separator: ", ") + "."),
    ])

    /// The parts of the mémoire every call shares, written by the template from the data.
    public static let memoireBlocks = ["identity", "key_figures", "tasks", "planning", "team", "references", "cvs", "price"]

    /// Prose of the technical response, passed to templates as written.
    public static let memoire = Record("memoire", [
        Field("sections", .list(.record(section)),
              "The call's response frame, in order: one heading each, with its text and the template's blocks."),
        Field("presentation", .text, "Presentation of the bidder; paragraphs separated by a blank line."),
        Field("understanding", .text, "Compréhension du besoin (2–4 paragraphs)."),
        Field("summary", .text, "Synthèse de l'offre (1 paragraph)."),
        Field("approach", .text, "Méthodologie générale (1–3 paragraphs)."),
        Field("tasks_intro", .text, "Introduction to the task list."),
        Field("means", .text, "Moyens mobilisés, organisation (1 paragraph)."),
    ])

    /// A requirement of the call, which mémoire sections answer (`memoire.sections[].answers`).
    static let requirement = Record("requirement", [
        Field("id", .text, required: true, "Short id, unique in the offer, e.g. R1 or RC-5.2."),
        Field("text", .text, required: true, "What the call requires, in its words."),
        Field("source", .text, "Where the call says it: « RC art. 5.2 », « CCTP §3 »."),
    ])

    /// An offer: `offers/<name>/offer.yaml`.
    public static let offer = Record("offer", [
        Field("team_library", .text, "Folder of the team CVs, relative to this file (default: ../team)."),
        Field("tender", .record(tender), required: true, "The call for tender answered."),
        Field("bidder", .record(bidder), "The firm that answers: `file:` names its profile (default ../bidder.yaml), other keys override it."),
        Field("references", selectionShape,
              "The bidder's references this offer shows: ids in order, or { tags: [...], recent: N }; default: those the `references` rule picks, else all."),
        Field("profiles", .dictionary(.record(profile), keyDescription: "profile id"), "Rate card: profile id → label, rate."),
        Field("team", .list(.record(teamMember)), required: true, "The people of the offer, in order."),
        Field("tranches", .list(.record(tranche)), required: true, "Tranches: fixed and optional."),
        Field("pro_bono", .record(proBono), "Mécénat de compétences: days given free."),
        Field("discount", .record(discount), "Commercial discount on the whole offer (a rate, or an amount shared among the tranches)."),
        Field("schedule", .record(schedule), "Start, end and milestones."),
        Field("documents", .list(.record(document)), "What `tender build` renders, in submission order."),
        Field("memoire", .record(memoire), "Prose of the technical response (mémoire technique)."),
        Field("typography", .boolean,
              "French typography of the offer's texts in the documents (no-break spaces, ’, « »); default true."),
        Field("requirements", .list(.record(requirement)),
              "The call's requirements, in order; each mémoire section says which it answers (memoire.sections[].answers)."),
    ])
}

import Foundation

/// An offer, loaded from `offers/<name>/offer.yaml` and its team library, and checked.
///
/// Every amount is an exact `Decimal` read from the text of the file. Load with `Offer.load(path:)`.
public struct Offer: Sendable {
    /// The offer file, as named by the caller.
    public var file: String
    public var tender: TenderInfo
    public var bidder: Bidder
    /// The rate card, in written order.
    public var profiles: [Profile]
    public var team: [TeamMember]
    public var tranches: [Tranche]
    public var proBono: ProBono?
    /// A commercial discount on every tranche (`discount:` at the top of the offer); nil when none.
    public var discount: Discount? = nil
    public var schedule: Schedule?
    public var documents: [DocumentSpec]
    /// The texts of `memoire`, by key (`presentation`, `understanding`…; see `OfferKeys.memoire`).
    public var memoire: [String: String]
    /// The response frame (`memoire.sections`), in order.
    public var sections: [MemoireSection] = []
    /// French typography of the offer's texts in the documents.
    public var typography = true
    /// Findings that do not stop the offer from being priced (a member without days…).
    public var warnings: [Diagnostic]
    /// The checked file, so that later checks can say where a key is written.
    public var source: Located? = nil
    /// The bidder profile the offer refers to (`bidder.file`, default `../bidder.yaml`), checked; nil when
    /// the offer's `bidder:` stands alone.
    public var bidderSource: Located? = nil
    /// The call's requirements (`requirements:`), in order.
    public var requirements: [Requirement] = []
    /// The bidder's references this offer shows (`references:`, else those the `references` rule
    /// picks, else all), in the order shown.
    public var references: [Experience] = []

    /// Where a key is written, e.g. `place("tender", "rules", "budget")`: the deepest written key
    /// of the path (or the file when none is).
    public func place(_ path: String...) -> SourceLocation {
        // A bidder key the offer does not write comes from the bidder profile: it is written there.
        if path.first == "bidder", let profile = bidderSource, path.count > 1, source?["bidder"]?.wrote(path[1]) != true {
            var node: Located? = profile
            var found = profile.location
            for key in path.dropFirst() {
                guard let current = node, current.wrote(key) else { break }
                found = current.location(of: key)
                node = current[key]
            }
            return found
        }
        var node = source
        var found = SourceLocation(file: file)
        for key in path {
            guard let current = node, current.wrote(key) else { break }
            found = current.location(of: key)
            node = current[key]
        }
        return found
    }

    public func profile(_ id: String?) -> Profile? { id.flatMap { id in profiles.first { $0.id == id } } }
    public func member(_ id: String) -> TeamMember? { team.first { $0.id == id } }
}

public struct TenderInfo: Sendable {
    public var reference: String?
    public var buyer: String
    public var buyerAddress: String?
    public var title: String
    /// With its time and UTC offset when given (Europe/Paris by default).
    public var deadline: DateValue?
    /// The `rules` mapping as written, for `tender check` and templates.
    public var rules: Value
}

public struct Bidder: Sendable {
    public var name: String
    public var legalForm: String?
    public var siret: String?
    public var address: String?
    public var email: String?
    public var phone: String?
    public var signatory: Signatory?
    public var vat: VAT
    /// € HT, last financial year.
    public var turnover: Decimal?
    public var references: [Experience]
    /// The logo file (PNG or JPEG), resolved against the offer's folder.
    public var logo: String? = nil
}

public struct Signatory: Sendable, Equatable {
    public var name: String
    public var title: String?
}

/// VAT: a rate, or an exemption and its legal wording.
public enum VAT: Sendable, Equatable {
    case rate(Decimal)
    case exempt(String)

    public var rate: Decimal? { if case .rate(let r) = self { return r }; return nil }
    public var exemption: String? { if case .exempt(let e) = self { return e }; return nil }
    /// `TVA 20 %`, or the exemption wording.
    public var label: String {
        switch self {
        case .rate(let r): return "TVA " + FrenchFormat.percent(r)
        case .exempt(let wording): return wording
        }
    }
}

/// A dated piece of work: a CV experience or a bidder reference.
public struct Experience: Sendable, Equatable {
    public var client: String
    public var subject: String
    public var start: DateValue
    public var end: DateValue?
    public var amount: Decimal?
    public var role: String?
    /// The id an offer selects it by, when given.
    public var id: String? = nil
    public var tags: [String] = []

    /// Ongoing first, then by end and start date, latest first (stable).
    public static func mostRecentFirst(_ list: [Experience]) -> [Experience] {
        list.enumerated().sorted { a, b in
            let ka = (a.element.end?.dayNumber ?? Int.max, a.element.start.dayNumber)
            let kb = (b.element.end?.dayNumber ?? Int.max, b.element.start.dayNumber)
            return ka != kb ? ka > kb : a.offset < b.offset
        }.map(\.element)
    }
}

public struct Education: Sendable, Equatable {
    public var year: Int?
    public var degree: String
    public var school: String?
}

/// A person of the team library (`team/<id>.yaml`): a CV.
public struct Person: Sendable {
    public var id: String
    public var file: String
    public var name: String
    public var title: String?
    public var profile: String?
    public var years: Int?
    public var summary: String?
    /// Other summaries by name (`courte`…), which an offer may pick.
    public var summaries: [String: String] = [:]
    public var education: [Education]
    public var languages: [String]
    public var skills: [String]
    /// As written.
    public var experiences: [Experience]

    /// Ongoing first, then by end and start date, latest first.
    public var experiencesMostRecentFirst: [Experience] { Experience.mostRecentFirst(experiences) }
}

/// A line of the rate card.
public struct Profile: Sendable, Equatable {
    public var id: String
    public var label: String
    /// € HT per day.
    public var rate: Decimal
    /// € per day, for the mécénat at cost.
    public var cost: Decimal?
}

/// A person on the offer, with the rate that applies.
public struct TeamMember: Sendable {
    public var id: String
    public var person: Person
    public var role: String?
    /// The profile in effect (the member's, else the person's), when any.
    public var profile: String?
    /// Its label, when the profile is in the rate card.
    public var profileLabel: String?
    /// € HT per day: the member's own, else the profile's.
    public var rate: Decimal
    /// € per day: the member's own, else the profile's.
    public var cost: Decimal?
    /// The experiences this offer's CV shows, in order, as of the deadline (`team[].cv.experiences`,
    /// else all, most recent first; begun after the deadline left out, running at it shown ongoing).
    public var experiences: [Experience] = []
    /// The summary this offer's CV shows (`team[].cv.summary`, else the person's `summary`).
    public var summary: String? = nil
    /// Where the offer selects this CV's content (`team[].cv`), when it does.
    public var cvPlace: SourceLocation? = nil
}

public enum TrancheKind: String, Sendable {
    case fixed
    case optional

    /// The words the files accept: `conditional` is the pre-2016 name of `optional`.
    static let words = ["fixed", "optional", "conditional"]

    init?(word: String) {
        switch word {
        case "fixed": self = .fixed
        case "optional", "conditional": self = .optional
        default: return nil
        }
    }

    /// `Tranche ferme`, `Tranche optionnelle`.
    public var label: String { self == .fixed ? "Tranche ferme" : "Tranche optionnelle" }
}

public struct Tranche: Sendable {
    public var id: String
    public var kind: TrancheKind
    public var title: String
    public var tasks: [TrancheTask]
    /// The tranche's own commercial discount, when it has one.
    public var discount: Discount? = nil
    /// An optional tranche's own duration, in months, when given.
    public var durationMonths: Decimal? = nil
    /// The date by which the buyer confirms (affermit) an optional tranche, when given.
    public var confirmationDeadline: DateValue? = nil
}

/// A plain commercial discount (remise): a share of the price or an amount, € HT. Distinct
/// from the mécénat: no tax reduction, no legal review.
public struct Discount: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 0.05 for 5 % of the total HT.
        case rate(Decimal)
        /// € HT.
        case amount(Decimal)
    }
    public var kind: Kind
    /// The words printed on its line (default « Remise commerciale »).
    public var label: String?

    public static let defaultLabel = "Remise commerciale"
    public var rate: Decimal? { if case .rate(let r) = kind { return r }; return nil }
}

/// A priced item that is not days: `quantity` × `unit_price` (15 kits at 42,50 €).
public struct TaskItem: Sendable, Equatable {
    public var quantity: Decimal
    /// What is counted, as written (`kit`, `trajet`); nil when not given.
    public var unit: String?
    /// € HT per unit.
    public var unitPrice: Decimal
}

public struct TrancheTask: Sendable {
    public var title: String
    public var description: String?
    public var deliverable: String?
    /// Days per team member, in written order.
    public var days: [(member: String, days: Decimal)]
    /// Lump sum, € HT.
    public var amount: Decimal?
    /// quantity × unit price, when the task has one.
    public var item: TaskItem? = nil
}

/// The rounding rule of every priced line (offers/FORMAT.md, "Pricing"): a line amount — days ×
/// rate, quantity × unit price, a lump sum — is rounded half-up to the cent, and that rounded
/// amount is the one printed and summed.
public enum LineAmount {
    public static func of(_ count: Decimal, _ price: Decimal) -> Decimal { (count * price).roundedHalfUp(2) }
}

extension Tranche {
    /// The sum of its rounded lines, items and lump sums, € HT (before discount and mécénat).
    public func totalHT(_ offer: Offer) -> Decimal {
        tasks.reduce(Decimal(0)) { sum, task in
            let lines = task.days.reduce(Decimal(0)) { s, line in
                s + (offer.member(line.member).map { LineAmount.of(line.days, $0.rate) } ?? 0)
            }
            return sum + lines + (task.item.map { LineAmount.of($0.quantity, $0.unitPrice) } ?? 0)
                + (task.amount?.roundedHalfUp(2) ?? 0)
        }
    }
}

/// Mécénat de compétences: days given free.
public struct ProBono: Sendable {
    public enum Allocation: Sendable {
        /// A share of every eligible line's days.
        case share(Decimal)
        /// Days per member, taken from the eligible tranches in order.
        case days([(member: String, days: Decimal)])
    }
    public var allocation: Allocation
    /// Eligible tranche ids; nil means all.
    public var tranches: [String]?
    public var note: String?

    public func applies(to tranche: Tranche) -> Bool { tranches?.contains(tranche.id) ?? true }
    public var share: Decimal? { if case .share(let s) = allocation { return s }; return nil }
}

public struct Schedule: Sendable {
    public struct Milestone: Sendable, Equatable {
        public var title: String
        public var date: DateValue
    }
    /// The start date: the date written, or the assumed notification date (nil when unknown).
    public var start: DateValue?
    public var startIsNotification: Bool
    /// The end date: written, or start + duration_months.
    public var end: DateValue?
    /// Written, or computed from start and end (to a tenth of a month).
    public var durationMonths: Decimal?
    public var milestones: [Milestone]
}

/// A section of the response frame: its heading, its Markdown text, the requirements it
/// answers and the template's blocks written after the text.
public struct MemoireSection: Sendable {
    public var id: String
    public var title: String
    public var body: String?
    public var answers: [String]
    public var blocks: [String]
    public var location: SourceLocation
    /// The answer library's blocks the section's text uses (`use:`, or included in its body).
    public var library: [LibraryBlock] = []
}

/// A requirement of the call (`requirements:`), which sections of the mémoire answer.
public struct Requirement: Sendable, Equatable {
    public var id: String
    public var text: String
    /// Where the call says it: « RC art. 5.2 ».
    public var source: String?
    public var location: SourceLocation
}

/// A document `tender build` renders.
public struct DocumentSpec: Sendable {
    public var id: String
    /// The template path, resolved against the offer's folder.
    public var template: String
    /// The output name; may hold `{{ person.name }}` for per-team documents.
    public var output: String
    /// One document per team member.
    public var perTeamMember: Bool
    public var location: SourceLocation
}

extension DateValue {
    /// Months from `self` to `other`, whole months first, then the fraction of the next
    /// month, to a tenth: 2021-11-22 → 2022-04-08 is 4.5. Negative when `other` is earlier.
    public func months(until other: DateValue) -> Decimal {
        if other < self { return -other.months(until: self) }
        let a = DateValue(year: year, month: month, day: day), b = DateValue(year: other.year, month: other.month, day: other.day)
        var whole = (b.year - a.year) * 12 + (b.month - a.month)
        while whole > 0 && a.addingMonths(whole) > b { whole -= 1 }
        let from = a.addingMonths(whole), next = a.addingMonths(whole + 1)
        let fraction = Decimal(b.dayNumber - from.dayNumber) / Decimal(next.dayNumber - from.dayNumber)
        return (Decimal(whole) + fraction).roundedHalfUp(1)
    }
}

import Foundation

/// The price of an offer, computed once, from which `tender price` prints and the template
/// context is built (offers/FORMAT.md, "Pricing").
///
/// - a line is days × rate, exact; a task is the sum of its lines plus its lump sum;
/// - a tranche's `ht` is the sum of its tasks; its pro-bono deduction is the value of the
///   days given free at the same rates, rounded half-up to the cent; `netHT = ht − proBono`;
///   `vat = netHT × rate` rounded half-up to the cent; `ttc = netHT + vat`;
/// - fixed, optional and overall totals are sums of the tranche figures, never recomputed.
public struct OfferPricing: Sendable {
    public var offer: Offer
    public var tranches: [PricedTranche]
    public var fixed: Totals
    public var optional: Totals
    public var all: Totals
    /// Every team member, in offer order, over all tranches.
    public var people: [PersonTotal]
    /// Every profile in use: rate card order, then profiles outside the card, then members without one.
    public var profiles: [ProfileTotal]
    /// Nil when the offer gives no days free.
    public var mecenat: Mecenat?
    /// Findings of the computation (a mécénat that cannot be valued at cost…).
    public var warnings: [Diagnostic]

    public init(offer: Offer) {
        self.offer = offer
        let given = OfferPricing.proBonoDays(offer)
        tranches = offer.tranches.enumerated().map { index, tranche in
            PricedTranche(tranche, offer: offer, proBonoDays: given[index])
        }
        fixed = Totals.sum(tranches.filter { $0.kind == .fixed }.map(\.totals), vat: offer.bidder.vat)
        optional = Totals.sum(tranches.filter { $0.kind == .optional }.map(\.totals), vat: offer.bidder.vat)
        all = Totals.sum(tranches.map(\.totals), vat: offer.bidder.vat)

        let lines = tranches.flatMap(\.tasks).flatMap(\.lines)
        people = offer.team.map { member in
            let own = lines.filter { $0.member == member.id }
            return PersonTotal(id: member.id, name: member.person.name, profile: member.profile,
                               profileLabel: member.profileLabel, rate: member.rate,
                               days: own.reduce(0) { $0 + $1.days }, amount: own.reduce(0) { $0 + $1.amount },
                               proBonoDays: own.reduce(0) { $0 + $1.proBonoDays })
        }
        profiles = OfferPricing.profileTotals(offer: offer, people: people)
        warnings = []
        if let proBono = offer.proBono {
            let (mecenat, missing) = Mecenat.compute(proBono, people: people, offer: offer, valueAtRate: all.proBono)
            self.mecenat = mecenat
            if !missing.isEmpty {
                warnings.append(.warning(
                    "the mécénat cannot be valued at cost: no cost per day for " + missing.map { "'\($0)'" }.joined(separator: ", "),
                    at: SourceLocation(file: offer.file),
                    hint: "give these team members a `cost:` (or their profile a `cost:`)"))
            }
        } else {
            mecenat = nil
        }
    }

    /// Days given free per tranche, line by line (same shape as the tasks' `days`).
    static func proBonoDays(_ offer: Offer) -> [[[Decimal]]] {
        var remaining: [String: Decimal] = [:]
        if case .days(let perMember)? = offer.proBono?.allocation {
            for (member, days) in perMember { remaining[member, default: 0] += days }
        }
        return offer.tranches.map { tranche in
            tranche.tasks.map { task in
                task.days.map { line in
                    guard let proBono = offer.proBono, proBono.applies(to: tranche) else { return 0 }
                    switch proBono.allocation {
                    case .share(let share):
                        return line.days * share
                    case .days:
                        let taken = min(remaining[line.member] ?? 0, line.days)
                        remaining[line.member, default: 0] -= taken
                        return taken
                    }
                }
            }
        }
    }

    static func profileTotals(offer: Offer, people: [PersonTotal]) -> [ProfileTotal] {
        var order: [String?] = offer.profiles.map(\.id).filter { id in people.contains { $0.profile == id } }
        for person in people where !order.contains(person.profile) { order.append(person.profile) }
        return order.map { id in
            let members = people.filter { $0.profile == id }
            let card = offer.profile(id)
            let rates = Set(members.map(\.rate))
            return ProfileTotal(id: id, label: card?.label, rate: card?.rate ?? (rates.count == 1 ? rates.first : nil),
                                days: members.reduce(0) { $0 + $1.days }, amount: members.reduce(0) { $0 + $1.amount })
        }
    }

    /// The template context for this offer (offers/FORMAT.md, "Template context"), with
    /// `person` set to the team member `person` (an id) for per-member documents such as CVs.
    public func templateContext(today: DateValue, person: String? = nil) -> Value {
        TemplateContext(pricing: self).build(today: today, person: person)
    }
}

/// Figures of a tranche, or of a sum of tranches.
public struct Totals: Sendable, Equatable {
    public var days: Decimal
    public var ht: Decimal
    public var proBonoDays: Decimal
    /// The deduction for days given free, at sale rates (positive).
    public var proBono: Decimal
    public var netHT: Decimal
    /// Nil for a VAT-exempt bidder.
    public var vat: Decimal?
    public var ttc: Decimal

    public static let zero = Totals(days: 0, ht: 0, proBonoDays: 0, proBono: 0, netHT: 0, vat: 0, ttc: 0)

    /// The figures of one tranche from its HT and pro-bono value.
    static func tranche(days: Decimal, ht: Decimal, proBonoDays: Decimal, proBonoValue: Decimal, vat rate: VAT) -> Totals {
        let proBono = proBonoValue.roundedHalfUp(2)
        let net = ht - proBono
        let vat = rate.rate.map { (net * $0).roundedHalfUp(2) }
        return Totals(days: days, ht: ht, proBonoDays: proBonoDays, proBono: proBono, netHT: net, vat: vat,
                      ttc: net + (vat ?? 0))
    }

    /// The sums of tranche figures.
    static func sum(_ parts: [Totals], vat rate: VAT) -> Totals {
        var total = Totals.zero
        for p in parts {
            total.days += p.days; total.ht += p.ht; total.proBonoDays += p.proBonoDays; total.proBono += p.proBono
            total.netHT += p.netHT; total.ttc += p.ttc
            total.vat = (total.vat ?? 0) + (p.vat ?? 0)
        }
        if rate.rate == nil { total.vat = nil }
        return total
    }
}

public struct PricedLine: Sendable, Equatable {
    public var member: String
    public var name: String
    public var profile: String?
    public var profileLabel: String?
    public var days: Decimal
    public var rate: Decimal
    /// days × rate, exact.
    public var amount: Decimal
    public var proBonoDays: Decimal
    /// proBonoDays × rate, exact (rounded only on the tranche).
    public var proBonoValue: Decimal
}

public struct PricedTask: Sendable {
    public var title: String
    public var description: String?
    public var deliverable: String?
    public var lines: [PricedLine]
    /// The lump sum, € HT, when the task has one.
    public var lumpSum: Decimal?
    public var days: Decimal { lines.reduce(0) { $0 + $1.days } }
    /// Lines plus lump sum, € HT.
    public var amount: Decimal { lines.reduce(lumpSum ?? 0) { $0 + $1.amount } }
}

public struct PricedTranche: Sendable {
    public var id: String
    public var kind: TrancheKind
    public var title: String
    public var tasks: [PricedTask]
    /// Team members working in the tranche, in offer order.
    public var people: [PersonTotal]
    public var totals: Totals

    init(_ tranche: Tranche, offer: Offer, proBonoDays: [[Decimal]]) {
        id = tranche.id; kind = tranche.kind; title = tranche.title
        tasks = zip(tranche.tasks, proBonoDays).map { task, given in
            let lines = zip(task.days, given).compactMap { line, free -> PricedLine? in
                guard let member = offer.member(line.member) else { return nil }
                return PricedLine(member: member.id, name: member.person.name, profile: member.profile,
                                  profileLabel: member.profileLabel, days: line.days, rate: member.rate,
                                  amount: line.days * member.rate, proBonoDays: free, proBonoValue: free * member.rate)
            }
            return PricedTask(title: task.title, description: task.description, deliverable: task.deliverable,
                              lines: lines, lumpSum: task.amount)
        }
        let lines = tasks.flatMap(\.lines)
        people = offer.team.compactMap { member in
            let own = lines.filter { $0.member == member.id }
            guard !own.isEmpty else { return nil }
            return PersonTotal(id: member.id, name: member.person.name, profile: member.profile,
                               profileLabel: member.profileLabel, rate: member.rate,
                               days: own.reduce(0) { $0 + $1.days }, amount: own.reduce(0) { $0 + $1.amount },
                               proBonoDays: own.reduce(0) { $0 + $1.proBonoDays })
        }
        totals = .tranche(days: lines.reduce(0) { $0 + $1.days }, ht: tasks.reduce(0) { $0 + $1.amount },
                          proBonoDays: lines.reduce(0) { $0 + $1.proBonoDays },
                          proBonoValue: lines.reduce(0) { $0 + $1.proBonoValue }, vat: offer.bidder.vat)
    }
}

public struct PersonTotal: Sendable, Equatable {
    public var id: String
    public var name: String
    public var profile: String?
    public var profileLabel: String?
    public var rate: Decimal
    public var days: Decimal
    /// days × rate, HT, before the mécénat.
    public var amount: Decimal
    public var proBonoDays: Decimal
}

public struct ProfileTotal: Sendable, Equatable {
    /// Nil for the members without a profile.
    public var id: String?
    /// Nil when the profile is not in the rate card.
    public var label: String?
    /// The rate card's rate; outside the card, the members' rate when they share one.
    public var rate: Decimal?
    public var days: Decimal
    public var amount: Decimal
}

/// Mécénat de compétences, valued for the tax reduction of art. 238 bis CGI.
public struct Mecenat: Sendable, Equatable {
    /// The reduction is 60 % of the gifts…
    public static let reductionRate = Decimal(string: "0.6")!
    /// …taken within the larger of €20,000 and 0.5 % of the turnover excluding VAT.
    public static let capFloor = Decimal(20000)
    public static let capTurnoverShare = Decimal(string: "0.005")!
    public static let legalReview = "à faire valider par un juriste : un mécénat consenti à l'acheteur dans une offre "
        + "peut être regardé comme une contrepartie liée à l'attribution du marché (égalité de traitement des candidats) "
        + "et ne pas ouvrir droit à la réduction d'impôt de l'art. 238 bis du CGI"

    public var days: Decimal
    /// The deduction on the offer: the days at their sale rates.
    public var valueAtRate: Decimal
    /// The days at their cost per day, to the cent; nil when a cost is missing.
    public var valueAtCost: Decimal?
    /// 60 % of the value at cost, within the cap, to the cent.
    public var taxReduction: Decimal?
    public var cap: Decimal
    public var withinCap: Bool?
    /// The share of days given free, when given as a share.
    public var share: Decimal?
    public var note: String?

    /// The mécénat, and the ids of members giving days free without a known cost.
    static func compute(_ proBono: ProBono, people: [PersonTotal], offer: Offer, valueAtRate: Decimal) -> (Mecenat, [String]) {
        var atCost: Decimal = 0
        var missing: [String] = []
        for person in people where person.proBonoDays > 0 {
            if let cost = offer.member(person.id)?.cost { atCost += person.proBonoDays * cost } else { missing.append(person.id) }
        }
        let cap = max(capFloor, ((offer.bidder.turnover ?? 0) * capTurnoverShare).roundedHalfUp(2))
        let valueAtCost = missing.isEmpty ? atCost.roundedHalfUp(2) : nil
        let mecenat = Mecenat(days: people.reduce(0) { $0 + $1.proBonoDays }, valueAtRate: valueAtRate,
                              valueAtCost: valueAtCost,
                              taxReduction: valueAtCost.map { (min($0, cap) * reductionRate).roundedHalfUp(2) },
                              cap: cap, withinCap: valueAtCost.map { $0 <= cap }, share: proBono.share, note: proBono.note)
        return (mecenat, missing)
    }
}

import Foundation

/// The price of an offer, computed once, from which `tender price` prints and the template
/// context is built (offers/FORMAT.md, "Pricing").
///
/// - every line amount (days × rate for one person on one task, quantity × unit price, a lump
///   sum) is rounded half-up to the cent: that amount is printed and summed;
/// - a task, a person, a profile and a tranche's `ht` are exact sums of rounded lines;
/// - a tranche's discount is its rate × `ht` (or its amount), rounded half-up; its pro-bono
///   deduction is the value of the days given free at the same rates, rounded half-up;
///   `netHT = ht − discount − proBono`; `vat = netHT × rate` rounded half-up; `ttc = netHT + vat`;
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
        let discounts = OfferPricing.discounts(offer)
        tranches = offer.tranches.enumerated().map { index, tranche in
            PricedTranche(tranche, offer: offer, proBonoDays: given[index], discount: discounts[index])
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
        warnings = OfferPricing.subCentWarnings(offer)
        if let proBono = offer.proBono {
            let (mecenat, missing) = Mecenat.compute(proBono, people: people, offer: offer, valueAtRate: all.proBono)
            self.mecenat = mecenat
            if !missing.isEmpty {
                warnings.append(.warning(
                    OfferMessage.noCostFor(missing).text,
                    at: SourceLocation(file: offer.file),
                    hint: OfferMessage.noCostForHint.text))
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

    /// The discount of each tranche, or nil: its own, else its share of the offer's. An offer-wide
    /// rate applies to each tranche; an offer-wide amount is shared pro rata of the tranches'
    /// totals HT, each share rounded half-up, the last tranche with a total taking the remainder
    /// (so that the shares add up to the amount exactly).
    static func discounts(_ offer: Offer) -> [(discount: Discount, amount: Decimal)?] {
        let totals = offer.tranches.map { $0.totalHT(offer) }
        guard let overall = offer.discount else {
            return zip(offer.tranches, totals).map { tranche, ht in
                tranche.discount.map { ($0, amount(of: $0, on: ht)) }
            }
        }
        switch overall.kind {
        case .rate:
            return totals.map { (overall, amount(of: overall, on: $0)) }
        case .amount(let amount):
            let sum = totals.reduce(0, +)
            let last = totals.lastIndex { $0 != 0 }
            var left = amount.roundedHalfUp(2)
            return totals.indices.map { i in
                guard sum != 0 else { return nil }
                let share = i == last ? left : (amount * totals[i] / sum).roundedHalfUp(2)
                left -= share
                return (overall, share)
            }
        }
    }

    static func amount(of discount: Discount, on ht: Decimal) -> Decimal {
        switch discount.kind {
        case .rate(let rate): return (ht * rate).roundedHalfUp(2)
        case .amount(let amount): return amount.roundedHalfUp(2)
        }
    }

    /// One row per profile and rate in use: rate card order, then profiles outside the card,
    /// then members without one; within a profile, the card's rate first, then the others by
    /// the order of their members. A rate other than the card's is labelled « (taux spécifique) ».
    static func profileTotals(offer: Offer, people: [PersonTotal]) -> [ProfileTotal] {
        var order: [String?] = offer.profiles.map(\.id).filter { id in people.contains { $0.profile == id } }
        for person in people where !order.contains(person.profile) { order.append(person.profile) }
        return order.flatMap { id -> [ProfileTotal] in
            let members = people.filter { $0.profile == id }
            let card = offer.profile(id)
            var rates: [Decimal] = card.map { c in members.contains { $0.rate == c.rate } ? [c.rate] : [] } ?? []
            for member in members where !rates.contains(member.rate) { rates.append(member.rate) }
            return rates.map { rate in
                let own = members.filter { $0.rate == rate }
                let negotiated = card.map { $0.rate != rate } ?? false
                let name = card?.label ?? id ?? "Sans profil"
                return ProfileTotal(id: id, label: negotiated ? name + " (taux spécifique)" : name, rate: rate,
                                    days: own.reduce(0) { $0 + $1.days }, amount: own.reduce(0) { $0 + $1.amount },
                                    cardRate: card?.rate, negotiated: negotiated)
            }
        }
    }

    /// A warning for each line whose exact amount has fractions of a cent: it is printed and
    /// summed rounded, so rate × days on the page differs from the amount by up to a cent.
    static func subCentWarnings(_ offer: Offer) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let written = offer.source?["tranches"]?.items ?? []
        for tranche in offer.tranches {
            let trancheNode = written.first { $0["id"]?.string == tranche.id }
            for (t, task) in tranche.tasks.enumerated() {
                let taskNode = trancheNode?["tasks"]?.items.dropFirst(t).first
                let place = { (key: String) in taskNode.map { $0.location(of: key) } ?? SourceLocation(file: offer.file) }
                for line in task.days {
                    guard let member = offer.member(line.member) else { continue }
                    let exact = line.days * member.rate
                    guard exact != exact.roundedHalfUp(2) else { continue }
                    let at = taskNode?["days"]?.entries.first { $0.key == line.member }?.value.location ?? place("days")
                    found.append(.warning(
                        OfferMessage.subCentDays(name: member.person.name, task: task.title, tranche: tranche.id, days: Value.plainString(line.days),
                                                 rate: Value.plainString(member.rate), exact: Value.plainString(exact),
                                                 rounded: Value.plainString(exact.roundedHalfUp(2))).text, at: at,
                        hint: subCentHint(count: line.days, price: member.rate, dayRate: true)))
                }
                if let item = task.item {
                    let exact = item.quantity * item.unitPrice
                    if exact != exact.roundedHalfUp(2) {
                        found.append(.warning(
                            OfferMessage.subCentItem(task: task.title, tranche: tranche.id, quantity: Value.plainString(item.quantity),
                                                     price: Value.plainString(item.unitPrice), exact: Value.plainString(exact),
                                                     rounded: Value.plainString(exact.roundedHalfUp(2))).text, at: place("quantity"),
                            hint: subCentHint(count: item.quantity, price: item.unitPrice, dayRate: false)))
                    }
                }
                if let lump = task.amount, lump != lump.roundedHalfUp(2) {
                    found.append(.warning(
                        OfferMessage.lumpFraction(task: task.title, tranche: tranche.id, lump: Value.plainString(lump),
                                                  rounded: Value.plainString(lump.roundedHalfUp(2))).text, at: place("amount"),
                        hint: OfferMessage.toTheCent.text))
                }
            }
        }
        return found
    }

    /// Which prices keep `count` × price to the cent: multiples of the denominator of `count`, in cents.
    static func subCentHint(count: Decimal, price: Decimal, dayRate: Bool) -> String {
        var scale = Decimal(1), numerator = count
        while !numerator.isIntegral && scale < 1_000_000 { numerator *= 10; scale *= 10 }
        let n = NSDecimalNumber(decimal: numerator).int64Value, d = NSDecimalNumber(decimal: scale).int64Value
        var (a, b) = (abs(n), d)
        while b != 0 { (a, b) = (b, a % b) }
        let step = Decimal(d / max(a, 1)) / 100   // € : the price must be a multiple of this
        let below = (price / step).truncated(0) * step, above = below + step
        return OfferMessage.subCentHint(dayRate: dayRate, step: Value.plainString(step), below: Value.plainString(below),
                                        above: Value.plainString(above)).text
    }

    /// The template context for this offer (offers/FORMAT.md, "Template context"), with
    /// `person` set to the team member `person` (an id) for per-member documents such as CVs.
    /// `matrixPages`: where the mémoire's sections start in its PDF, for the compliance matrix.
    public func templateContext(today: DateValue, person: String? = nil, matrixPages: ComplianceMatrix.Pages = .notConverted) -> Value {
        TemplateContext(pricing: self).build(today: today, person: person, matrixPages: matrixPages)
    }
}

/// Figures of a tranche, or of a sum of tranches.
public struct Totals: Sendable, Equatable {
    public var days: Decimal
    /// The sum of the rounded lines, before discount and mécénat.
    public var ht: Decimal
    /// The commercial discount (positive).
    public var discount: Decimal = 0
    public var proBonoDays: Decimal
    /// The deduction for days given free, at sale rates (positive).
    public var proBono: Decimal
    public var netHT: Decimal
    /// Nil for a VAT-exempt bidder.
    public var vat: Decimal?
    public var ttc: Decimal

    public static let zero = Totals(days: 0, ht: 0, proBonoDays: 0, proBono: 0, netHT: 0, vat: 0, ttc: 0)

    /// The figures of one tranche from its HT, discount and pro-bono value.
    static func tranche(days: Decimal, ht: Decimal, discount: Decimal, proBonoDays: Decimal, proBonoValue: Decimal,
                        vat rate: VAT) -> Totals {
        let proBono = proBonoValue.roundedHalfUp(2)
        let net = ht - discount - proBono
        let vat = rate.rate.map { (net * $0).roundedHalfUp(2) }
        return Totals(days: days, ht: ht, discount: discount, proBonoDays: proBonoDays, proBono: proBono, netHT: net,
                      vat: vat, ttc: net + (vat ?? 0))
    }

    /// The sums of tranche figures.
    static func sum(_ parts: [Totals], vat rate: VAT) -> Totals {
        var total = Totals.zero
        for p in parts {
            total.days += p.days; total.ht += p.ht; total.discount += p.discount; total.proBonoDays += p.proBonoDays; total.proBono += p.proBono
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
    /// days × rate, rounded half-up to the cent: the amount printed and summed.
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
    /// The quantity × unit price line, when the task has one.
    public var item: PricedItem? = nil
    /// The lump sum, € HT, rounded half-up to the cent, when the task has one.
    public var lumpSum: Decimal?
    public var days: Decimal { lines.reduce(0) { $0 + $1.days } }
    /// Lines plus item plus lump sum, € HT.
    public var amount: Decimal { lines.reduce((lumpSum ?? 0) + (item?.amount ?? 0)) { $0 + $1.amount } }
}

/// quantity × unit price, rounded half-up to the cent.
public struct PricedItem: Sendable, Equatable {
    public var quantity: Decimal
    public var unit: String?
    public var unitPrice: Decimal
    public var amount: Decimal
}

public struct PricedTranche: Sendable {
    public var id: String
    public var kind: TrancheKind
    public var title: String
    public var tasks: [PricedTask]
    /// Team members working in the tranche, in offer order.
    public var people: [PersonTotal]
    public var totals: Totals
    /// The discount on this tranche (its own or the offer's), when any.
    public var discount: Discount?
    public var durationMonths: Decimal?
    public var confirmationDeadline: DateValue?

    init(_ tranche: Tranche, offer: Offer, proBonoDays: [[Decimal]], discount: (discount: Discount, amount: Decimal)?) {
        id = tranche.id; kind = tranche.kind; title = tranche.title
        self.discount = discount?.discount
        durationMonths = tranche.durationMonths; confirmationDeadline = tranche.confirmationDeadline
        tasks = zip(tranche.tasks, proBonoDays).map { task, given in
            let lines = zip(task.days, given).compactMap { line, free -> PricedLine? in
                guard let member = offer.member(line.member) else { return nil }
                return PricedLine(member: member.id, name: member.person.name, profile: member.profile,
                                  profileLabel: member.profileLabel, days: line.days, rate: member.rate,
                                  amount: LineAmount.of(line.days, member.rate), proBonoDays: free, proBonoValue: free * member.rate)
            }
            let item = task.item.map { PricedItem(quantity: $0.quantity, unit: $0.unit, unitPrice: $0.unitPrice,
                                                  amount: LineAmount.of($0.quantity, $0.unitPrice)) }
            return PricedTask(title: task.title, description: task.description, deliverable: task.deliverable,
                              lines: lines, item: item, lumpSum: task.amount?.roundedHalfUp(2))
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
                          discount: discount?.amount ?? 0, proBonoDays: lines.reduce(0) { $0 + $1.proBonoDays },
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
    /// As documents print it: the rate card's label (with « (taux spécifique) » for a rate other
    /// than the card's), else the profile id, else « Sans profil ».
    public var label: String
    /// The rate of every member of the row.
    public var rate: Decimal
    public var days: Decimal
    /// The sum of the members' rounded lines.
    public var amount: Decimal
    /// The rate card's rate, when the profile is in the card.
    public var cardRate: Decimal? = nil
    /// Whether the rate is not the card's (a member's own rate).
    public var negotiated: Bool = false
}

/// Mécénat de compétences, valued for the tax reduction of art. 238 bis CGI.
public struct Mecenat: Sendable, Equatable {
    /// The reduction is 60 % of the gifts…
    public static let reductionRate = Decimal(sign: .plus, exponent: -1, significand: 6)
    /// …taken within the larger of €20,000 and 0.5 % of the turnover excluding VAT.
    public static let capFloor = Decimal(20000)
    public static let capTurnoverShare = Decimal(sign: .plus, exponent: -3, significand: 5)
    public static let legalReview = "à faire valider par un juriste : un mécénat consenti à l’acheteur dans une offre "
        + "peut être regardé comme une contrepartie liée à l’attribution du marché (égalité de traitement des candidats) "
        + "et ne pas ouvrir droit à la réduction d’impôt de l’art. 238 bis du CGI"

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

import Foundation

/// What changed between two versions of an offer, for a partner signing it off: money, effort,
/// team, schedule, tender facts and the results of the rules.
///
/// Every list holds only what changed, in the order of the earlier version, followed by what the
/// later version adds (in its order). The totals (fixed, optional, all) are always present; their
/// `status` tells whether they changed. Render with `DiffReport`.
public struct OfferDiff: Sendable {
    /// Whether something is new, gone, different or the same.
    public enum Status: String, Sendable {
        case added, removed, changed, unchanged
    }

    /// A value on each side; nil where the thing does not exist.
    public struct Change<T: Sendable & Equatable>: Sendable, Equatable {
        public var before: T?
        public var after: T?

        public init(_ before: T?, _ after: T?) {
            self.before = before
            self.after = after
        }

        public var status: Status {
            switch (before, after) {
            case (nil, nil): return .unchanged
            case (nil, _): return .added
            case (_, nil): return .removed
            case let (b?, a?): return b == a ? .unchanged : .changed
            }
        }

        public var isChanged: Bool { status != .unchanged }
    }

    /// The money of a tranche, or of the fixed, optional or all tranches.
    public struct MoneyLine: Sendable, Equatable {
        /// The tranche id, or `fixed`, `optional`, `all` for the totals.
        public var key: String
        /// A tranche's kind on each side; nil for the totals.
        public var kind: Change<TrancheKind>?
        /// A tranche's title (the later one when it exists).
        public var title: String?
        public var totals: Change<Totals>

        public var ht: Change<Decimal> { Change(totals.before?.ht, totals.after?.ht) }
        /// The deduction for days given free (positive).
        public var proBono: Change<Decimal> { Change(totals.before?.proBono, totals.after?.proBono) }
        public var ttc: Change<Decimal> { Change(totals.before?.ttc, totals.after?.ttc) }

        public var status: Status {
            let money = totals.status
            return money == .unchanged && kind?.isChanged == true ? .changed : money
        }
    }

    /// The days of a team member over all tranches.
    public struct PersonEffort: Sendable, Equatable {
        public var id: String
        public var name: String
        /// Nil on the side where the person is not in the team.
        public var days: Change<Decimal>
    }

    /// The days of a task, identified by its tranche and title.
    public struct TaskEffort: Sendable, Equatable {
        public var tranche: String
        public var title: String
        /// The task exists on each side.
        public var presence: Change<Bool>
        /// Nil on the side where the task does not exist.
        public var days: Change<Decimal>
        /// The lump sum, € HT; nil on a side without one.
        public var lumpSum: Change<Decimal>

        public var status: Status {
            let present = presence.status
            if present != .unchanged { return present }
            return days.isChanged || lumpSum.isChanged ? .changed : .unchanged
        }
    }

    /// A team member as the offer sees them.
    public struct Member: Sendable, Equatable {
        public var id: String
        public var name: String
        public var role: String?
        public var profile: String?
        public var profileLabel: String?
        /// € HT per day.
        public var rate: Decimal
        /// € per day (mécénat at cost).
        public var cost: Decimal?

        public enum Field: String, Sendable, CaseIterable {
            case name, role, profile, rate, cost
        }

        /// The fields that differ from `other`, in `Field` order.
        public func differences(from other: Member) -> [Field] {
            Field.allCases.filter { field in
                switch field {
                case .name: return name != other.name
                case .role: return role != other.role
                case .profile: return profile != other.profile || profileLabel != other.profileLabel
                case .rate: return rate != other.rate
                case .cost: return cost != other.cost
                }
            }
        }
    }

    /// A member added, removed, or whose role, profile, rate or cost changed ("a person replaced"
    /// is one removed and one added).
    public struct MemberChange: Sendable, Equatable {
        public var id: String
        public var member: Change<Member>
        public var status: Status { member.status }
        /// The fields that changed, for a member on both sides.
        public var fields: [Member.Field] {
            guard let before = member.before, let after = member.after else { return [] }
            return after.differences(from: before)
        }
        /// The later name when there is one.
        public var name: String { (member.after ?? member.before)?.name ?? id }
    }

    public struct ScheduleChange: Sendable, Equatable {
        public var start: Change<DateValue>
        public var startIsNotification: Change<Bool>
        public var end: Change<DateValue>
        public var durationMonths: Change<Decimal>
        /// Milestones added, removed or moved, identified by their title.
        public var milestones: [MilestoneChange]

        public var isChanged: Bool {
            start.isChanged || startIsNotification.isChanged || end.isChanged || durationMonths.isChanged
                || !milestones.isEmpty
        }
    }

    public struct MilestoneChange: Sendable, Equatable {
        public var title: String
        public var date: Change<DateValue>
    }

    /// A fact of the offer outside money and people, by key: `tender.reference`, `tender.buyer`,
    /// `tender.title`, `tender.deadline`, `tender.rules.<rule>` (the parameters as written),
    /// `bidder.name`, `bidder.vat` (its label), `memoire.<key>` (the text).
    public struct FactChange: Sendable, Equatable {
        public var key: String
        public var value: Change<Value>
    }

    /// The result of a rule (`tender check`) on each side.
    public struct RuleChange: Sendable, Equatable {
        public var id: String
        public var result: Change<String>
    }

    /// The priced versions compared.
    public let before: OfferPricing
    public let after: OfferPricing

    /// Tranches whose money or kind changed, added or removed.
    public var tranches: [MoneyLine]
    /// Fixed, optional and all tranches, in that order, changed or not.
    public var totals: [MoneyLine]
    /// Members whose total days changed (or who joined or left the team).
    public var people: [PersonEffort]
    /// Tasks whose days or lump sum changed, added or removed.
    public var tasks: [TaskEffort]
    public var team: [MemberChange]
    public var schedule: ScheduleChange
    public var facts: [FactChange]
    /// Rules whose result changed, by id; empty when no results were given.
    public var rules: [RuleChange]

    /// Compares two priced versions of an offer.
    ///
    /// `rulesBefore`/`rulesAfter` are the results of the rules on each side (rule id → `pass`,
    /// `fail`…), as `tender check` finds them; rules whose result differs are reported. Nil
    /// when the rules were not run.
    public init(before: OfferPricing, after: OfferPricing,
                rulesBefore: [String: String]? = nil, rulesAfter: [String: String]? = nil) {
        self.before = before
        self.after = after
        tranches = OfferDiff.compareTranches(before, after)
        let scopes: [(String, KeyPath<OfferPricing, Totals>)] = [("fixed", \.fixed), ("optional", \.optional), ("all", \.all)]
        totals = scopes.map { key, path in
            MoneyLine(key: key, kind: nil, title: nil, totals: Change(before[keyPath: path], after[keyPath: path]))
        }
        people = OfferDiff.keyedChanges(before.people, after.people, id: \.id) { p in
            PersonEffort(id: p.item.id, name: p.item.name, days: Change(p.before?.days, p.after?.days))
        }.filter { $0.days.isChanged }
        tasks = OfferDiff.compareTasks(before, after)
        team = OfferDiff.keyedChanges(before.offer.team.map(Member.init), after.offer.team.map(Member.init), id: \.id) { p in
            MemberChange(id: p.item.id, member: Change(p.before, p.after))
        }.filter { $0.status != .unchanged }
        schedule = OfferDiff.compareSchedules(before.offer.schedule, after.offer.schedule)
        facts = OfferDiff.compareFacts(before.offer, after.offer)
        let ruleIds = Set((rulesBefore ?? [:]).keys).union((rulesAfter ?? [:]).keys).sorted()
        rules = ruleIds.map { RuleChange(id: $0, result: Change(rulesBefore?[$0], rulesAfter?[$0])) }
            .filter { $0.result.isChanged }
    }

    /// True when nothing this diff looks at changed.
    public var isEmpty: Bool {
        tranches.isEmpty && totals.allSatisfy { $0.status == .unchanged } && people.isEmpty && tasks.isEmpty
            && team.isEmpty && !schedule.isChanged && facts.isEmpty && rules.isEmpty
    }

    // MARK: Comparisons

    /// An item on one side of the comparison or on both: `item` is the later one when there is one.
    struct Paired<Item> {
        let before: Item?
        let after: Item?
        let item: Item
        init(before: Item, after: Item?) { self.before = before; self.after = after; item = after ?? before }
        init(after: Item) { before = nil; self.after = after; item = after }
    }

    /// Pairs the items of both sides by id: those of `before` in order, then those only in `after`.
    static func keyedChanges<Item, Key: Hashable, Result>(_ before: [Item], _ after: [Item], id: (Item) -> Key,
                                                         _ make: (Paired<Item>) -> Result) -> [Result] {
        var later: [Key: Item] = [:]
        for item in after where later[id(item)] == nil { later[id(item)] = item }
        let earlierIds = Set(before.map(id))
        return before.map { make(Paired(before: $0, after: later[id($0)])) }
            + after.filter { !earlierIds.contains(id($0)) }.map { make(Paired(after: $0)) }
    }

    /// Items keyed by `key` and their rank among the items with the same key, so that two tasks
    /// (or milestones) with the same title are paired in order.
    static func ranked<Item>(_ items: [Item], key: (Item) -> String) -> [(key: String, rank: Int, item: Item)] {
        var seen: [String: Int] = [:]
        return items.map { item in
            let k = key(item)
            defer { seen[k, default: 0] += 1 }
            return (k, seen[k, default: 0], item)
        }
    }

    /// A title (with its tranche, for tasks) and its rank among the same titles.
    struct RankedKey: Hashable {
        var scope = ""
        var key: String
        var rank: Int
    }

    static func compareTranches(_ before: OfferPricing, _ after: OfferPricing) -> [MoneyLine] {
        keyedChanges(before.tranches, after.tranches, id: \.id) { p in
            MoneyLine(key: p.item.id, kind: Change(p.before?.kind, p.after?.kind), title: p.item.title,
                      totals: Change(p.before?.totals, p.after?.totals))
        }.filter { $0.status != .unchanged }
    }

    static func compareTasks(_ before: OfferPricing, _ after: OfferPricing) -> [TaskEffort] {
        struct Entry { var key: RankedKey; var task: PricedTask }
        func entries(_ pricing: OfferPricing) -> [Entry] {
            pricing.tranches.flatMap { tranche in
                ranked(tranche.tasks, key: \.title).map {
                    Entry(key: RankedKey(scope: tranche.id, key: $0.key, rank: $0.rank), task: $0.item)
                }
            }
        }
        return keyedChanges(entries(before), entries(after), id: \.key) { p in
            let e = p.item, b = p.before, a = p.after
            return TaskEffort(tranche: e.key.scope, title: e.task.title, presence: Change(b.map { _ in true }, a.map { _ in true }),
                              days: Change(b?.task.days, a?.task.days), lumpSum: Change(b?.task.lumpSum, a?.task.lumpSum))
        }.filter { $0.status != .unchanged }
    }

    static func compareSchedules(_ before: Schedule?, _ after: Schedule?) -> ScheduleChange {
        let milestones = keyedChanges(ranked(before?.milestones ?? [], key: \.title), ranked(after?.milestones ?? [], key: \.title),
                                      id: { RankedKey(key: $0.key, rank: $0.rank) }) { p in
            MilestoneChange(title: p.item.key, date: Change(p.before?.item.date, p.after?.item.date))
        }.filter { $0.date.isChanged }
        return ScheduleChange(start: Change(before?.start, after?.start),
                              startIsNotification: Change(before?.startIsNotification, after?.startIsNotification),
                              end: Change(before?.end, after?.end),
                              durationMonths: Change(before?.durationMonths, after?.durationMonths),
                              milestones: milestones)
    }

    static func compareFacts(_ before: Offer, _ after: Offer) -> [FactChange] {
        func facts(_ offer: Offer) -> [(String, Value)] {
            let t = offer.tender
            var list: [(String, Value)] = [
                ("tender.reference", t.reference.map(Value.string) ?? .null),
                ("tender.buyer", .string(t.buyer)),
                ("tender.title", .string(t.title)),
                ("tender.deadline", t.deadline.map(Value.date) ?? .null),
            ]
            for (rule, parameters) in t.rules.asMap ?? Mapping() { list.append(("tender.rules." + rule, parameters)) }
            list.append(("bidder.name", .string(offer.bidder.name)))
            list.append(("bidder.vat", .string(offer.bidder.vat.label)))
            for key in OfferKeys.memoire.keys { list.append(("memoire." + key, offer.memoire[key].map(Value.string) ?? .null)) }
            for s in offer.sections { list.append(("memoire.sections." + s.id, .string("# " + s.title + "\n\n" + (s.body ?? "")))) }
            return list.filter { !$0.1.isNull }
        }
        return keyedChanges(facts(before), facts(after), id: \.0) { p in
            FactChange(key: p.item.0, value: Change(p.before?.1, p.after?.1))
        }.filter { $0.value.isChanged }
    }
}

extension OfferDiff.Change where T == Decimal {
    /// After − before, a missing side counting as zero.
    public var delta: Decimal { (after ?? 0) - (before ?? 0) }

    /// The delta as a share of the earlier value (0.125 for +12.5 %); nil when there is no earlier
    /// value or it is zero.
    public var ratio: Decimal? {
        guard let before, before != 0 else { return nil }
        return delta / (before < 0 ? -before : before)
    }
}

extension OfferDiff.Member {
    init(_ member: TeamMember) {
        self.init(id: member.id, name: member.person.name, role: member.role, profile: member.profile,
                  profileLabel: member.profileLabel, rate: member.rate, cost: member.cost)
    }
}

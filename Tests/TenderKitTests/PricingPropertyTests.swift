import Foundation
import Testing
@testable import TenderKit

/// A property of the pricing over a few thousand generated offers: every printed total is the
/// sum of its printed lines (task, tranche, person, profile, fixed/optional/all), whatever the
/// rates, days, quantities, discounts and mécénat.
///
/// The generator is our own, seeded (SplitMix64), so that a failure names a seed that replays it;
/// it builds `Offer` values directly, without YAML, to stay fast.
@Suite(.inLanguage(.french)) struct PricingPropertyTests {
    /// SplitMix64: a small, well-known generator whose sequence is the same on every platform.
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
        /// `units` / 10^`scale`, e.g. (72012, 2) → 720.12.
        mutating func decimal(_ range: ClosedRange<Int>, scale: Int) -> Decimal {
            Decimal(int(range)) / pow(Decimal(10), scale)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    }

    static func offer(seed: UInt64) -> Offer {
        var g = Seeded(state: seed)
        let vat: VAT = g.chance(15) ? .exempt("TVA non applicable, art. 293 B du CGI")
            : .rate(g.pick(["0.20", "0.10", "0.055", "0.021"].map { Decimal(string: $0)! }))
        let profiles = (0..<g.int(1...3)).map { i in
            Profile(id: "p\(i)", label: "Profil \(i)", rate: g.decimal(30_000...120_099, scale: 2),
                    cost: g.chance(70) ? g.decimal(20_000...60_000, scale: 2) : nil)
        }
        let team = (0..<g.int(1...5)).map { i -> TeamMember in
            let profile = g.chance(90) ? g.pick(profiles) : nil
            let own = profile == nil || g.chance(30)
            let person = Person(id: "m\(i)", file: "m\(i).yaml", name: "Personne \(i)", title: nil, profile: profile?.id,
                                years: nil, summary: nil, education: [], languages: [], skills: [], experiences: [])
            return TeamMember(id: person.id, person: person, role: nil, profile: profile?.id, profileLabel: profile?.label,
                              rate: own ? g.decimal(30_000...120_099, scale: g.pick([2, 2, 3])) : profile!.rate,
                              cost: profile?.cost)
        }
        let dayScales: [(Int, Decimal)] = [(4, 4), (2, 2), (10, 10), (8, 8), (1, 1)]   // quarter, half, tenth, eighth, whole days
        var tranches: [Tranche] = []
        for t in 0..<g.int(1...4) {
            let tasks = (0..<g.int(1...4)).map { k -> TrancheTask in
                var days: [(member: String, days: Decimal)] = []
                for member in team where g.chance(60) {
                    let (steps, per) = g.pick(dayScales)
                    days.append((member.id, Decimal(g.int(1...(20 * steps))) / per))
                }
                let item = g.chance(20) ? TaskItem(quantity: g.decimal(1...5000, scale: g.pick([0, 1, 2])), unit: "u",
                                                  unitPrice: g.decimal(1...99_999, scale: g.pick([2, 3]))) : nil
                let lump = (days.isEmpty && item == nil) || g.chance(15) ? g.decimal(0...999_999, scale: g.pick([2, 3])) : nil
                return TrancheTask(title: "Tâche \(k)", description: nil, deliverable: nil, days: days, amount: lump, item: item)
            }
            tranches.append(Tranche(id: "T\(t)", kind: t == 0 || g.chance(50) ? .fixed : .optional, title: "Tranche \(t)", tasks: tasks))
        }
        var offer = Offer(file: "offer.yaml",
                          tender: TenderInfo(reference: nil, buyer: "Acheteur", buyerAddress: nil, title: "Étude", deadline: nil, rules: .null),
                          bidder: Bidder(name: "Candidat", legalForm: nil, siret: nil, address: nil, email: nil, phone: nil,
                                         signatory: nil, vat: vat, turnover: g.decimal(0...5_000_000, scale: 0), references: []),
                          profiles: profiles, team: team, tranches: tranches, proBono: nil, schedule: nil, documents: [],
                          memoire: [:], warnings: [])
        switch g.int(0...3) {
        case 1: offer.discount = Discount(kind: .rate(g.decimal(1...300, scale: 3)), label: nil)
        case 2: offer.discount = Discount(kind: .amount(g.decimal(0...10_000, scale: 2)), label: nil)
        case 3:
            for i in offer.tranches.indices where g.chance(50) {
                offer.tranches[i].discount = g.chance(50) ? Discount(kind: .rate(g.decimal(1...200, scale: 3)), label: nil)
                    : Discount(kind: .amount(min(offer.tranches[i].totalHT(offer), g.decimal(0...2000, scale: 2))), label: nil)
            }
        default: break
        }
        if case .amount(let amount)? = offer.discount?.kind {
            let total = offer.tranches.reduce(Decimal(0)) { $0 + $1.totalHT(offer) }
            offer.discount?.kind = .amount(min(amount, total))
        }
        switch g.int(0...2) {
        case 1: offer.proBono = ProBono(allocation: .share(g.pick(["0.05", "0.1", "0.125", "0.33"].map { Decimal(string: $0)! })),
                                        tranches: nil, note: nil)
        case 2:
            let worked = offer.tranches.flatMap(\.tasks).flatMap(\.days)
            let givers = team.compactMap { m -> (member: String, days: Decimal)? in
                let total = worked.filter { $0.member == m.id }.reduce(Decimal(0)) { $0 + $1.days }
                return total > 0 && g.chance(50) ? (m.id, min(total, Decimal(g.int(1...8)) / 4)) : nil
            }
            offer.proBono = ProBono(allocation: .days(givers), tranches: nil, note: nil)
        default: break
        }
        return offer
    }

    /// A figure as a document prints it (`1 234,56 €`), read back as a reader would.
    static func printed(_ d: Decimal) -> Decimal {
        let text = FrenchFormat.euros(d)
        let digits = String(text.unicodeScalars.filter { $0 != "\u{202F}" && $0 != "\u{00A0}" && $0 != "€" }.map(Character.init))
        return Decimal(exactly: digits.replacingOccurrences(of: ",", with: "."))!
    }

    /// Every way the printed figures of one offer must add up; the first one that does not.
    static func mismatch(_ p: OfferPricing) -> String? {
        let show = { (d: Decimal) in FrenchFormat.euros(d) }
        var personLines: [String: Decimal] = [:]
        for tranche in p.tranches {
            var tasks: Decimal = 0
            for task in tranche.tasks {
                var lines: Decimal = 0
                for line in task.lines {
                    lines += printed(line.amount)
                    personLines[line.member, default: 0] += printed(line.amount)
                    // The printed line is days × rate rounded half-up.
                    if printed(line.amount) != (line.days * line.rate).roundedHalfUp(2) { return "line \(line.member) in \(tranche.id)" }
                }
                lines += task.item.map { printed($0.amount) } ?? 0
                lines += task.lumpSum.map(printed) ?? 0
                if lines != printed(task.amount) { return "task '\(task.title)' of \(tranche.id): lines \(show(lines)) ≠ \(show(task.amount))" }
                tasks += printed(task.amount)
            }
            let t = tranche.totals
            if tasks != printed(t.ht) { return "tranche \(tranche.id): tasks \(show(tasks)) ≠ total \(show(t.ht))" }
            if printed(t.ht) - printed(t.discount) - printed(t.proBono) != printed(t.netHT) { return "tranche \(tranche.id): net" }
            if printed(t.netHT) + (t.vat.map(printed) ?? 0) != printed(t.ttc) { return "tranche \(tranche.id): TTC" }
            if t.netHT < 0 { return "tranche \(tranche.id): negative net" }
            for person in tranche.people {
                let own = tranche.tasks.flatMap(\.lines).filter { $0.member == person.id }.reduce(Decimal(0)) { $0 + printed($1.amount) }
                if own != printed(person.amount) { return "person \(person.id) in \(tranche.id)" }
            }
        }
        for person in p.people where (personLines[person.id] ?? 0) != printed(person.amount) {
            return "person \(person.id): lines \(show(personLines[person.id] ?? 0)) ≠ \(show(person.amount))"
        }
        for row in p.profiles {
            let members = p.people.filter { $0.profile == row.id && $0.rate == row.rate }
            if members.reduce(Decimal(0), { $0 + printed($1.amount) }) != printed(row.amount) { return "profile \(row.label)" }
            if members.reduce(Decimal(0), { $0 + $1.days }) != row.days { return "profile days \(row.label)" }
            // rate × days differs from the amount only by the rounding of its lines (half a cent each).
            let lines = p.tranches.flatMap(\.tasks).flatMap(\.lines).filter { l in members.contains { $0.id == l.member } }
            let gap = row.rate * row.days - row.amount
            if (gap < 0 ? -gap : gap) > Decimal(lines.count) * Decimal(string: "0.005")! { return "profile \(row.label): rate × days" }
        }
        if p.profiles.reduce(Decimal(0), { $0 + printed($1.amount) }) != p.people.reduce(Decimal(0), { $0 + printed($1.amount) }) {
            return "profiles ≠ people"
        }
        let sum = { (list: [Totals], key: KeyPath<Totals, Decimal>) in list.reduce(Decimal(0)) { $0 + printed($1[keyPath: key]) } }
        let fixed = p.tranches.filter { $0.kind == .fixed }.map(\.totals), optional = p.tranches.filter { $0.kind == .optional }.map(\.totals)
        for (name, key) in [("ht", \Totals.ht), ("discount", \.discount), ("pro_bono", \.proBono), ("net_ht", \.netHT), ("ttc", \.ttc)] {
            if sum(fixed, key) != printed(p.fixed[keyPath: key]) { return "fixed \(name)" }
            if sum(optional, key) != printed(p.optional[keyPath: key]) { return "optional \(name)" }
            if sum(p.tranches.map(\.totals), key) != printed(p.all[keyPath: key]) { return "all \(name)" }
        }
        if p.tranches.reduce(Decimal(0), { $0 + ($1.totals.vat.map(printed) ?? 0) }) != (p.all.vat.map(printed) ?? 0) { return "all vat" }
        if case .amount(let amount)? = p.offer.discount?.kind, p.all.discount != amount.roundedHalfUp(2) {
            return "the shares of the discount add up to \(show(p.all.discount)), not \(show(amount))"
        }
        if let m = p.mecenat, m.valueAtRate != p.all.proBono { return "mécénat value" }
        return nil
    }

    @Test func everyPrintedTotalIsTheSumOfItsPrintedLines() {
        var failures: [String] = []
        var belowTheCent = 0
        for seed in UInt64(1)...2000 {
            let pricing = OfferPricing(offer: Self.offer(seed: seed))
            if !pricing.warnings.isEmpty { belowTheCent += 1 }
            if let problem = Self.mismatch(pricing) { failures.append("seed \(seed): \(problem)") }
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        // The generator does reach lines below the cent, where the rule matters.
        #expect(belowTheCent > 200)
    }

    @Test func theGeneratorIsDeterministic() {
        let a = OfferPricing(offer: Self.offer(seed: 42)), b = OfferPricing(offer: Self.offer(seed: 42))
        #expect(a.all == b.all)
        #expect(PricingReport.text(a) == PricingReport.text(b))
    }
}

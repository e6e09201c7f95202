import Foundation

/// What `tender price` prints: aligned tables in the language of the run, JSON or CSV (whose keys and
/// columns are a machine interface, the same in every language).
public enum PricingReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, csv
    }

    public static func render(_ pricing: OfferPricing, as format: Format) -> String {
        switch format {
        case .text: return text(pricing)
        case .json: return json(pricing)
        case .csv: return csv(pricing)
        }
    }

    // MARK: Text

    /// The breakdown as aligned tables with French formatting: per tranche, the summary of
    /// tranches, per person, per profile, and the mécénat with its legal-review flag. Its words
    /// are in `language` (ReportMessage); the offer's own texts and the amounts are as in the documents.
    public static func text(_ pricing: OfferPricing, in language: Language = .current) -> String {
        func w(_ m: ReportMessage) -> String { m.text(in: language) }
        let offer = pricing.offer
        let vat = offer.bidder.vat
        var out: [String] = []
        out.append(w(.offer(reference: offer.tender.reference, buyer: offer.tender.buyer)))
        out.append(offer.tender.title)
        out.append(w(.bidder(name: offer.bidder.name, vat: w(.vat(vat)))))

        let exempt = vat.rate == nil
        let ttc: String? = exempt ? nil : w(.ttc)
        let hasDiscount = pricing.tranches.contains { $0.totals.discount != 0 }
        for tranche in pricing.tranches {
            out.append("")
            out.append("\(w(.kind(tranche.kind))) \(tranche.id) — \(tranche.title)")
            if tranche.kind == .optional, tranche.durationMonths != nil || tranche.confirmationDeadline != nil {
                out.append("  " + w(.terms(months: tranche.durationMonths, confirmation: tranche.confirmationDeadline)))
            }
            var table = TextTable([(w(.task), .left), (w(.person), .left), (w(.profile), .left), (w(.days), .right),
                                   (w(.rate(exempt: exempt)), .right), (w(.amount(exempt: exempt)), .right)], maxWidths: [0: 40])
            for task in tranche.tasks {
                var first = true
                for line in task.lines {
                    table.add([first ? task.title : "", line.name, line.profileLabel ?? line.profile ?? "",
                               num(line.days), eur(line.rate), eur(line.amount)])
                    first = false
                }
                if let item = task.item {
                    table.add([first ? task.title : "", item.unit ?? w(.unit), "", num(item.quantity), eur(item.unitPrice),
                               eur(item.amount)])
                    first = false
                }
                if let lump = task.lumpSum {
                    table.add([first ? task.title : "", w(.lumpSum), "", "", "", eur(lump)])
                }
            }
            table.rule()
            let t = tranche.totals
            table.add([w(.total(exempt: exempt)), "", "", num(t.days), "", eur(t.ht)])
            if let discount = tranche.discount, t.discount != 0 {
                table.add([PriceWords.discount(discount), "", "", "", "", eur(-t.discount)])
            }
            if t.proBonoDays != 0 || t.proBono != 0 {
                table.add([w(.proBonoLine), "", "", num(-t.proBonoDays), "", eur(-t.proBono)])
            }
            if t.discount != 0 || t.proBonoDays != 0 || t.proBono != 0 {
                table.add([w(.net(exempt: exempt)), "", "", "", "", eur(t.netHT)])
            }
            table.add([w(.vat(vat)), "", "", "", "", t.vat.map(eur) ?? "—"])
            if let ttc { table.add([ttc, "", "", "", "", eur(t.ttc)]) }
            out.append(table.render())
        }

        out.append("")
        out.append(w(.summary))
        var columns: [(String, TextTable.Align)] = [(w(.tranche), .left), (w(.days), .right), (w(.total(exempt: exempt)), .right)]
        if hasDiscount { columns.append((w(.discount), .right)) }
        columns += [(w(.proBono), .right), (w(.net(exempt: exempt)), .right)]
        if let ttc { columns += [(w(.vatColumn), .right), (ttc, .right)] }
        var summary = TextTable(columns)
        func add(_ label: String, _ t: Totals) {
            var row = [label, num(t.days), eur(t.ht)]
            if hasDiscount { row.append(eur(-t.discount)) }
            row += [eur(-t.proBono), eur(t.netHT)]
            if ttc != nil { row += [t.vat.map(eur) ?? "—", eur(t.ttc)] }
            summary.add(row)
        }
        for tranche in pricing.tranches { add("\(tranche.id) — \(w(.kind(tranche.kind)).lowercased())", tranche.totals) }
        summary.rule()
        add(w(.fixedTranches), pricing.fixed)
        add(w(.optionalTranches), pricing.optional)
        add(w(.allTranches), pricing.all)
        out.append(summary.render())
        if exempt { out.append("  " + w(.netWithoutVAT(label: w(.vat(vat))))) }

        out.append("")
        out.append(w(.perPerson))
        var people = TextTable([(w(.person), .left), (w(.profile), .left), (w(.rate(exempt: exempt)), .right), (w(.days), .right),
                                (w(.amount(exempt: exempt)), .right), (w(.daysGiven), .right)])
        for p in pricing.people {
            people.add([p.name, p.profileLabel ?? p.profile ?? "", eur(p.rate), num(p.days), eur(p.amount), num(p.proBonoDays)])
        }
        out.append(people.render())

        out.append("")
        out.append(w(.perProfile))
        var profiles = TextTable([(w(.profile), .left), (w(.rate(exempt: exempt)), .right), (w(.days), .right), (w(.amount(exempt: exempt)), .right)])
        for p in pricing.profiles {
            profiles.add([p.label, eur(p.rate), num(p.days), eur(p.amount)])
        }
        out.append(profiles.render())

        if let m = pricing.mecenat {
            out.append("")
            out.append(w(.mecenatTitle))
            var block = TextTable([("", .left), ("", .left)], header: false)
            block.add([w(.daysGiven), w(.dayCount(m.days)) + (m.share.map { w(.mecenatShare(FrenchFormat.percent($0))) } ?? "")])
            block.add([w(.valueAtRate), eur(m.valueAtRate)])
            block.add([w(.valueAtCost), m.valueAtCost.map(eur) ?? w(.costUnknown)])
            block.add([w(.taxReduction(FrenchFormat.percent(Mecenat.reductionRate))), m.taxReduction.map(eur) ?? "—"])
            block.add([w(.cap), "\(eur(m.cap)) — \(w(.withinCap(m.withinCap)))"])
            if let note = m.note { block.add([w(.note), note]) }
            out.append(block.render())
            out.append("  ⚠ " + ReportMessage.legalReview.text(in: language))
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func eur(_ d: Decimal) -> String { FrenchFormat.euros(d) }
    private static func num(_ d: Decimal) -> String { FrenchFormat.number(d) }

    // MARK: JSON

    /// Keys whose numbers are ratios, written exactly (at least two decimals) rather than to the cent.
    static let ratioKeys: Set<String> = ["vat_rate", "share"]

    /// The tranches and totals as in the template context, every number a string with two
    /// decimals (ratios exactly).
    public static func json(_ pricing: OfferPricing) -> String {
        let context = TemplateContext(pricing: pricing)
        let offer = pricing.offer
        let value = Value.map(Mapping([
            ("tender", .map(Mapping([("reference", context.text(offer.tender.reference)),
                                     ("buyer", .string(offer.tender.buyer)), ("title", .string(offer.tender.title))]))),
            ("bidder", .map(Mapping([("name", .string(offer.bidder.name)), ("vat_label", .string(offer.bidder.vat.label))]))),
            ("tranches", .list(pricing.tranches.map(context.tranche))),
            ("pricing", context.pricingValue(profiles: .list(pricing.profiles.map(context.profileValue)))),
        ]))
        return JSONText.encode(value) { key, number in
            let text = key.map(ratioKeys.contains) == true ? plain(number, atLeast: 2) : fixed(number, 2)
            return JSONText.quoted(text)
        }
    }

    // MARK: CSV

    /// One row per priced line, item, lump sum, discount, pro-bono deduction and VAT of each tranche, so that
    /// the `amount` column adds up to the overall TTC. Comma-separated, dot decimals; days, rates and
    /// quantities exactly (at least two decimals), amounts to the cent.
    public static func csv(_ pricing: OfferPricing) -> String {
        var rows: [[String]] = [["type", "tranche", "kind", "task", "deliverable", "person_id", "person", "profile",
                                 "days", "rate", "amount"]]
        for tranche in pricing.tranches {
            let head = [tranche.id, tranche.kind.rawValue]
            for task in tranche.tasks {
                for line in task.lines {
                    rows.append(["line"] + head + [task.title, task.deliverable ?? "", line.member, line.name,
                                 line.profile ?? "", plain(line.days, atLeast: 2), plain(line.rate, atLeast: 2), fixed(line.amount, 2)])
                }
                if let item = task.item {
                    rows.append(["item"] + head + [task.title, task.deliverable ?? "", "", item.unit ?? "", "",
                                 plain(item.quantity, atLeast: 2), plain(item.unitPrice, atLeast: 2), fixed(item.amount, 2)])
                }
                if let lump = task.lumpSum {
                    rows.append(["lump_sum"] + head + [task.title, task.deliverable ?? "", "", "", "", "", "", fixed(lump, 2)])
                }
            }
            let t = tranche.totals
            if let discount = tranche.discount, t.discount != 0 {
                rows.append(["discount"] + head + [PriceWords.discount(discount), "", "", "", "", "", "", fixed(-t.discount, 2)])
            }
            if t.proBonoDays != 0 || t.proBono != 0 {
                rows.append(["pro_bono"] + head + ["Mécénat de compétences", "", "", "", "", plain(-t.proBonoDays, atLeast: 2), "",
                                                   fixed(-t.proBono, 2)])
            }
            rows.append(["vat"] + head + [pricing.offer.bidder.vat.label, "", "", "", "", "", "", fixed(t.vat ?? 0, 2)])
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Numbers

    /// `1234.50`: rounded half-up to `decimals`, padded, dot separator.
    static func fixed(_ d: Decimal, _ decimals: Int) -> String {
        plain(d.roundedHalfUp(decimals), atLeast: decimals)
    }

    /// The exact decimal, padded to at least `decimals` places: 0.2 → `0.20`, 0.055 → `0.055`.
    static func plain(_ d: Decimal, atLeast decimals: Int) -> String {
        let parts = FrenchFormat.decimalParts(d, minimumFraction: decimals)
        return (parts.negative ? "-" : "") + parts.integer + (parts.fraction.isEmpty ? "" : "." + parts.fraction)
    }
}

import Foundation

/// What `tender price` prints: an aligned French table, JSON or CSV.
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
    /// tranches, per person, per profile, and the mécénat with its legal-review flag.
    public static func text(_ pricing: OfferPricing) -> String {
        let offer = pricing.offer
        let vat = offer.bidder.vat
        var out: [String] = []
        let reference = offer.tender.reference.map { "Offre \($0) — " } ?? "Offre — "
        out.append(reference + offer.tender.buyer)
        out.append(offer.tender.title)
        out.append("Candidat : \(offer.bidder.name) — \(vat.label)")

        let words = PriceWords(vat)
        let ht = words.ht
        let hasDiscount = pricing.tranches.contains { $0.totals.discount != 0 }
        for tranche in pricing.tranches {
            out.append("")
            out.append("\(tranche.kind.label) \(tranche.id) — \(tranche.title)")
            if tranche.kind == .optional, tranche.durationMonths != nil || tranche.confirmationDeadline != nil {
                out.append("  " + TrancheWords.terms(tranche))
            }
            var table = TextTable([("Tâche", .left), ("Intervenant", .left), ("Profil", .left), ("Jours", .right),
                                   ("Taux \(ht)", .right), (words.amount, .right)], maxWidths: [0: 40])
            for task in tranche.tasks {
                var first = true
                for line in task.lines {
                    table.add([first ? task.title : "", line.name, line.profileLabel ?? line.profile ?? "",
                               num(line.days), eur(line.rate), eur(line.amount)])
                    first = false
                }
                if let item = task.item {
                    table.add([first ? task.title : "", item.unit ?? "unité", "", num(item.quantity), eur(item.unitPrice),
                               eur(item.amount)])
                    first = false
                }
                if let lump = task.lumpSum {
                    table.add([first ? task.title : "", "forfait", "", "", "", eur(lump)])
                }
            }
            table.rule()
            let t = tranche.totals
            table.add([words.total, "", "", num(t.days), "", eur(t.ht)])
            if let discount = tranche.discount, t.discount != 0 {
                table.add([PriceWords.discount(discount), "", "", "", "", eur(-t.discount)])
            }
            if t.proBonoDays != 0 || t.proBono != 0 {
                table.add(["Mécénat de compétences", "", "", num(-t.proBonoDays), "", eur(-t.proBono)])
            }
            if t.discount != 0 || t.proBonoDays != 0 || t.proBono != 0 {
                table.add([words.net, "", "", "", "", eur(t.netHT)])
            }
            table.add([vat.label, "", "", "", "", t.vat.map(eur) ?? "—"])
            if let ttc = words.ttc { table.add([ttc, "", "", "", "", eur(t.ttc)]) }
            out.append(table.render())
        }

        out.append("")
        out.append("Récapitulatif")
        var columns: [(String, TextTable.Align)] = [("Tranche", .left), ("Jours", .right), (words.total, .right)]
        if hasDiscount { columns.append(("Remise", .right)) }
        columns += [("Mécénat", .right), (words.net, .right)]
        if let ttc = words.ttc { columns += [("TVA", .right), (ttc, .right)] }
        var summary = TextTable(columns)
        func add(_ label: String, _ t: Totals) {
            var row = [label, num(t.days), eur(t.ht)]
            if hasDiscount { row.append(eur(-t.discount)) }
            row += [eur(-t.proBono), eur(t.netHT)]
            if words.ttc != nil { row += [t.vat.map(eur) ?? "—", eur(t.ttc)] }
            summary.add(row)
        }
        for tranche in pricing.tranches { add("\(tranche.id) — \(tranche.kind.label.lowercased())", tranche.totals) }
        summary.rule()
        add("Tranches fermes", pricing.fixed)
        add("Tranches optionnelles", pricing.optional)
        add("Total (fermes et optionnelles)", pricing.all)
        out.append(summary.render())
        if vat.rate == nil { out.append("  " + vat.label + " : les montants sont nets, sans TVA.") }

        out.append("")
        out.append("Par intervenant (toutes tranches)")
        var people = TextTable([("Intervenant", .left), ("Profil", .left), ("Taux \(ht)", .right), ("Jours", .right),
                                (words.amount, .right), ("Jours offerts", .right)])
        for p in pricing.people {
            people.add([p.name, p.profileLabel ?? p.profile ?? "", eur(p.rate), num(p.days), eur(p.amount), num(p.proBonoDays)])
        }
        out.append(people.render())

        out.append("")
        out.append("Par profil (toutes tranches)")
        var profiles = TextTable([("Profil", .left), ("Taux \(ht)", .right), ("Jours", .right), (words.amount, .right)])
        for p in pricing.profiles {
            profiles.add([p.label, eur(p.rate), num(p.days), eur(p.amount)])
        }
        out.append(profiles.render())

        if let m = pricing.mecenat {
            out.append("")
            out.append("Mécénat de compétences (art. 238 bis du CGI) — À FAIRE VALIDER PAR UN JURISTE")
            var block = TextTable([("", .left), ("", .left)], header: false)
            block.add(["Jours offerts", FrenchFormat.days(m.days) + (m.share.map { " (\(FrenchFormat.percent($0)) des jours)" } ?? "")])
            block.add(["Valeur au prix de vente", eur(m.valueAtRate)])
            block.add(["Valeur au coût de revient", m.valueAtCost.map(eur) ?? "inconnue (coût journalier manquant)"])
            block.add(["Réduction d'impôt (\(FrenchFormat.percent(Mecenat.reductionRate)))", m.taxReduction.map(eur) ?? "—"])
            let within = m.withinCap.map { $0 ? "respecté" : "dépassé : l'excédent est reportable sur 5 ans" } ?? "—"
            block.add(["Plafond (20 000 € ou 0,5 % du CA HT)", "\(eur(m.cap)) — \(within)"])
            if let note = m.note { block.add(["Note", note]) }
            out.append(block.render())
            out.append("  ⚠ " + Mecenat.legalReview)
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

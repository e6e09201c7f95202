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

        for tranche in pricing.tranches {
            out.append("")
            out.append("\(tranche.kind.label) \(tranche.id) — \(tranche.title)")
            var table = TextTable([("Tâche", .left), ("Intervenant", .left), ("Profil", .left), ("Jours", .right),
                                   ("Taux HT", .right), ("Montant HT", .right)], maxWidths: [0: 40])
            for task in tranche.tasks {
                var first = true
                for line in task.lines {
                    table.add([first ? task.title : "", line.name, line.profileLabel ?? line.profile ?? "",
                               num(line.days), eur(line.rate), eur(line.amount)])
                    first = false
                }
                if let lump = task.lumpSum {
                    table.add([first ? task.title : "", "forfait", "", "", "", eur(lump)])
                }
            }
            table.rule()
            let t = tranche.totals
            table.add(["Total HT", "", "", num(t.days), "", eur(t.ht)])
            if t.proBonoDays != 0 || t.proBono != 0 {
                table.add(["Mécénat de compétences", "", "", num(-t.proBonoDays), "", eur(-t.proBono)])
                table.add(["Net HT", "", "", "", "", eur(t.netHT)])
            }
            table.add([vat.label, "", "", "", "", t.vat.map(eur) ?? "—"])
            table.add(["Total TTC", "", "", "", "", eur(t.ttc)])
            out.append(table.render())
        }

        out.append("")
        out.append("Récapitulatif")
        var summary = TextTable([("Tranche", .left), ("Jours", .right), ("Total HT", .right), ("Mécénat", .right),
                                 ("Net HT", .right), ("TVA", .right), ("Total TTC", .right)])
        func add(_ label: String, _ t: Totals) {
            summary.add([label, num(t.days), eur(t.ht), eur(-t.proBono), eur(t.netHT), t.vat.map(eur) ?? "—", eur(t.ttc)])
        }
        for tranche in pricing.tranches { add("\(tranche.id) — \(tranche.kind.label.lowercased())", tranche.totals) }
        summary.rule()
        add("Tranches fermes", pricing.fixed)
        add("Tranches optionnelles", pricing.optional)
        add("Total (fermes et optionnelles)", pricing.all)
        out.append(summary.render())
        if vat.rate == nil { out.append("  " + vat.label + " : total TTC = net HT.") }

        out.append("")
        out.append("Par intervenant (toutes tranches)")
        var people = TextTable([("Intervenant", .left), ("Profil", .left), ("Taux HT", .right), ("Jours", .right),
                                ("Montant HT", .right), ("Jours offerts", .right)])
        for p in pricing.people {
            people.add([p.name, p.profileLabel ?? p.profile ?? "", eur(p.rate), num(p.days), eur(p.amount), num(p.proBonoDays)])
        }
        out.append(people.render())

        out.append("")
        out.append("Par profil (toutes tranches)")
        var profiles = TextTable([("Profil", .left), ("Taux HT", .right), ("Jours", .right), ("Montant HT", .right)])
        for p in pricing.profiles {
            profiles.add([p.label ?? p.id ?? "(sans profil)", p.rate.map(eur) ?? "—", num(p.days), eur(p.amount)])
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

    /// One row per priced line, lump sum, pro-bono deduction and VAT of each tranche, so that
    /// the `amount` column adds up to the overall TTC. Comma-separated, dot decimals.
    public static func csv(_ pricing: OfferPricing) -> String {
        var rows: [[String]] = [["type", "tranche", "kind", "task", "deliverable", "person_id", "person", "profile",
                                 "days", "rate", "amount"]]
        for tranche in pricing.tranches {
            let head = [tranche.id, tranche.kind.rawValue]
            for task in tranche.tasks {
                for line in task.lines {
                    rows.append(["line"] + head + [task.title, task.deliverable ?? "", line.member, line.name,
                                 line.profile ?? "", fixed(line.days, 2), fixed(line.rate, 2), fixed(line.amount, 2)])
                }
                if let lump = task.lumpSum {
                    rows.append(["lump_sum"] + head + [task.title, task.deliverable ?? "", "", "", "", "", "", fixed(lump, 2)])
                }
            }
            let t = tranche.totals
            if t.proBonoDays != 0 || t.proBono != 0 {
                rows.append(["pro_bono"] + head + ["Mécénat de compétences", "", "", "", "", fixed(-t.proBonoDays, 2), "",
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

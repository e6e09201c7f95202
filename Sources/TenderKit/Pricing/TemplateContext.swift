import Foundation

/// Builds the names templates see (offers/FORMAT.md, "Template context") from a priced offer.
/// Keys come in a fixed order; absent optional values are null; amounts are exact numbers.
struct TemplateContext {
    let pricing: OfferPricing
    var offer: Offer { pricing.offer }

    func build(today: DateValue, person: String?, matrixPages: ComplianceMatrix.Pages = .notConverted) -> Value {
        let team = pricing.people.compactMap { total in offer.member(total.id).map { member(_: $0, total) } }
        let chosen = person.flatMap { id in offer.team.firstIndex { $0.id == id } }.map { team[$0] } ?? .null
        let profiles = Value.list(pricing.profiles.map(profileValue))
        return .map(Mapping([
            ("today", .date(today)),
            ("tender", tender()),
            ("bidder", bidder()),
            ("team", .list(team)),
            ("person", chosen),
            ("profiles", profiles),
            ("tranches", .list(pricing.tranches.map(tranche))),
            ("pricing", pricingValue(profiles: profiles)),
            ("schedule", schedule()),
            ("memoire", memoire()),
            ("matrix", ComplianceMatrix(offer: offer, pages: matrixPages).value),
        ]))
    }

    // MARK: Parts

    /// The texts of `memoire` by key, and `sections`: the response frame, each section's body
    /// as written (Markdown, for the `markdown` filter).
    func memoire() -> Value {
        var m = Mapping(OfferKeys.memoire.keys.filter { $0 != "sections" }.map { ($0, text(offer.memoire[$0])) })
        m["sections"] = .list(offer.sections.map { s in
            .map(Mapping([
                ("id", .string(s.id)),
                ("title", .string(s.title)),
                ("body", .string(s.body ?? "")),
                ("answers", .list(s.answers.map(Value.string))),
                ("blocks", .list(s.blocks.map(Value.string))),
            ]))
        })
        return .map(m)
    }

    func tender() -> Value {
        let t = offer.tender
        return .map(Mapping([
            ("reference", text(t.reference)),
            ("buyer", .string(t.buyer)),
            ("buyer_address", text(t.buyerAddress)),
            ("title", .string(t.title)),
            ("deadline", date(t.deadline)),
            ("rules", t.rules.isNull ? .map(Mapping()) : t.rules),
        ]))
    }

    /// The town of a French address: its last line without the postal code ("69001 Lyon" → "Lyon").
    static func city(fromAddress address: String) -> String? {
        guard let last = address.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return nil }
        let town = last.drop { $0.isNumber || $0 == " " }.trimmingCharacters(in: .whitespaces)
        return town.isEmpty ? last : town
    }

    func bidder() -> Value {
        let b = offer.bidder
        return .map(Mapping([
            ("name", .string(b.name)),
            ("legal_form", text(b.legalForm)),
            ("siret", text(b.siret)),
            ("siret_formatted", text(b.siret.map(FrenchFormat.siret))),
            ("address", text(b.address)),
            ("city", text(b.address.flatMap(TemplateContext.city(fromAddress:)))),
            ("email", text(b.email)),
            ("phone", text(b.phone)),
            ("logo", text(b.logo)),
            ("signatory", .map(Mapping([("name", text(b.signatory?.name)), ("title", text(b.signatory?.title))]))),
            ("turnover", number(b.turnover)),
            ("vat", .map(Mapping([
                ("rate", number(b.vat.rate)),
                ("exemption", text(b.vat.exemption)),
                ("label", .string(b.vat.label)),
            ]))),
            ("references", .list(offer.references.map { reference in
                var m = experience(reference)
                let months = offer.tender.deadline.map { deadline in
                    reference.end.map { $0.months(until: deadline) } ?? 0
                }
                m["months_before_deadline"] = number(months)
                return .map(m)
            })),
        ]))
    }

    func member(_ member: TeamMember, _ total: PersonTotal) -> Value {
        let p = member.person
        return .map(Mapping([
            ("id", .string(member.id)),
            ("name", .string(p.name)),
            ("title", text(p.title)),
            ("role", text(member.role)),
            ("profile", text(member.profile)),
            ("profile_label", text(member.profileLabel)),
            ("rate", .number(member.rate)),
            ("cost", number(member.cost)),
            ("years", number(p.years.map { Decimal($0) })),
            ("summary", text(member.summary)),
            ("education", .list(p.education.map { e in
                .map(Mapping([("year", number(e.year.map { Decimal($0) })), ("degree", .string(e.degree)),
                              ("school", text(e.school))]))
            })),
            ("languages", .list(p.languages.map(Value.string))),
            ("skills", .list(p.skills.map(Value.string))),
            ("experiences", .list(member.experiences.map { .map(experience($0)) })),
            ("days", .number(total.days)),
            ("amount", .number(total.amount)),
            ("pro_bono_days", .number(total.proBonoDays)),
        ]))
    }

    func profileValue(_ p: ProfileTotal) -> Value {
        .map(Mapping([
            ("id", text(p.id)), ("label", .string(p.label)), ("rate", .number(p.rate)),
            ("days", .number(p.days)), ("amount", .number(p.amount)),
            ("card_rate", number(p.cardRate)), ("negotiated", .bool(p.negotiated)),
        ]))
    }

    func tranche(_ t: PricedTranche) -> Value {
        var m = Mapping([
            ("id", .string(t.id)),
            ("kind", .string(t.kind.rawValue)),
            ("kind_label", .string(t.kind.label)),
            ("title", .string(t.title)),
        ])
        for (key, value) in totals(t.totals) { m[key] = value }
        m["discount_label"] = t.discount.map { .string(PriceWords.discount($0)) } ?? .null
        m["duration_months"] = number(t.durationMonths)
        m["confirmation_deadline"] = date(t.confirmationDeadline)
        let terms = TrancheWords.terms(t)
        m["terms"] = terms.isEmpty ? .null : .string(terms)
        m["tasks"] = .list(t.tasks.map { task in
            .map(Mapping([
                ("title", .string(task.title)),
                ("description", text(task.description)),
                ("deliverable", text(task.deliverable)),
                ("days", .number(task.days)),
                ("amount", .number(task.amount)),
                ("lump_sum", .bool(task.lumpSum != nil)),
                ("lump_sum_amount", number(task.lumpSum)),
                ("item", task.item.map { item in
                    .map(Mapping([("quantity", .number(item.quantity)), ("unit", text(item.unit)),
                                  ("unit_price", .number(item.unitPrice)), ("amount", .number(item.amount))]))
                } ?? .null),
                ("lines", .list(task.lines.map { line in
                    .map(Mapping([
                        ("id", .string(line.member)), ("name", .string(line.name)), ("profile", text(line.profile)),
                        ("profile_label", text(line.profileLabel)), ("days", .number(line.days)),
                        ("rate", .number(line.rate)), ("amount", .number(line.amount)),
                    ]))
                })),
            ]))
        })
        m["people"] = .list(t.people.map { p in
            .map(Mapping([("id", .string(p.id)), ("name", .string(p.name)), ("days", .number(p.days)),
                          ("amount", .number(p.amount))]))
        })
        return .map(m)
    }

    /// `days, ht, discount, pro_bono_days, pro_bono, net_ht, vat, ttc`.
    func totals(_ t: Totals) -> Mapping {
        Mapping([
            ("days", .number(t.days)), ("ht", .number(t.ht)), ("discount", .number(t.discount)),
            ("pro_bono_days", .number(t.proBonoDays)),
            ("pro_bono", .number(t.proBono)), ("net_ht", .number(t.netHT)), ("vat", number(t.vat)),
            ("ttc", .number(t.ttc)),
        ])
    }

    func pricingValue(profiles: Value) -> Value {
        let vat = offer.bidder.vat
        return .map(Mapping([
            ("fixed", .map(totals(pricing.fixed))),
            ("optional", .map(totals(pricing.optional))),
            ("all", .map(totals(pricing.all))),
            ("vat_rate", number(vat.rate)),
            ("vat_label", .string(vat.label)),
            ("exempt", .bool(vat.rate == nil)),
            ("labels", labels(PriceWords(vat))),
            ("discount", .bool(pricing.all.discount != 0)),
            ("items", .bool(pricing.tranches.contains { $0.tasks.contains { $0.item != nil } })),
            ("people", .list(pricing.people.map { p in
                .map(Mapping([("id", .string(p.id)), ("name", .string(p.name)), ("profile", text(p.profile)),
                              ("rate", .number(p.rate)), ("days", .number(p.days)), ("amount", .number(p.amount))]))
            })),
            ("profiles", profiles),
            ("mecenat", pricing.mecenat.map(mecenat) ?? .null),
        ]))
    }

    /// The words of the figures (offers/FORMAT.md, "Template context"): HT or net, TTC or nothing.
    func labels(_ w: PriceWords) -> Value {
        .map(Mapping([
            ("ht", .string(w.ht)), ("total", .string(w.total)), ("net", .string(w.net)), ("ttc", text(w.ttc)),
            ("amount", .string(w.amount)), ("day_rate", .string(w.dayRate)), ("unit_price", .string(w.unitPrice)),
            ("vat", .string(w.vat)),
        ]))
    }

    func mecenat(_ m: Mecenat) -> Value {
        .map(Mapping([
            ("days", .number(m.days)),
            ("share", number(m.share)),
            ("value_at_rate", .number(m.valueAtRate)),
            ("value_at_cost", number(m.valueAtCost)),
            ("tax_reduction", number(m.taxReduction)),
            ("cap", .number(m.cap)),
            ("within_cap", m.withinCap.map(Value.bool) ?? .null),
            ("note", text(m.note)),
            ("legal_review", .string(Mecenat.legalReview)),
        ]))
    }

    func schedule() -> Value {
        let s = offer.schedule
        return .map(Mapping([
            ("start", date(s?.start)),
            ("end", date(s?.end)),
            ("duration_months", number(s?.durationMonths)),
            ("start_is_notification", .bool(s?.startIsNotification ?? false)),
            ("milestones", .list((s?.milestones ?? []).map { m in
                .map(Mapping([("title", .string(m.title)), ("date", .date(m.date))]))
            })),
        ]))
    }

    // MARK: Helpers

    func experience(_ e: Experience) -> Mapping {
        Mapping([
            ("client", .string(e.client)), ("subject", .string(e.subject)), ("start", .date(e.start)),
            ("end", date(e.end)), ("amount", number(e.amount)), ("role", text(e.role)),
        ])
    }

    /// Offer text as written, without the final newline a YAML block (`|`) keeps: in a
    /// document it would become a line break (and stretch the last line of justified text).
    func text(_ s: String?) -> Value { s.map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? .null }
    func number(_ d: Decimal?) -> Value { d.map(Value.number) ?? .null }
    func date(_ d: DateValue?) -> Value { d.map(Value.date) ?? .null }
}

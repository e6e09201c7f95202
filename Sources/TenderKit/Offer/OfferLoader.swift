import Foundation

extension Offer {
    /// Loads `offers/<name>/offer.yaml` and the people of its team from the team library
    /// (`team_library:`, default `../team` next to the offer's folder), and checks them.
    ///
    /// Every error found in the offer and its people is reported at once, each with file,
    /// line and column: a `TenderError` with status 65 (66 when the offer file is missing).
    /// Findings that do not prevent pricing are in `warnings`.
    public static func load(path: String) throws -> Offer {
        let text = try DataLoader.readText(path: path)
        let (document, shapeErrors) = try ShapeChecker.check(yaml: text, file: path, shape: .record(OfferKeys.offer),
                                                              what: OfferMessage.fileKind(.offer).text)
        var builder = OfferBuilder(file: path, top: document.top)
        builder.bag.add(contentsOf: shapeErrors)
        let offer = builder.build()
        if builder.bag.hasErrors {
            // In reading order: the offer file first, then the people, each by line and column.
            let errors = builder.bag.diagnostics.filter { $0.severity == .error }.enumerated().sorted { a, b in
                func key(_ d: Diagnostic) -> (Int, String, Int, Int) {
                    let file = d.location?.file ?? ""
                    return (file == path ? 0 : 1, file, d.location?.line ?? 0, d.location?.column ?? 0)
                }
                let (ka, kb) = (key(a.element), key(b.element))
                return ka != kb ? ka < kb : a.offset < b.offset
            }.map(\.element)
            throw TenderError(errors)
        }
        return offer
    }
}

extension Person {
    /// Loads one CV of the team library. Problems come back as diagnostics, so that those of
    /// every person and of the offer are reported together.
    static func load(path: String, id: String) -> (Person?, [Diagnostic]) {
        do {
            let text = try DataLoader.readText(path: path)
            let (document, errors) = try ShapeChecker.check(yaml: text, file: path, shape: .record(OfferKeys.person),
                                                             what: OfferMessage.fileKind(.person).text)
            let top = document.top
            guard let name = top["name"]?.string else { return (nil, errors) }
            let person = Person(
                id: id, file: path, name: name, title: top["title"]?.string, profile: top["profile"]?.string,
                years: top["years"]?.int, summary: top["summary"]?.string,
                summaries: Dictionary(uniqueKeysWithValues: (top["summaries"]?.entries ?? []).compactMap { key, text in
                    text.string.map { (key, $0) }
                }),
                education: top["education"]?.items.compactMap { e in
                    e["degree"]?.string.map { Education(year: e["year"]?.int, degree: $0, school: e["school"]?.string) }
                } ?? [],
                languages: top["languages"]?.strings ?? [], skills: top["skills"]?.strings ?? [],
                experiences: top["experiences"]?.items.compactMap(Experience.init(located:)) ?? [])
            return (person, errors)
        } catch let error as TenderError {
            return (nil, error.diagnostics)
        } catch {
            return (nil, [.error("\(error)", at: SourceLocation(file: path))])
        }
    }
}

extension Experience {
    init?(located e: Located) {
        guard let client = e["client"]?.string, let subject = e["subject"]?.string, let start = e["start"]?.date else {
            return nil
        }
        self.init(client: client, subject: subject, start: start, end: e["end"]?.date, amount: e["amount"]?.decimal,
                  role: e["role"]?.string, id: e["id"]?.string, tags: e["tags"]?.strings ?? [])
    }
}

/// Turns a checked offer document into an `Offer`, adding the checks that span several
/// places: ids, references between them, rates, the team library.
struct OfferBuilder {
    let file: String
    let top: Located
    var bag = DiagnosticBag()

    init(file: String, top: Located) {
        self.file = file
        self.top = top
    }

    /// The offer's folder, against which its paths are resolved.
    var folder: String { (file as NSString).deletingLastPathComponent }

    func resolve(_ path: String) -> String { resolve(path, from: file) }

    /// A path written in `source` (the offer, the bidder profile…), resolved against that file's folder.
    func resolve(_ path: String, from source: String) -> String {
        let base = (source as NSString).deletingLastPathComponent
        return OfferBuilder.normalized(path.hasPrefix("/") ? path : (base.isEmpty ? path : base + "/" + path))
    }

    /// `a/b/../c` → `a/c`, lexically, keeping leading `..`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        bag.add(.error(message, at: location, hint: hint))
    }

    mutating func build() -> Offer {
        let bidderView = loadBidderProfile()
        let bidder = buildBidder(bidderView)
        let profiles = buildProfiles()
        let (team, writtenTeamIds) = buildTeam(profiles: profiles)
        let tranches = buildTranches(teamIds: writtenTeamIds)
        let proBono = buildProBono(team: writtenTeamIds, tranches: tranches)
        var offer = Offer(file: file, tender: buildTender(), bidder: bidder, profiles: profiles, team: team,
                          tranches: tranches, proBono: proBono, discount: top["discount"].flatMap(OfferBuilder.discount),
                          schedule: buildSchedule(), documents: buildDocuments(), memoire: buildMemoire(), warnings: [])
        checkDiscounts(offer)
        // The logo is resolved against the file that names it: the offer, or the bidder profile.
        offer.bidder.logo = bidderView["logo"].flatMap { logo in
            logo.string.map { resolve($0, from: logo.location.file ?? file) }
        }
        offer.typography = top["typography"]?.bool ?? true
        offer.warnings = warnings(for: offer)
        offer.source = top
        offer.bidderSource = bidderView.profile
        offer.sections = buildSections()
        offer.requirements = buildRequirements()
        offer.references = selectReferences(bidder.references, view: bidderView)
        return offer
    }

    // MARK: Parts

    func buildTender() -> TenderInfo {
        let t = top["tender"]
        return TenderInfo(reference: t?["reference"]?.string, buyer: t?["buyer"]?.string ?? "",
                          buyerAddress: t?["buyer_address"]?.string, title: t?["title"]?.string ?? "",
                          deadline: t?["deadline"]?.date, rules: t?["rules"]?.value ?? .null)
    }

    mutating func buildBidder(_ b: BidderView) -> Bidder {
        var siret = b["siret"]?.string
        if let written = siret, let place = b["siret"]?.location {
            let digits = written.filter { !$0.isWhitespace }
            if digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                siret = digits
            } else {
                error(OfferMessage.siretDigits(written).text, at: place, hint: OfferMessage.siretHint.text)
            }
        }
        let vat: VAT
        if let rate = b["vat"]?["rate"]?.decimal {
            vat = .rate(rate)
        } else if let exemption = b["vat"]?["exemption"]?.string {
            vat = .exempt(exemption)
        } else {
            vat = .rate(0) // reported by the shape check
        }
        return Bidder(name: b["name"]?.string ?? "", legalForm: b["legal_form"]?.string, siret: siret,
                      address: b["address"]?.string, email: b["email"]?.string, phone: b["phone"]?.string,
                      signatory: b["signatory"].flatMap { s in
                          s["name"]?.string.map { Signatory(name: $0, title: s["title"]?.string) }
                      },
                      vat: vat, turnover: b["turnover"]?.decimal,
                      references: b["references"]?.items.compactMap(Experience.init(located:)) ?? [])
    }

    func buildProfiles() -> [Profile] {
        (top["profiles"]?.entries ?? []).compactMap { id, p in
            guard let label = p["label"]?.string, let rate = p["rate"]?.decimal else { return nil }
            return Profile(id: id, label: label, rate: rate, cost: p["cost"]?.decimal)
        }
    }

    /// The team, and every id written in it (even those that failed), so that references to
    /// a member whose CV is broken are not reported twice.
    mutating func buildTeam(profiles: [Profile]) -> ([TeamMember], [String]) {
        let library = top["team_library"]?.string.map(resolve) ?? OfferBuilder.normalized(folder.isEmpty ? "../team" : folder + "/../team")
        let available = OfferBuilder.libraryIds(library)
        let profileIds = profiles.map(\.id)
        var team: [TeamMember] = []
        var seen: [String: SourceLocation] = [:]
        var written: [String] = []
        // The members' files are read and checked on all cores, each on its own; what they say
        // is reported below, in the team's order.
        let file = { (id: String) in library + "/" + id + ".yaml" }
        var ids: [String] = []
        for id in (top["team"]?.items ?? []).compactMap({ $0["id"]?.string }) where !ids.contains(id) && OfferBuilder.isValidId(id)
            && FileManager.default.fileExists(atPath: file(id)) {
            ids.append(id)
        }
        let people = Dictionary(uniqueKeysWithValues: zip(ids, Parallel.map(ids) { Person.load(path: file($0), id: $0) }))
        for item in top["team"]?.items ?? [] {
            guard let id = item["id"]?.string, let idPlace = item["id"]?.location else { continue }
            if let first = seen[id] {
                error(OfferMessage.duplicateMember(id).text, at: idPlace,
                      hint: OfferMessage.alreadyInTeam(line: first.line ?? 0).text)
                continue
            }
            seen[id] = idPlace
            written.append(id)
            guard OfferBuilder.isValidId(id) else {
                error(OfferMessage.invalidPersonId(id).text, at: idPlace,
                      hint: OfferMessage.personIdHint.text)
                continue
            }
            let personFile = file(id)
            guard FileManager.default.fileExists(atPath: personFile) else {
                error(OfferMessage.noPerson(id, library: library).text, at: idPlace,
                      hint: Suggestions.hint(for: id, among: available, listing: OfferMessage.peopleInLibrary.text)
                        + OfferMessage.personFileHint.text)
                continue
            }
            let (loaded, problems) = people[id] ?? Person.load(path: personFile, id: id)
            bag.add(contentsOf: problems)
            guard let person = loaded else { continue }

            var profileId = person.profile
            if let own = item["profile"]?.string {
                profileId = own
                if !profileIds.contains(own) {
                    error(OfferMessage.unknownProfile(own, member: id).text, at: item.location(of: "profile"),
                          hint: Suggestions.hint(for: own, among: profileIds, listing: OfferMessage.profiles.text))
                    continue
                }
            }
            let profile = profileId.flatMap { p in profiles.first { $0.id == p } }
            guard let rate = item["rate"]?.decimal ?? profile?.rate else {
                // A rate or profile written but invalid is reported where it is written.
                let profileWritten = profileId.map { top["profiles"]?.wrote($0) ?? false } ?? false
                if !item.wrote("rate") && !profileWritten {
                    let why = profileId.map { OfferMessage.NoRate.profileNotInOffer(profile: $0, file: person.file) }
                        ?? .noProfile(file: person.file)
                    error(OfferMessage.noDayRate(id).text, at: item.location,
                          hint: OfferMessage.noDayRateHint(why: why, profiles: profileIds).text)
                }
                continue
            }
            var member = TeamMember(id: id, person: person, role: item["role"]?.string, profile: profileId,
                                    profileLabel: profile?.label, rate: rate, cost: item["cost"]?.decimal ?? profile?.cost)
            tailorCV(&member, item["cv"])
            team.append(member)
        }
        return (team, written)
    }

    mutating func buildTranches(teamIds: [String]) -> [Tranche] {
        var tranches: [Tranche] = []
        var seen: [String: SourceLocation] = [:]
        for item in top["tranches"]?.items ?? [] {
            // A tranche with an invalid kind or title is still read, so that its tasks are checked too.
            let id = item["id"]?.string
            if let id {
                let idPlace = item.location(of: "id")
                if let first = seen[id] {
                    error(OfferMessage.duplicateTranche(id).text, at: idPlace, hint: OfferMessage.alreadyUsed(line: first.line ?? 0).text)
                } else {
                    seen[id] = idPlace
                }
            }
            var tasks: [TrancheTask] = []
            for t in item["tasks"]?.items ?? [] {
                guard let taskTitle = t["title"]?.string else { continue }
                var days: [(member: String, days: Decimal)] = []
                for (member, d) in t["days"]?.entries ?? [] {
                    guard let count = d.decimal else { continue }
                    if teamIds.contains(member) {
                        days.append((member, count))
                    } else {
                        error(OfferMessage.notInTeam(member).text, at: d.keyLocation,
                              hint: Suggestions.closest(to: member, among: teamIds).map { Message.didYouMean($0).text }
                                ?? OfferMessage.addToTeam.text)
                    }
                }
                var priced: TaskItem?
                switch (t["quantity"]?.decimal, t["unit_price"]?.decimal) {
                case (let quantity?, let price?):
                    priced = TaskItem(quantity: quantity, unit: t["unit"]?.string, unitPrice: price)
                case (_?, nil):
                    error(OfferMessage.quantityWithoutPrice(taskTitle).text, at: t.location(of: "quantity"),
                          hint: OfferMessage.quantityWithoutPriceHint.text)
                case (nil, _?):
                    error(OfferMessage.priceWithoutQuantity(taskTitle).text, at: t.location(of: "unit_price"),
                          hint: OfferMessage.priceWithoutQuantityHint.text)
                case (nil, nil):
                    if t.wrote("unit") {
                        error(OfferMessage.unitAlone(taskTitle).text, at: t.location(of: "unit"),
                              hint: OfferMessage.unitAloneHint.text)
                    }
                }
                tasks.append(TrancheTask(title: taskTitle, description: t["description"]?.string,
                                         deliverable: t["deliverable"]?.string, days: days, amount: t["amount"]?.decimal,
                                         item: priced))
            }
            if let id, let kind = item["kind"]?.string.flatMap(TrancheKind.init(word:)), let title = item["title"]?.string {
                if kind == .fixed {
                    for key in ["duration_months", "confirmation_deadline"] where item.wrote(key) {
                        error(OfferMessage.optionalKeyOnFixed(key: key, tranche: id).text, at: item.location(of: key),
                              hint: OfferMessage.optionalKeyOnFixedHint.text)
                    }
                }
                tranches.append(Tranche(id: id, kind: kind, title: title, tasks: tasks,
                                        discount: item["discount"].flatMap(OfferBuilder.discount),
                                        durationMonths: item["duration_months"]?.decimal,
                                        confirmationDeadline: item["confirmation_deadline"]?.date))
            }
        }
        return tranches
    }

    /// A `discount:` mapping, as the shape check accepted it.
    static func discount(_ d: Located) -> Discount? {
        let label = d["label"]?.string
        if let rate = d["rate"]?.decimal { return Discount(kind: .rate(rate), label: label) }
        if let amount = d["amount"]?.decimal { return Discount(kind: .amount(amount), label: label) }
        return nil
    }

    /// A discount is written once (on the offer or on tranches) and never exceeds what it reduces.
    mutating func checkDiscounts(_ offer: Offer) {
        let onTranches = (top["tranches"]?.items ?? []).filter { $0.wrote("discount") }
        if top.wrote("discount"), let first = onTranches.first {
            error(OfferMessage.discountTwice(tranche: first["id"]?.string ?? "").text, at: first.location(of: "discount"),
                  hint: OfferMessage.discountTwiceHint.text)
        }
        let total = offer.tranches.reduce(Decimal(0)) { $0 + $1.totalHT(offer) }
        if case .amount(let amount)? = offer.discount?.kind, amount > total {
            error(OfferMessage.discountOverTotal(amount: Value.plainString(amount), total: Value.plainString(total)).text,
                  at: top.location(of: "discount"), hint: OfferMessage.discountNegativeHint.text)
        }
        for tranche in offer.tranches {
            guard let item = top["tranches"]?.items.first(where: { $0["id"]?.string == tranche.id }) else { continue }
            if case .amount(let amount)? = tranche.discount?.kind, amount > tranche.totalHT(offer) {
                error(OfferMessage.discountOverTrancheTotal(tranche: tranche.id, amount: Value.plainString(amount), total: Value.plainString(tranche.totalHT(offer))).text,
                      at: item.location(of: "discount"), hint: OfferMessage.discountNegativeHint.text)
            }
        }
    }

    mutating func buildProBono(team teamIds: [String], tranches: [Tranche]) -> ProBono? {
        guard let p = top["pro_bono"] else { return nil }
        let trancheIds = tranches.map(\.id)
        var eligible: [String]?
        if let list = p["tranches"] {
            eligible = []
            for t in list.items {
                guard let id = t.string else { continue }
                if trancheIds.contains(id) {
                    eligible?.append(id)
                } else {
                    error(OfferMessage.unknownProBonoTranche(id).text, at: t.location,
                          hint: Suggestions.hint(for: id, among: trancheIds, listing: OfferMessage.tranches.text))
                }
            }
        }
        let allocation: ProBono.Allocation
        if let share = p["share"]?.decimal {
            allocation = .share(share)
        } else if let perMember = p["days"] {
            var days: [(member: String, days: Decimal)] = []
            for (member, d) in perMember.entries {
                guard let given = d.decimal else { continue }
                guard teamIds.contains(member) else {
                    error(OfferMessage.notInTeam(member).text, at: d.keyLocation,
                          hint: Suggestions.closest(to: member, among: teamIds).map { Message.didYouMean($0).text })
                    continue
                }
                let worked = tranches.filter { eligible?.contains($0.id) ?? true }
                    .flatMap(\.tasks).flatMap(\.days).filter { $0.member == member }.reduce(Decimal(0)) { $0 + $1.days }
                if given > worked {
                    error(OfferMessage.moreFreeDaysThanWorked(member, given: Value.plainString(given), worked: Value.plainString(worked), inProBonoTranches: eligible != nil).text,
                          at: d.location, hint: OfferMessage.freeDaysHint.text)
                }
                days.append((member, given))
            }
            allocation = .days(days)
        } else {
            return nil // reported by the shape check
        }
        return ProBono(allocation: allocation, tranches: eligible, note: p["note"]?.string)
    }

    mutating func buildSchedule() -> Schedule? {
        guard let s = top["schedule"], let startValue = s["start"] else { return nil }
        let startIsNotification = startValue.date == nil
        let start = startValue.date ?? s["notification"]?.date
        var end = s["end"]?.date
        var duration: Decimal?
        if let months = s["duration_months"]?.int {
            duration = Decimal(months)
            end = start?.addingMonths(months)
        } else if let start, let end {
            if end < start {
                error(OfferMessage.scheduleEndsBeforeStart(end: end.isoString, start: start.isoString).text, at: s.location(of: "end"))
            } else {
                duration = start.months(until: end)
            }
        }
        let milestones = (s["milestones"]?.items ?? []).compactMap { m in
            m["title"]?.string.flatMap { title in m["date"]?.date.map { Schedule.Milestone(title: title, date: $0) } }
        }
        return Schedule(start: start, startIsNotification: startIsNotification, end: end, durationMonths: duration,
                        milestones: milestones)
    }

    mutating func buildDocuments() -> [DocumentSpec] {
        var documents: [DocumentSpec] = []
        var seen: [String: SourceLocation] = [:]
        for d in top["documents"]?.items ?? [] {
            guard let id = d["id"]?.string, let template = d["template"]?.string, let output = d["output"]?.string else {
                continue
            }
            if let first = seen[id] {
                error(OfferMessage.duplicateDocument(id).text, at: d.location(of: "id"), hint: OfferMessage.alreadyUsed(line: first.line ?? 0).text)
                continue
            }
            seen[id] = d.location(of: "id")
            documents.append(DocumentSpec(id: id, template: resolve(template), output: output,
                                          perTeamMember: d["per"]?.string == "team", location: d.location))
        }
        return documents
    }

    func buildMemoire() -> [String: String] {
        var texts: [String: String] = [:]
        for (key, text) in top["memoire"]?.entries ?? [] { texts[key] = text.string }
        return texts
    }

    mutating func buildSections() -> [MemoireSection] {
        var sections: [MemoireSection] = []
        var seen: [String: SourceLocation] = [:]
        for s in top["memoire"]?["sections"]?.items ?? [] {
            guard let id = s["id"]?.string, let title = s["title"]?.string else { continue }
            if let first = seen[id] {
                error(OfferMessage.duplicateSection(id).text, at: s.location(of: "id"), hint: OfferMessage.alreadyUsed(line: first.line ?? 0).text)
                continue
            }
            seen[id] = s.location(of: "id")
            let (body, library) = sectionText(s)
            sections.append(MemoireSection(id: id, title: title, body: body,
                                           answers: s["answers"]?.items.compactMap(\.string) ?? [],
                                           blocks: s["blocks"]?.items.compactMap(\.string) ?? [], location: s.location,
                                           library: library))
        }
        return sections
    }

    func warnings(for offer: Offer) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let working = Set(offer.tranches.flatMap(\.tasks).flatMap(\.days).filter { $0.days > 0 }.map(\.member))
        for member in offer.team where !working.contains(member.id) {
            let place = top["team"]?.items.first { $0["id"]?.string == member.id }?.location
            found.append(.warning(OfferMessage.noDaysInAnyTranche(member.id).text, at: place,
                                  hint: OfferMessage.noDaysHint.text))
        }
        return found
    }

    // MARK: Library

    /// A person id is a file name: no folders, no hidden files.
    static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix(".") && id.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
    }

    /// The ids of the people in a library folder.
    static func libraryIds(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }
}

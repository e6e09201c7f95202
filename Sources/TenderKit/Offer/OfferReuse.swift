import Foundation

// What offers share: the firm's bidder profile (`offers/bidder.yaml`), and the CVs and references
// each offer selects from, without copying or editing the shared files.

/// The bidder as an offer sees it: a key the offer's `bidder:` writes, else the profile's.
/// Each value keeps the file and line where it is written.
struct BidderView {
    /// The offer's `bidder:` mapping, when written.
    var offer: Located?
    /// The bidder profile's top mapping, when the offer refers to one.
    var profile: Located?

    /// A key the offer writes replaces the profile's, whole: written without a value (`phone:`),
    /// it removes it; written with an invalid value, its error is reported in the offer.
    subscript(key: String) -> Located? {
        offer?.wrote(key) == true ? offer?[key] : profile?[key]
    }

    func wrote(_ key: String) -> Bool { offer?[key] != nil || profile?.wrote(key) == true }
}

extension OfferBuilder {
    /// The default bidder profile: `bidder.yaml` in the folder above the offer's (`offers/bidder.yaml`).
    var defaultBidderProfile: String { OfferBuilder.normalized(folder.isEmpty ? "../bidder.yaml" : folder + "/../bidder.yaml") }

    /// Reads the bidder profile the offer refers to (`bidder.file`, or `../bidder.yaml` when the offer
    /// writes no `bidder:`), and checks that the firm's required keys are given somewhere.
    mutating func loadBidderProfile() -> BidderView {
        let written = top["bidder"]
        var path: String?
        if let file = written?["file"] {
            path = file.string.map(resolve)
            if let p = path, !FileManager.default.fileExists(atPath: p) {
                error(OfferMessage.noBidderProfile(p).text, at: file.location,
                      hint: OfferMessage.noBidderProfileHint.text)
                path = nil
            }
        } else if written == nil {
            guard FileManager.default.fileExists(atPath: defaultBidderProfile) else {
                error(OfferMessage.noBidder.text, at: top.location(of: "bidder"),
                      hint: OfferMessage.noBidderHint.text)
                return BidderView(offer: nil, profile: nil)
            }
            path = defaultBidderProfile
        }
        var profile: Located?
        if let path {
            do {
                let text = try DataLoader.readText(path: path)
                let (document, problems) = try ShapeChecker.check(yaml: text, file: path, shape: .record(OfferKeys.bidderProfile),
                                                                  what: OfferMessage.fileKind(.bidderProfile).text)
                bag.add(contentsOf: problems)
                profile = document.top
                checkIds(document.top["references"]?.items ?? [], what: .reference)
            } catch let failure as TenderError {
                bag.add(contentsOf: failure.diagnostics)
            } catch {
                self.error("\(error)", at: SourceLocation(file: path))
            }
        }
        let view = BidderView(offer: written, profile: profile)
        if written?["file"] == nil, let written {
            // A bidder without a profile stands alone: the firm's required keys are in the offer.
            for key in ["name", "vat"] where !written.wrote(key) {
                error(OfferMessage.bidderMissing(key: key).text, at: written.location,
                      hint: OfferMessage.missingKeyHint(key: key, description: OfferKeys.bidderProfile.field(key)?.description ?? "").text)
            }
        }
        if profile == nil, let written { checkIds(written["references"]?.items ?? [], what: .reference) }
        return view
    }

    /// Ids of experiences or references are unique in their file.
    mutating func checkIds(_ items: [Located], what: OfferMessage.Item) {
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let id = item["id"]?.string else { continue }
            if let first = seen[id] {
                error(OfferMessage.duplicateItemId(what, id).text, at: item.location(of: "id"), hint: OfferMessage.alreadyUsed(line: first.line ?? 0).text)
            } else {
                seen[id] = item.location(of: "id")
            }
        }
    }

    var deadlineDay: DateValue? {
        top["tender"]?["deadline"]?.date.map { DateValue(year: $0.year, month: $0.month, day: $0.day) }
    }

    /// A piece of work as known at the deadline: nil when begun after it; one still running at
    /// it shows as ongoing (no end).
    static func asOf(_ day: DateValue?, _ e: Experience) -> Experience? {
        guard let day else { return e }
        guard e.start <= day else { return nil }
        var kept = e
        if let end = e.end, end > day { kept.end = nil }
        return kept
    }

    /// Resolves a selection written in the offer (a list of ids, or `{ ids | tags, recent }`) among
    /// `all`: ids in their order, tags and recent most recent first; as of the deadline.
    /// `owner` names the file the ids come from, in messages.
    mutating func select(_ written: Located, among all: [Experience], what: OfferMessage.Item, owner: String) -> [Experience] {
        let day = deadlineDay
        let idItems = written.value.asList != nil ? written.items : (written["ids"]?.items ?? [])
        if written.value.asList != nil || written["ids"] != nil {
            let known = all.compactMap(\.id)
            var chosen: [Experience] = []
            for item in idItems {
                guard let id = item.string else { continue }
                guard let found = all.first(where: { $0.id == id }) else {
                    error(OfferMessage.noItem(what, id, owner: owner).text, at: item.location,
                          hint: known.isEmpty ? OfferMessage.giveIdsHint(what, owner: owner).text
                                              : Suggestions.hint(for: id, among: known, listing: OfferMessage.itemIds(what).text))
                    continue
                }
                if chosen.contains(where: { $0.id == id }) {
                    error(OfferMessage.selectedTwice(what, id).text, at: item.location, hint: OfferMessage.listEachIdOnce.text)
                    continue
                }
                guard let kept = OfferBuilder.asOf(day, found) else {
                    error(OfferMessage.beganAfterDeadline(what, id, start: found.start.isoString).text, at: item.location,
                          hint: OfferMessage.beganAfterDeadlineHint(what).text)
                    continue
                }
                chosen.append(kept)
            }
            return chosen
        }
        var pool = Experience.mostRecentFirst(all.compactMap { OfferBuilder.asOf(day, $0) })
        if let tags = written["tags"] {
            let wanted = Set(tags.strings)
            pool = pool.filter { !wanted.isDisjoint(with: $0.tags) }
            if pool.isEmpty {
                let available = Set(all.flatMap(\.tags)).sorted()
                error(OfferMessage.noItemWithTags(what, owner: owner, tags: tags.strings, byDeadline: day != nil).text,
                      at: tags.location,
                      hint: available.isEmpty ? OfferMessage.tagItemsHint(what, owner: owner).text : OfferMessage.tagsInUse(available).text)
            }
        }
        if let recent = written["recent"]?.int { pool = Array(pool.prefix(recent)) }
        return pool
    }

    /// The CV as this offer shows it: the selected experiences and summary (`team[].cv`), the
    /// person's file unchanged.
    mutating func tailorCV(_ member: inout TeamMember, _ cv: Located?) {
        let person = member.person
        member.experiences = Experience.mostRecentFirst(person.experiences.compactMap { OfferBuilder.asOf(deadlineDay, $0) })
        member.summary = person.summary
        guard let cv else { return }
        member.cvPlace = cv.location
        if let written = cv["experiences"] {
            member.experiences = select(written, among: person.experiences, what: .experience, owner: person.file)
        }
        if let name = cv["summary"] {
            if let text = name.string.flatMap({ person.summaries[$0] }) {
                member.summary = text
            } else if let wanted = name.string {
                let known = person.summaries.keys.sorted()
                error(OfferMessage.noSummary(wanted, file: person.file).text, at: name.location,
                      hint: known.isEmpty ? OfferMessage.addSummaryHint(wanted, file: person.file).text
                                          : Suggestions.hint(for: wanted, among: known, listing: OfferMessage.summaries.text))
            }
        }
    }

    /// The references the offer shows: its `references:` selection; else, when the call has a
    /// `references` rule, those it picks (by date and tags), most recent first; else all, as written.
    mutating func selectReferences(_ all: [Experience], view: BidderView) -> [Experience] {
        let owner = view.offer?.wrote("references") == true ? file : (view.profile?.location.file ?? file)
        if let written = top["references"] {
            return select(written, among: all, what: .reference, owner: owner)
        }
        let day = deadlineDay
        guard let rule = top["tender"]?["rules"]?["references"] else {
            return all.compactMap { OfferBuilder.asOf(day, $0) }
        }
        return ReferencePick(rule: rule.value, deadline: day).picked(all)
    }
}

/// What the `references` rule asks for (`{ count, within_months, tags }`): references ended before
/// the deadline, less than `within_months` months before it, with one of the tags.
public struct ReferencePick: Sendable {
    public var count: Int
    public var withinMonths: Int?
    public var tags: [String]
    /// The day the call closes (nil: unknown).
    public var deadline: DateValue?

    public init(rule: Value, deadline: DateValue?) {
        count = rule["count"]?.asInt ?? 1
        withinMonths = rule["within_months"]?.asInt
        tags = rule["tags"]?.asList?.compactMap(\.asString) ?? []
        self.deadline = deadline
    }

    public var cutoff: DateValue? { deadline.flatMap { d in withinMonths.map { d.addingMonths(-$0) } } }

    /// Whether a reference counts: ended by the deadline, after the cutoff, with one of the tags.
    public func counts(_ r: Experience) -> Bool {
        guard let end = r.end else { return false }
        if let deadline, end > deadline { return false }
        if let cutoff, end <= cutoff { return false }
        return tags.isEmpty || !Set(tags).isDisjoint(with: r.tags)
    }

    /// The references that count, most recent first.
    public func picked(_ all: [Experience]) -> [Experience] { Experience.mostRecentFirst(all.filter(counts)) }
}

extension OfferBuilder {
    /// The call's requirements, ids unique.
    mutating func buildRequirements() -> [Requirement] {
        var found: [Requirement] = []
        var seen: [String: SourceLocation] = [:]
        for r in top["requirements"]?.items ?? [] {
            guard let id = r["id"]?.string, let text = r["text"]?.string else { continue }
            if let first = seen[id] {
                error(OfferMessage.duplicateRequirement(id).text, at: r.location(of: "id"), hint: OfferMessage.alreadyUsed(line: first.line ?? 0).text)
                continue
            }
            seen[id] = r.location(of: "id")
            found.append(Requirement(id: id, text: text, source: r["source"]?.string, location: r.location))
        }
        return found
    }
}

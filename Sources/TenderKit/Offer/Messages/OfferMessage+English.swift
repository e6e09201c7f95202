import Foundation

/// Every `OfferMessage` in English (`LANG=en*`).
extension OfferMessage {
    var english: String {
        switch self {
        case .fileKind(let kind):
            switch kind {
            case .offer: return "an offer"
            case .person: return "a person"
            case .libraryBlock: return "a library block's front matter"
            case .bidderProfile: return "a bidder profile"
            }
        case .duplicateKeys(let keys): return "duplicate key " + keys.map { "'\(Quote.cut($0))'" }.joined(separator: ", ")
        case .duplicateKeysHint: return "each key may appear once in a mapping; ids must be unique"
        case .emptyFile(let what): return "the file is empty, \(what) expected"
        case .quoteToMakeText(let s): return "put it in quotes to make it text: \"\(s)\""
        case .decimalsWithDot(let s): return "write decimals with a dot: \(s)"
        case .dateWithoutTime: return "give the date alone, without a time"
        case .notOneOf(let display, let shape, let written): return "\(Self.englishName(display)) must be \(Self.englishExpectation(shape)), not '\(Quote.cut(written))'"
        case .emptyItem(let display, let shape): return "\(Self.englishName(display)) is empty, \(Self.englishExpectation(shape)) expected"
        case .noValue(let display, let shape): return "\(Self.englishName(display)) has no value, \(Self.englishExpectation(shape)) expected"
        case .unknownKey(let key, let d): return "unknown key '\(Quote.cut(key))' in \(Self.englishDescribed(d))"
        case .missingKey(let d, let key): return "\(Self.englishDescribed(d)) is missing '\(key)'"
        case .missingKeyHint(let key, let description):
            return "add the key '\(key)' (\(description.hasSuffix(".") ? String(description.dropLast()) : description))"
        case .needsOneOf(let d, let keys): return "\(Self.englishDescribed(d)) needs \(keys.map { "'\($0)'" }.listed(" or "))"
        case .notBoth(let d, let keys): return "\(Self.englishDescribed(d)) takes \(keys.map { "'\($0)'" }.listed(" or ")), not both"
        case .keepOnlyOne: return "keep only one of them"
        case .keysPlainText: return "mapping keys must be plain text"
        case .tooLarge(let display, let value, let ceiling): return "\(Self.englishName(display)) is too large: \(value) is beyond \(ceiling)"
        case .tooLargeHint: return "check the number; amounts and days are far below this"
        case .notBetween(let display, let min, let max, let got): return "\(Self.englishName(display)) must be between \(min) and \(max), got \(got)"
        case .shareAsFraction: return "write a share as a fraction: 0.20 for 20 %"
        case .negative(let display, let got): return "\(Self.englishName(display)) must not be negative, got \(got)"
        case .atLeast(let display, let min, let got): return "\(Self.englishName(display)) must be at least \(min), got \(got)"
        case .atMost(let display, let max, let got): return "\(Self.englishName(display)) must be at most \(max), got \(got)"
        case .mismatch(let display, let shape, let got): return "\(Self.englishName(display)) must be \(Self.englishExpectation(shape)), got \(Self.englishGot(got))"
        case .expectation(let shape): return Self.englishExpectation(shape)
        case .knownKeys: return "known keys"

        case .siretDigits(let written): return "a SIRET has 14 digits, not '\(written)'"
        case .siretHint: return "SIREN (9 digits) followed by NIC (5 digits)"
        case .duplicateMember(let id): return "duplicate team member '\(id)'"
        case .alreadyInTeam(let line): return "already in the team at line \(line); list each person once"
        case .invalidPersonId(let id): return "'\(id)' is not a valid person id"
        case .personIdHint: return "ids are file names of the team library: letters, digits, '-', '_' and '.'"
        case .noPerson(let id, let library): return "no person '\(id)' in the team library (\(library))"
        case .personFileHint: return " — each person is a file team/<id>.yaml"
        case .peopleInLibrary: return "people in the library"
        case .profiles: return "profiles"
        case .tranches: return "tranches"
        case .unknownProfile(let own, let id): return "unknown profile '\(own)' for '\(id)'"
        case .noDayRate(let id): return "'\(id)' has no day rate"
        case .noDayRateHint(let why, let profiles):
            let reason: String
            switch why {
            case .profileNotInOffer(let profile, let file): reason = "profile '\(profile)' of \(file) is not in the offer's profiles"
            case .noProfile(let file): reason = "\(file) gives no profile"
            }
            return "\(reason); give the member a `rate:` or a `profile:` of the rate card ("
                + (profiles.isEmpty ? "no profiles" : profiles.joined(separator: ", ")) + ")"
        case .duplicateTranche(let id): return "duplicate tranche id '\(id)'"
        case .alreadyUsed(let line): return "already used at line \(line)"
        case .notInTeam(let member): return "'\(member)' is not in the offer's team"
        case .addToTeam: return "add the person under `team:`"
        case .quantityWithoutPrice(let task): return "the quantity of '\(task)' has no unit_price"
        case .quantityWithoutPriceHint: return "give the price of one unit, € HT: unit_price: 42.50"
        case .priceWithoutQuantity(let task): return "the unit_price of '\(task)' has no quantity"
        case .priceWithoutQuantityHint: return "give the number of units: quantity: 15"
        case .unitAlone(let task): return "the unit of '\(task)' has no quantity and unit_price"
        case .unitAloneHint: return "an item is quantity × unit_price; unit only names what is counted"
        case .optionalKeyOnFixed(let key, let tranche): return "`\(key)` is for an optional tranche; '\(tranche)' is fixed"
        case .optionalKeyOnFixedHint: return "a fixed tranche runs over the schedule of the offer; remove the key or make the tranche optional"
        case .discountTwice(let tranche): return "a discount is given both on the offer and on tranche '\(tranche)'"
        case .discountTwiceHint: return "give one offer-wide discount, or one per tranche"
        case .discountOverTotal(let amount, let total): return "the discount (\(amount) €) is more than the offer's total HT (\(total) €)"
        case .discountOverTrancheTotal(let tranche, let amount, let total): return "the discount of '\(tranche)' (\(amount) €) is more than its total HT (\(total) €)"
        case .discountNegativeHint: return "a discount cannot make the price negative"
        case .unknownProBonoTranche(let id): return "unknown tranche '\(id)' in pro_bono.tranches"
        case .moreFreeDaysThanWorked(let member, let given, let worked, let inTranches):
            return "'\(member)' gives \(given) days free but works \(worked) days" + (inTranches ? " in the tranches of the mécénat" : "")
        case .freeDaysHint: return "pro-bono days are taken from the days of the tranches"
        case .scheduleEndsBeforeStart(let end, let start): return "the schedule ends (\(end)) before it starts (\(start))"
        case .duplicateDocument(let id): return "duplicate document id '\(id)'"
        case .duplicateSection(let id): return "duplicate section id '\(id)'"
        case .noDaysInAnyTranche(let id): return "'\(id)' has no days in any tranche"
        case .noDaysHint: return "the CV is still produced; remove the member if this is not intended"
        case .noCostFor(let ids): return "the mécénat cannot be valued at cost: no cost per day for " + ids.map { "'\($0)'" }.joined(separator: ", ")
        case .noCostForHint: return "give these team members a `cost:` (or their profile a `cost:`)"
        case .subCentDays(let name, let task, let tranche, let days, let rate, let exact, let rounded):
            return "a line falls below the cent: \(name) on '\(task)' (\(tranche)), \(days) d × \(rate) € = \(exact) €, printed and counted as \(rounded) €"
        case .subCentItem(let task, let tranche, let quantity, let price, let exact, let rounded):
            return "a line falls below the cent: '\(task)' (\(tranche)), \(quantity) × \(price) € = \(exact) €, printed and counted as \(rounded) €"
        case .lumpFraction(let task, let tranche, let lump, let rounded):
            return "the lump sum of '\(task)' (\(tranche)), \(lump) €, has fractions of a cent: printed and counted as \(rounded) €"
        case .toTheCent: return "write the amount to the cent"
        case .subCentHint(let dayRate, let step, let below, let above):
            return "for this line to be exact, the \(dayRate ? "day rate" : "unit_price") must be a multiple of \(step) € "
                + "(\(below) or \(above)), or change the \(dayRate ? "days" : "quantity")"
        case .noBidderProfile(let p): return "no bidder profile '\(p)'"
        case .noBidderProfileHint: return "the path is relative to the offer file; the firm's profile is usually offers/bidder.yaml (file: ../bidder.yaml)"
        case .noBidder: return "the offer has no bidder"
        case .noBidderHint: return "write `bidder: { file: ../bidder.yaml }` to use the firm's profile, or the firm's keys under `bidder:` (see offers/FORMAT.md)"
        case .bidderMissing(let key): return "'bidder' is missing '\(key)'"
        case .duplicateItemId(let what, let id): return "duplicate \(what) id '\(id)'"
        case .noItem(let what, let id, let owner): return "no \(what) '\(id)' in \(owner)"
        case .giveIdsHint(let what, let owner): return "give the \(what)s of \(owner) an `id:` to select them by"
        case .itemIds(let what): return "\(what) ids"
        case .selectedTwice(let what, let id): return "\(what) '\(id)' is selected twice"
        case .listEachIdOnce: return "list each id once"
        case .beganAfterDeadline(let what, let id, let start): return "\(what) '\(id)' began on \(start), after the deadline of the call"
        case .beganAfterDeadlineHint(let what): return "an offer shows only the work begun by its deadline; select another \(what)"
        case .noItemWithTags(let what, let owner, let tags, let byDeadline):
            return "no \(what) of \(owner) has the tags " + tags.map { "'\($0)'" }.joined(separator: ", ") + (byDeadline ? " by the deadline" : "")
        case .tagItemsHint(let what, let owner): return "tag the \(what)s of \(owner) (tags: [...])"
        case .tagsInUse(let tags): return "tags in use: " + tags.joined(separator: ", ")
        case .noSummary(let wanted, let file): return "no summary '\(wanted)' in \(file)"
        case .addSummaryHint(let wanted, let file): return "add it under `summaries:` in \(file): { \(wanted): \"...\" }"
        case .summaries: return "summaries"
        case .duplicateRequirement(let id): return "duplicate requirement id '\(id)'"
        case .noFrontMatter: return "the library block has no front matter"
        case .frontMatterHint: return "begin the file with a front matter between two `---` lines: title, tags, owner, reviewed: YYYY-MM-DD"
        case .notALibraryBlock(let name): return "'\(name)' is not a library block"
        case .libraryBlockNameHint: return "write `library/<name>`, the file offers/library/<name>.md"
        case .noLibraryBlock(let name, let path): return "no library block '\(name)' (\(path))"
        case .writeBlockHint(let path): return "write the block in \(path), with its front matter (title, tags, owner, reviewed)"
        case .libraryBlocks: return "library blocks"
        }
    }

    /// `'rate'` or `the file` — how a message names the place.
    static func englishName(_ display: String) -> String {
        display.isEmpty ? "the file" : "'\(Quote.cut(display))'"
    }

    /// `the offer`, `'tender'`, `'team[1]' (team member)`.
    static func englishDescribed(_ d: Described) -> String {
        if d.display.isEmpty { return "the \(d.record)" }
        let last = d.display.split(separator: ".").last.map(String.init) ?? d.display
        return last == d.record ? englishName(d.display) : "\(englishName(d.display)) (\(d.record))"
    }

    static func englishExpectation(_ shape: Shape) -> String {
        switch shape {
        case .text: return "text"
        case .integer: return "a whole number"
        case .decimal: return "a number"
        case .date: return "a date (YYYY-MM-DD)"
        case .dateTime: return "a date or date and time (YYYY-MM-DDTHH:MM)"
        case .boolean: return "true or false"
        case .choice(let words): return "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .either(let shapes): return shapes.map(englishExpectation).listed(" or ")
        case .list: return "a list"
        case .record(let r): return "a mapping (\(r.name))"
        case .dictionary: return "a mapping"
        }
    }

    static func englishGot(_ got: Got) -> String {
        switch got {
        case .nothing: return "nothing"
        case .number(let s): return "the number \(Quote.cut(s))"
        case .bool(let s): return s
        case .text(let s): return "the text '\(Quote.cut(s))'"
        case .list: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }
}

import Foundation

/// The messages of offer loading (offer and team files, their shapes and ids): French in
/// `OfferMessage+French.swift`, English in `OfferMessage+English.swift`.
/// A `display` is the dotted path of a value in its file (`tranches[1].tasks`), empty for the file itself.
enum OfferMessage: MessageCatalog {
    // What a file holds
    case fileKind(FileKind)
    // Shapes
    case duplicateKeys([String]), duplicateKeysHint
    case emptyFile(what: String)
    case quoteToMakeText(String), decimalsWithDot(String), dateWithoutTime
    case notOneOf(display: String, Shape, written: String)
    case emptyItem(display: String, Shape)
    case noValue(display: String, Shape)
    case unknownKey(String, in: Described)
    case missingKey(Described, key: String), missingKeyHint(key: String, description: String)
    case needsOneOf(Described, keys: [String]), notBoth(Described, keys: [String]), keepOnlyOne
    case keysPlainText
    case tooLarge(display: String, value: String, ceiling: String), tooLargeHint
    case notBetween(display: String, min: String, max: String, got: String), shareAsFraction
    case negative(display: String, got: String), atLeast(display: String, min: String, got: String)
    case atMost(display: String, max: String, got: String)
    case mismatch(display: String, Shape, got: Got)
    case expectation(Shape)
    case knownKeys
    // The offer's content
    case siretDigits(String), siretHint
    case duplicateMember(String), alreadyInTeam(line: Int)
    case invalidPersonId(String), personIdHint
    case noPerson(String, library: String), personFileHint
    case peopleInLibrary, profiles, tranches
    case unknownProfile(String, member: String)
    case noDayRate(String), noDayRateHint(why: NoRate, profiles: [String])
    case duplicateTranche(String), alreadyUsed(line: Int)
    case notInTeam(String), addToTeam
    case quantityWithoutPrice(String), quantityWithoutPriceHint
    case priceWithoutQuantity(String), priceWithoutQuantityHint
    case unitAlone(String), unitAloneHint
    case optionalKeyOnFixed(key: String, tranche: String), optionalKeyOnFixedHint
    case discountTwice(tranche: String), discountTwiceHint
    case discountOverTotal(amount: String, total: String), discountOverTrancheTotal(tranche: String, amount: String, total: String)
    case discountNegativeHint
    case unknownProBonoTranche(String)
    case moreFreeDaysThanWorked(String, given: String, worked: String, inProBonoTranches: Bool), freeDaysHint
    case scheduleEndsBeforeStart(end: String, start: String)
    case duplicateDocument(String), duplicateSection(String)
    case noDaysInAnyTranche(String), noDaysHint
    // Pricing
    case noCostFor([String]), noCostForHint
    case subCentDays(name: String, task: String, tranche: String, days: String, rate: String, exact: String, rounded: String)
    case subCentItem(task: String, tranche: String, quantity: String, price: String, exact: String, rounded: String)
    case lumpFraction(task: String, tranche: String, lump: String, rounded: String), toTheCent
    case subCentHint(dayRate: Bool, step: String, below: String, above: String)
    // Reuse: bidder profile, CVs, references, the answer library
    case noBidderProfile(String), noBidderProfileHint, noBidder, noBidderHint, bidderMissing(key: String)
    case duplicateItemId(Item, String), noItem(Item, String, owner: String), giveIdsHint(Item, owner: String), itemIds(Item)
    case selectedTwice(Item, String), listEachIdOnce
    case beganAfterDeadline(Item, String, start: String), beganAfterDeadlineHint(Item)
    case noItemWithTags(Item, owner: String, tags: [String], byDeadline: Bool), tagItemsHint(Item, owner: String), tagsInUse([String])
    case noSummary(String, file: String), addSummaryHint(String, file: String), summaries
    case duplicateRequirement(String)
    case noFrontMatter, frontMatterHint, notALibraryBlock(String), libraryBlockNameHint
    case noLibraryBlock(String, path: String), writeBlockHint(path: String), libraryBlocks

    /// A value as a message names it: a scalar's text, or the kind of a list, mapping or alias.
    enum Got: Sendable { case nothing, number(String), bool(String), text(String), list, mapping, alias }
    /// Why a team member has no rate: the profile named is not in the rate card, or none is named.
    enum NoRate: Sendable { case profileNotInOffer(profile: String, file: String), noProfile(file: String) }
    enum FileKind: Sendable { case offer, person, libraryBlock, bidderProfile }
    /// What an offer selects by id or tags: a person's experiences, the bidder's references.
    enum Item: Sendable { case experience, reference }
    /// How a message names a record: the file itself (`display` empty) or a value in it.
    struct Described: Sendable { var display: String; var record: String }
}

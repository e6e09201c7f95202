import Foundation

/// The template engine's messages (tags, expressions, filters, data files): French in
/// `EngineMessage+French.swift`, English in `EngineMessage+English.swift`.
enum EngineMessage: MessageCatalog {
    // Tags in a document
    case tagCut, tagNotClosed, tagCutHint, tagNotClosedHint(close: String)
    case syntaxError(String)
    case outputTagReads, statementTagReads, commentReads
    case prefixOutside(tag: String, PrefixScope)
    case prefixOutsideHint(PrefixScope)
    case blocksTooDeep(Int), blocksTooDeepHint
    case noOpenIf(tag: String, orFor: Bool), noOpenIfHint
    case insideLoopNotIf(tag: String, loop: String), closeLoopFirstHint
    case afterElse(tag: String, block: String), elseLastHint
    case closesNothing(tag: String, isFor: Bool), closesNothingHint(isFor: Bool)
    case blocksCross(tag: String, open: String, at: String), closeInnerFirstHint(isFor: Bool)
    case neverClosed(String), neverClosedHint(isFor: Bool)
    case blockNeverClosed
    /// An edge the engine added closes a block that is not open: its output would be broken.
    case blockClosedUnopened
    case mergedTextCrossesBlock(vm: String, block: String), mergedTextCrossesBlockHint
    case rowHoldsOtherText(String), rowHoldsOtherTextHint
    case impossibleCut(a: String, b: String, at: String, inA: [String], inB: [String]), impossibleCutHint
    case notInCell(String), notInCellHint
    case tableTagUnsupported(tag: String, dialect: String), tableTagUnsupportedHint
    case joinBeforeNothing, joinBeforeHint, joinAfterNothing, joinAfterHint
    // Rendering
    case partTooLarge(mebibytes: Int), partTooLargeHint
    case cannotLoopOver(Value), cannotLoopOverHint
    case tooManyIterations(Int), tooManyIterationsHint
    case cannotUnpack(Value, into: [String]), cannotUnpackHint
    case undefinedRenderedAsNothing(String)
    case didYouMeanOrAdd(String), addItOrDefault(String)
    // Expressions
    case undefinedName(String), didYouMean(String), checkSpellingOrDefault(String)
    case listIndexNotWhole(String), cannotIndex(Value, with: Value)
    case operatorNeedsNumber(op: String, Value)
    case sliceBoundsNotWhole, cannotSlice(Value)
    case unknownFilter(String), availableFilters([String])
    case inFilter(name: String, String)
    case cycleOutsideLoop, cannotCall(String)
    case resultTooLarge(op: String), resultTooLargeHint
    case inNeedsStringLeft(Value), inNeedsContainer(Value)
    case repetitionTooLarge, exponentTooLarge, divisionByZero
    case operatorDoesNotApply(op: String, Value, Value)
    case cannotCompare(Value, Value, op: String)
    // Syntax
    case invalidNumber(String), unterminatedString, unexpectedCharacter(String)
    case emptyExpression, statementKeyword, recursiveLoops, unknownStatement(String)
    case expected(String, found: Token)
    case expectedName(NameKind, found: Token)
    case unexpectedAfterEnd(Token)
    case nestsTooDeep(Int)
    case expectedTestName(found: Token), expectedFilterName(found: Token), expectedAttribute(found: Token)
    case positionalAfterNamed, unexpectedKeyword(String), endsTooEarly, unexpected(Token)
    // Tests and methods
    case testNeedsArgument(String), testNeedsWholeNumber(String), divisiblebyNeedsNumbers
    case unknownTest(String), knownTests
    case methodExpectsText(String, Value), joinExpectsList, indexNotInList, noMethod(Value, String)
    case rangeNeedsWhole, rangeBoundTooLarge(String), rangeArguments, rangeStepZero
    case rangeTooLarge(items: String, max: Int), rangeTooLargeHint
    case unknownFunction(String), knownFunctions
    // Filters
    case dateExpectsText(String), writeDatesISO, dateExpects(Value)
    case expectsNumberText(filter: String, String), numbersWithDot, expectsNumber(filter: String, Value)
    case numberTooLarge(filter: String, power: Int), checkComputationHint
    case decimalsRange(filter: String, Value), decimalsExample(filter: String)
    case dateStyle([String], Value), dateStyleExample
    case lengthNeeds(Value), dictsortNeeds(Value), roundMethod(String)
    case mapNeeds, mapUnknownFilter(String), groupbyNeeds, batchNeeds, formatArguments
    case needsText(filter: String, Value), needsList(filter: String, Value)
    case needsNumberText(filter: String, String), needsNumber(filter: String, Value), needsWholeNumber(String)
    case attributeName, noAttribute(String), selectattrNeeds
    case imageExpects(Value), imageExpectsHint
    case flagExpects(String, Value), flagExample
    case imageLength(String, String), imageLengthHint
    case imageMissing(String), imageMissingHint, imageTooLarge(String, mebibytes: Int, max: Int), imageTooLargeHint
    case imageUnreadable(String), checkPermissions, notAnImage(String), notAnImageHint
    // Text templates (file names)
    case unclosedBraces(in: String), syntaxErrorIn(String, String), errorIn(String, String)
    // Data files
    case dataExtension(String), dataExtensionHint
    case noSuchFile, checkPath, isFolder, cannotRead, notUTF8, saveAsUTF8
    case yamlAliases, yamlAliasesHint, yamlTooDeep(Int), yamlTooDeepHint
    case keysPlainText, duplicateKey(String), duplicateKeyHint
    case yamlNestsTooDeeply, yamlNestsTooDeeplyHint, malformedYAML(String), yamlIndentationHint, yamlDuplicateKeys([String])
    case malformedJSON(String), jsonHint
    case jsonTrailingText, jsonEnd, jsonCharacter(String), jsonTooDeep, jsonKeyQuotes, jsonDuplicateKey(String)
    case jsonColon, jsonEndBrace, jsonEndBracket, jsonDigits, jsonFractionDigits, jsonExponentDigits
    case jsonNumberRange, jsonUnterminated, jsonControl, jsonLoneSurrogate, jsonSurrogatePair
    case jsonEscape(String), jsonHexDigit, jsonExpected(String), jsonCommaOr(String), jsonInvalidU, jsonInvalidUTF8, jsonIncompleteU

    enum PrefixScope: Sendable { case row, cell, paragraph }
    enum NameKind: Sendable { case loopVariable, variable }
}

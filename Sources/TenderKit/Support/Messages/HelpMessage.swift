import Foundation

/// The command line's own help: each command's abstract and discussion, each argument's and
/// option's help and value name, written once per language (`HelpMessage+French.swift`,
/// `HelpMessage+English.swift`). The frame swift-argument-parser prints around them (USAGE:,
/// OPTIONS:, its usage errors) is translated by `ParserText` with the table of the French file.
public enum HelpMessage: MessageCatalog, Hashable {
    public enum Command: String, Sendable, CaseIterable {
        case tender, `init`, build, check, render, lint, price, diff, context, schema, library
    }

    case abstract(Command)
    case discussion(Command)

    // Arguments and options several commands share.
    case offerArgument, writeTo, timeout, templateArgument

    // build
    case buildOutput, buildPDF, buildMerge, buildDraft, buildSince, buildToday
    // check
    case checkAsOf, checkFormat, checkNoRender, checkDocuments, checkOutput
    // context
    case contextPerson, contextToday
    // diff
    case diffOffers, diffRev, diffFormat, diffExitCode
    // init
    case initCalls, initOutput, initFormat
    // library
    case libraryOffers
    // lint
    case lintData, lintToday
    // price
    case priceFormat
    // render
    case renderData, renderOutput, renderLenient, renderTypography, renderRepeat
    // schema
    case schemaKind

    /// The name of a value in the usage line (`<offre>`), in the language of the run.
    case value(Value)
    public enum Value: Sendable { case offer, file, folder, template, data, seconds, person, revision, document, mode, kind }
}

import ArgumentParser
import TenderKit

// Typed options: ArgumentParser parses and refuses a bad value (exit 64, with the accepted
// values), so that no command checks a string in validate().

extension CheckOutput.Format: ExpressibleByArgument {}
extension PricingReport.Format: ExpressibleByArgument {}
extension DiffReport.Format: ExpressibleByArgument {}
extension SchemaGenerator.FileKind: ExpressibleByArgument {}

/// `render --typography`: French typography on values from the data in a French document
/// (the default), or none (the output docxtpl gives for the same template and data).
enum TypographyMode: String, CaseIterable, ExpressibleByArgument {
    case auto, off
}

/// A calendar day (`--today 2021-11-05`): the date templates see.
struct Day: ExpressibleByArgument {
    var date: DateValue
    /// The moment the day starts, in Paris time (a build's check compares the deadline with it).
    var moment: DateValue

    init?(argument: String) {
        guard let date = DateValue(iso: argument), let moment = DateValue(moment: argument) else { return nil }
        self.date = date
        self.moment = moment
    }

    /// Today in Europe/Paris.
    static var today: DateValue { DateValue.today() }
}

/// A moment (`--as-of 2021-11-05T12:00`): a date, a local time in Paris, or a time with its offset.
struct Moment: ExpressibleByArgument {
    var value: DateValue

    init?(argument: String) {
        guard let value = DateValue(moment: argument) else { return nil }
        self.value = value
    }
}

extension ArgumentHelp {
    /// An argument's or option's help from the catalog, in the language of the run, with the
    /// name of its value (`<fichier>`) in that language too.
    static func tender(_ message: HelpMessage, value: HelpMessage.Value? = nil, visibility: ArgumentVisibility = .default) -> ArgumentHelp {
        ArgumentHelp(message.text, valueName: value.map { HelpMessage.value($0).text }, visibility: visibility)
    }

    /// The help of a value given as text in the usage line (`YYYY-MM-DD`).
    static func tender(_ message: HelpMessage, valueName: String) -> ArgumentHelp {
        ArgumentHelp(message.text, valueName: valueName)
    }
}

extension CommandConfiguration {
    /// A command's configuration with its abstract and discussion from the catalog.
    static func tender(_ command: HelpMessage.Command, version: String = "", subcommands: [ParsableCommand.Type] = []) -> CommandConfiguration {
        CommandConfiguration(commandName: command.rawValue, abstract: HelpMessage.abstract(command).text,
                             discussion: HelpMessage.discussion(command).text, version: version, subcommands: subcommands)
    }
}

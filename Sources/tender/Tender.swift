import ArgumentParser
import Foundation
import TenderKit

@main
struct Tender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tender",
        abstract: "Assemble French public tender responses from structured offers and DOCX/ODT templates.",
        version: TenderVersion.current,
        // Each command spells out its commandName: ArgumentParser would otherwise derive it from
        // the type's name (reflection, a tenth of a small command's start-up) at every start.
        subcommands: [Init.self, Build.self, Check.self, Render.self, Lint.self, Price.self, Diff.self, Context.self, Schema.self, Library.self]
    )

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // ArgumentParser answers `help <anything>` with the general help and status 0: an unknown
        // command is a usage error, as it is without `help`.
        if arguments.count > 1, arguments[0] == "help", !arguments[1].hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(arguments[1]) {
                Console.error(Message.unknownCommand(String(arguments[1].prefix(80)), commands: Array(names.dropLast())).text)
                Foundation.exit(ExitStatus.usage.rawValue)
            }
        }
        main(arguments)
    }
}

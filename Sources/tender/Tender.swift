import ArgumentParser
import Foundation
import TenderKit

@main
struct Tender: ParsableCommand {
    // Each command spells out its commandName: ArgumentParser would otherwise derive it from
    // the type's name (reflection, a tenth of a small command's start-up) at every start.
    static var configuration: CommandConfiguration {
        .tender(.tender, version: TenderVersion.current,
                subcommands: [Init.self, Build.self, Check.self, Render.self, Lint.self, Price.self, Diff.self, Context.self, Schema.self, Library.self])
    }

    /// The sentences tender's own `validate()` throws: already in the language of the run.
    static var ownUsageSentences: Set<String> {
        Set([Message.sinceWithDraft, .positiveTimeout, .revOneOffer, .twoOffers].map(\.text))
    }

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
        // As ArgumentParser's own main, but its help and usage errors are printed in the
        // language of the run (ParserText), with the same exit statuses.
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
            // The version (`--version`) has no words to translate: printed as it is, without
            // compiling the table's regular expressions (ICU's set-up, a third of the command).
            let text = status == .success && message == TenderVersion.current
                ? message : ParserText.translate(message, own: ownUsageSentences)
            if !text.isEmpty {
                if status == .success { Console.print(text) } else { Console.error(text) }
            }
            Foundation.exit(status.rawValue)
        }
    }
}

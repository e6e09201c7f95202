import ArgumentParser
import Foundation
import TenderKit

struct Library: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "List the answer library's blocks (offers/library/*.md) with their review dates and the offers that use them.")

    @Argument(help: "The offers folder, which holds library/ and one folder per offer.") var offers: String = "offers"

    func run() throws {
        try guarded {
            let (text, problems) = AnswerLibrary.listing(offersFolder: offers)
            for problem in problems { Console.error(problem.description) }
            try emit(text, to: nil)
            if problems.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.invalidInput.rawValue) }
        }
    }
}

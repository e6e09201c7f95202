import ArgumentParser
import Foundation
import TenderKit

struct Library: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.library) }

    @Argument(help: .tender(.libraryOffers, value: .folder)) var offers: String = "offers"

    func run() throws {
        try guarded {
            let (text, problems) = AnswerLibrary.listing(offersFolder: offers)
            for problem in problems { Console.error(problem.description) }
            try emit(text, to: nil)
            if problems.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.invalidInput.rawValue) }
        }
    }
}

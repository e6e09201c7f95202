import ArgumentParser
import Foundation
import TenderKit

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a template: list its tags and every error, without rendering.")

    @Argument(help: "The template (.docx or .odt).") var template: String
    @Option(help: "Data to check the template's names against.") var data: String?

    func run() throws {
        try guarded {
            throw TenderError.error("lint is not implemented yet", status: .software)
        }
    }
}

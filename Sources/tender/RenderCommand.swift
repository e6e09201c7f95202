import ArgumentParser
import Foundation
import TenderKit

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill a DOCX or ODT template with JSON or YAML data.")

    @Argument(help: "The template (.docx or .odt).") var template: String
    @Argument(help: "The data (.json, .yaml or .yml).") var data: String
    @Option(name: .shortAndLong, help: "The document to write.") var output: String

    func run() throws {
        try guarded {
            _ = try DataLoader.load(path: data)
            throw TenderError.error("rendering is not implemented yet", status: .software)
        }
    }
}

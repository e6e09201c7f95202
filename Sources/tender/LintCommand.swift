import ArgumentParser
import Foundation
import TenderKit

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a template: list its tags and every error, without writing anything.",
        discussion: "Exit status: 0 clean, 65 errors in the template (or names missing from --data), 66 missing input.")

    @Argument(help: "The template (.docx or .odt).") var template: String
    @Option(help: "Data (.json, .yaml) to check the template's names against.") var data: String?

    func run() throws {
        try guarded {
            let document = try DocumentTemplate(path: template)
            for tag in document.tags {
                var place = tag
                let text = place.tag ?? ""
                place.file = nil
                place.tag = nil
                Console.print("\(place.description): \(text)")
            }
            Console.print("\(document.tags.count) tags, no errors")
            if let data {
                let context = try DataLoader.load(path: data)
                let warnings = try document.render(context, options: RenderOptions(strict: false)).warnings
                warnings.forEach { Console.error($0.description) }
                if !warnings.isEmpty {
                    Console.error("\(warnings.count) names the data does not provide")
                    throw ExitCode(ExitStatus.invalidInput.rawValue)
                }
            }
        }
    }
}

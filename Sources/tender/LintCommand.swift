import ArgumentParser
import Foundation
import TenderKit

struct Lint: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.lint) }

    @Argument(help: .tender(.templateArgument, value: .template)) var template: String
    @Option(help: .tender(.lintData, value: .data))
    var data: String?
    @Option(help: .tender(.lintToday, valueName: "YYYY-MM-DD")) var today: Day?

    func run() throws {
        try guarded {
            var errors: [Diagnostic] = []
            var document: DocumentTemplate? = nil
            do {
                document = try DocumentTemplate(path: template)
            } catch let e as TenderError where e.status == .invalidInput {
                errors.append(contentsOf: e.diagnostics)
            }
            for tag in document?.tags ?? [] {
                var place = tag
                let text = place.tag ?? ""
                place.file = nil
                place.tag = nil
                Console.print(place.description + Language.current.colon + text)
            }
            if let data, let document {
                let context = try lintContext(data)
                do {
                    let warnings = try document.render(context, options: RenderOptions(strict: false)).warnings
                    // A name the data lacks is an error for lint: `build` would stop on it.
                    errors.append(contentsOf: warnings.map { warning in
                        var d = warning
                        d.severity = .error
                        if case .undefinedName(let name) = d.code { d.message = Message.undefinedName(name).text }
                        return d
                    })
                } catch let e as TenderError {
                    errors.append(contentsOf: e.diagnostics)
                }
            }
            errors.forEach { Console.error($0.description) }
            let tags = document?.tags.count ?? 0
            if errors.isEmpty {
                Console.print("\(Message.tags(tags).text), \(Message.noErrors.text)")
            } else {
                let counted = Message.errors(errors.count).text
                Console.print(document == nil ? counted : "\(Message.tags(tags).text), \(counted)")
                throw ExitCode(ExitStatus.invalidInput.rawValue)
            }
        }
    }

    /// The data to check against: a data file as it is, or an offer's template context for
    /// this template, exactly as `tender build` fills it (with `person` for per-member documents).
    func lintContext(_ argument: String) throws -> Value {
        // An offer is named by its folder or its file `offer.yaml`; anything else is data as it is.
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder)
        let name = (argument as NSString).lastPathComponent.lowercased()
        guard (exists && isFolder.boolValue) || name == "offer.yaml" || name == "offer.yml" else {
            return try DataLoader.load(path: argument)
        }
        let offer = try loadOffer(argument)
        let date = today?.date ?? Day.today
        let mine = URL(fileURLWithPath: template).standardizedFileURL.path
        let spec = offer.documents.first { URL(fileURLWithPath: $0.template).standardizedFileURL.path == mine }
        let perMember = spec?.perTeamMember ?? true
        return OfferPricing(offer: offer).templateContext(today: date, person: perMember ? offer.team.first?.id : nil)
    }
}

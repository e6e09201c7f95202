import ArgumentParser
import Foundation
import TenderKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of offer, team or bidder files, for editors (yaml-language-server).",
        discussion: """
            Save it and point YAML files at it, e.g. first line of offer.yaml:
              # yaml-language-server: $schema=../schema/offer.schema.json
            """)

    @Argument(help: "offer (offers/<name>/offer.yaml), team (offers/team/<id>.yaml) or bidder (offers/bidder.yaml).") var kind: SchemaGenerator.FileKind = .offer
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        try guarded {
            try emit(SchemaGenerator.json(for: kind), to: output)
        }
    }
}

import ArgumentParser
import Foundation
import TenderKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of offer, team or bidder files, for editors (yaml-language-server).",
        discussion: """
            Save it and point YAML files at it, e.g. first line of offer.yaml:
              # yaml-language-server: $schema=../schema/offer.schema.json
            """)

    @Argument(help: "offer (offers/<name>/offer.yaml), team (offers/team/<id>.yaml) or bidder (offers/bidder.yaml).") var kind: String = "offer"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        guard SchemaGenerator.FileKind(rawValue: kind) != nil else {
            throw ValidationError(Message.schemaKind(SchemaGenerator.FileKind.allCases.map(\.rawValue)).text)
        }
    }

    func run() throws {
        try guarded {
            try emit(SchemaGenerator.json(for: SchemaGenerator.FileKind(rawValue: kind) ?? .offer), to: output)
        }
    }
}

import ArgumentParser
import Foundation
import TenderKit

struct Schema: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.schema) }

    @Argument(help: .tender(.schemaKind, value: .kind)) var kind: SchemaGenerator.FileKind = .offer
    @Option(name: .shortAndLong, help: .tender(.writeTo, value: .file)) var output: String?

    func run() throws {
        try guarded {
            try emit(SchemaGenerator.json(for: kind), to: output)
        }
    }
}

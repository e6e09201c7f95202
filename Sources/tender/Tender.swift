import ArgumentParser
import Foundation
import TenderKit

@main
struct Tender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tender",
        abstract: "Assemble French public tender responses from structured offers and DOCX/ODT templates.",
        version: TenderVersion.current,
        subcommands: [Init.self, Build.self, Check.self, Render.self, Lint.self, Price.self, Diff.self, Context.self, Schema.self]
    )
}

import ArgumentParser
import Foundation
import TenderKit

struct Init: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.`init`) }

    enum Format: String, CaseIterable, ExpressibleByArgument { case yaml, json }

    @Argument(help: .tender(.initCalls, value: .document)) var calls: [String]
    @Option(name: .shortAndLong, help: .tender(.initOutput, value: .folder))
    var output: String?
    @Option(help: .tender(.initFormat))
    var format: Format = .yaml

    func run() throws {
        try guarded {
            let reading = try CallReader.read(calls)
            if format == .json { try emit(OfferDraft.json(reading), to: nil) }
            guard let output else {
                if format == .yaml { try emit(OfferDraft.yaml(reading), to: nil) }
                return
            }
            let file = output.hasSuffix(".yaml") || output.hasSuffix(".yml") ? output : (output as NSString).appendingPathComponent("offer.yaml")
            guard !FileManager.default.fileExists(atPath: file) else {
                throw TenderError.error(Message.offerExists(file).text,
                                        hint: Message.offerExistsHint.text, status: .cannotCreate)
            }
            // The firm's bidder profile and the schema, when the offers folder has them.
            let offers = ((file as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let profile = FileManager.default.fileExists(atPath: (offers as NSString).appendingPathComponent("bidder.yaml"))
                ? "../bidder.yaml" : nil
            let schema = FileManager.default.fileExists(atPath: (offers as NSString).appendingPathComponent("schema/offer.schema.json"))
                ? "../schema/offer.schema.json" : nil
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(to: file, bytes: Array(OfferDraft.yaml(reading, bidderProfile: profile, schema: schema).utf8))
            let todo = reading.findings.filter { if case .found = $0.status { return false }; return true }.count
            Console.error(Message.initWritten(file, read: reading.findings.count - todo, todo: todo).text)
        }
    }
}

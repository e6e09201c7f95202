import ArgumentParser
import Foundation
import TenderKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start an offer from the call itself: read its documents and write offer.yaml's tender block.",
        discussion: """
        Reads the call's documents (text, PDF through pdftotext, DOCX, ODT; several at once, e.g. RC and CCTP) \
        and fills `tender:`: buyer, title, reference, deadline and the rules (budget, duration, pages, cv_pages, \
        references, sections, meetings), each value after a comment quoting its sentence and place. Unsure \
        values are commented out with their readings; what is not found is a TODO that `tender check` reports. \
        Bidder, team and tranches are a skeleton (the bidder refers to bidder.yaml beside the offer's folder, if any).
        Exit status: 0 written, 64 wrong option, 65 a call document that cannot be read, 66 a missing one, \
        69 pdftotext missing for a PDF, 73 the offer already exists (init never replaces one).
        """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case yaml, json }

    @Argument(help: "The call's documents (.txt, .md, .pdf, .docx, .odt).") var calls: [String]
    @Option(name: .shortAndLong, help: "The new offer's folder (offers/<name>) or file; default: print the offer.")
    var output: String?
    @Option(help: "yaml (the offer) or json (what was found, with the quoted sentences, on standard output).")
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

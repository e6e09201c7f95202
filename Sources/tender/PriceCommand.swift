import ArgumentParser
import Foundation
import TenderKit

struct Price: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the price breakdown of an offer: tranches, totals, people, profiles, mécénat.")

    @Argument(help: "The offer file (offers/<name>/offer.yaml) or its folder.") var offer: String
    @Option(help: "text (aligned French tables), json (numbers as strings with two decimals) or csv.")
    var format: String = "text"
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        guard PricingReport.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: "
                                  + PricingReport.Format.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        try guarded {
            var path = offer
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                path = (path as NSString).appendingPathComponent("offer.yaml")
            }
            let loaded = try Offer.load(path: path)
            let pricing = OfferPricing(offer: loaded)
            for warning in loaded.warnings + pricing.warnings { Console.error(warning.description) }
            let text = PricingReport.render(pricing, as: PricingReport.Format(rawValue: format) ?? .text)
            try emit(text, to: output)
        }
    }
}

/// Prints `text`, or writes it to `path` atomically: a temporary file in the same folder,
/// then a rename, so that a failed run never leaves a half-written file.
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            throw TenderError.error("cannot replace the file: \(String(cString: strerror(errno)))",
                                    at: SourceLocation(file: path), status: .cannotCreate)
        }
    } catch let error as TenderError {
        try? FileManager.default.removeItem(at: temporary)
        throw error
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw TenderError.error("cannot write the file: \(error.localizedDescription)", at: SourceLocation(file: path),
                                hint: "check that the folder exists and is writable", status: .cannotCreate)
    }
}

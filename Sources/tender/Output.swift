import ArgumentParser
import Foundation
import TenderKit

/// Printing helpers shared by the commands: diagnostics go to stderr, results to stdout.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Reports a thrown error and returns the exit code for it.
    static func report(_ error: Error) -> ExitCode {
        switch error {
        case let e as TenderError:
            Console.error(e.description)
            return ExitCode(e.status.rawValue)
        case let d as Diagnostic:
            Console.error(d.description)
            return ExitCode(d.status.rawValue)
        default:
            // A Foundation error (a file that cannot be written…): a sentence and its status, never its domain and code.
            let described = TenderError.describing(error)
            Console.error(described.description)
            return ExitCode(described.status.rawValue)
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning tender errors into their message and exit status.
    func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch {
            throw Console.report(error)
        }
    }
}

/// Prints `text`, or writes it to `path` atomically (a failed run never leaves a half-written file).
func emit(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    try AtomicFile.write(to: path, bytes: Array(text.utf8))
}

/// Loads an offer named by its file or its folder (`offers/cuf-dcol` means `offers/cuf-dcol/offer.yaml`).
func loadOffer(_ argument: String) throws -> Offer {
    try Offer.load(path: Offer.path(forArgument: argument))
}

/// The offer's name: its folder's name (`offers/cuf-dcol/offer.yaml` → `cuf-dcol`).
func offerName(_ offer: Offer) -> String {
    let url = URL(fileURLWithPath: offer.file)
    return url.lastPathComponent == "offer.yaml" ? url.deletingLastPathComponent().lastPathComponent
                                                 : url.deletingPathExtension().lastPathComponent
}

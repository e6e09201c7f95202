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
            Console.error("error: \(error)")
            return ExitCode(ExitStatus.software.rawValue)
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

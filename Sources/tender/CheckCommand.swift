import ArgumentParser
import Foundation
import TenderKit

struct Check: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.check) }

    @Argument(help: .tender(.offerArgument, value: .offer)) var offer: String
    @Option(name: .customLong("as-of"),
            help: .tender(.checkAsOf, valueName: "YYYY-MM-DD[THH:MM[+HH:MM]]"))
    var asOf: Moment?
    @Option(help: .tender(.checkFormat))
    var format: CheckOutput.Format = .text
    @Flag(name: .customLong("no-render"), help: .tender(.checkNoRender))
    var noRender = false
    @Option(help: .tender(.checkDocuments, value: .folder))
    var documents: String?
    @Option(name: .shortAndLong, help: .tender(.checkOutput, value: .file)) var output: String?
    @Option(help: .tender(.timeout, value: .seconds)) var timeout: Int = 300

    func validate() throws {
        guard timeout > 0 else { throw ValidationError(Message.positiveTimeout.text) }
    }

    func run() throws {
        try guarded {
            let loaded = try loadOffer(offer)
            let pricing = OfferPricing(offer: loaded)
            let moment = asOf?.value ?? DateValue.now()
            let progress = DelayedProgress()
            defer { progress.finish() }
            let report = try PreSubmissionCheck.run(
                loaded, pricing: pricing,
                options: CheckOptions(asOf: moment, render: !noRender, documentsFolder: documents, timeout: timeout,
                                     verifyFolder: documents != nil),
                progress: progress.report)
            progress.finish()
            try emit(CheckOutput.render(report, as: format), to: output)
            if report.status != .ok { throw ExitCode(report.status.rawValue) }
        }
    }
}

/// Progress lines on stderr, only once the work has taken more than a second.
final class DelayedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var pending: String?
    private var done = false

    func report(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        if Date().timeIntervalSince(started) > 1 {
            Console.error(line)
            return
        }
        pending = line
        DispatchQueue.global().asyncAfter(deadline: .now() + max(0, 1 - Date().timeIntervalSince(started))) { [self] in
            lock.lock()
            defer { lock.unlock() }
            if !done, let line = pending {
                Console.error(line)
                pending = nil
            }
        }
    }

    func finish() {
        lock.lock()
        done = true
        lock.unlock()
    }
}

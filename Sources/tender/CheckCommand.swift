import ArgumentParser
import Foundation
import TenderKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an offer against the rules of its call before submitting it.",
        discussion: """
        Builds the offer's documents in a temporary folder (or takes those of --documents), renders them \
        to PDF in one LibreOffice call, and evaluates the rules of `tender.rules` (budget, duration, pages, \
        cv_pages, references, sections, meetings) and the general checks (deadline, team and CVs, mécénat, \
        leftovers, printed totals).
        Exit status: 0 no error (warnings allowed), 1 a rule failed (a missing LibreOffice fails the page \
        rules), 64 wrong option, 65 invalid offer or template, 66 missing input.
        """)

    @Argument(help: "The offer file (offers/<name>/offer.yaml) or its folder.") var offer: String
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The moment to compare the deadline with: 2021-11-05, 2021-11-05T12:00 or 2021-11-05T12:00+01:00 (Europe/Paris unless an offset is given; default: now).",
                               valueName: "YYYY-MM-DD[THH:MM[+HH:MM]]"))
    var asOf: Moment?
    @Option(help: "text (grouped by severity), json (one object per finding) or junit (one test case per rule).")
    var format: CheckOutput.Format = .text
    @Flag(name: .customLong("no-render"), help: "Do not convert to PDF: the page rules are skipped (and reported as skipped).")
    var noRender = false
    @Option(help: "Check the documents `tender build` wrote in this folder (and their PDFs when up to date) instead of building them, and the folder against its manifest.json: no file more, none changed, all from the current offer, no draft mark or comment.")
    var documents: String?
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.") var output: String?
    @Option(help: "Seconds LibreOffice may take before it is stopped.") var timeout: Int = 300

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

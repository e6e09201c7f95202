import Foundation
import Testing
@testable import TenderKit

/// The text of every document the four sample offers build (paragraphs and table rows, in
/// order, part by part) is committed under Tests/Golden/<offer>/<document>.txt, so that any
/// change to what a buyer reads shows in review.
///
/// Refresh them on purpose, after checking the change is wanted:
///
///     TENDER_UPDATE_GOLDEN=1 swift test --filter GoldenTests
@Suite(.serialized, .inLanguage(.french)) struct GoldenTests {
    static let folder = CLI.packageRoot + "/Tests/Golden"
    static let updating = ProcessInfo.processInfo.environment["TENDER_UPDATE_GOLDEN"] == "1"

    @Test(arguments: SampleOfferBuildTests.cases)
    func documentTextsAreTheCommittedOnes(_ c: SampleOfferBuildTests.Expected) throws {
        let offer = try Offer.load(path: "\(SampleOfferBuildTests.offers)/\(c.name)/offer.yaml")
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.path, today: DateValue(iso: c.today)!))
        let goldenFolder = Self.folder + "/" + c.name
        var expectedNames: Set<String> = []
        for document in result.documents {
            let name = (document.path as NSString).lastPathComponent + ".txt"
            expectedNames.insert(name)
            let text = try Self.text(of: document.path)
            let path = goldenFolder + "/" + name
            if Self.updating {
                try FileManager.default.createDirectory(atPath: goldenFolder, withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            guard let golden = try? String(contentsOfFile: path, encoding: .utf8) else {
                Issue.record("no golden text for \(c.name)/\(name): run TENDER_UPDATE_GOLDEN=1 swift test --filter GoldenTests")
                continue
            }
            if golden != text { Issue.record("\(c.name)/\(name) differs from Tests/Golden:\n\(Self.firstDifference(golden, text))") }
        }
        // A golden file whose document is no longer built.
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: goldenFolder)) ?? [])
        for stale in present.subtracting(expectedNames).sorted() {
            if Self.updating { try FileManager.default.removeItem(atPath: goldenFolder + "/" + stale) }
            else { Issue.record("Tests/Golden/\(c.name)/\(stale): no such document is built any more") }
        }
    }

    /// One line per paragraph; a table row's paragraphs on one line, cells separated by ` | `
    /// and the line starting with `| `; a line `== part` where a new part starts. Breaks and
    /// tabs inside a paragraph are written `\n` and `\t`.
    static func text(of path: String) throws -> String {
        var lines: [String] = []
        var part = ""
        var row: Int?
        for p in try DocumentText.paragraphs(of: path) {
            if p.part != part {
                lines.append("== " + p.part)
                part = p.part
                row = nil
            }
            let text = p.text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            if let r = p.row, r == row {
                lines[lines.count - 1] += " | " + text
            } else {
                lines.append(p.row == nil ? text : "| " + text)
            }
            row = p.row
        }
        return lines.map { $0 + "\n" }.joined()
    }

    static func firstDifference(_ golden: String, _ actual: String) -> String {
        let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "(end)", y = i < b.count ? String(b[i]) : "(end)"
            if x != y { return "line \(i + 1)\n  golden: \(x)\n  now:    \(y)" }
        }
        return "(same lines)"
    }
}

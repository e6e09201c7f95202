import Foundation
import Testing
@testable import TenderKit

/// Every input committed under fuzz/corpus/<target>/ (hand-written seeds and each fuzzer
/// finding, once fixed) goes through the same checks as the fuzzer (FuzzCheck), so that a
/// fixed crash, hang or malformed output stays fixed. See fuzz/README.md.
@Suite(.inLanguage(.french)) struct FuzzRegressionTests {
    static let corpus = CLI.packageRoot + "/fuzz/corpus"

    static func inputs(_ target: String) -> [String] {
        let folder = corpus + "/" + target
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    @Test(arguments: FuzzCheck.targets) func committedCorpusPassesTheFuzzChecks(_ target: String) throws {
        let inputs = Self.inputs(target)
        #expect(!inputs.isEmpty, "fuzz/corpus/\(target) is empty")
        let scratch = NSTemporaryDirectory() + "tender-fuzz-regression-\(UUID().uuidString)"
        for path in inputs {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let started = Date()
            do { try FuzzCheck.run(target, bytes, scratch: scratch) } catch {
                Issue.record("\(path): \(error)")
            }
            // A fuzzer run stops an input after 10 s; none of these takes near that.
            #expect(Date().timeIntervalSince(started) < 5, "\(path) took \(Date().timeIntervalSince(started)) s")
        }
    }
}

import Foundation
import Testing
@testable import TenderKit

/// The committed JSON Schemas and the check rules agree with the offer format they describe.
@Suite(.inLanguage(.french)) struct SchemaTests {
    static func committed(_ kind: SchemaGenerator.FileKind) throws -> String {
        try String(contentsOfFile: CLI.packageRoot + "/offers/schema/\(kind.rawValue).schema.json", encoding: .utf8)
    }

    /// `offers/schema/*.json` is what the code generates: refresh it with
    /// `tender schema offer -o offers/schema/offer.schema.json` (and `team`) after changing a key.
    @Test(arguments: SchemaGenerator.FileKind.allCases)
    func committedSchemaIsTheGeneratedOne(_ kind: SchemaGenerator.FileKind) throws {
        #expect(try Self.committed(kind) == SchemaGenerator.json(for: kind),
                "run: tender schema \(kind.rawValue) -o offers/schema/\(kind.rawValue).schema.json")
    }

    @Test(.needs(.tender), arguments: SchemaGenerator.FileKind.allCases)
    func committedSchemaIsWhatTenderSchemaPrints(_ kind: SchemaGenerator.FileKind) throws {
        let run = try CLI.run(["schema", kind.rawValue])
        #expect(run.status == 0)
        #expect(run.stdout == (try Self.committed(kind)))
    }

    /// Every key of `tender.rules` is read by a check rule, and every key a rule reads is in
    /// the offer format, each by exactly one rule.
    @Test func checkRulesReadExactlyTheFormatsRulesKeys() {
        let read = PreSubmissionCheck.knownKeys
        let format = OfferKeys.rules.fields.map(\.name)
        #expect(Set(read) == Set(format), "only read: \(Set(read).subtracting(format)); never read: \(Set(format).subtracting(read))")
        #expect(read.count == Set(read).count, "a key read by two rules: \(read)")
    }
}

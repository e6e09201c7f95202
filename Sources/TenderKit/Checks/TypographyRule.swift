import Foundation

/// French typography left wrong in the documents' text (`FrenchTypography`): a space missing
/// or ordinary before ; : ! ?, straight quotes and apostrophes. Warnings, with the paragraph.
struct TypographyRule: CheckRule {
    let id = "typography"
    var title: String { CheckMessage.title(id).text }
    let needsDocuments = true
    /// Places reported per document; the rest are counted.
    static let shownPerDocument = 20

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard context.offer.typography else {
            return RuleResult([finding(.info, CheckMessage.typographyOff.text,
                                       location: context.offer.place("typography"))])
        }
        var findings: [Finding] = []
        for doc in context.documents {
            var count = 0
            for p in doc.paragraphs {
                for excerpt in FrenchTypography.problems(in: p.text) {
                    count += 1
                    guard count <= Self.shownPerDocument else { continue }
                    findings.append(finding(.warning, CheckMessage.typographyFault(document: doc.name, part: p.part, paragraph: p.number, excerpt: excerpt).text,
                                            hint: CheckMessage.typographyHint.text,
                                            location: SourceLocation(file: doc.shownPath, part: p.part, paragraph: p.number),
                                            measured: excerpt, document: doc.path, anchor: excerpt))
                }
            }
            if count > Self.shownPerDocument {
                findings.append(finding(.warning, CheckMessage.moreFaults(document: doc.name, count: count - Self.shownPerDocument).text,
                                        hint: CheckMessage.moreFaultsHint.text, document: doc.path))
            }
        }
        if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.typographyRight(documents: context.documents.count).text))
        }
        return RuleResult(findings)
    }
}

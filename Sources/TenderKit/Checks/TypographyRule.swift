import Foundation

/// French typography left wrong in the documents' text (`FrenchTypography`): a space missing
/// or ordinary before ; : ! ?, straight quotes and apostrophes. Warnings, with the paragraph.
struct TypographyRule: CheckRule {
    let id = "typography"
    let title = "Typographie française (espaces insécables, apostrophes, guillemets)"
    let needsDocuments = true
    /// Places reported per document; the rest are counted.
    static let shownPerDocument = 20

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard context.offer.typography else {
            return RuleResult([finding(.info, "typographie française désactivée par l'offre (typography: false)",
                                       location: context.offer.place("typography"))])
        }
        var findings: [Finding] = []
        for doc in context.documents {
            var count = 0
            for p in doc.paragraphs {
                for excerpt in FrenchTypography.problems(in: p.text) {
                    count += 1
                    guard count <= Self.shownPerDocument else { continue }
                    findings.append(finding(.warning, "\(doc.name), \(p.part), paragraphe \(p.number) : typographie à corriger : « \(excerpt) »",
                                            hint: "espace fine insécable avant ; ! ? et dans « », insécable avant :, apostrophe ’, guillemets « » (dans le modèle, ou écrire le texte de l'offre sans balise typo=false)",
                                            location: SourceLocation(file: doc.shownPath, part: p.part, paragraph: p.number),
                                            measured: excerpt, document: doc.path, anchor: excerpt))
                }
            }
            if count > Self.shownPerDocument {
                findings.append(finding(.warning, "\(doc.name) : \(count - Self.shownPerDocument) autres fautes de typographie",
                                        hint: "les corriger dans le modèle ou l'offre", document: doc.path))
            }
        }
        if findings.isEmpty {
            let documents = context.documents.count == 1 ? "le document" : "les \(context.documents.count) documents"
            findings.append(finding(.info, "typographie française respectée dans \(documents)"))
        }
        return RuleResult(findings)
    }
}

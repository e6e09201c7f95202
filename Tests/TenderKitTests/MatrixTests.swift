import Foundation
import Testing
@testable import TenderKit

/// The compliance matrix document (templates/matrice-conformite.*): each requirement of the call,
/// the sections of the mémoire that answer it and the page where each starts in the mémoire's PDF.
@Suite(.serialized, .inLanguage(.french)) struct ComplianceMatrixTests {
    static let cuf = CLI.packageRoot + "/offers/cuf-dcol/offer.yaml"
    static let today = DateValue(iso: "2021-11-05")!

    /// The CUF offer, its documents in `format` (docx or odt).
    static func offer(_ format: String) throws -> Offer {
        var offer = try Offer.load(path: cuf)
        offer.documents = offer.documents.map { spec in
            var spec = spec
            spec.template = spec.template.replacingOccurrences(of: ".docx", with: "." + format)
            spec.output = spec.output.replacingOccurrences(of: ".docx", with: "." + format)
            return spec
        }
        return offer
    }

    /// The rows of the matrix table (the table whose first cell is « Exigence »), each as its cells'
    /// texts (a cell's paragraphs joined by a line break), header left out.
    static func rows(of path: String) throws -> [[String]] {
        let paragraphs = try DocumentText.paragraphs(of: path).filter { $0.inBody && $0.table != nil }
        var tables: [Int: [Int: [Int: [String]]]] = [:]
        for p in paragraphs {
            tables[p.table!, default: [:]][p.row!, default: [:]][p.column ?? 0, default: []].append(p.text)
        }
        for (_, rows) in tables.sorted(by: { $0.key < $1.key }) {
            let ordered = rows.sorted { $0.key < $1.key }.map { row in
                row.value.sorted { $0.key < $1.key }.map { $0.value.joined(separator: "\n") }
            }
            if ordered.first?.first == "Exigence" { return Array(ordered.dropFirst()) }
        }
        Issue.record("no matrix table in \(path)")
        return []
    }

    /// What the matrix must show for `offer`: per requirement, its id, source and text on its first
    /// row, then one row per answering section (`number. title`) with `page(section)`.
    static func expectedRows(_ offer: Offer, page: (MemoireSection) -> String) -> [[String]] {
        var rows: [[String]] = []
        for requirement in offer.requirements {
            let answering = offer.sections.enumerated().filter { $0.element.answers.contains(requirement.id) }
            #expect(!answering.isEmpty, "\(requirement.id)")
            for (k, (index, section)) in answering.enumerated() {
                let head = k == 0 ? [requirement.id + "\n" + (requirement.source ?? ""), FrenchTypography.apply(requirement.text)] : ["\n", ""]
                rows.append(head + ["\(index + 1). " + FrenchTypography.apply(section.title), page(section)])
            }
        }
        return rows
    }

    @Test(arguments: ["docx", "odt"]) func withoutPDFTheMatrixSaysThePagesAreNotComputed(_ format: String) throws {
        let offer = try Self.offer(format)
        #expect(offer.requirements.count == 11)
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.file("out"), today: Self.today))
        let matrix = try #require(result.documents.first { $0.id == "matrice" })
        #expect(matrix.fileName == "05 Matrice de conformité.\(format)")
        let rows = try Self.rows(of: matrix.path)
        #expect(rows == Self.expectedRows(offer) { _ in "non calculée" })
        // E6 is answered by two sections: two rows, the requirement's cells on the first only.
        #expect(rows.filter { $0[2].hasSuffix("Méthodologie de travail proposée") }.count == 3)
        let text = try DocumentText.plainText(of: matrix.path)
        #expect(text.contains("Numéros de page non calculés\u{00A0}: le mémoire technique n’a pas été converti en PDF (tender build --pdf)."))
        #expect(!text.contains("{{") && !text.contains("{%"))
    }

    @Test(.needs(.libreOffice, .poppler), arguments: ["docx", "odt"]) func withPDFEachSectionHasThePageWhereItStartsInTheMemoire(_ format: String) throws {
        let offer = try Self.offer(format)
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.path, pdf: true, merge: true, today: Self.today))
        #expect(result.warnings.allSatisfy { !$0.message.contains("compliance matrix") }, "\(result.warnings)")
        let memoire = try #require(result.documents.first { $0.id == "memoire" })
        let matrix = try #require(result.documents.first { $0.id == "matrice" })
        // The oracle: the mémoire's table of contents, which LibreOffice fills with each heading's
        // page (« 3. Méthodologie de travail proposée......4 »).
        let memoirePDF = try #require(memoire.pdf)
        let contents = try #require(try PDF.pageTexts(memoirePDF).first { $0.contains("Sommaire") })
        let toc = contents.split(separator: "\n").map(String.init)
        func page(_ section: MemoireSection) -> String {
            let number = (offer.sections.firstIndex { $0.id == section.id } ?? 0) + 1
            let title = FoldedText.fold(section.title)
            let line = toc.first { FoldedText.fold($0).hasPrefix("\(number) " + title) }
            return line.flatMap { $0.split(separator: ".").last.map { $0.trimmingCharacters(in: .whitespaces) } } ?? "absent du sommaire"
        }
        let expected = Self.expectedRows(offer, page: page)
        #expect(!expected.contains { $0[3] == "absent du sommaire" })
        if format == "docx" { #expect(Set(expected.map { $0[3] }) == ["3", "4", "6", "7"]) }
        #expect(try Self.rows(of: matrix.path) == expected)
        // Its PDF shows the same: each section's line ends with its page.
        let pdfText = try PDF.pageTexts(try #require(matrix.pdf))
        #expect(matrix.pages == 1)
        let lines = pdfText.joined(separator: "\n").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for row in expected {
            let start = String(row[2].prefix(22))
            #expect(lines.contains { $0.contains(start) && $0.hasSuffix(" " + row[3]) }, "\(row[2]) p. \(row[3])")
        }
        #expect(pdfText.joined().contains("Pages du PDF « 01 Mémoire technique.pdf »"))
        #expect(matrix.fileName == "05 Matrice de conformité.\(format)")
        // The matrix counts in the call's page limit, in the merged PDF too.
        #expect(result.documents.compactMap(\.pages).reduce(0, +) <= 20)
        #expect(try PDF.pageCount(try #require(result.merged)) == result.documents.compactMap(\.pages).reduce(0, +))
    }

    @Test func aSectionIsFoundAsAHeadingNotInTheContentsNorInASentence() {
        func section(_ id: String, _ title: String) -> MemoireSection {
            MemoireSection(id: id, title: title, body: nil, answers: ["R1"], blocks: [], location: SourceLocation())
        }
        let sections = [section("a", "Présentation de votre société / organisme"),
                        section("b", "Présentation de 3 expériences récentes (moins d'un an) sur les prestations attendues"),
                        section("c", "Méthodologie de travail proposée"),
                        section("d", "Absente du document")]
        let pages = [
            "Mémoire technique\nSommaire\n1. Présentation de votre société / organisme..........3\n2. Présentation de 3 expériences récentes (moins d’un an) sur les prestations attendues....4\n3. Méthodologie de travail proposée.....5",
            "   1. Présentation de votre société / organisme\nNotre méthodologie de travail proposée est\nMéthodologie de travail proposée",
            "2.    Présentation de 3 expériences récentes (moins d’un an) sur les\n       prestations attendues\nTexte.",
            "Texte.\n3. Méthodologie de travail proposée\n",
        ]
        let found = SectionPages.starts(of: sections, in: pages)
        // « c » is a whole line on page 2 too, but sections are found in their order, after « b ».
        #expect(found == ["a": 2, "b": 3, "c": 4])
    }

    @Test func aSectionNotFoundInThePDFIsSaidSoNeverGivenAPage() throws {
        let offer = try Offer.load(path: Self.cuf)
        let pages = Dictionary(uniqueKeysWithValues: offer.sections.dropLast().enumerated().map { ($0.element.id, $0.offset + 3) })
        let matrix = ComplianceMatrix(offer: offer, pages: .read(pdf: "01 Mémoire technique.pdf", start: pages))
        let rows = try #require(matrix.value["rows"]?.asList)
        let costs = rows.filter { $0["title"]?.asString == "Structure de coût par profil" }
        #expect(costs.count == 2)
        #expect(costs.allSatisfy { $0["page"]?.isNull == true && $0["page_label"]?.asString == "introuvable" })
        #expect(matrix.note.hasSuffix("« introuvable » : le titre de la section n'a pas été trouvé dans ce PDF."))
        #expect(rows.first?["page_label"]?.asString == "3")
        // A requirement no section answers has a row that says so.
        var uncovered = offer
        uncovered.requirements.append(Requirement(id: "E12", text: "Une exigence oubliée", source: nil, location: SourceLocation()))
        let last = try #require(ComplianceMatrix(offer: uncovered).value["rows"]?.asList?.last)
        #expect(last["id"]?.asString == "E12" && last["first"] == .bool(true))
        #expect(last["title"]?.asString == "aucune section du mémoire n'y répond" && last["page_label"]?.asString == "—")
    }

    @Test func aMatrixWithoutRequirementsIsAWarningOfTheBuild() throws {
        var offer = try Offer.load(path: Self.cuf)
        offer.requirements = []
        let dir = try TemporaryFolder()
        let result = try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                 options: BuildOptions(outputFolder: dir.file("out"), today: Self.today))
        #expect(result.warnings.contains { $0.message == ToolMessage.matrixEmpty("05 Matrice de conformité.docx").text })
        // A matrix whose pages would come from a document the offer does not build is refused.
        var orphan = try Offer.load(path: Self.cuf)
        orphan.documents.removeAll { $0.id == "memoire" }
        let error = try #require(throws: TenderError.self) {
            try SubmissionBuilder.build(orphan, pricing: OfferPricing(offer: orphan),
                                        options: BuildOptions(outputFolder: dir.file("orphan"), today: Self.today))
        }
        #expect(error.diagnostics.contains { $0.message.hasPrefix("la matrice de conformité (05 Matrice de conformité.docx) montre les pages du document qui porte les sections") })
    }
}

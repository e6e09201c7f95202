import Foundation
import Testing
@testable import TenderKit

@Suite(.inLanguage(.french)) struct TypographyTests {
    static let nnbsp = "\u{202F}", nbsp = "\u{00A0}"

    @Test(arguments: [
        ("la Ville; entretiens", "la Ville\u{202F}; entretiens"),
        ("Vraiment ?", "Vraiment\u{202F}?"),
        ("Enfin!", "Enfin\u{202F}!"),
        ("Quoi ?!", "Quoi\u{202F}?!"),
        ("Objet : étude", "Objet\u{00A0}: étude"),
        ("Objet: étude", "Objet\u{00A0}: étude"),
        ("l'offre d'aujourd'hui", "l\u{2019}offre d\u{2019}aujourd\u{2019}hui"),
        ("\"ne rien faire sans eux\"", "«\u{202F}ne rien faire sans eux\u{202F}»"),
        ("dit \" bonjour \" puis", "dit «\u{202F}bonjour\u{202F}» puis"),
        ("« disparaître des radars »", "«\u{202F}disparaître des radars\u{202F}»"),
        ("«radars»", "«\u{202F}radars\u{202F}»"),
        // Left alone: web and e-mail addresses, times, text already right.
        ("voir https://example.org/a?b=1;c=2 ou www.ville.fr:8080", "voir https://example.org/a?b=1;c=2 ou www.ville.fr:8080"),
        ("écrire à contact@maillages.example", "écrire à contact@maillages.example"),
        ("réunion à 10:30, ratio 1:2", "réunion à 10:30, ratio 1:2"),
        ("Testé&xx; puis &#8217; et &#x2019;", "Testé&xx; puis &#8217; et &#x2019;"),
        ("Déjà\u{202F}; juste\u{00A0}: bien\u{202F}!", "Déjà\u{202F}; juste\u{00A0}: bien\u{202F}!"),
        ("", ""),
    ])
    func typesets(_ input: String, _ expected: String) {
        #expect(FrenchTypography.apply(input) == expected)
        #expect(FrenchTypography.problems(in: expected).isEmpty, "\(expected)")
        if input != expected { #expect(!FrenchTypography.problems(in: input).isEmpty, "\(input)") }
    }

    @Test func valuesAreTypesetUnlessTurnedOff() throws {
        let data: Value = ["t": "Objet: l'offre; \"oui\"", "u": "https://a.fr/x?y"]
        let dir = try TemporaryFolder()
        for flavor in Flavor.allCases {
            let template = try RichTextTests.template(flavor, dir, body: [para("{{ t }}"), para("{{ t | typo(false) }}"), para("A {{ u }} B")])
            let out = dir.file("out-" + flavor.fileName)
            try DocumentTemplate(path: template).render(data, to: out)
            let shown = Shown.read(try ZipArchive(path: out).read(flavor.partName), flavor)
            #expect(shown.paragraphs == ["Objet\u{00A0}: l\u{2019}offre\u{202F}; «\u{202F}oui\u{202F}»", "Objet: l'offre; \"oui\"", "A https://a.fr/x?y B"], "\(flavor)")
        }
    }

    @Test func markdownCodeAndTypoFalseAreLeftAlone() {
        let rich = Markdown.parse("Texte : `a:b; c` et *fin* !").mapText { FrenchTypography.apply($0, afterText: $1) }
        guard case .paragraph(let runs) = rich.blocks.first else { Issue.record("no paragraph"); return }
        #expect(runs.map(\.text) == ["Texte\u{00A0}: ", "a:b; c", " et ", "fin", "\u{202F}!"])
    }
}

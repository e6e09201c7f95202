import Foundation
import Testing
@testable import TenderKit

/// One language per run: the same failing (or succeeding) command under `LANG=fr_FR.UTF-8`
/// and under `LANG=en_US.UTF-8` prints wholly French, then wholly English text.
@Suite(.serialized, .needs(.tender)) struct LanguageTests {
    /// Words only English messages use (as whole words, case-insensitive).
    static let englishWords = ["error", "hint", "undefined", "cannot", "must", "the", "is", "did you mean", "not", "found",
                               "expected", "missing", "checked", "passed", "warning", "written", "no such",
                               "unknown", "negative", "got", "in all", "excl", "incl"]
    /// Words and marks only French messages use.
    static let frenchWords = ["erreur", "correction", "emplacement", "règle", "règles", "vérifi", "aucun", "aucune", "n’", "l’",
                              "d’", "« ", " : ", " ; ", "nom non défini", "vouliez-vous", "inconnu", "doit", "écrit", "écrits",
                              "conforme", "avertissement", "dépasse", "manque", "pas de", "au total", "pages au total"]

    /// The words of `list` found in `text` (whole words for letters-only entries).
    static func found(_ list: [String], in text: String) -> [String] {
        list.filter { word in
            guard word.allSatisfy({ $0.isLetter || $0 == " " }) else { return text.contains(word) }
            let pattern = "(?i)(?<![\\p{L}])" + NSRegularExpression.escapedPattern(for: word) + "(?![\\p{L}])"
            return text.range(of: pattern, options: .regularExpression) != nil
        }
    }

    /// Runs `arguments` in French and in English; `strip` removes what comes from the input
    /// (file names, the offer's own French text) before the scan.
    static func bothLanguages(_ arguments: [String], cwd: String? = nil, status: Int32,
                              strip: (String) -> String = { $0 }) throws -> (french: String, english: String) {
        let binary = try #require(CLI.binary)
        var runs: [String] = []
        for language in [Language.french, .english] {
            let run = try CLI.runProgram(binary, arguments, cwd: cwd, environment: CLI.environment(language))
            #expect(run.status == status, "\(language): \(run.stderr)")
            let text = strip(run.stdout + "\n" + run.stderr)
            #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            runs.append(text)
        }
        let french = runs[0], english = runs[1]
        // The template's tags (`{% if not x %}`) are input, not messages.
        let untagged = { (s: String) in s.replacingOccurrences(of: #"\{[{%#].*?[}%#]\}"#, with: "{}", options: .regularExpression) }
        #expect(found(englishWords, in: untagged(french)).isEmpty, "English in the French run: \(found(englishWords, in: untagged(french)))\n\(french)")
        #expect(found(frenchWords, in: untagged(english)).isEmpty, "French in the English run: \(found(frenchWords, in: untagged(english)))\n\(english)")
        return (french, english)
    }

    @Test func render() throws {
        let dir = try TemporaryFolder()
        try #"{"x": 1}"#.write(toFile: dir.file("d.json"), atomically: true, encoding: .utf8)
        let (french, english) = try Self.bothLanguages(["render", CLI.packageRoot + "/templates/bordereau-prix.docx", dir.file("d.json"),
                                                        "-o", dir.file("x.docx")], status: 65,
                                                       strip: { $0.replacingOccurrences(of: CLI.packageRoot + "/templates/", with: "") })
        #expect(french.contains("erreur : bordereau-prix.docx, word/document.xml, paragraphe 4 (tableau 1, ligne 1), balise {{ tender.buyer }} : nom non défini « tender »"))
        #expect(french.contains("correction : vérifier l’orthographe"))
        #expect(english.contains("error: bordereau-prix.docx, word/document.xml, paragraph 4 (table 1, row 1), tag {{ tender.buyer }}: undefined name 'tender'"))
        #expect(english.contains("hint: check the spelling"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.docx")))
    }

    @Test func lint() throws {
        let dir = try TemporaryFolder()
        let path = try LintTests.template(dir, "t.docx", ["{{ tender.deadline | date(\"longue\") }}", "{{ total | eurr }}", "{{ a + }}",
                                                          "{% if %}{% endif %}", "{{ b ] }}", "{% for x in %}{% endfor %}"])
        let (french, english) = try Self.bothLanguages(["lint", path], status: 65,
                                                       strip: { $0.replacingOccurrences(of: path, with: "t.docx") })
        #expect(french.contains("filtre inconnu « eurr »") && french.contains("erreur de syntaxe") && french.contains(" erreurs\n"))
        #expect(english.contains("unknown filter 'eurr'") && english.contains("syntax error") && english.contains(" errors\n"))
    }

    @Test func priceErrors() throws {
        let yaml = OfferFixture.offer(replacing: "kind: conditional", with: "kind: optionel")
            .replacingOccurrences(of: "claire-martin: 1.5", with: "claire-martin: -1.5")
            .replacingOccurrences(of: "rate: 0.20", with: "rate: 20")
        let fixture = try OfferFixture(offer: yaml)
        let (french, english) = try Self.bothLanguages(["price", fixture.offerPath], status: 65,
                                                       strip: { $0.replacingOccurrences(of: fixture.offerPath, with: "offer.yaml") })
        #expect(french.contains("« tranches[1].kind » doit être l’un de « fixed », « optional », « conditional », pas « optionel »"))
        #expect(french.contains("ne doit pas être négatif") && french.contains("doit être entre 0 et 1"))
        #expect(english.contains("'tranches[1].kind' must be one of 'fixed', 'optional', 'conditional', not 'optionel'"))
        #expect(english.contains("must not be negative") && english.contains("must be between 0 and 1"))
    }

    /// The check's report: its frame, the rules' findings and hints, the skip reasons. The
    /// offer's own words (titles, names, amounts) are left out of the scan.
    @Test func check() throws {
        let offer = CLI.packageRoot + "/offers/cuf-dcol/offer.yaml"
        let loaded = try Offer.load(path: offer)
        var data: [String] = [loaded.tender.title, loaded.tender.buyer, loaded.bidder.name]
        data += loaded.sections.map(\.title)
        data += loaded.team.map(\.person.name)
        data += loaded.documents.map(\.output)
        data += loaded.references.map(\.client)
        let (french, english) = try Self.bothLanguages(["check", offer, "--no-render", "--as-of", "2021-11-01"], status: 0, strip: { text in
            var out = text.replacingOccurrences(of: offer, with: "offer.yaml")
            for d in data.sorted(by: { $0.count > $1.count }) where d.count > 3 { out = out.replacingOccurrences(of: d, with: "…") }
            // Quoted names of the offer's files, sections and documents.
            return out.replacingOccurrences(of: #"« [^»]*»"#, with: "« »", options: .regularExpression)
                .replacingOccurrences(of: #""[^"\n]*""#, with: "\"\"", options: .regularExpression)
        })
        #expect(french.contains("Mesures (") && french.contains("Règles non vérifiées") && french.contains("deadline : la date limite"))
        #expect(english.contains("Measures (") && english.contains("Rules not checked") && english.contains("deadline: the deadline"))
        #expect(english.contains("OK: 0 errors") && french.contains("OK : 0 erreur"))
    }

    @Test func build() throws {
        let dir = try TemporaryFolder()
        let offer = CLI.packageRoot + "/offers/cuf-dcol/offer.yaml"
        let binary = try #require(CLI.binary)
        var outputs: [String] = []
        for language in [Language.french, .english] {
            let folder = dir.file("out-\(language)")
            let run = try CLI.runProgram(binary, ["build", offer, "-o", folder, "--today", "2021-11-01"], environment: CLI.environment(language))
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append((run.stdout + run.stderr).replacingOccurrences(of: folder, with: "out").replacingOccurrences(of: offer, with: "offer.yaml"))
        }
        #expect(outputs[0].contains("documents écrits dans out"))
        #expect(outputs[1].contains("documents written in out"))
        #expect(Self.found(Self.englishWords, in: outputs[0]).isEmpty, "\(outputs[0])")
        #expect(Self.found(Self.frenchWords, in: outputs[1]).isEmpty, "\(outputs[1])")
        // A failing build: an invalid offer.
        let broken = try OfferFixture(offer: OfferFixture.offer(replacing: "rate: 0.20", with: "rate: 20"))
        let (french, english) = try Self.bothLanguages(["build", broken.offerPath, "-o", dir.file("broken")], status: 65,
                                                       strip: { $0.replacingOccurrences(of: broken.root, with: "root") })
        #expect(french.contains("« bidder.vat.rate » doit être entre 0 et 1, reçu 20"))
        #expect(english.contains("'bidder.vat.rate' must be between 0 and 1, got 20"))
    }

    /// swift-argument-parser's frame: in the French run, none of its English; in the English
    /// run, none of the French it is translated to.
    static let parserEnglish = ["USAGE", "OVERVIEW", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS", "Show help", "Show the version",
                                "Missing expected", "Usage", "Help:", "See '", "for more information", "default:", "values:",
                                "invalid for", "Unexpected argument", "Unknown option", "subcommand", "Please provide"]
    static let parserFrench = ["DESCRIPTION", "UTILISATION", "OPTIONS :", "SOUS-COMMANDES", "Afficher", "Utilisation", "aide :",
                               "Voir", "par défaut", "valeurs", "il manque", "pas valable", "inattendu", "sous-commande"]

    /// `arguments` in both languages, scanned with the general lists and the frame's.
    static func frame(_ arguments: [String], status: Int32) throws -> (french: String, english: String) {
        let (french, english) = try bothLanguages(arguments, status: status)
        #expect(found(parserEnglish, in: french).isEmpty, "\(arguments): English in the French run: \(found(parserEnglish, in: french))\n\(french)")
        #expect(found(parserFrench, in: english).isEmpty, "\(arguments): French in the English run: \(found(parserFrench, in: english))\n\(english)")
        return (french, english)
    }

    /// The help of the root and of every command, with `--help` and with `help`.
    @Test func help() throws {
        let root = try Self.frame(["--help"], status: 0)
        #expect(root.french.contains("UTILISATION : tender <sous-commande>") && root.french.contains("SOUS-COMMANDES :"))
        #expect(root.french.contains("-h, --help              Afficher l’aide."))
        #expect(root.english.contains("USAGE: tender <subcommand>") && root.english.contains("Show help information."))
        let price = try Self.frame(["help", "price"], status: 0)
        #expect(price.french.contains("UTILISATION : tender price <offre> [--format <format>] [--output <fichier>]"))
        #expect(price.french.contains("(valeurs :") && price.french.contains("par défaut : text)"))
        #expect(price.english.contains("USAGE: tender price <offer> [--format <format>] [--output <file>]"))
        #expect(price.english.contains("(values: text, json, csv; default: text)"))
        for command in HelpMessage.Command.allCases where command != .tender {
            let (french, english) = try Self.frame([command.rawValue, "--help"], status: 0)
            #expect(french.contains("DESCRIPTION : " + HelpMessage.abstract(command).text(in: .french).prefix(30)), "\(french)")
            #expect(english.contains("OVERVIEW: " + HelpMessage.abstract(command).text(in: .english).prefix(30)), "\(english)")
        }
    }

    /// ArgumentParser's usage errors, with their status (64).
    @Test func usageErrors() throws {
        let missing = try Self.frame(["price"], status: 64)
        #expect(missing.french.contains("erreur : il manque l’argument « <offre> »"))
        #expect(missing.french.contains("utilisation : tender price <offre>") && missing.french.contains("Voir « tender price --help » pour en savoir plus."))
        #expect(missing.english.contains("Error: Missing expected argument '<offer>'"))
        let format = try Self.frame(["price", "offer.yaml", "--format", "bogus"], status: 64)
        #expect(format.french.contains("erreur : la valeur « bogus » n’est pas valable pour « --format <format> » ; valeurs possibles : « text », « json » ou « csv »"))
        #expect(format.english.contains("Error: The value 'bogus' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'csv'."))
        let command = try Self.frame(["bogus"], status: 64)
        #expect(command.french.contains("erreur : argument inattendu « bogus »"))
        let option = try Self.frame(["price", "offer.yaml", "--bogus"], status: 64)
        #expect(option.french.contains("erreur : option inconnue « --bogus »"))
        #expect(option.english.contains("Error: Unknown option '--bogus'"))
        // tender's own usage sentences are kept as they are.
        let timeout = try Self.frame(["check", "offer.yaml", "--timeout", "0"], status: 64)
        #expect(timeout.french.contains("erreur : " + Message.positiveTimeout.text(in: .french)))
    }

    /// A library sentence the table does not know is quoted, said to be the library's.
    @Test func unknownParserSentence() {
        let text = ParserText.translate("Error: Value to be set with flag '-x' had already been set with flag '-y'\nUsage: tender x",
                                        to: .french)
        #expect(text == "erreur : texte de swift-argument-parser, en anglais : « Value to be set with flag '-x' had already been set with flag '-y' »\nutilisation : tender x")
        #expect(ParserText.translate("Error: Unknown option '--x'", to: .english) == "Error: Unknown option '--x'")
    }

    /// Runs `arguments` in both languages; each run must hold none of the other's `words`.
    static func tables(_ arguments: [String], cwd: String? = nil, french frenchOnly: [String], english englishOnly: [String]) throws -> (french: String, english: String) {
        let binary = try #require(CLI.binary)
        let french = try CLI.runProgram(binary, arguments, cwd: cwd, environment: CLI.environment(.french))
        let english = try CLI.runProgram(binary, arguments, cwd: cwd, environment: CLI.environment(.english))
        #expect(french.status == 0 && english.status == 0, "\(french.stderr)\(english.stderr)")
        let inFrench = englishOnly.filter { french.stdout.contains($0) }, inEnglish = frenchOnly.filter { english.stdout.contains($0) }
        #expect(inFrench.isEmpty, "English in the French run: \(inFrench)\n\(french.stdout)")
        #expect(inEnglish.isEmpty, "French in the English run: \(inEnglish)\n\(english.stdout)")
        return (french.stdout, english.stdout)
    }

    /// `tender price`'s text tables follow the run's language; its JSON and CSV do not change.
    @Test func priceTables() throws {
        let offer = CLI.packageRoot + "/offers/cuf-dcol"
        let (french, english) = try Self.tables(["price", offer],
            french: ["Tâche", "Intervenant", "Jours", "Taux HT", "Montant HT", "Total HT", "Total TTC", "Récapitulatif", "Tranches fermes",
                     "Par intervenant", "Par profil", "Candidat :", "forfait", "tranche ferme", "Offre "],
            english: ["Task", "Person", "Days", "Rate", "Amount", "excl. VAT", "incl. VAT", "Summary", "Fixed", "Per person", "Per profile",
                      "Bidder", "lump sum", "Offer "])
        #expect(french.contains("Candidat : Maillages — TVA 20\u{00A0}%") && french.contains("Total (fermes et optionnelles)"))
        #expect(english.contains("Bidder: Maillages — VAT 20\u{00A0}%") && english.contains("Total (fixed and optional)"))
        #expect(english.contains("Total excl. VAT") && english.contains("8\u{202F}250,00\u{00A0}€"))
        let binary = try #require(CLI.binary)
        for format in ["json", "csv"] {
            let runs = try [Language.french, .english].map {
                try CLI.runProgram(binary, ["price", offer, "--format", format], environment: CLI.environment($0)).stdout
            }
            #expect(runs[0] == runs[1] && !runs[0].isEmpty, "\(format)")
        }
    }

    /// `tender diff`'s text tables follow the run's language; its JSON does not change.
    @Test func diffTables() throws {
        let f = try DiffFixture()
        try f.write("v2", DiffFixture.v2Edits)
        let (french, english) = try Self.tables(["diff", "v1", "v2"], cwd: f.folder.path,
            french: ["Différences", "avant :", "après :", "Montants", "Équipe", "Jours par", "Avant", "Après", "Écart", "ajout", "retrait", "tranche ferme"],
            english: ["Changes to", "before:", "after:", "Amounts", "Team", "Days per", "Before", "After", "added", "removed", "fixed tranche"])
        #expect(french.contains("Jours par intervenant") && french.contains("taux HT"))
        #expect(english.contains("Days per person") && english.contains("rate excl. VAT") && english.contains("Optional tranche".lowercased()))
        let binary = try #require(CLI.binary)
        let json = try [Language.french, .english].map {
            try CLI.runProgram(binary, ["diff", "v1", "v2", "--format", "json"], cwd: f.folder.path, environment: CLI.environment($0)).stdout
        }
        #expect(json[0] == json[1] && !json[0].isEmpty)
    }

    /// A system error in an error: the catalog's words in each language, never strerror's.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel")))  // /sys refuses new files, even to root
    func systemErrorInBothLanguages() throws {
        let (french, english) = try Self.bothLanguages(["context", CLI.packageRoot + "/offers/cuf-dcol", "-o", "/sys/ctx.json"], status: 73,
                                                       strip: { $0.replacingOccurrences(of: "/sys/ctx.json", with: "ctx.json") })
        #expect(french.contains("impossible d’écrire le fichier (permission refusée)"))
        #expect(english.contains("cannot write the output (permission denied)") && !english.contains("Permission denied"))
    }

    /// The common errno and libzip codes have words in both languages; an unknown one is quoted as the library's.
    @Test func systemAndLibzipCodes() {
        for code in [ENOENT, EACCES, EPERM, ENOSPC, EISDIR, ENOTDIR, EEXIST, EROFS, ENAMETOOLONG, EMFILE] {
            let library = String(cString: strerror(code))
            let message = FileMessage.systemError(code, library)
            #expect(message.text(in: .french) != library && message.text(in: .english) != library, "\(code)")
        }
        #expect(FileMessage.systemError(EACCES, "Permission denied").text(in: .french) == "permission refusée")
        #expect(FileMessage.systemError(9999, "Unknown error 9999").text(in: .french)
                == "erreur système 9999 (texte du système, en anglais : « Unknown error 9999 »)")
        #expect(FileMessage.libzipError(19, system: 0, "Not a zip archive").text(in: .french) == "pas une archive zip")
        #expect(FileMessage.libzipError(5, system: ENOENT, "Read error: No such file or directory").text(in: .english)
                == "read error (no such file or folder)")
        #expect(FileMessage.libzipError(99, system: 0, "Unknown error 99").text(in: .french).contains("texte de libzip, en anglais : « Unknown error 99 »"))
    }

    /// libyaml's problems: the common ones in French, the others quoted as libyaml's words; duplicate keys in both languages.
    @Test func yamlSyntaxErrors() throws {
        let dir = try TemporaryFolder()
        let template = CLI.packageRoot + "/templates/bordereau-prix.docx"
        let strip = { (s: String) in s.replacingOccurrences(of: dir.path + "/", with: "") }
        try "a: b: c\n".write(toFile: dir.file("map.yaml"), atomically: true, encoding: .utf8)
        let map = try Self.bothLanguages(["render", template, dir.file("map.yaml"), "-o", dir.file("o.docx")], status: 65, strip: strip)
        #expect(map.french.contains("map.yaml:1:5 : YAML mal formé : « : » inattendu à cet endroit"))
        #expect(map.english.contains("map.yaml:1:5: malformed YAML: mapping values are not allowed in this context"))
        try "a: 1\na: 2\n".write(toFile: dir.file("dup.yaml"), atomically: true, encoding: .utf8)
        let dup = try Self.bothLanguages(["render", template, dir.file("dup.yaml"), "-o", dir.file("o.docx")], status: 65, strip: strip)
        #expect(dup.french.contains("YAML mal formé : clé en double « a »"))
        #expect(dup.english.contains("malformed YAML: duplicate key 'a'"))
        #expect(EngineMessage.frenchYAML("found character that cannot start any token") == "caractère qui ne peut commencer aucune valeur")
        #expect(EngineMessage.frenchYAML("while parsing something new found a novelty")
                == "texte de libyaml, en anglais : « while parsing something new found a novelty »")
    }

    /// The hint for a missing required key quotes the key's description, in each language:
    /// every required key of the offer, team and bidder files has its French description.
    @Test func missingKeyHintQuotesTheDescription() throws {
        func required(_ shape: Shape) -> [Field] {
            switch shape {
            case .record(let r): return r.fields.filter(\.required) + r.fields.flatMap { required($0.shape) }
            case .list(let s), .dictionary(let s, _): return required(s)
            case .either(let shapes): return shapes.flatMap(required)
            default: return []
            }
        }
        let fields = [OfferKeys.offer, OfferKeys.person, OfferKeys.bidderProfile].flatMap { required(.record($0)) }
        #expect(fields.count > 20)
        for field in fields {
            #expect(OfferMessage.frenchKeyDescriptions[field.description] != nil, "\(field.name): \(field.description)")
        }
        let yaml = OfferFixture.offer.replacingOccurrences(of: "    title: \"Étude et livrables\"\n", with: "")
        #expect(yaml != OfferFixture.offer)
        let fixture = try OfferFixture(offer: yaml)
        let (french, english) = try Self.bothLanguages(["price", fixture.offerPath], status: 65,
                                                       strip: { $0.replacingOccurrences(of: fixture.offerPath, with: "offer.yaml") })
        #expect(french.contains("correction : ajouter la clé « title » (titre de la tranche)"), "\(french)")
        #expect(english.contains("hint: add the key 'title' (Title of the tranche)"), "\(english)")
    }

    /// Every French catalog writes the typographic apostrophe: a straight one between two letters
    /// in a French string is a slip (English keys of a table, `"…":` or `("…",`, and raw
    /// patterns are the other language's, left alone).
    @Test func frenchCatalogsUseTheTypographicApostrophe() throws {
        let sources = CLI.packageRoot + "/Sources"
        let files = (FileManager.default.enumerator(atPath: sources)?.allObjects as? [String] ?? []).filter { $0.hasSuffix("+French.swift") }
        #expect(files.count >= 8)
        var slips: [String] = []
        let apostrophe = try Regex(#"\p{L}'\p{L}"#)
        let literal = try Regex(#"(\(\s*)?"((?:[^"\\]|\\.)*)"(\s*:)?"#)
        for file in files {
            let lines = try String(contentsOfFile: sources + "/" + file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && !line.contains("#\"") {
                for match in line.matches(of: literal) where match.output[1].substring == nil && match.output[3].substring == nil {
                    let text = match.output[2].substring ?? ""
                    if text.contains(apostrophe) { slips.append("\(file):\(n + 1): \(text)") }
                }
            }
        }
        #expect(slips.isEmpty, "\(slips.joined(separator: "\n"))")
    }

    /// The catalog speaks each language with its own typography.
    @Test func frenchTypographyInTheCatalogs() {
        let samples: [any MessageCatalog] = [EngineMessage.undefinedName("x"), EngineMessage.dateStyle(["long"], .string("longue")),
                                             OfferMessage.notInTeam("x"), FileMessage.outputIsFolder, ToolMessage.sofficeMissing,
                                             CheckMessage.deadlineSoonHint, CheckMessage.verdict(ok: true, summary: "s", rules: 2, counts: [(.passed, 2)]),
                                             ReportMessage.bidder(name: "n", vat: "v"), DiffMessage.before("x"), ReportMessage.legalReview,
                                             OfferMessage.missingKeyHint(key: "k", description: "Title of the tranche.")]
        for m in samples {
            let french = m.text(in: .french), english = m.text(in: .english)
            // French: a space before « : » and « ; », the typographic apostrophe, « » quotes.
            #expect(french.range(of: #"[^ ][:;]( |$)"#, options: .regularExpression) == nil && !french.contains("'"), "\(french)")
            #expect(!english.contains(" : ") && !english.contains("« "), "\(english)")
            #expect(french != english)
        }
    }
}

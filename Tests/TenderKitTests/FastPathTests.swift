import Foundation
import Testing
@testable import TenderKit

/// Issue 16: the quicker ways give exactly what the general ways gave.
@Suite struct FastPathTests {
    /// FoldedText's quick folding against Foundation's, as `fold` was written before it.
    @Test func foldingWithoutFoundationMatchesFoundation() {
        func reference(_ text: String) -> String {
            let lowered = text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
                .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
                .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
            var out = ""
            var pendingSpace = false
            for ch in lowered {
                if ch.isLetter || ch.isNumber {
                    if pendingSpace && !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(ch)
                } else {
                    pendingSpace = true
                }
            }
            return out
        }
        var samples = [
            "Coût par profil (en euros)", "MONTANT TOTAL H.T. : 10\u{202F}000,00\u{A0}€", "Œuvre, cœur, Æther, ex æquo",
            "Straße", "Ÿ ÿ ĳ Ĳ ŉ ſ", "l’offre « clé » — réf. n° 12/2021…", "e\u{301}te\u{301}", "Ελληνικά", "ﬁn ＡＢＣ",
            "×÷", "", "   ", "A\u{00AD}B", "İstanbul", "2ᵉ trimestre",
        ]
        samples += (UInt32(0x20)...0x17F).compactMap(Unicode.Scalar.init).map { "x\(Character($0))y \(Character($0))" }
        for text in samples {
            #expect(FoldedText.fold(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Decimals printed from their 64-bit significand, as Foundation's `description` prints them:
    /// parsed, computed, rounded, tiny and huge; nil only beyond 64 bits (or for NaN).
    @Test func shortDescriptionsAsFoundationsDescription() {
        var values: [Decimal] = [0, 1, -1, 10, 100, Decimal(string: "0.000")!, Decimal(string: "-0")!, .nan,
                                 Decimal(UInt64.max), Decimal(UInt64.max) + 1, Decimal(1) / Decimal(3), Decimal(string: "1e30")!,
                                 Decimal(string: "123456789012345678901234567890")!, Decimal(string: "-0.00012")!]
        var state: UInt64 = 42
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = state >> (state % 61)
            let exponent = Int((state >> 7) % 61) - 30
            let d = Decimal(sign: state & 1 == 0 ? .plus : .minus, exponent: exponent, significand: Decimal(mantissa))
            values += [d, d * 10, d / 7, d + Decimal(string: "0.40")!, d.roundedHalfUp(2), d.truncated(1)]
        }
        let parsed = Decimal.parsePlain("1.10".utf8)!
        values += [parsed, parsed * 3, Decimal.parsePlain("-0.0500".utf8)!, Decimal.parsePlain("12e3".utf8)!]
        for d in values {
            if let short = d.shortDescription {
                #expect(short == d.description, "\(d.description)")
            } else {
                #expect(d.isNaN || d.significand > Decimal(UInt64.max), "\(d.description)")
            }
        }
    }

    /// JSON strings without escapes are made at once from their bytes; with escapes, control
    /// characters or invalid UTF-8 they go the general way, with the same results and errors.
    @Test func jsonStringsWithAndWithoutEscapes() throws {
        func parse(_ bytes: [UInt8]) throws -> Value {
            var parser = JSONParser(bytes: bytes, file: "d.json")
            return try parser.parseDocument()
        }
        let text = #"["plain", "é€ — l’offre", "", "a\"b", "tab\there", "\u00e9\ud83d\ude00", "fin\\"]"#
        #expect(try parse(Array(text.utf8)) == .list(["plain", "é€ — l’offre", "", "a\"b", "tab\there", "é😀", "fin\\"]))
        let invalid = try thrown { try parse([0x5B, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x5D]) }
        #expect(invalid.description.contains("d.json:1:2"), "\(invalid)")
        let control = try thrown { try parse(Array("[\"a\u{01}b\"]".utf8)) }
        #expect(control.description.contains("d.json:1:4"), "\(control)")
        let open = try thrown { try parse(Array("[\"abc".utf8)) }
        #expect(open.description.contains("d.json:1:2"), "\(open)")
    }

    /// A table cell's number read by hand, against the regular expression it replaced, on every
    /// arrangement of up to seven pieces of a French number.
    @Test func cellNumbersAsTheRegularExpressionRead() {
        func reference(_ cell: String) -> Decimal? {
            let plain = FoldedText.plainSpaces(cell).trimmingCharacters(in: .whitespaces)
            guard plain.range(of: #"^-?\d{1,3}(?: \d{3})*(?:,\d+)?(?: ?€)?$"#, options: .regularExpression) != nil else { return nil }
            return Decimal(exactly: plain.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: " ", with: "")
                .replacingOccurrences(of: ",", with: "."))
        }
        let pieces = ["1", "23", "456", "7890", " ", "\u{202F}", ",", ",05", "€", " €", "-", "a", "٣"]
        var cells = [""]
        for _ in 1...4 { cells = cells.flatMap { c in pieces.map { c + $0 } } }
        cells += ["10 000,00 €", "-1 234,5 €", " 13 ", "1 234 567,891", "12 34", "1234", "1 2345", "€", "-€", "0,€"]
        for cell in cells {
            #expect(ReadTable.number(cell) == reference(cell), "« \(cell) »")
        }
    }

    /// `matrix` as a whole name in a tag, against the regular expression it replaced.
    @Test func matrixNamesAsTheRegularExpressionFound() {
        let tags = ["matrix", "for r in matrix.rows", "x.matrix", "matrix_2", "amatrix", "matrix.rows", "(matrix)", "é matrix",
                    "matrixé", "matrix1", "_matrix", "m matrix", " matrix ", "matri", "", "matrix matrix.x", "x.matrix matrix"]
        for tag in tags {
            let reference = tag.range(of: #"(?<![\w.])matrix\b"#, options: .regularExpression) != nil
            #expect(SubmissionBuilder.namesMatrix(tag) == reference, "« \(tag) »")
        }
    }

    /// A document type declaration that the byte scan misses (after a comment holding a start
    /// tag) is still refused in a part tender only checks, before its entities are read.
    @Test func dtdAfterACommentIsRefusedInAnUntouchedPart() throws {
        let location = SourceLocation(file: "t.docx", part: "word/styles.xml")
        let hidden = "<?xml version=\"1.0\"?><!-- <a> --><!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><s>&e;</s>"
        #expect(!XMLTree.declaresDoctype(Array(hidden.utf8)))
        let error = try #require(throws: TenderError.self) { try XMLTree.validate(Array(hidden.utf8), location: location) }
        #expect(error.description.contains("DTD"))
        // The same verdicts as building the tree: well-formed, broken, undeclared entity, empty.
        for (text, fine) in [("<a xmlns:w=\"u\"><w:b c=\"1\"/>x &amp; y</a>", true), ("<a><b></a>", false),
                             ("<a>&e;</a>", false), ("", false), ("<a x=\"1\" x=\"2\"/>", false)] {
            let bytes = Array(text.utf8)
            let built = (try? XMLTree(bytes: bytes, location: location)) != nil
            let checked = (try? XMLTree.validate(bytes, location: location)) != nil
            #expect(built == fine && checked == fine, "\(text)")
            if !fine, !bytes.isEmpty {
                let a = try #require(throws: TenderError.self) { try XMLTree(bytes: bytes, location: location) }
                let b = try #require(throws: TenderError.self) { try XMLTree.validate(bytes, location: location) }
                #expect(a.description == b.description)
            }
        }
    }

    @Test func textTableDropsTrailingSpacesOnly() {
        var table = TextTable([("Nom", .left), ("Montant", .right), ("Note", .left)])
        table.add(["Équipe", "10\u{202F}000,00\u{A0}€", ""])
        table.add(["A", "1", "é"])
        let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(lines[2] == "  Équipe   10\u{202F}000,00\u{A0}€")
        #expect(lines[3] == "  A                  1   é")
    }

    /// `Blank`'s sets hold exactly Foundation's, on every scalar; trimming gives Foundation's text.
    @Test func trimmingWithoutFoundationMatchesFoundation() {
        let pairs: [(Blank, CharacterSet)] = [(.whitespaces, .whitespaces), (.newlines, .newlines),
                                              (.whitespacesAndNewlines, .whitespacesAndNewlines)]
        for (blank, set) in pairs {
            var differ: [UInt32] = []
            for v in UInt32(0)...0x10FFFF {
                guard let scalar = Unicode.Scalar(v) else { continue }
                if blank.contains(scalar) != set.contains(scalar) { differ.append(v) }
            }
            #expect(differ.isEmpty, "\(blank): \(differ.map { String($0, radix: 16) })")
        }
        let samples = ["", " ", "\t\n", "abc", "  Prix\u{202F}: 10\u{00A0}€ \n", "\u{200B}x\u{2028}", "\r\n\u{85}a b\u{3000}",
                       " e\u{301} ", "\u{1F600} \t", "\u{00A0}\u{00A0}", "a\u{2029}"]
        for text in samples {
            for (blank, set) in pairs {
                // The call with a `CharacterSet` variable is Foundation's; the literal one is `Blank`'s.
                let reference = text.trimmingCharacters(in: set)
                #expect(text.trimmingCharacters(in: blank) == reference)
                #expect(text.dropFirst(0).trimmingCharacters(in: blank) == reference)
            }
        }
    }

    /// French typography leaves a text without any character it changes as it is, and still
    /// protects addresses in a text that has some.
    @Test func typographyQuickPaths() {
        #expect(FrenchTypography.apply("Le prix est fixe, sans option.") == "Le prix est fixe, sans option.")
        #expect(FrenchTypography.apply("Voir https://exemple.fr/a;b ou écrire à a@b.fr !") == "Voir https://exemple.fr/a;b ou écrire à a@b.fr\u{202F}!")
    }

    /// The byte search the checks use for ASCII words finds what a string search finds.
    @Test func byteSearch() {
        for (text, needle) in [("cout ferme total", "ferme"), ("fer me", "ferme"), ("abc", ""), ("", "a"), ("aab", "ab"),
                               ("http://x", "://"), ("ab", "abc"), ("ferm", "ferme"), ("total optionnel", "optionnel"), ("écrire à a@b.fr", "@")] {
            #expect(text.holdsBytes(needle) == (needle.isEmpty || text.utf8.count >= needle.utf8.count && text.contains(needle)), "\(text) / \(needle)")
        }
    }

    /// The byte search within bounds finds what a search of the same slice of text finds.
    @Test func boundedByteSearch() {
        let text = Array("<a><w:lang w:val=\"x\"/><w:lang w:val=\"y\"/>é<w:lang/>".utf8)
        for needle in ["<w:lang", "w:val=\"", "é", "/>", "<b", ""] {
            for from in [0, 3, 4, 20, text.count] {
                for end in [nil, 10, 24, 30, text.count] {
                    let limit = end ?? text.count
                    var expected: Int? = nil
                    let n = Array(needle.utf8)
                    var i = from
                    while i + n.count <= limit {
                        if Array(text[i..<(i + n.count)]) == n { expected = i; break }
                        i += 1
                    }
                    #expect(ByteSearch.first(needle, in: text, from: from, end: end) == expected, "\(needle) \(from) \(String(describing: end))")
                }
            }
        }
        #expect(ByteSearch.text(in: text, from: 18, upTo: UInt8(ascii: "\"")) == "x")
        #expect(ByteSearch.text(in: text, from: 18, upTo: UInt8(ascii: "\""), end: 18) == "")
    }

    /// The language of a template's default style is read from the bytes of its styles: in
    /// Word's `w:docDefaults`, the `w:val` of its `w:lang`; in an ODT's default paragraph
    /// style, its `fo:language`.
    @Test func defaultLanguageFromTheStylesBytes() throws {
        let dir = try TemporaryFolder()
        let docx = CLI.packageRoot + "/templates/memoire-technique.docx", odt = CLI.packageRoot + "/templates/memoire-technique.odt"
        #expect(try DocumentTemplate(path: docx).language == "fr-FR")
        #expect(try DocumentTemplate(path: odt).language == "fr")
        var made = 0
        func language(of template: String, styles part: String, _ xml: String) throws -> String? {
            made += 1
            let path = dir.file("t\(made).\((template as NSString).pathExtension)")
            try ArchiveWriter.write(to: path, from: try ZipArchive(path: template), replacing: [part: Array(xml.utf8)])
            return try DocumentTemplate(path: path).language
        }
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        #expect(try language(of: docx, styles: "word/styles.xml", """
            <w:styles \(w)><w:style w:styleId="Été"><w:rPr><w:lang w:val="de-DE"/></w:rPr></w:style><w:docDefaults><w:rPrDefault>\
            <w:rPr><w:lang w:eastAsia="zh-CN" w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>
            """) == "en-GB")
        // A `w:val` after the `w:lang` tag is not its language.
        #expect(try language(of: docx, styles: "word/styles.xml", """
            <w:styles \(w)><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:eastAsia="zh-CN"/><w:sz w:val="22"/></w:rPr>\
            </w:rPrDefault></w:docDefaults></w:styles>
            """) == nil)
        #expect(try language(of: docx, styles: "word/styles.xml", "<w:styles \(w)><w:style><w:rPr><w:lang w:val=\"de-DE\"/></w:rPr></w:style></w:styles>") == nil)
        let o = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
        #expect(try language(of: odt, styles: "styles.xml", """
            <office:document-styles \(o)><office:styles><style:default-style style:family="graphic"><style:text-properties fo:language="de"/>\
            </style:default-style><style:default-style style:family="paragraph"><style:text-properties fo:language="nl" fo:country="BE"/>\
            </style:default-style></office:styles></office:document-styles>
            """) == "nl")
        #expect(try language(of: odt, styles: "styles.xml", """
            <office:document-styles \(o)><office:styles><style:style style:name="x"><style:text-properties fo:language="de"/>\
            </style:style></office:styles></office:document-styles>
            """) == nil)
    }

    /// The variables the language and the cache folder are chosen by are read one by one, as
    /// the whole environment has them; the locale's order decides the language.
    @Test func environmentReadOneByOne() {
        let whole = ProcessInfo.processInfo.environment
        let names = ["PATH", "HOME", "LANG", "TENDER_NO_SUCH_VARIABLE"]
        #expect(ProcessEnvironment.values(of: names) == whole.filter { names.contains($0.key) })
        #expect(Language.from(["LANG": "en_US.UTF-8"]) == .english)
        #expect(Language.from(["LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"]) == .french)
        #expect(Language.from(["LC_ALL": "", "LC_MESSAGES": "en_GB", "LANG": "fr_FR"]) == .english)
        #expect(Language.from([:]) == .french)
    }

    /// The amounts `check` reads by hand, against the regular expression they were read with.
    @Test func amountsReadByHandAsTheRegularExpression() throws {
        let regex = try NSRegularExpression(pattern: TotalsRule.amountPattern)
        func reference(_ text: String) -> [String] {
            guard text.contains("€") else { return [] }
            let plain = FoldedText.plainSpaces(text) as NSString
            return regex.matches(in: plain as String, range: NSRange(location: 0, length: plain.length)).map { plain.substring(with: $0.range) }
        }
        var samples = ["Total 10 000,00 €", "8 250,00 € HT", "-1 234,5 €", "1234 567 €", "12 34 €", "1,234 €", "1.5 €", "5-12 €",
                       "1 000 000,1 €€", "10\u{202F}000,00\u{A0}€", "٣12 €", "12٣ €", "1 23 €", "12,€", "12 , 5 €", "€ 12", "-€", ""]
        let alphabet: [Character] = ["1", "2", "0", " ", ",", ".", "-", "€", "a", "\u{A0}", "\u{202F}", "٣", "\n"]
        var state: UInt64 = 7
        for _ in 0..<4000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(Int(state >> 59) + 1) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            samples.append(text)
        }
        for text in samples {
            let found = TotalsRule.amounts(in: text)
            #expect(found.map(\.text) == reference(text).filter { Decimal(exactly: $0.replacingOccurrences(of: "€", with: "")
                .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")) != nil }, "\(text.debugDescription)")
        }
        #expect(TotalsRule.amounts(in: "Total : 7 700,00 € dont 700,5 €").map(\.value) == [7700, Decimal(string: "700.5")!])
    }

    /// Every kind of space made plain, as the scalar-to-Character map did it.
    @Test func plainSpacesAsBefore() {
        func reference(_ text: String) -> String {
            String(text.unicodeScalars.map { !$0.isASCII && CharacterSet.whitespaces.contains($0) ? " " : Character($0) })
        }
        var samples = ["", "abc", "10\u{202F}000,00\u{A0}€", "e\u{301}\u{A0}x", "\u{3000}\u{2009}tab\tend", "ﬁn ＡＢＣ", "\u{A0}", "x\u{205F}"]
        samples += (UInt32(0x80)...0x10FFFF).compactMap(Unicode.Scalar.init).filter { $0.value < 0x3100 || CharacterSet.whitespaces.contains($0) }
            .map { "a\(Character($0))b\(Character($0))" }
        #expect(samples.count > 12_000)
        for text in samples {
            #expect(FoldedText.plainSpaces(text) == reference(text))
            #expect(Array(FoldedText.plainSpaces(text).unicodeScalars) == Array(reference(text).unicodeScalars))
        }
    }

    /// A relationship type's last piece, as splitting by `/` gave it.
    @Test func relationshipTypesLastPieceAsSplit() {
        for type in ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles", "", "/", "a//b/",
                     "http://purl.oclc.org/ooxml/officeDocument/relationships/header/", "é/ü"] {
            #expect(Relationships.lastComponent(type) == String(type.split(separator: "/").last ?? ""), "\(type)")
        }
    }

    /// Work spread over the cores gives what the same work gave in turn: the items' order, the
    /// caller's language in every worker, every error at once in the items' order.
    @Test func parallelWorkAsInTurn() throws {
        let items = Array(0..<300)
        #expect(Parallel.map(items) { $0 * $0 } == items.map { $0 * $0 })
        #expect(Parallel.map([7]) { $0 + 1 } == [8])
        #expect(Parallel.map([Int]()) { $0 }.isEmpty)
        for language in [Language.english, .french] {
            let seen = Language.$override.withValue(language) { Parallel.map(items) { _ in Language.current } }
            #expect(seen.allSatisfy { $0 == language })
        }
        let error = try thrown {
            try Parallel.map(items) { i -> Int in
                if i % 100 == 7 { throw TenderError.error("item \(i)") }
                return i
            }
        }
        #expect(error.diagnostics.map(\.message) == ["item 7", "item 107", "item 207"])

        // Two different works at once: both results, or both errors, the first's first.
        let pair = try Parallel.both({ Language.current }, { items.count })
        #expect(pair.0 == Language.current && pair.1 == 300)
        let both = try thrown {
            try Parallel.both({ () throws -> Int in throw TenderError.error("data") }, { () throws -> Int in throw TenderError.error("template") })
        }
        #expect(both.diagnostics.map(\.message) == ["data", "template"])
        let one = try thrown { try Parallel.both({ 1 }, { () throws -> Int in throw TenderError.error("template") }) }
        #expect(one.diagnostics.map(\.message) == ["template"])
    }

    /// The templates of an offer open on all cores: a build still reports every template's
    /// errors at once, in the documents' order, in the language of the run, also those found
    /// by the check of the untouched parts (on other threads again).
    @Test func templatesOpenedTogetherReportInOrderAndInTheRunsLanguage() throws {
        let fixture = try OfferFixture(offer: OfferFixture.offer(replacing: "template: ../../templates/memoire.docx", with: "template: broken-styles.docx")
            .replacingOccurrences(of: "template: ../../templates/cv.docx", with: "template: broken-tag.docx"))
        try hostileDocx(at: fixture.root + "/x/broken-styles.docx", body: p(r("{{ tender.title }}")),
                        extra: [.init("word/styles.xml", text: "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style>")])
        try hostileDocx(at: fixture.root + "/x/broken-tag.docx", body: p(r("{{ person.name")))
        let offer = try fixture.load()
        for (language, malformed) in [(Language.english, "malformed XML"), (.french, "XML mal formé")] {
            let error = try Language.$override.withValue(language) {
                try thrown {
                    try SubmissionBuilder.build(offer, pricing: OfferPricing(offer: offer),
                                                options: BuildOptions(outputFolder: fixture.root + "/out", today: DateValue(iso: "2021-11-05")!))
                }
            }
            let files = error.diagnostics.compactMap { $0.location?.file.map { ($0 as NSString).lastPathComponent } }
            #expect(files.first == "broken-styles.docx" && files.last == "broken-tag.docx" && files.count == error.diagnostics.count, "\(error)")
            #expect(error.diagnostics.first?.location?.part == "word/styles.xml")
            #expect(error.diagnostics.first?.message.hasPrefix(malformed) == true, "\(error)")
            #expect(!FileManager.default.fileExists(atPath: fixture.root + "/out"))
        }
    }

    /// A document read once for the checks says whether it is a workbook as opening it again did.
    @Test func documentsReadOnceSayWhetherTheyAreWorkbooks() throws {
        let folder = CLI.packageRoot + "/templates"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { ["docx", "odt", "xlsx", "ods"].contains(($0 as NSString).pathExtension) }
        #expect(names.count >= 10)
        for name in names {
            let path = folder + "/" + name
            let read = try DocumentText.read(path)
            #expect(read.workbook == DocumentFormat.isWorkbook(path: path), "\(name)")
            #expect(read.workbook == (name.hasSuffix(".xlsx") || name.hasSuffix(".ods")), "\(name)")
            #expect(read.paragraphs.map(\.text) == (try DocumentText.paragraphs(of: path)).map(\.text))
        }
    }
}

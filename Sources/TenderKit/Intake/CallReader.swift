import Foundation

/// What `tender init` read in a call for one key of the offer (`deadline`, `rules.budget`…).
public struct CallFinding: Sendable {
    public enum Status: Sendable, Equatable {
        /// Read without doubt: written as a value.
        case found
        /// Several readings, or a contradiction: written commented out, with the question.
        case unsure(question: String)
        /// Not in the call (or not recognised): a `# TODO`.
        case missing
    }

    /// One reading of an unsure value: the value, the sentences behind it, and what is wrong with it.
    public struct Reading: Sendable {
        public var value: Value
        public var quotes: [CallQuote]
        public var note: String?
    }

    public var key: String
    public var status: Status
    /// The value when found; for an unsure one, the reading proposed (the first).
    public var value: Value?
    /// The sentences it came from.
    public var quotes: [CallQuote] = []
    /// What the reader should know (an hour taken as the end of the day, a scope assumed…).
    public var notes: [String] = []
    public var readings: [Reading] = []

    static func missing(_ key: String) -> CallFinding { CallFinding(key: key, status: .missing) }
}

/// The values of the offer's `tender:` block read from a call, in the order they are written.
public struct CallReading: Sendable {
    public var findings: [CallFinding]
    /// The files read, as named.
    public var files: [String]

    public subscript(key: String) -> CallFinding? { findings.first { $0.key == key } }

    /// The keys of `tender` (`rules.x` under `rules`), in order.
    public static let keys = ["reference", "buyer", "title", "deadline", "rules.budget", "rules.duration", "rules.pages",
                              "rules.cv_pages", "rules.references", "rules.sections", "rules.meetings"]
}

/// Reads the constraints of a call (deadline, budget, duration, pages, CVs, references, response
/// frame, meetings) with a few deterministic rules over its sentences: no network, no model.
public enum CallReader {
    public static func read(_ paths: [String]) throws -> CallReading {
        read(try CallText.read(paths), files: paths)
    }

    public static func read(_ text: CallText, files: [String]) -> CallReading {
        let sentences = text.sentences
        let findings = [
            reference(sentences), buyer(sentences), title(text, sentences), deadline(sentences), budget(sentences),
            duration(sentences), pages(sentences), cvPages(sentences), references(sentences), sections(text),
            meetings(sentences),
        ]
        return CallReading(findings: findings, files: files)
    }

    typealias G = FrenchGrammar
    static let n = G.numberPattern
    static func rx(_ pattern: String) -> NSRegularExpression { G.regex(pattern) }
    static func has(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }
    static func first(_ regex: NSRegularExpression, _ text: String) -> [String?]? { G.matches(regex, in: text).first?.groups }

    /// Found values of `key`, grouped by value: one value is found, several are unsure.
    static func settle(_ key: String, _ candidates: [(value: Value, quote: CallQuote, notes: [String])], question: String) -> CallFinding {
        var groups: [(value: Value, quotes: [CallQuote], notes: [String])] = []
        for c in candidates {
            if let i = groups.firstIndex(where: { $0.value == c.value }) {
                if !groups[i].quotes.contains(c.quote) { groups[i].quotes.append(c.quote) }
                groups[i].notes += c.notes.filter { !groups[i].notes.contains($0) }
            } else {
                groups.append((c.value, [c.quote], c.notes))
            }
        }
        guard let firstGroup = groups.first else { return .missing(key) }
        if groups.count == 1 {
            return CallFinding(key: key, status: .found, value: firstGroup.value, quotes: firstGroup.quotes, notes: firstGroup.notes)
        }
        return CallFinding(key: key, status: .unsure(question: question), value: firstGroup.value, quotes: [],
                           readings: groups.map { .init(value: $0.value, quotes: $0.quotes, note: $0.notes.first) })
    }

    static func map(_ pairs: [(String, Value?)]) -> Value {
        .map(Mapping(pairs.compactMap { k, v in v.map { (k, $0) } }))
    }

    static func int(_ text: String?) -> Int? { text.flatMap(G.number) }

    // MARK: Reference, buyer, title

    static let subjectToMention = rx(#"mention\w*[^«]{0,40}?objet\s*:?\s*«\s*([^»]{3,120}?)\s*»"#)
    /// `Référence de la consultation : 2024-EVAL-07`, `Réf. : AO-12`, `Marché n° 2023/045` (a number
    /// of a law or a decree, `loi n° 2015-991`, is not the call's).
    static let referenceNumber = rx(#"(?:(?:r[ée]f[ée]rence|r[ée]f\.|n°|num[ée]ro)\s*(?:de\s+la\s+consultation|du\s+march[ée]|de\s+l'avis|du\s+dossier|de\s+consultation)\s*(?:n°\s*)?:?|(?<![\p{L}])(?:r[ée]f[ée]rence|r[ée]f\.)\s*:|(?:march[ée]|consultation|avis|appel\s+d'offres?)\s+n°)\s*([A-Z0-9][A-Za-z0-9_/.\-]*\d[A-Za-z0-9_/.\-]*)"#)

    static func reference(_ sentences: [CallQuote]) -> CallFinding {
        for s in sentences {
            if let g = first(subjectToMention, s.text) ?? first(referenceNumber, s.text), let ref = g[1] {
                let value = ref.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:"))
                return CallFinding(key: "reference", status: .found, value: .string(value), quotes: [s])
            }
        }
        return .missing("reference")
    }

    static let buyerPatterns = [
        rx(#"(?:pouvoir\s+adjudicateur|acheteur(?:\s+public)?|ma[îi]tre\s+d'ouvrage|donneur\s+d'ordres?|entit[ée]\s+adjudicatrice|organisme\s+acheteur|commanditaire)\s*:\s*([^|;]{3,150})"#),
        rx(#"(?:consultation|march[ée]|appel\s+d'offres?)\s+(?:est|a\s+été)\s+(?:réalisée?|lancée?|organisée?|passée?|conduite?|portée?)\s+par\s+(.{3,150}?)(?=\s+qui\s|\s*\(|,|\.|$)"#),
        G.regex(#"(?<![\p{L}])[Pp]r[ée]sentation\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)(?!votre|vos|la\s+consultation|l'offre|l'équipe|la\s+mission|la\s+prestation|l'entreprise|la\s+société|du\s+candidat)(\p{Lu}.{2,120}?(?:\s*\([^)]{1,20}\))?)(?=\s+et\s|\s*$|\s*[:,.])"#, caseless: false),
        rx(#"par\s+courrier\s+(?:postal\s+)?à\s*:?\s*(\p{Lu}[^,|]{3,150})"#),
    ]

    static func buyer(_ sentences: [CallQuote]) -> CallFinding {
        for pattern in buyerPatterns {
            for s in sentences {
                guard let g = first(pattern, s.text), var name = g[1] else { continue }
                name = name.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:"))
                name = name.replacingOccurrences(of: #"^(?:l'|la\s+|le\s+|les\s+)"#, with: "", options: [.regularExpression, .caseInsensitive])
                guard let c = name.first else { continue }
                name = c.uppercased() + name.dropFirst()
                return CallFinding(key: "buyer", status: .found, value: .string(name), quotes: [s])
            }
        }
        return .missing("buyer")
    }

    static let subjectLine = rx(#"^(?:objet(?:\s+de\s+la\s+consultation|\s+du\s+march[ée]|\s+de\s+l'appel\s+d'offres?)?|intitul[ée](?:\s+de\s+la\s+consultation|\s+du\s+march[ée])?)\s*:\s*(.{10,300})$"#)
    static let genericHeading = rx(#"^(?:appel\s+d'offres?|termes\s+de\s+r[ée]f[ée]rence|cahier\s+des|march[ée]\s+(?:de|public)|r[èe]glement\s+de|sommaire|dossier\s+de\s+consultation|consultation\s*$|lettre\s+de\s+consultation|avis\s+d'appel|date\s+limite|(?:acheteur|pouvoir\s+adjudicateur|ma[îi]tre\s+d'ouvrage|r[ée]f[ée]rence|montant|dur[ée]e|lieu|contact|t[ée]l[ée]?phone|t[ée]l\.?|adresse|courriel|e-?mail)\s*:)"#)

    /// The subject line (`Objet : …`), else the longest title-like paragraph near the start of the
    /// first file: not a sentence (no final period), not a list item nor a table of contents.
    static func title(_ text: CallText, _ sentences: [CallQuote]) -> CallFinding {
        for s in sentences {
            if let g = first(subjectLine, s.text), let t = g[1] {
                return CallFinding(key: "title", status: .found, value: .string(t.trimmingCharacters(in: .whitespaces)), quotes: [s])
            }
        }
        guard let file = text.lines.first?.place.file else { return .missing("title") }
        let contents = text.contentsLines
        var blocks: [[CallLine]] = [[]]
        for (index, line) in text.lines.enumerated().prefix(while: { $0.element.place.file == file }).prefix(40) {
            if line.text.isEmpty || line.isListItem || contents.contains(index) {
                blocks.append([])
                continue
            }
            blocks[blocks.count - 1].append(line)
            if line.isParagraph { blocks.append([]) }
        }
        let candidates = blocks.filter { block in
            guard let first = block.first else { return false }
            let joined = block.map(\.text).joined(separator: " ")
            return !first.isListItem && !joined.contains("\t")
                && joined.count >= 25 && joined.count <= 400 && !".:?!;".contains(joined.last ?? ".")
                && !has(genericHeading, joined)
        }
        // Headings first, when the start of the document has some that are not generic.
        let headings = candidates.filter { $0.contains(where: \.isHeading) }
        guard let best = (headings.isEmpty ? candidates : headings).max(by: { $0.map(\.text.count).reduce(0, +) < $1.map(\.text.count).reduce(0, +) }),
              let place = best.first?.place else { return .missing("title") }
        let title = best.map(\.text).joined(separator: " ")
        return CallFinding(key: "title", status: .found, value: .string(title), quotes: [CallQuote(text: title, place: place)],
                           notes: ["le premier titre du document : à relire (casse, sous-titre)"])
    }

    // MARK: Deadline

    static let deadlineCue = rx(#"date\s+limite|(?:remise|d[ée]p[ôo]t|r[ée]ception|envoi)\s+des\s+(?:offres|propositions|candidatures|plis|dossiers|r[ée]ponses)"#)
    static let submissionNoun = rx(#"(?<![\p{L}])(?:offres?|propositions?|candidatures?|plis|dossiers?|r[ée]ponses?|soumissions?)(?![\p{L}])"#)
    static let submissionVerb = rx(#"remise|remettre|d[ée]p[ôo]t|d[ée]pos|r[ée]ception|adress|parvenir|parviendr|transm|envoy|au\s+plus\s+tard|jusqu'au|avant\s+le"#)

    static func moment(_ date: DateValue, minutes: Int) -> Value {
        var d = date
        d.secondsOfDay = minutes * 60
        return .date(d)
    }

    /// Dates in sentences about handing in the offers. One date: found (no hour → the end of the
    /// day, said in a note). Several dates, or a weekday that is not the date's: unsure.
    static func deadline(_ sentences: [CallQuote]) -> CallFinding {
        struct Candidate { var date: G.WrittenDate; var quote: CallQuote }
        var candidates: [Candidate] = []
        for s in sentences where has(deadlineCue, s.text) || (has(submissionNoun, s.text) && has(submissionVerb, s.text)) {
            candidates += G.dates(in: s.text).map { Candidate(date: $0, quote: s) }
        }
        guard !candidates.isEmpty else { return .missing("deadline") }
        let days = candidates.map(\.date.date).reduce(into: [DateValue]()) { if !$0.contains($1) { $0.append($1) } }
        let hours = Set(candidates.compactMap(\.date.minutes))
        let contradictions = candidates.filter { !$0.date.weekdayMatches }
        let noHour = "aucune heure n'est donnée : lue comme la fin de la journée (23:59, heure de Paris)"
        if days.count == 1, contradictions.isEmpty, hours.count <= 1 {
            let minutes = hours.first ?? 23 * 60 + 59
            var notes: [String] = hours.isEmpty ? [noHour] : []
            if candidates.contains(where: { $0.date.minutes == 23 * 60 + 59 && $0.date.text.lowercased().contains("minuit") }) {
                notes.append("« minuit » est lu comme la fin de cette journée (23:59) : l'autre lecture, 0 h, avancerait la limite de 24 heures")
            }
            return CallFinding(key: "deadline", status: .found, value: moment(days[0], minutes: minutes),
                               quotes: candidates.map(\.quote).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }, notes: notes)
        }
        // Readings: each date as written; a weekday that fits another year adds that year's date.
        var readings: [(date: DateValue, quotes: [CallQuote], support: Int, note: String?)] = []
        func add(_ date: DateValue, _ quote: CallQuote, support: Int, note: String?) {
            if let i = readings.firstIndex(where: { $0.date == date }) {
                if !readings[i].quotes.contains(quote) { readings[i].quotes.append(quote) }
                readings[i].support += support
                if readings[i].note == nil { readings[i].note = note }
            } else {
                readings.append((date, [quote], support, note))
            }
        }
        for c in candidates {
            if let weekday = c.date.weekday, !c.date.weekdayMatches {
                let written = c.date.date
                let wrong = "le \(G.words(written).split(separator: " ").dropFirst().joined(separator: " ")) est un \(G.weekdays[written.isoWeekday - 1]), pas un \(G.weekdays[weekday - 1])"
                add(written, c.quote, support: 0, note: wrong)
                for delta in [-1, 1, -2, 2] {
                    let other = DateValue(year: written.year + delta, month: written.month,
                                          day: min(written.day, DateValue.daysInMonth(year: written.year + delta, month: written.month)))
                    if other.isoWeekday == weekday {
                        add(other, c.quote, support: 1, note: "le \(G.words(other)) : le jour de la semaine écrit correspond à cette année-là")
                        break
                    }
                }
            } else {
                add(c.date.date, c.quote, support: 2, note: nil)
            }
        }
        readings.sort { $0.support > $1.support }
        let minutes = hours.count == 1 ? hours.first ?? 0 : 23 * 60 + 59
        let question = days.count == 1 && contradictions.isEmpty
            ? "quelle est l'heure limite ? La consultation en donne plusieurs."
            : "quelle est la date limite ? La consultation en donne plusieurs, ou un jour de la semaine qui ne correspond pas à la date."
        var finding = CallFinding(key: "deadline", status: .unsure(question: question), value: moment(readings[0].date, minutes: minutes))
        if days.count == 1 && contradictions.isEmpty {
            finding.readings = hours.sorted().map { h in
                .init(value: moment(days[0], minutes: h), quotes: candidates.filter { $0.date.minutes == h }.map(\.quote), note: nil)
            }
        } else {
            finding.readings = readings.map { .init(value: moment($0.date, minutes: minutes), quotes: $0.quotes, note: $0.note) }
        }
        if hours.isEmpty { finding.notes = [noHour] }
        return finding
    }

    // MARK: Budget

    static let budgetCue = rx(#"montant|budget|enveloppe|plafond|prix|co[ûu]t|r[ée]mun[ée]ration"#)
    static let limitCue = rx(#"maxim|exc[ée]d|d[ée]pass|plafon|limit|au\s+plus|ne\s+pourra|ne\s+saurait|inf[ée]rieur|n'exc[ée]d"#)
    static let fixedScope = rx(#"tranche\s+ferme|partie\s+ferme|hors\s+(?:tranches?\s+)?(?:optionnelle|conditionnelle)s?"#)
    static let allScope = rx(#"toutes\s+tranches|tranches?\s+(?:optionnelles?|conditionnelles?)\s+comprises?|y\s+compris\s+(?:les\s+)?tranches?|ensemble\s+des\s+tranches"#)

    static func budget(_ sentences: [CallQuote]) -> CallFinding {
        var candidates: [(value: Value, quote: CallQuote, notes: [String])] = []
        for s in sentences where has(budgetCue, s.text) && has(limitCue, s.text) {
            guard let amount = G.amounts(in: s.text).max(by: { $0.value < $1.value }) else { continue }
            var notes: [String] = []
            if amount.basis == nil {
                notes.append("la phrase ne dit ni HT ni TTC : `basis` est laissé de côté, `tender check` lit alors TTC (le plus strict)")
            }
            let scope: String
            if has(fixedScope, s.text) && !has(allScope, s.text) {
                scope = "fixed"
            } else {
                scope = "all"
                if !has(allScope, s.text) { notes.append("la phrase ne parle pas de tranches : le montant vaut pour toute la mission (scope: all)") }
            }
            candidates.append((map([("max", .number(amount.value)), ("basis", amount.basis.map { .string($0.rawValue) }), ("scope", .string(scope))]), s, notes))
        }
        return settle("rules.budget", candidates, question: "quel est le montant maximum ? La consultation en donne plusieurs.")
    }

    // MARK: Duration

    static let durationCue = rx(#"dur[ée]e|d[ée]lai|p[ée]riode|mission|prestation|march[ée]|r[ée]alis|achev|termin|s'[ée]tal|contrat|accord-cadre|ex[ée]cution"#)
    static let monthRange = rx(#"(?<![\p{L}])(?<!tous\sles\s)(?<!toutes\sles\s)(?<!chaque\s)("# + n + #")\s*(?:à|-|–)\s*("# + n + #")\s+mois"#)
    static let monthMax = rx(#"(?:exc[ée]der|d[ée]passer|au\s+plus(?:\s+tard)?|au\s+maximum|maximum|n'exc[ée]dant\s+pas|ne\s+d[ée]passant\s+pas|dans\s+la\s+limite\s+de|plafonn[ée]e?\s+à|pas\s+plus\s+de)\s+(?:de\s+|d'une\s+dur[ée]e\s+de\s+)?("# + n + #")\s+mois|(?<![\p{L}])("# + n + #")\s+mois\s+(?:maximum|au\s+plus|au\s+maximum)"#)
    static let monthExact = rx(#"dur[ée]e\s+(?:[\p{L}'’ ]{0,40}?\s)?(?:est|sera|de)\s+(?:fix[ée]e\s+à\s+)?("# + n + #")\s+mois"#)
    static let endBy = rx(#"(?:achev|termin|fin\s+de\s+la\s+mission|livr|s'ach[èe]ver|r[ée]alis)[^.;]*?(?:au\s+plus\s+tard|avant)\s+le\s"#)

    static func duration(_ sentences: [CallQuote]) -> CallFinding {
        var candidates: [(value: Value, quote: CallQuote, notes: [String])] = []
        var endDates: [CallQuote] = []
        for s in sentences where has(durationCue, s.text) {
            if let g = first(monthRange, s.text), let a = int(g[1]), let b = int(g[2]), a < b {
                candidates.append((map([("min_months", .number(Decimal(a))), ("max_months", .number(Decimal(b)))]), s, []))
            } else if let g = first(monthMax, s.text), let m = int(g[1]) ?? int(g[2]) {
                candidates.append((map([("max_months", .number(Decimal(m)))]), s, []))
            } else if let g = first(monthExact, s.text), let m = int(g[1]) {
                candidates.append((map([("max_months", .number(Decimal(m)))]), s,
                                   ["une durée donnée sans « maximum » : lue comme la durée maximale"]))
            } else if has(endBy, s.text), !G.dates(in: s.text).isEmpty {
                endDates.append(s)
            }
        }
        if candidates.isEmpty, let end = endDates.first {
            var finding = CallFinding(key: "rules.duration", status: .unsure(
                question: "la mission doit finir à une date, pas dans un nombre de mois : combien de mois depuis le démarrage (la notification) ?"))
            finding.readings = [.init(value: .null, quotes: [end], note: "une date de fin, sans durée en mois")]
            return finding
        }
        return settle("rules.duration", candidates, question: "quelle est la durée de la mission ? La consultation en donne plusieurs.")
    }

    // MARK: Pages

    static let pageCount = rx(#"(?<![\p{L}])("# + n + #")\s+pages?(?![\p{L}])"#)
    static let responseCue = rx(#"m[ée]moire|offre|r[ée]ponse|proposition|note|candidat|soumission|dossier"#)
    static let perCV = rx(#"par\s+CV|/\s*CV|CV\s+de|chaque\s+CV|par\s+curriculum"#)
    static let annexesIn = rx(#"annexes?\s+(?:incluses?|comprises?)|(?:inclu\w*|compris|y\s+compris|comprenant)\s+(?:la\s+totalit[ée]\s+des\s+|toutes\s+les\s+|les\s+|l'ensemble\s+des\s+)?annexes"#)
    static let annexesOut = rx(#"hors\s+annexes|annexes?\s+non\s+(?:incluses?|comprises?)|sans\s+(?:les\s+)?annexes|(?:non\s+compris|n'incluant\s+pas)\s+(?:les\s+)?annexes"#)
    static let cvIn = rx(#"CV\s+(?:inclus|compris)|y\s+compris\s+(?:les\s+)?CV"#)

    static func pages(_ sentences: [CallQuote]) -> CallFinding {
        var candidates: [(value: Value, quote: CallQuote, notes: [String])] = []
        for s in sentences where has(limitCue, s.text) && has(responseCue, s.text) && !has(perCV, s.text) {
            guard let g = first(pageCount, s.text), let max = int(g[1]) else { continue }
            var documents = ["memoire"]
            var notes: [String] = []
            if has(annexesIn, s.text) && !has(annexesOut, s.text) {
                documents = ["memoire", "cv", "annexes"]
                notes.append("les annexes comptent : les CV et le bordereau de prix aussi (documents cv et annexes de l'offre)")
            } else if has(cvIn, s.text) {
                documents = ["memoire", "cv"]
            } else if !has(annexesOut, s.text) {
                notes.append("la phrase ne dit pas si les annexes comptent : seul le mémoire est compté (à vérifier)")
            }
            candidates.append((.list([map([("documents", .list(documents.map { .string($0) })), ("max", .number(Decimal(max)))])]), s, notes))
        }
        return settle("rules.pages", candidates, question: "quelle est la limite de pages ? La consultation en donne plusieurs.")
    }

    static let cvPagePatterns = [
        rx(#"(?<![\p{L}])("# + n + #")\s*pages?\s*(?:maximum|max\.?|au\s+plus)?\s*(?:par|/|pour\s+chaque|chacun)\s*(?:CV|curriculum)"#),
        rx(#"(?:CV|curriculum)[^.;|]{0,60}?(?:de|en|sur)\s+("# + n + #")\s+pages?\s+(?:maximum|max|au\s+plus)"#),
        rx(#"(?:CV|curriculum)[^.;|]{0,60}?(?:maximum|au\s+plus|n'exc[ée]dant\s+pas|ne\s+d[ée]passant\s+pas|limit[ée]s?\s+à)\s+(?:de\s+)?("# + n + #")\s+pages?"#),
    ]

    static func cvPages(_ sentences: [CallQuote]) -> CallFinding {
        var candidates: [(value: Value, quote: CallQuote, notes: [String])] = []
        for s in sentences {
            for pattern in cvPagePatterns {
                if let g = first(pattern, s.text), let pages = int(g[1]) {
                    candidates.append((.number(Decimal(pages)), s, []))
                    break
                }
            }
        }
        return settle("rules.cv_pages", candidates, question: "combien de pages par CV ? La consultation donne plusieurs limites.")
    }

    // MARK: References

    static let referenceCount = rx(#"(?:au\s+moins\s+|minimum\s+)?(?<![\p{L}\d])("# + n + #")\s+(?:exp[ée]riences|r[ée]f[ée]rences|missions|prestations|projets|[ée]tudes)(?![\p{L}])"#)
    static let referenceCue = rx(#"pr[ée]sent|fourn|joindre|justifi|au\s+moins|minimum|r[ée]centes?|similaires|comparables|dernières"#)
    static let recency = rx(#"moins\s+d'un\s+an|moins\s+de\s+("# + n + #")\s+(ans|mois)|(?:des|au\s+cours\s+des|sur\s+les|depuis\s+les)\s+("# + n + #")\s+derni[èe]r(?:es\s+ann[ée]es|s\s+mois)|(?:la|de\s+la|dans\s+la)\s+derni[èe]re\s+ann[ée]e"#)

    static func references(_ sentences: [CallQuote]) -> CallFinding {
        var candidates: [(value: Value, quote: CallQuote, notes: [String])] = []
        for s in sentences where has(referenceCue, s.text) {
            guard let g = first(referenceCount, s.text), let count = int(g[1]), count > 0, count < 50 else { continue }
            var within: Int?
            if let r = first(recency, s.text) {
                if let x = int(r[1]) {
                    within = r[2]?.lowercased() == "mois" ? x : x * 12
                } else if let x = int(r[3]) {
                    within = (r[0] ?? "").lowercased().contains("mois") ? x : x * 12
                } else {
                    within = 12
                }
            }
            candidates.append((map([("count", .number(Decimal(count))), ("within_months", within.map { .number(Decimal($0)) })]), s, []))
        }
        return settle("rules.references", candidates, question: "combien de références, de quand ? La consultation en demande de plusieurs façons.")
    }

    // MARK: Sections

    static let frameCue = rx(#"cadre\s+de\s+(?:la\s+)?r[ée]ponse|plan\s+(?:du|de\s+la|de\s+votre|de\s+l')\s*(?:m[ée]moire|r[ée]ponse|offre|proposition|note)|(?:m[ée]moire|offre|r[ée]ponse|proposition|note)[^.]{0,60}(?:comprendra|comportera|devra\s+comporter|devra\s+comprendre|sera\s+structur[ée]e?|s'articulera|suivra\s+le\s+plan|pr[ée]sentera)[^.]{0,40}suivant|(?:rubriques|parties|chapitres|sections)\s+suivant"#)

    /// The headings of the response frame, verbatim and in order: the list (or the table rows)
    /// after a sentence announcing the frame (« Le cadre de réponse est le suivant : »).
    static func sections(_ text: CallText) -> CallFinding {
        let lines = text.lines
        for (index, line) in lines.enumerated() where has(frameCue, line.text) {
            var headings: [String] = []
            var i = index + 1
            var listed = false
            while i < lines.count, lines[i].place.file == line.place.file {
                let l = lines[i]
                i += 1
                if l.text.isEmpty {
                    if headings.isEmpty { continue }
                    // A blank line between list items: the list goes on when the next line is an item.
                    if listed, let next = lines[i...].first(where: { !$0.text.isEmpty }), next.isListItem { continue }
                    break
                }
                if l.text.contains("\t") {
                    let cells = l.text.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                    if let cell = cells.first(where: { $0.contains { $0.isLetter } }) { headings.append(cell) }
                    continue
                }
                if l.isListItem {
                    listed = true
                    headings.append(l.text)
                } else if !listed && l.text.count <= 150 && !l.text.hasSuffix(".") && !l.text.hasSuffix(":") {
                    headings.append(l.text)   // a list numbered by the word processor: no marker in the text
                } else {
                    break
                }
            }
            headings = headings.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ;,.")) }.filter { !$0.isEmpty }
            guard headings.count >= 2 else { continue }
            let quote = CallQuote(text: ([line.text] + headings.map { "- " + $0 }).joined(separator: "\n"), place: line.place)
            return CallFinding(key: "rules.sections", status: .found, value: .list(headings.map { .string($0) }), quotes: [quote],
                               notes: ["`tender check` cherche chaque titre, dans cet ordre, comme mots entiers d'un titre du mémoire (casse et accents ignorés) : raccourcir un titre à ses mots-clés si le mémoire le reformule"])
        }
        return .missing("rules.sections")
    }

    // MARK: Meetings

    static let meetingMax = rx(#"(?:exc[ée]der|d[ée]passer|au\s+plus|maximum|dans\s+la\s+limite\s+de|jusqu'à|limit[ée]e?s?\s+à|plafonn[ée]e?s?\s+à|pas\s+plus\s+de)\s+(?:de\s+)?("# + n + #")\s+(?:r[ée]unions?|rencontres?|s[ée]ances?)|(?<![\p{L}])("# + n + #")\s+r[ée]unions?\s+(?:au\s+)?max"#)
    static let meetingDays = rx(#"(?:au\s+total|en\s+tout|temps\s+pass[ée])[^.;]{0,40}?("# + n + #")\s+jours?|(?<![\p{L}])("# + n + #")\s+jours?\s+(?:au\s+total|en\s+tout)"#)

    static func meetings(_ sentences: [CallQuote]) -> CallFinding {
        var candidates: [(value: Value, quote: CallQuote, notes: [String])] = []
        for s in sentences {
            guard let g = first(meetingMax, s.text), let max = int(g[1]) ?? int(g[2]) else { continue }
            let days = first(meetingDays, s.text).flatMap { int($0[1]) ?? int($0[2]) }
            candidates.append((map([("max", .number(Decimal(max))), ("days", days.map { .number(Decimal($0)) })]), s, []))
        }
        return settle("rules.meetings", candidates, question: "combien de réunions ? La consultation en donne plusieurs nombres.")
    }
}

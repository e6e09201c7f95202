import Foundation

/// A table of a built document, as a reader sees it: rows of cells by grid column.
struct ReadTable {
    struct Row {
        /// Grid column → the cell's text (its paragraphs joined by a space).
        var cells: [Int: String]
        /// The first paragraph of the row, for locations.
        var part: String
        var paragraph: Int
        /// 1-based within the table.
        var number: Int

        /// The first non-empty cell: what names the row.
        var label: String {
            cells.sorted { $0.key < $1.key }.lazy.compactMap { cell -> String? in
                let text = cell.value.trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }.first ?? ""
        }

        /// `Total…`, `Sous-total…`.
        var isTotal: Bool {
            let folded = FoldedText.fold(label)
            return folded.hasPrefix("total") || folded.hasPrefix("sous total")
        }

        func number(_ column: Int) -> Decimal? { cells[column].flatMap(ReadTable.number) }
    }

    /// 1-based within its part.
    var number: Int
    var part: String
    var rows: [Row]

    /// The tables of a document's body, in order.
    static func tables(of doc: InspectedDocument) -> [ReadTable] {
        var tables: [ReadTable] = []
        for p in doc.paragraphs where p.inBody {
            guard let table = p.table, let row = p.row, let column = p.column else { continue }
            if tables.last?.number != table || tables.last?.part != p.part {
                tables.append(ReadTable(number: table, part: p.part, rows: []))
            }
            var t = tables.removeLast()
            if t.rows.last?.number != row {
                t.rows.append(Row(cells: [:], part: p.part, paragraph: p.number, number: row))
            }
            let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let old = t.rows[t.rows.count - 1].cells[column], !old.isEmpty {
                t.rows[t.rows.count - 1].cells[column] = text.isEmpty ? old : old + " " + text
            } else {
                t.rows[t.rows.count - 1].cells[column] = text
            }
            tables.append(t)
        }
        // Rows were keyed by their number within the part: renumber them within their table.
        return tables.map { t in
            var t = t
            for i in t.rows.indices { t.rows[i].number = i + 1 }
            return t
        }
    }

    /// `8 250,00 €`, `1,5`, `13`: a cell that holds one number and nothing else.
    ///
    /// The cell, its spaces made plain and trimmed, must read `-?\d{1,3}( \d{3})*(,\d+)?( ?€)?`
    /// whole. Read by hand, scalar by scalar: that regular expression, run through ICU on every
    /// cell of every table, was most of the tables rule's time.
    static func number(_ cell: String) -> Decimal? {
        let plain = FoldedText.plainSpaces(cell).trimmingCharacters(in: .whitespaces)
        var rest = Array(plain.unicodeScalars)[...]
        // As `Decimal(exactly:)` reads it (-1234.5), in ASCII bytes: appending scalars to a
        // String one by one cost ten thousand instructions a cell.
        var written: [UInt8] = []
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        func digits(atMost limit: Int = .max) -> ArraySlice<Unicode.Scalar> {
            let run = rest.prefix { isDigit($0) }.prefix(limit)
            rest = rest.dropFirst(run.count)
            return run
        }
        if rest.first == "-" { written.append(UInt8(ascii: "-")); rest = rest.dropFirst() }
        let lead = digits(atMost: 3)
        guard !lead.isEmpty else { return nil }
        written += lead.map { UInt8($0.value) }
        // Groups of three: a space and three digits (a fourth digit would match nothing after).
        while rest.count >= 4, rest.first == " ", rest.dropFirst().prefix(3).allSatisfy(isDigit) {
            rest = rest.dropFirst()
            written += digits(atMost: 3).map { UInt8($0.value) }
        }
        if rest.first == "," {
            rest = rest.dropFirst()
            let fraction = digits()
            guard !fraction.isEmpty else { return nil }
            written.append(UInt8(ascii: "."))
            written += fraction.map { UInt8($0.value) }
        }
        if rest.first == " ", rest.dropFirst().first == "€" { rest = rest.dropFirst() }
        if rest.first == "€" { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
        return Decimal(exactly: String(decoding: written, as: UTF8.self))
    }

    var header: Row? { rows.first }

    /// The header's text of a column.
    func title(_ column: Int) -> String { header?.cells[column] ?? CheckMessage.column(column + 1).text }

    /// How a message names the table: `tableau 3 (« Profil | Prix de journée HT | … »)`.
    var name: String {
        let heads = (header?.cells.keys.sorted() ?? []).compactMap { header?.cells[$0] }.filter { !$0.isEmpty }
        let shown = heads.prefix(3).joined(separator: " | ") + (heads.count > 3 ? " | …" : "")
        return CheckMessage.table(number, heads: shown).text
    }

    /// The columns of a priced line: counts (days, quantity: a row prints one of them), a unit
    /// price and an amount, told by their headings; nil when the table has no such columns.
    var lineColumns: (counts: [Int], price: Int, amount: Int)? {
        guard let header else { return nil }
        let folded = header.cells.mapValues { Set(FoldedText.fold($0).split(separator: " ").map(String.init)) }
        let columns = folded.keys.sorted()
        let words = { (c: Int) in folded[c] ?? [] }
        guard let price = columns.first(where: { !words($0).isDisjoint(with: ["prix", "taux"]) }),
              let amount = columns.first(where: { $0 > price && words($0).contains("montant") }) else { return nil }
        let counts = columns.filter { $0 != price && !words($0).isDisjoint(with: ["jours", "jour", "qte", "quantite"]) }
        return counts.isEmpty ? nil : (counts, price, amount)
    }
}

/// Every price table the documents print adds up as printed: on each row that prints a count, a
/// unit price and an amount, count × price = amount; each total row is the sum of the rows it totals.
struct TablesRule: CheckRule {
    let id = "tables"
    var title: String { CheckMessage.title(id).text }
    let needsDocuments = true

    /// What a total row may add up, among the rows above it: the rows since the previous total,
    /// every row, or the rows of its kind of tranche (« Total tranche ferme » adds the rows of
    /// fixed tranches). None when no row above prints a number in the column (a total in a
    /// table of key figures, say).
    static func candidates(for total: Int, column: Int, in table: ReadTable) -> [Decimal] {
        let before = table.rows.dropFirst().prefix { $0.number < total }   // below the header
        let body = before.filter { !$0.isTotal }
        guard body.contains(where: { $0.number(column) != nil }) else { return [] }
        let sum = { (rows: [ReadTable.Row]) in rows.compactMap { $0.number(column) }.reduce(Decimal(0), +) }
        let segment = Array(before.reversed().prefix { !$0.isTotal }.reversed())
        var out: [Decimal] = []
        if segment.contains(where: { $0.number(column) != nil }) { out.append(sum(segment)) }
        out.append(sum(body))
        // Folded text keeps no accent or combining mark: a byte search finds what a string search would.
        let label = FoldedText.fold(table.rows[total - 1].label)
        let kinds = ["ferme", "optionnel"].filter(label.holdsBytes)
        guard !kinds.isEmpty else { return out }
        let folded = body.map { FoldedText.fold($0.cells.values.joined(separator: " ")) }   // once per row, not per kind
        for kind in kinds {
            out.append(sum(zip(body, folded).filter { $0.1.holdsBytes(kind) }.map(\.0)))
        }
        return out
    }

    func evaluate(_ context: CheckContext) -> RuleResult {
        var findings: [Finding] = []
        var readTables = 0
        var seen: Set<[Decimal]> = []
        for doc in context.documents {
            let workbook = workbookFindings(doc)
            findings += workbook.findings
            readTables += workbook.sheets
            for table in ReadTable.tables(of: doc) {
                var checked = false
                if let columns = table.lineColumns {
                    for row in table.rows.dropFirst() {
                        guard let count = columns.counts.lazy.compactMap(row.number).first, let price = row.number(columns.price),
                              let amount = row.number(columns.amount) else { continue }
                        checked = true
                        seen.insert([count, price, amount])
                        if let f = lineFinding(doc, table: table, row: row, count: count, price: price, amount: amount) {
                            findings.append(f)
                        }
                    }
                }
                for row in table.rows.dropFirst() where row.isTotal {
                    for (column, text) in row.cells.sorted(by: { $0.key < $1.key }) {
                        guard let printed = row.number(column) else { continue }
                        let sums = Self.candidates(for: row.number, column: column, in: table)
                        guard let expected = sums.first else { continue }
                        checked = true
                        if !sums.contains(printed) {
                            let place = CheckMessage.columnPlace(document: doc.name, table: table.name, row: row.label, column: table.title(column)).text
                            findings.append(finding(.error, CheckMessage.badTotal(place: place, printed: Self.show(printed, like: text),
                                                                                  expected: Self.show(expected, like: text)).text,
                                                    hint: CheckMessage.badTotalHint.text,
                                                    location: location(doc, table, row), measured: Self.show(printed, like: text),
                                                    limit: Self.show(expected, like: text), document: doc.path, anchor: text))
                        }
                    }
                }
                if checked { readTables += 1 }
            }
            // The PDF: each line that prints a count, a price and an amount at its end, unless
            // the same figures were read from a table above.
            for line in Self.pricedLines(doc) {
                let (count, price, amount) = line.figures
                guard !seen.contains([count, price, amount]) else { continue }
                seen.insert([count, price, amount])
                let row = ReadTable.Row(cells: [0: line.text.trimmingCharacters(in: .whitespaces)], part: "", paragraph: 0, number: 0)
                if let f = lineFinding(doc, table: nil, row: row, count: count, price: price, amount: amount, place: line.place) {
                    findings.append(f)
                }
            }
        }
        if readTables == 0 {
            return RuleResult([finding(.info, CheckMessage.noTables.text)])
        }
        if !findings.contains(where: { $0.severity == .error }) {
            findings.append(finding(.info, CheckMessage.tablesAddUp(readTables, rounded: !findings.isEmpty).text,
                                    measured: CheckMessage.tables(readTables).text))
        }
        return RuleResult(findings)
    }

    /// count × price = amount on one row: nothing when exact; a warning when the difference is
    /// the rounding of lines below the cent (up to a cent per day); an error otherwise.
    func lineFinding(_ doc: InspectedDocument, table: ReadTable?, row: ReadTable.Row, count: Decimal, price: Decimal,
                     amount: Decimal, place: String? = nil) -> Finding? {
        let exact = count * price
        guard exact != amount else { return nil }
        let product = "\(FrenchFormat.number(count)) × \(FrenchFormat.euros(price)) = \(Self.exactEuros(exact))"
        let at = CheckMessage.rowPlace(document: doc.name, table: table?.name, place: place, row: row.label).text
        var days = count < 0 ? -count : count, whole = Decimal()
        NSDecimalRound(&whole, &days, 0, .up)
        let tolerance = Decimal(sign: .plus, exponent: -2, significand: 1) * max(1, whole)
        let difference = exact > amount ? exact - amount : amount - exact
        if exact.roundedHalfUp(2) == amount || difference <= tolerance {
            return finding(.warning, CheckMessage.subCent(at: at, product: product, printed: FrenchFormat.euros(amount)).text,
                           hint: CheckMessage.subCentHint.text,
                           location: table.map { location(doc, $0, row) } ?? SourceLocation(file: doc.shownPath),
                           measured: FrenchFormat.euros(amount), limit: FrenchFormat.euros(exact.roundedHalfUp(2)),
                           document: doc.path, anchor: FrenchFormat.euros(amount))
        }
        return finding(.error, CheckMessage.badLine(at: at, product: product, printed: FrenchFormat.euros(amount)).text,
                       hint: CheckMessage.badLineHint.text,
                       location: table.map { location(doc, $0, row) } ?? SourceLocation(file: doc.shownPath),
                       measured: FrenchFormat.euros(amount), limit: FrenchFormat.euros(exact.roundedHalfUp(2)),
                       document: doc.path, anchor: FrenchFormat.euros(amount))
    }

    func location(_ doc: InspectedDocument, _ table: ReadTable, _ row: ReadTable.Row) -> SourceLocation {
        SourceLocation(file: doc.shownPath, part: row.part, paragraph: row.paragraph, table: table.number, row: row.number)
    }

    /// `25,025 €`: an amount with all its decimals (at least two).
    static func exactEuros(_ d: Decimal) -> String {
        d == d.roundedHalfUp(2) ? FrenchFormat.euros(d) : FrenchFormat.number(d) + "\u{00A0}€"
    }

    /// A figure written like the cell it stands for: in euros when the cell is.
    static func show(_ d: Decimal, like cell: String) -> String {
        cell.contains("€") ? FrenchFormat.euros(d) : FrenchFormat.number(d)
    }

    /// `… 1,5   720,00 €   1 080,00 €` at the end of a PDF line: count, price, amount.
    static let pricedLinePattern = try! NSRegularExpression(
        pattern: #"(?:^|\s{2,})(-?\d{1,3}(?: \d{3})*(?:,\d+)?)\s{2,}(-?\d{1,3}(?: \d{3})*(?:,\d{2}) ?€)\s{2,}(-?\d{1,3}(?: \d{3})*(?:,\d{2}) ?€)\s*$"#)

    /// The PDF lines that print a count, a price and an amount at their end, under a heading
    /// line naming them in that order (« Jours … Prix … Montant »): a line of another table that
    /// happens to end with a number and two amounts is not read as a priced line.
    static func pricedLines(_ doc: InspectedDocument) -> [(text: String, place: String, figures: (Decimal, Decimal, Decimal))] {
        guard doc.pageTexts != nil else { return [] }
        var out: [(text: String, place: String, figures: (Decimal, Decimal, Decimal))] = []
        var underHeading = false
        for line in doc.lines {
            let words = FoldedText.fold(line.text).split(separator: " ").map(String.init)
            let position = { (set: Set<String>) in words.firstIndex { set.contains($0) } }
            if !line.text.contains("€"), let montant = position(["montant", "total"]) {
                let count = position(["jours", "jour", "qte", "quantite"]), price = position(["prix", "taux"])
                underHeading = count.map { c in price.map { c < $0 && $0 < montant } ?? false } ?? false
                continue
            }
            if underHeading, let figures = pricedLine(line.text) { out.append((line.text, line.place, figures)) }
        }
        return out
    }

    static func pricedLine(_ text: String) -> (Decimal, Decimal, Decimal)? {
        let plain = FoldedText.plainSpaces(text) as NSString
        guard let m = pricedLinePattern.firstMatch(in: plain as String, range: NSRange(location: 0, length: plain.length)),
              let a = ReadTable.number(plain.substring(with: m.range(at: 1))),
              let b = ReadTable.number(plain.substring(with: m.range(at: 2))),
              let c = ReadTable.number(plain.substring(with: m.range(at: 3))) else { return nil }
        return (a, b, c)
    }
}

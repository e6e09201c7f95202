import Foundation

/// A sheet of a workbook as LibreOffice shows it once it has recalculated it: the text of each
/// cell as shown (`8 250,00 €`, `#REF!`), by row and column from A1.
public struct SheetValues: Sendable {
    public var name: String
    /// `rows[r][c]`: row r + 1, column c + 1.
    public var rows: [[String]]

    public init(name: String, rows: [[String]]) { self.name = name; self.rows = rows }

    /// From Calc's CSV export of the sheet (which starts at A1).
    init(name: String, csv: String) { self.init(name: name, rows: Self.parse(csv)) }

    /// `F12`: the A1 name of row `row`, column `column` (both 0-based).
    static func cellName(row: Int, column: Int) -> String { CellName.letters(column + 1) + String(row + 1) }

    /// RFC 4180 as Calc writes it: fields separated by commas, quoted when they hold a comma,
    /// a quote or a line break, quotes doubled. Written here: a dozen lines, which no package of
    /// the machine's offline set does for us.
    static func parse(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, afterQuote = false
        for ch in csv {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"": if afterQuote { field.append("\"") }; quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.append(ch)
            }
            afterQuote = false
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// What `tender check` reads in a recalculated workbook: its rows, each named by its first text
/// cell, and its figure (the last cell holding a number); the cells showing an error.
struct WorkbookFigures {
    struct Row {
        var sheet: String
        /// 0-based.
        var index: Int
        var cells: [String]
        /// The first cell holding text that is not a number: what names the row.
        var label: String
        /// The last cell holding a number, with its column (0-based) and its text as shown.
        var figure: (value: Decimal, column: Int, text: String)?

        var cellName: String? { figure.map { SheetValues.cellName(row: index, column: $0.column) } }
    }

    var rows: [Row]

    init(_ sheets: [SheetValues]) {
        rows = sheets.flatMap { sheet in
            sheet.rows.enumerated().map { index, cells in
                let trimmed = cells.map { $0.trimmingCharacters(in: .whitespaces) }
                let label = trimmed.first { !$0.isEmpty && ReadTable.number($0) == nil } ?? ""
                let figure = trimmed.indices.reversed().lazy.compactMap { c in ReadTable.number(trimmed[c]).map { ($0, c, trimmed[c]) } }.first
                return Row(sheet: sheet.name, index: index, cells: trimmed, label: label, figure: figure)
            }
        }
    }

    /// What a cell shows when its formula fails: LibreOffice's `#REF!`, `#VALUE!`, `#DIV/0!`,
    /// `#NAME?`, `#N/A`, `#NUM!`, `#NULL!`, and its numbered errors `Err:502`.
    static let errorValue = try! NSRegularExpression(pattern: #"^(?:#(?:REF!|VALUE!|DIV/0!|NAME\?|N/A|NUM!|NULL!)|Err:\d{3})$"#)

    /// Every cell showing an error: sheet, A1 name, what it shows.
    static func errors(_ sheets: [SheetValues]) -> [(sheet: String, cell: String, value: String)] {
        sheets.flatMap { sheet in
            sheet.rows.enumerated().flatMap { r, cells in
                cells.enumerated().compactMap { c, text in
                    let t = text.trimmingCharacters(in: .whitespaces)
                    guard errorValue.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil else { return nil }
                    return (sheet.name, SheetValues.cellName(row: r, column: c), t)
                }
            }
        }
    }

    /// A figure of `tender price` the workbook must show, and how its row is labelled.
    struct Expected {
        var what: String
        var value: Decimal
        var grand: Bool
        var matches: (String) -> Bool
    }

    /// The figures a workbook built from the offer shows, told by the labels templates take
    /// from `pricing.labels` (offers/FORMAT.md): `Total HT` (before discount and mécénat),
    /// `Net HT`, the VAT label (`TVA 20 %`), `Total TTC`; per tranche, the subtotal
    /// `Sous-total tranche ferme TF` and the VAT `TVA 20 % — tranche ferme TF`.
    static func expected(_ pricing: OfferPricing) -> [Expected] {
        let words = PriceWords(pricing.offer.bidder.vat)
        let fold = FoldedText.fold
        let same = { (label: String) in { (text: String) in fold(text) == fold(label) } }
        var out = [Expected(what: words.total, value: pricing.all.ht, grand: true, matches: same(words.total)),
                   Expected(what: words.net, value: pricing.all.netHT, grand: true, matches: same(words.net))]
        if let vat = pricing.all.vat, let ttc = words.ttc {
            out.append(Expected(what: words.vat, value: vat, grand: true, matches: same(words.vat)))
            out.append(Expected(what: ttc, value: pricing.all.ttc, grand: true, matches: same(ttc)))
        }
        for t in pricing.tranches {
            let tranche = fold(t.kind.label + " " + t.id)
            let of = { (head: String) in { (text: String) in
                let f = fold(text)
                return f.hasPrefix(fold(head) + " ") && f.hasSuffix(" " + tranche) && f != fold(words.vat)
            } }
            out.append(Expected(what: "Sous-total " + t.kind.label.lowercased() + " " + t.id, value: t.totals.ht, grand: false,
                                matches: of("Sous-total")))
            if let vat = t.totals.vat {
                out.append(Expected(what: words.vat + " — " + t.kind.label.lowercased() + " " + t.id, value: vat, grand: false,
                                    matches: of(words.vat)))
            }
        }
        return out
    }

    /// The header row of the priced lines (« … Prix … Montant … ») as a table, and the table of
    /// the rows below it: so that a sheet's lines are read as a document's table is.
    static func lineTable(_ sheet: SheetValues) -> ReadTable? {
        for (index, cells) in sheet.rows.enumerated() {
            let header = ReadTable.Row(cells: Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($0, $1) }),
                                       part: sheet.name, paragraph: 0, number: index + 1)
            let table = ReadTable(number: 1, part: sheet.name, rows: [header])
            guard table.lineColumns != nil else { continue }
            let below = sheet.rows.enumerated().dropFirst(index + 1).map { r, cells in
                ReadTable.Row(cells: Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($0, $1.trimmingCharacters(in: .whitespaces)) }),
                              part: sheet.name, paragraph: 0, number: r + 1)
            }
            return ReadTable(number: 1, part: sheet.name, rows: [header] + below)
        }
        return nil
    }

    /// Each subtotal (`Sous-total…`) against the sum of the priced lines above it (since the
    /// previous total), as shown: the subtotal's cell, what it shows, the sum.
    static func subtotals(_ sheet: SheetValues) -> [(cell: String, label: String, shown: String, value: Decimal, sum: Decimal)] {
        guard let table = lineTable(sheet), let columns = table.lineColumns else { return [] }
        var out: [(cell: String, label: String, shown: String, value: Decimal, sum: Decimal)] = []
        var sum: Decimal = 0, lines = 0
        for row in table.rows.dropFirst() {
            if row.isTotal {
                let cells = row.cells.sorted { $0.key < $1.key }
                if FoldedText.fold(row.label).hasPrefix("sous total"), lines > 0,
                   let last = cells.last(where: { ReadTable.number($0.value) != nil }), let value = ReadTable.number(last.value) {
                    out.append((SheetValues.cellName(row: row.number - 1, column: last.key), row.label, last.value, value, sum))
                }
                sum = 0; lines = 0
            } else if columns.counts.contains(where: { row.number($0) != nil }), row.number(columns.price) != nil,
                      let amount = row.number(columns.amount) {
                sum += amount; lines += 1
            }
        }
        return out
    }
}

extension TotalsRule {
    /// A workbook's figures once LibreOffice recalculated it: the cells showing an error, and
    /// each total it labels as `tender price` names it against `tender price`'s figure. A
    /// workbook not recalculated, or whose totals are not found, says so.
    func workbookFindings(_ doc: InspectedDocument, _ context: CheckContext) -> [Finding] {
        let file = SourceLocation(file: doc.shownPath)
        guard let sheets = doc.sheets else {
            if case .notRequested = context.render {
                return [finding(.info, CheckMessage.workbookNoRender(document: doc.name).text, location: file)]
            }
            var reason = doc.sheetsProblem ?? CheckMessage.notConverted.text
            if case .failed(let problem) = context.render { reason = problem.message }
            return [finding(.warning, CheckMessage.workbookNotRead(document: doc.name, reason: reason).text,
                            hint: CheckMessage.workbookNotReadHint.text, location: file)]
        }
        let place = { (sheet: String, cell: String, label: String) -> (String, SourceLocation) in
            var at = file
            at.sheet = sheet
            at.cell = cell
            return (CheckMessage.cellPlace(document: doc.name, sheet: sheet, cell: cell, label: label).text, at)
        }
        var findings: [Finding] = WorkbookFigures.errors(sheets).map { error in
            let (text, at) = place(error.sheet, error.cell, "")
            return finding(.error, CheckMessage.workbookError(place: text, value: error.value).text, hint: CheckMessage.workbookErrorHint.text,
                           location: at, measured: error.value, document: doc.path)
        }
        let expected = WorkbookFigures.expected(context.pricing)
        var matched: [String] = [], grand = 0
        for row in WorkbookFigures(sheets).rows where !row.label.isEmpty {
            guard let e = expected.first(where: { $0.matches(row.label) }), let figure = row.figure, let cell = row.cellName else { continue }
            if e.grand { grand += 1 }
            // Both written as tender writes amounts (LibreOffice's spaces between groups are others).
            let shownExpected = FrenchFormat.euros(e.value), shown = TablesRule.show(figure.value, like: figure.text)
            if figure.value != e.value {
                let (text, at) = place(row.sheet, cell, row.label)
                findings.append(finding(.error, CheckMessage.workbookFigure(place: text, shown: shown, expected: shownExpected).text,
                                        hint: CheckMessage.workbookFigureHint.text, location: at, measured: shown, limit: shownExpected,
                                        document: doc.path, anchor: row.label,
                                        values: (PricingReport.fixed(figure.value, 2), PricingReport.fixed(e.value, 2))))
            } else {
                matched.append("\(row.label) \(shownExpected)")
            }
        }
        if grand == 0 {
            let words = PriceWords(context.offer.bidder.vat)
            findings.append(finding(.warning, CheckMessage.workbookNoTotals(document: doc.name,
                                                                              labels: [words.total, words.net] + (words.ttc.map { [words.vat, $0] } ?? [])).text,
                                    hint: CheckMessage.workbookNoTotalsHint.text, location: file, document: doc.path))
        } else if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.workbookTotalsMatch(document: doc.name, count: matched.count,
                                                                             values: matched.joined(separator: ", ")).text,
                                    location: file, measured: matched.joined(separator: ", ")))
        }
        return findings
    }
}

extension TablesRule {
    /// In a recalculated workbook, each subtotal against the sum of its lines as shown; the
    /// number of sheets whose lines were read.
    func workbookFindings(_ doc: InspectedDocument) -> (findings: [Finding], sheets: Int) {
        var findings: [Finding] = [], read = 0
        for sheet in doc.sheets ?? [] {
            guard WorkbookFigures.lineTable(sheet) != nil else { continue }
            read += 1
            for subtotal in WorkbookFigures.subtotals(sheet) where subtotal.value != subtotal.sum {
                let place = CheckMessage.cellPlace(document: doc.name, sheet: sheet.name, cell: subtotal.cell, label: subtotal.label).text
                var at = SourceLocation(file: doc.shownPath)
                at.sheet = sheet.name
                at.cell = subtotal.cell
                let expected = Self.show(subtotal.sum, like: subtotal.shown), shown = Self.show(subtotal.value, like: subtotal.shown)
                findings.append(finding(.error, CheckMessage.badTotal(place: place, printed: shown, expected: expected).text,
                                        hint: CheckMessage.badTotalHint.text, location: at, measured: shown, limit: expected,
                                        document: doc.path, anchor: subtotal.label))
            }
        }
        return (findings, read)
    }
}

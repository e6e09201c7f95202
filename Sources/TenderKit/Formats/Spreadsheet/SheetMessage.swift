import Foundation

/// The spreadsheet formats' own messages, in French and English (the pattern of `Message`,
/// kept apart here so that the catalog can take them in one move).
enum SheetMessage {
    case missingWorkbook
    case missingContent
    case resave(String)
    case damagedSheet(String)
    case noSheet
    /// A formula whose reference lost its rows (a loop over no item): the formula as written.
    case lostReference(String)
    case lostReferenceHint
    /// A defined name whose reference lost its rows: the name and what it stands for.
    case lostName(String, String)
    /// An Excel table left with no data row: its name.
    case emptyTable(String)
    case emptyTableHint

    var text: String { text(in: .current) }

    func text(in language: Language) -> String {
        switch (self, language) {
        case (.missingWorkbook, .french): return "le classeur n’a pas de partie xl/workbook.xml"
        case (.missingWorkbook, .english): return "the workbook part xl/workbook.xml is missing"
        case (.missingContent, .french): return "le classeur n’a pas de partie content.xml"
        case (.missingContent, .english): return "the spreadsheet's part content.xml is missing"
        case (.resave(let app), .french): return "le fichier est endommagé ; l’enregistrer de nouveau depuis \(app)"
        case (.resave(let app), .english): return "the file is damaged; save it again from \(app)"
        case (.damagedSheet(let detail), .french): return "feuille illisible : \(detail)"
        case (.damagedSheet(let detail), .english): return "unreadable sheet: \(detail)"
        case (.noSheet, .french): return "le classeur ne contient aucune feuille"
        case (.noSheet, .english): return "the workbook holds no sheet"
        case (.lostReference(let f), .french):
            return "la formule =\(Quote.cut(f)) renvoie à une ligne qui n’existe plus après le rendu (boucle sans élément ou ligne retirée par une condition)"
        case (.lostReference(let f), .english):
            return "the formula =\(Quote.cut(f)) refers to a row that no longer exists after rendering (a loop over no item or a row removed by a condition)"
        case (.lostReferenceHint, .french):
            return "utilisez une plage dans SUM, comme SUM(E5:E5), qui reste valide sans ligne (elle vaut alors 0), ou placez la formule dans une ligne retirée avec celles qu’elle lit"
        case (.lostReferenceHint, .english):
            return "use a range inside SUM, such as SUM(E5:E5), which stays valid without rows (it is then 0), or put the formula in a row removed with the rows it reads"
        case (.lostName(let name, let f), .french):
            return "le nom défini \(name) (=\(Quote.cut(f))) renvoie à des lignes qui n’existent plus après le rendu (boucle sans élément)"
        case (.lostName(let name, let f), .english):
            return "the defined name \(name) (=\(Quote.cut(f))) refers to rows that no longer exist after rendering (a loop over no item)"
        case (.emptyTable(let name), .french): return "le tableau \(name) n’a plus aucune ligne de données après le rendu (boucle sans élément)"
        case (.emptyTable(let name), .english): return "the table \(name) has no data row left after rendering (a loop over no item)"
        case (.emptyTableHint, .french):
            return "un tableau Excel garde au moins une ligne de données : laissez dans le tableau une ligne hors de la boucle, ou convertissez le tableau en plage"
        case (.emptyTableHint, .english):
            return "an Excel table keeps at least one data row: leave a row outside the loop in the table, or convert the table to a range"
        }
    }
}

extension SheetMessage {
    /// The error for a formula that lost a reference, at its sheet and cell (or range).
    static func lost(_ formula: String, file: String?, sheet: String?, cell: String) -> Diagnostic {
        var location = SourceLocation(file: file)
        location.sheet = sheet
        location.cell = cell
        return .error(lostReference(formula).text, at: location, hint: lostReferenceHint.text)
    }
}

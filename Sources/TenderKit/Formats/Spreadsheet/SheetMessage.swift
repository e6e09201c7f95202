import Foundation

/// The spreadsheet formats' own messages, in French and English (the pattern of `Message`,
/// kept apart here so that the catalog can take them in one move).
enum SheetMessage {
    case missingWorkbook
    case missingContent
    case resave(String)
    case damagedSheet(String)
    case noSheet

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
        }
    }
}

import Foundation

/// A set of messages, each written once in French (`french`) and once in English (`english`),
/// each language in its own file beside the catalog (`<Area>+French.swift`, `<Area>+English.swift`).
/// `text` is in the language of the run.
public protocol MessageCatalog: Sendable {
    var french: String { get }
    var english: String { get }
}

extension MessageCatalog {
    public var text: String { text(in: .current) }

    public func text(in language: Language) -> String {
        switch language {
        case .french: return french
        case .english: return english
        }
    }
}

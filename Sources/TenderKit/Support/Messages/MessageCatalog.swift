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

extension Array where Element == String {
    /// The items as a sentence lists them: « A, B ou C », "A, B or C" (`last` is the word
    /// with its spaces before the last item).
    func listed(_ last: String) -> String {
        guard count > 2 else { return joined(separator: last) }
        return dropLast().joined(separator: ", ") + last + self[count - 1]
    }
}

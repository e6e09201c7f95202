import Foundation

/// The language of everything a user reads in one run: French by default (the users are French
/// bid teams), English when the locale says so (`LC_ALL`, `LC_MESSAGES` or `LANG` starting with
/// `en`). Chosen once per process.
public enum Language: Sendable {
    case french, english

    public static let current: Language = from(ProcessInfo.processInfo.environment)

    /// The first of LC_ALL, LC_MESSAGES, LANG that is set decides, as for gettext.
    static func from(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .english : .french
            }
        }
        return .french
    }

    /// The colon between a label and its text: French puts a space before it.
    public var colon: String { self == .french ? " : " : ": " }

    /// The words locations are written with.
    public var locationWords: SourceLocation.Words { self == .french ? .french : .english }
}

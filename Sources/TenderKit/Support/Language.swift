import Foundation

/// The language of everything a user reads in one run: French by default (the users are French
/// bid teams), English when the locale says so (`LC_ALL`, `LC_MESSAGES` or `LANG` starting with
/// `en`). Chosen once per process; a task may run in another language (`override`).
public enum Language: Sendable {
    case french, english

    /// The language of the run: the process's, unless the current task overrides it.
    public static var current: Language { override ?? process }

    /// The language the locale of the process asks for.
    public static let process: Language = from(ProcessEnvironment.values(of: ["LC_ALL", "LC_MESSAGES", "LANG"]))

    /// Runs a task in another language than the process's (`Language.$override.withValue(.english) { … }`):
    /// how tests choose the language of what they read, whatever the locale they run in.
    @TaskLocal public static var override: Language?

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

/// Some variables of the process's environment, read one by one (`getenv`): at every start,
/// where `ProcessInfo.processInfo.environment` makes a dictionary of the whole environment
/// (a twentieth of a small command's instructions) to give two or three of them.
enum ProcessEnvironment {
    static func values(of names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}

import Foundation

/// `manifest.json`: what a build wrote (each file with its size, SHA-256 and pages) and what
/// from (the offer, its team files and templates, with their SHA-256 and git revision), so that
/// `tender check --documents` can tell a folder that is exactly a build of the current offer
/// from one that is not.
///
/// It holds no time of day: two builds of the same inputs write the same manifest.
public struct BuildManifest: Sendable, Equatable {
    public static let fileName = "manifest.json"
    public static let schemaVersion = 1

    public enum Kind: String, Sendable { case final, draft }

    public struct File: Sendable, Equatable {
        /// Relative to the build folder.
        public var name: String
        public var size: Int
        public var sha256: String
        /// Pages of a PDF, or of a document's PDF when it was converted; nil otherwise.
        public var pages: Int?
        /// The `documents[].id` it comes from; nil for the merged PDF and review.md.
        public var document: String?
    }

    public struct Input: Sendable, Equatable {
        public enum InputRole: String, Sendable { case offer, bidder, library, team, template }
        public var role: InputRole
        /// As the offer names it (relative to the working folder of the build).
        public var path: String
        public var sha256: String
        /// The last commit that changed the file, when it is in a git repository.
        public var gitRevision: String?
        /// The documents built from it (ids).
        public var documents: [String]
    }

    public var kind: Kind
    public var tenderVersion: String
    /// The date templates saw as `today`.
    public var today: DateValue
    public var inputs: [Input]
    public var files: [File]
    /// `0 erreur, 1 avertissement`, with the counts; nil when the check did not run.
    public var check: CheckSummary?

    public struct CheckSummary: Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        public var text: String
        public init(errors: Int, warnings: Int, text: String) { self.errors = errors; self.warnings = warnings; self.text = text }
    }

    // MARK: Reading and writing

    public var value: Value {
        func opt(_ s: String?) -> Value { s.map(Value.string) ?? .null }
        func opt(_ n: Int?) -> Value { n.map { .number(Decimal($0)) } ?? .null }
        return .map(Mapping([
            ("schema_version", .number(Decimal(Self.schemaVersion))),
            ("kind", .string(kind.rawValue)),
            ("tender_version", .string(tenderVersion)),
            ("today", .string(today.isoString)),
            ("inputs", .list(inputs.map { i in
                .map(Mapping([("role", .string(i.role.rawValue)), ("path", .string(i.path)), ("sha256", .string(i.sha256)),
                              ("git_revision", opt(i.gitRevision)), ("documents", .list(i.documents.map(Value.string)))]))
            })),
            ("files", .list(files.map { f in
                .map(Mapping([("name", .string(f.name)), ("size", .number(Decimal(f.size))), ("sha256", .string(f.sha256)),
                              ("pages", opt(f.pages)), ("document", opt(f.document))]))
            })),
            ("check", check.map { c in
                .map(Mapping([("errors", .number(Decimal(c.errors))), ("warnings", .number(Decimal(c.warnings))),
                              ("summary", .string(c.text))]))
            } ?? .null),
        ]))
    }

    public func write(to path: String) throws {
        try AtomicFile.write(to: path, bytes: Array(JSONText.encode(value).utf8))
    }

    /// Reads a manifest; nil when the file is not one (the caller says so as a finding).
    public static func read(_ path: String) -> BuildManifest? {
        guard let v = try? DataLoader.load(path: path), v["schema_version"]?.asNumber != nil,
              let kind = v["kind"]?.asString.flatMap(Kind.init(rawValue:)),
              let today = v["today"]?.asString.flatMap({ DateValue(iso: $0) }) else { return nil }
        func int(_ x: Value?) -> Int? { x?.asNumber.map { NSDecimalNumber(decimal: $0).intValue } }
        var inputs: [Input] = []
        for i in v["inputs"]?.asList ?? [] {
            guard let role = i["role"]?.asString.flatMap(Input.InputRole.init(rawValue:)), let path = i["path"]?.asString,
                  let sha = i["sha256"]?.asString else { return nil }
            inputs.append(Input(role: role, path: path, sha256: sha, gitRevision: i["git_revision"]?.asString,
                                documents: (i["documents"]?.asList ?? []).compactMap(\.asString)))
        }
        var files: [File] = []
        for f in v["files"]?.asList ?? [] {
            guard let name = f["name"]?.asString, let size = int(f["size"]), let sha = f["sha256"]?.asString else { return nil }
            files.append(File(name: name, size: size, sha256: sha, pages: int(f["pages"]), document: f["document"]?.asString))
        }
        let check = v["check"]?.asMap.map { _ in
            CheckSummary(errors: int(v["check"]?["errors"]) ?? 0, warnings: int(v["check"]?["warnings"]) ?? 0,
                         text: v["check"]?["summary"]?.asString ?? "")
        }
        return BuildManifest(kind: kind, tenderVersion: v["tender_version"]?.asString ?? "", today: today,
                             inputs: inputs, files: files, check: check)
    }

    // MARK: Making one

    /// The inputs of an offer's documents: the offer file, the bidder profile and library blocks it
    /// uses, its team's files, the templates,
    /// with paths relative to `folder` (the build folder), so that the manifest holds no path of
    /// the machine it was built on.
    public static func inputs(of offer: Offer, relativeTo folder: String) throws -> [Input] {
        let all = offer.documents.map(\.id)
        var list: [(Input.InputRole, String, [String])] = [(.offer, offer.file, all)]
        // The shared bidder profile and the answer library's blocks are inputs too: a document
        // built before one of them changed is out of date.
        if let profile = offer.bidderSource?.location.file {
            list.append((.bidder, profile, all))
        }
        for block in offer.sections.flatMap(\.library) where !list.contains(where: { $0.1 == block.path }) {
            list.append((.library, block.path, all))
        }
        for member in offer.team where !list.contains(where: { $0.1 == member.person.file }) {
            list.append((.team, member.person.file, all))
        }
        for spec in offer.documents {
            if let i = list.firstIndex(where: { $0.0 == .template && $0.1 == spec.template }) {
                list[i].2.append(spec.id)
            } else {
                list.append((.template, spec.template, [spec.id]))
            }
        }
        let hashes = try Digest.sha256(list.map(\.1))
        return list.enumerated().map { i, item in
            Input(role: item.0, path: relativePath(item.1, from: folder), sha256: hashes[i], gitRevision: Git.lastRevision(of: item.1), documents: item.2)
        }
    }

    /// Every file of `folder` (but the manifest), sorted by name, with its size and hash.
    /// `pages` gives the pages of the files known to have them; `documents` their document ids.
    public static func files(in folder: String, pages: [String: Int], documents: [String: String]) throws -> [File] {
        let names = try listing(of: folder).filter { $0 != fileName }
        let hashes = try Digest.sha256(names.map { (folder as NSString).appendingPathComponent($0) })
        return try names.enumerated().map { i, name in
            let path = (folder as NSString).appendingPathComponent(name)
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            return File(name: name, size: size, sha256: hashes[i], pages: pages[name], document: documents[name])
        }
    }

    /// `path` as seen from `folder` (`../../offers/cuf-dcol/offer.yaml`).
    static func relativePath(_ path: String, from folder: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func parts(_ p: String) -> [String] {
            let absolute = p.hasPrefix("/") ? p : (cwd as NSString).appendingPathComponent(p)
            return (absolute as NSString).standardizingPath.split(separator: "/").map(String.init)
        }
        let a = parts(path), b = parts(folder)
        var common = 0
        while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: b.count - common) + a[common...]).joined(separator: "/")
    }

    /// The names of the files of a folder, recursively (`sub/name`), sorted, hidden ones included.
    public static func listing(of folder: String) throws -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else {
            throw TenderError.error(ToolMessage.cannotReadFolder(folder).text, status: .missingInput)
        }
        var out: [String] = []
        while let name = e.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isFolder),
               !isFolder.boolValue { out.append(name) }
        }
        return out.sorted()
    }
}

/// SHA-256 of files, with coreutils' `sha256sum` (one call for all of them) rather than a
/// digest of our own: Foundation on Linux has none, and coreutils is on every machine.
public enum Digest {
    public static func sha256(_ paths: [String]) throws -> [String] {
        guard !paths.isEmpty else { return [] }
        guard let tool = ExternalTool.find("sha256sum") else {
            throw TenderError.error(ToolMessage.sha256Missing.text, hint: "apt-get install coreutils", status: .unavailable)
        }
        for p in paths where !FileManager.default.isReadableFile(atPath: p) {
            throw TenderError.error(ToolMessage.cannotReadFile(p).text, status: .missingInput)
        }
        // `--` and `-z`: names starting with a dash or holding a newline are read as they are.
        let r = try ExternalTool.run(tool, ["-z", "--"] + paths, timeout: 120)
        let lines = r.stdout.split(separator: "\0", omittingEmptySubsequences: true)
        guard r.status == 0, lines.count == paths.count else {
            throw TenderError.error(ToolMessage.sha256Failed(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)).text, status: .unavailable)
        }
        return lines.map { String($0.prefix(64)) }
    }
}

/// The git facts a manifest records.
enum Git {
    /// The last commit that changed `path`, or nil (no git, not in a repository, never committed).
    static func lastRevision(of path: String) -> String? {
        guard let git = ExternalTool.find("git") else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        guard let r = try? ExternalTool.run(git, ["-C", folder.isEmpty ? "." : folder, "log", "-1", "--format=%H", "--",
                                                  (path as NSString).lastPathComponent], timeout: 30),
              r.status == 0 else { return nil }
        let commit = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return commit.isEmpty ? nil : commit
    }
}

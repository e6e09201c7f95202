import Foundation

extension Offer {
    /// The offer file a command-line argument names: the file itself, or `offer.yaml` inside a
    /// folder (`offers/cuf-dcol` means `offers/cuf-dcol/offer.yaml`).
    public static func path(forArgument argument: String) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
            return (argument as NSString).appendingPathComponent("offer.yaml")
        }
        return argument
    }
}

/// An offer as it was at a git revision, for `tender diff --rev`.
///
/// The offer file and the people of its team library (`team_library:`, default `../team`) are
/// read with `git cat-file blob REV:<path>` into a temporary folder laid out as in the repository, loaded
/// like any offer, and the folder is removed. Nothing else the offer names (templates) is read:
/// they do not change the price. Files in the offer, its people and its diagnostics are named
/// `REV:<path in the repository>`.
public enum OfferRevision {
    /// Loads `path` (an offer file of a working copy) as it was at `revision`; returns the offer
    /// and the name of that version (`HEAD:offers/cuf-dcol/offer.yaml`).
    ///
    /// Errors: not in a git repository or no git (66, 69), unknown revision (65), the offer absent
    /// at that revision (66), the offer invalid at that revision (65, as `Offer.load`).
    public static func load(path: String, revision: String) throws -> (offer: Offer, label: String) {
        guard !revision.isEmpty, !revision.hasPrefix("-") else {
            throw TenderError.error(ToolMessage.notARevision(revision).text, hint: ToolMessage.giveRevisionHint.text,
                                    status: .usage)
        }
        guard let git = ExternalTool.find("git") else {
            throw TenderError.error(ToolMessage.gitMissing.text, hint: "apt-get install git",
                                    status: .unavailable)
        }
        func run(_ arguments: [String]) throws -> ExternalTool.Result {
            try ExternalTool.run(git, arguments, timeout: 60)
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let location = try run(["-C", folder, "rev-parse", "--show-toplevel", "--show-prefix"])
        let lines = location.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard location.status == 0, lines.count >= 2 else {
            throw TenderError.error(ToolMessage.notInRepository(folder: folder, revision: revision, path: path).text,
                                    hint: firstLine(location.stderr).map { ToolMessage.gitSays($0).text },
                                    status: .missingInput)
        }
        let top = lines[0], folderInRepo = lines[1]
        let verify = try run(["-C", top, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
        let commit = verify.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard verify.status == 0, !commit.isEmpty else {
            throw TenderError.error(ToolMessage.unknownRevision(revision, repository: top).text,
                                    hint: ToolMessage.unknownRevisionHint.text)
        }
        /// The text of a file at that commit, or nil when it does not exist there.
        func show(_ file: String) throws -> String? {
            let result = try run(["-C", top, "cat-file", "blob", "\(commit):\(file)"])
            return result.status == 0 ? result.stdout : nil
        }
        let offerInRepo = OfferBuilder.normalized(folderInRepo + (path as NSString).lastPathComponent)
        let label = "\(revision):\(offerInRepo)"
        guard let text = try show(offerInRepo) else {
            throw TenderError.error(ToolMessage.notAtRevision(offerInRepo, revision: revision).text,
                                    hint: ToolMessage.notAtRevisionHint(offerInRepo).text,
                                    status: .missingInput)
        }

        let root = NSTemporaryDirectory() + "tender-rev-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write(text, to: root + "/" + offerInRepo)

        // The team library and the bidder profile, as that version of the offer names them.
        let checked = (try? ShapeChecker.check(yaml: text, file: label, shape: .record(OfferKeys.offer), what: OfferMessage.fileKind(.offer).text))?.0.top
        let profile = checked?["bidder"].map { $0["file"]?.string } ?? "../bidder.yaml"
        if let profile, !profile.hasPrefix("/") {
            let inRepo = OfferBuilder.normalized((folderInRepo.isEmpty ? "." : folderInRepo) + "/" + profile)
            if inRepo != "..", !inRepo.hasPrefix("../"), let content = try show(inRepo) { try write(content, to: root + "/" + inRepo) }
        }
        let written = checked?["team_library"]?.string ?? "../team"
        if !written.hasPrefix("/") {
            let library = OfferBuilder.normalized((folderInRepo.isEmpty ? "." : folderInRepo) + "/" + written)
            guard library != "..", !library.hasPrefix("../") else {
                throw TenderError.error(ToolMessage.teamOutsideRepository(label: label, written: written, repository: top).text,
                                        hint: ToolMessage.teamOutsideRepositoryHint.text)
            }
            let listing = try run(["-C", top, "ls-tree", "-z", "--name-only", commit, "--", library + "/"])
            for person in listing.stdout.split(separator: "\0").map(String.init) where person.hasSuffix(".yaml") {
                if let cv = try show(person) { try write(cv, to: root + "/" + person) }
            }
        }

        // The answer library beside the offers (`../library`), as it was at that commit.
        let answers = OfferBuilder.normalized((folderInRepo.isEmpty ? "." : folderInRepo) + "/../library")
        if answers != "..", !answers.hasPrefix("../") {
            let listing = try run(["-C", top, "ls-tree", "-z", "--name-only", commit, "--", answers + "/"])
            for block in listing.stdout.split(separator: "\0").map(String.init) where block.hasSuffix(".md") {
                if let text = try show(block) { try write(text, to: root + "/" + block) }
            }
        }

        let rename = { (file: String) -> String in
            file.hasPrefix(root + "/") ? "\(revision):" + file.dropFirst(root.count + 1) : file
        }
        do {
            var offer = try Offer.load(path: root + "/" + offerInRepo)
            offer.file = label
            offer.bidderSource = nil   // its places name a temporary file
            for i in offer.team.indices { offer.team[i].person.file = rename(offer.team[i].person.file) }
            offer.warnings = offer.warnings.map { renamed($0, rename) }
            return (offer, label)
        } catch let error as TenderError {
            throw TenderError(error.diagnostics.map { renamed($0, rename) })
        }
    }

    private static func write(_ text: String, to file: String) throws {
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    private static func renamed(_ d: Diagnostic, _ rename: (String) -> String) -> Diagnostic {
        var d = d
        if let file = d.location?.file { d.location?.file = rename(file) }
        return d
    }

    private static func firstLine(_ text: String) -> String? {
        text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

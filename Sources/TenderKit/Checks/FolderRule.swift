import Foundation

/// What `tender check --documents DIR` learns about the folder itself, beyond the documents:
/// its manifest, the files it holds now, the inputs of the current offer, and the draft
/// marks and comments of each document.
public struct FolderInspection: Sendable {
    public var folder: String
    /// Nil when the folder has no readable manifest.json.
    public var manifest: BuildManifest?
    public var manifestPresent: Bool
    /// The files of the folder now (the manifest excepted), with their hashes.
    public var files: [BuildManifest.File]
    /// The inputs of the current offer, paths relative to the folder.
    public var inputs: [BuildManifest.Input]
    /// The offer's documents now: file names by document id.
    public var documentFiles: [String: [String]]
    /// By file name: the draft marks and comments found in it.
    public var reviewMarks: [String: [String]]
    /// By file name: why it could not be searched for marks and comments.
    public var unreadable: [String: [String]] = [:]

    /// Reads the folder. A file that cannot be read for marks is reported as such.
    public static func inspect(_ folder: String, offer: Offer, documents: [InspectedDocument]) throws -> FolderInspection {
        let manifestPath = (folder as NSString).appendingPathComponent(BuildManifest.fileName)
        let present = FileManager.default.fileExists(atPath: manifestPath)
        let files = try BuildManifest.files(in: folder, pages: [:], documents: [:])
        var marks: [String: [String]] = [:]
        var unreadable: [String: [String]] = [:]
        func reason(_ error: Error) -> String { (error as? TenderError)?.diagnostics.first?.message ?? "\(error)" }
        for doc in documents {
            var found: [String] = []
            if doc.paragraphs.contains(where: { isDraftMark($0.text, header: !$0.inBody) }) { found.append(CheckMessage.draftMark.text) }
            let comments: Int
            do { comments = try DocumentFormat.commentCount(of: doc.path) } catch {
                unreadable[doc.name, default: []].append(reason(error)); comments = 0
            }
            if comments > 0 { found.append(CheckMessage.comments(comments).text) }
            if !found.isEmpty { marks[doc.name] = found }
        }
        for file in files where file.name.lowercased().hasSuffix(".pdf") {
            let path = (folder as NSString).appendingPathComponent(file.name)
            var found: [String] = []
            // A PDF that cannot be read is said so: a check that could not look is not a pass.
            do {
                if try PDF.pageTexts(path).contains(where: { $0.split(separator: "\n").contains { isDraftMark(String($0), header: false) } }) {
                    found.append(CheckMessage.draftMark.text)
                }
            } catch {
                unreadable[file.name, default: []].append(reason(error))
            }
            var annotations = 0
            do { annotations = try PDF.commentCount(path) } catch {
                unreadable[file.name, default: []].append(reason(error))
            }
            if annotations > 0 { found.append(CheckMessage.annotations(annotations).text) }
            if !found.isEmpty { marks[file.name] = found }
        }
        var byID: [String: [String]] = [:]
        for doc in documents { byID[doc.id, default: []].append(doc.name) }
        return FolderInspection(folder: folder, manifest: BuildManifest.read(manifestPath), manifestPresent: present, files: files,
                                inputs: try BuildManifest.inputs(of: offer, relativeTo: folder), documentFiles: byID,
                                reviewMarks: marks, unreadable: unreadable)
    }

    /// `PROJET — 5 novembre 2021` anywhere, or `PROJET` alone in a header.
    static func isDraftMark(_ text: String, header: Bool) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.range(of: #"^PROJET\s+[—–-]\s"#, options: .regularExpression) != nil { return true }
        return header && t.range(of: #"(^|\s)PROJET(\s|$)"#, options: .regularExpression) != nil
    }
}

/// The folder given to `check --documents` is exactly a final build of the current offer:
/// nothing more, nothing changed, nothing built from other inputs, no draft mark or comment.
struct FolderRule: CheckRule {
    let id = "folder"
    var title: String { CheckMessage.title(id).text }
    let needsDocuments = true

    func evaluate(_ context: CheckContext) -> RuleResult {
        guard let folder = context.folder else { return .skip(CheckMessage.folderSkip.text) }
        var findings: [Finding] = []
        func error(_ file: String?, _ message: String, _ hint: String) {
            findings.append(finding(.error, message, hint: hint, location: file.map { SourceLocation(file: $0) }, document: file))
        }
        let rebuild = CheckMessage.rebuild(context.offer.file).text
        guard let manifest = folder.manifest else {
            error(nil, folder.manifestPresent ? CheckMessage.manifestUnreadable(BuildManifest.fileName).text
                                              : CheckMessage.noManifest(BuildManifest.fileName).text,
                  rebuild)
            return RuleResult(findings)
        }
        if manifest.kind == .draft {
            error(nil, CheckMessage.draftFolder.text, rebuild + CheckMessage.withoutDraft.text)
        }
        let listed = Dictionary(manifest.files.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for file in folder.files {
            guard let entry = listed[file.name] else {
                error(file.name, CheckMessage.notInManifest(file.name).text,
                      CheckMessage.removeOr(rebuild).text)
                continue
            }
            if entry.sha256 != file.sha256 || entry.size != file.size {
                error(file.name, CheckMessage.changed(file.name).text,
                      CheckMessage.rebuildNotEdit(context.offer.file).text)
            }
        }
        let present = Set(folder.files.map(\.name))
        for entry in manifest.files where !present.contains(entry.name) {
            error(entry.name, CheckMessage.missingFromFolder(entry.name).text, rebuild)
        }
        // Inputs: each document must come from the current offer's files, as they are now.
        var changedInputs: [String: [String]] = [:]   // document id → inputs that differ
        let before = Dictionary(manifest.inputs.map { ("\($0.role.rawValue):\($0.path)", $0) }, uniquingKeysWith: { a, _ in a })
        let now = Dictionary(folder.inputs.map { ("\($0.role.rawValue):\($0.path)", $0) }, uniquingKeysWith: { a, _ in a })
        for input in folder.inputs {
            let old = before["\(input.role.rawValue):\(input.path)"]
            if old?.sha256 != input.sha256 {
                for id in input.documents { changedInputs[id, default: []].append(input.path) }
            }
        }
        for input in manifest.inputs where now["\(input.role.rawValue):\(input.path)"] == nil {
            for id in input.documents { changedInputs[id, default: []].append(input.path) }
        }
        for entry in manifest.files {
            guard let id = entry.document else { continue }
            let why = changedInputs[id] ?? (context.offer.documents.contains { $0.id == id } ? [] : [CheckMessage.documentNotInOffer(id).text])
            guard !why.isEmpty else { continue }
            error(entry.name, CheckMessage.otherInputs(entry.name, why).text,
                  rebuild)
        }
        // Whole-submission files (the merged PDF) come from every input.
        if !changedInputs.isEmpty {
            for entry in manifest.files where entry.document == nil && entry.name.lowercased().hasSuffix(".pdf") {
                error(entry.name, CheckMessage.otherInputs(entry.name, []).text, rebuild)
            }
        }
        for (name, marks) in folder.reviewMarks.sorted(by: { $0.key < $1.key }) {
            error(name, CheckMessage.marked(name, marks).text,
                  rebuild + CheckMessage.withoutDraft.text)
        }
        for (name, reasons) in folder.unreadable.sorted(by: { $0.key < $1.key }) {
            error(name, CheckMessage.notExamined(name, reasons).text,
                  CheckMessage.notExaminedHint.text)
        }
        if findings.isEmpty {
            findings.append(finding(.info, CheckMessage.folderMatches(files: folder.files.count).text))
        }
        return RuleResult(findings)
    }
}

import Foundation

/// Temporary folders and files named after the process that made them, so that those left
/// by a run that was killed (kill -9 leaves no chance to clean up) are recognized and
/// removed by the next run, and never those of a run still going.
///
/// Names: `<prefix>-<pid>-<random>` in the temporary folder (`$TMPDIR`, else /tmp).
public enum Scratch {
    /// The prefixes of tender's temporary folders.
    static let prefixes = ["tender-lo", "tender-check", "tender-merge"]

    /// Makes a fresh folder `$TMPDIR/<prefix>-<pid>-<uuid>`, first removing the stale folders
    /// of dead tender processes.
    static func makeFolder(prefix: String) throws -> String {
        sweepStaleFolders()
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TenderError.error(
                FileMessage.noTemporaryFolder(FileManager.default.temporaryDirectory.path, SystemError.describe(error)).text,
                hint: FileMessage.temporaryFolderHint.text, status: .cannotCreate)
        }
        return path
    }

    /// Removes the temporary folders of tender processes that no longer run.
    public static func sweepStaleFolders() {
        let root = FileManager.default.temporaryDirectory.path
        for name in entries(of: root, startingWith: "tender-") {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0 + "-") }),
                  let pid = pid(in: name, after: prefix + "-"), !isRunning(pid) else { continue }
            try? FileManager.default.removeItem(atPath: root + "/" + name)
        }
    }

    /// Removes `.<name>.tmp-<pid>-XXXXXX` files in `folder` left by dead processes for `name`.
    static func sweepStaleTemporaries(of name: String, in folder: String) {
        let prefix = ".\(name).tmp-"
        for entry in entries(of: folder, startingWith: prefix) {
            guard let pid = pid(in: entry, after: prefix), !isRunning(pid) else { continue }
            unlink(folder + "/" + entry)
        }
    }

    /// The names in `folder` that start with `prefix`, none if it cannot be read. Through
    /// readdir, comparing bytes: the folder is often a crowded /tmp, and FileManager's listing
    /// built a String for each of its thousands of names at every run.
    static func entries(of folder: String, startingWith prefix: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        let wanted = Array(prefix.utf8)
        var names: [String] = []
        while let entry = readdir(dir) {
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                if bytes.starts(with: wanted) { names.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        return names
    }

    /// The process id written after `prefix` in `name` (`<prefix><pid>-…`).
    static func pid(in name: String, after prefix: String) -> pid_t? {
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
        return pid
    }

    /// Whether a process with this id exists (one of another user counts as running).
    static func isRunning(_ pid: pid_t) -> Bool {
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

import Foundation

/// A folder written in full beside its target, then swapped in at once: a build replaces a
/// folder, never mixes with an earlier one.
///
/// The staging folder is `.<name>.building-<pid>` next to the target (same file system, so the
/// swap is a rename). `commit()` exchanges it with the target in one `renameat2(RENAME_EXCHANGE)`
/// call when the target exists (Linux), then removes the old content; until that call the target
/// is the previous complete folder, after it the new complete one. A build that fails or is
/// killed leaves the target untouched; its staging folder is removed by `discard()`, or by the
/// next build into the same target when its process is gone.
public final class StagedFolder {
    /// The folder the build is for (`build/cuf-dcol`).
    public let target: String
    /// Where the build writes.
    public let path: String
    private var done = false

    public init(target: String) throws {
        var t = target
        while t.count > 1 && t.hasSuffix("/") { t.removeLast() }
        self.target = t
        let parent = AtomicFile.folder(of: t)
        let name = (t as NSString).lastPathComponent
        path = (parent == "." && !t.hasPrefix("./") ? "" : parent + "/") + ".\(name).building-\(getpid())"
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw TenderError.error(ToolMessage.cannotCreateFolder(parent, SystemError.describe(error)).text, status: .cannotCreate)
        }
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: t, isDirectory: &isFolder), !isFolder.boolValue {
            throw TenderError.error(ToolMessage.isFileNotFolder(t).text, hint: ToolMessage.chooseAnotherFolder.text, status: .cannotCreate)
        }
        Self.removeAbandoned(beside: parent, name: name)
        try? fm.removeItem(atPath: path)
        guard mkdir(path, 0o777) == 0 else {
            throw TenderError.error(ToolMessage.cannotCreateFolder(path, SystemError.describe(errno: errno)).text, status: .cannotCreate)
        }
    }

    deinit { if !done { try? FileManager.default.removeItem(atPath: path) } }

    /// The path of `name` in the staging folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Swaps the staging folder in; the previous content of the target is removed.
    public func commit() throws {
        precondition(!done)
        let fm = FileManager.default
        if fm.fileExists(atPath: target) {
            if Self.exchange(path, target) {
                done = true
                try? fm.removeItem(atPath: path)   // now the previous build
                return
            }
            // No atomic exchange (not Linux, or a file system without it): move the previous
            // build aside, then the new one in; a crash between leaves `<target>.previous`.
            let previous = target + ".previous"
            try? fm.removeItem(atPath: previous)
            guard rename(target, previous) == 0 else {
                throw TenderError.error(ToolMessage.cannotReplace(target, SystemError.describe(errno: errno)).text, status: .cannotCreate)
            }
            guard rename(path, target) == 0 else {
                let reason = SystemError.describe(errno: errno)
                _ = rename(previous, target)
                throw TenderError.error(ToolMessage.cannotReplace(target, reason).text, status: .cannotCreate)
            }
            done = true
            try? fm.removeItem(atPath: previous)
        } else {
            guard rename(path, target) == 0 else {
                throw TenderError.error(ToolMessage.cannotCreate(target, SystemError.describe(errno: errno)).text, status: .cannotCreate)
            }
            done = true
        }
        AtomicFile.synchronizeFolder(AtomicFile.folder(of: target))
    }

    /// Removes the staging folder (the target stays as it was).
    public func discard() {
        guard !done else { return }
        done = true
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Exchanges two paths atomically; false when the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let call = renameat2 else { return false }
        return call(AT_FDCWD, a, AT_FDCWD, b, 1 << 1 /* RENAME_EXCHANGE */) == 0
    }

    /// glibc's `renameat2`, looked up at run time: its header declares it only under _GNU_SOURCE,
    /// which Swift's Glibc module does not set.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Staging folders of builds into the same target whose process has ended (killed builds).
    static func removeAbandoned(beside parent: String, name: String) {
        let prefix = ".\(name).building-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
            }
        }
    }
}

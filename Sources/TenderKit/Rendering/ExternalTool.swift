import Foundation

/// Runs external programs (LibreOffice, poppler) with a time limit.
enum ExternalTool {
    struct Result { var status: Int32; var stdout: String; var stderr: String; var timedOut: Bool }

    /// The full path of a program on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `program` with `arguments` and waits at most `timeout` seconds.
    ///
    /// The program runs in a process group of its own, which is killed as a whole: when the
    /// time is up (SIGTERM, then SIGKILL two seconds later), when the program ends (helpers it
    /// left behind in its group), and when tender itself dies, even by SIGKILL (a watchdog
    /// process notices, see `Watchdog`). Its output goes to unlinked temporary files, not
    /// pipes, so that a helper that escapes the group (setsid) and keeps them open cannot
    /// hold tender waiting.
    static func run(_ program: String, _ arguments: [String], timeout: Int, environment: [String: String]? = nil) throws -> Result {
        let out = try anonymousFile(), err = try anonymousFile()
        defer { close(out); close(err) }
        // The watchdog is up before the program starts, and learns its group at once: tender
        // killed right after starting it (as a test does) still takes it along.
        let watchdog = Watchdog()
        let pid = try spawn(program, arguments, environment: environment ?? ProcessInfo.processInfo.environment,
                            stdout: out, stderr: err, newGroup: true)
        watchdog.watch(group: pid)
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        var timedOut = false
        var killedAt: Date?
        while !hasExited(pid) {
            if let killedAt {
                if Date().timeIntervalSince(killedAt) > 2 { kill(-pid, SIGKILL) }
            } else if Date() >= deadline {
                timedOut = true
                kill(-pid, SIGTERM)
                killedAt = Date()
            }
            usleep(20_000)
        }
        // The leader is a zombie still (not reaped), so its group id cannot be reused: kill what it left in its group.
        kill(-pid, SIGKILL)
        let status = reap(pid)
        watchdog.release()
        return Result(status: status, stdout: readAll(out), stderr: readAll(err), timedOut: timedOut)
    }

    /// Starts `program`, optionally as the leader of a new process group, with default signal
    /// handling (an ignored SIGTERM is not inherited) and standard input from /dev/null.
    static func spawn(_ program: String, _ arguments: [String], environment: [String: String],
                      stdin: Int32? = nil, stdout: Int32, stderr: Int32, newGroup: Bool) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        if newGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)

        closeOnExec()
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard code == 0 else {
            throw TenderError.error(ToolMessage.cannotRun(program, SystemError.describe(errno: code)).text, status: .unavailable)
        }
        return pid
    }

    /// Marks every descriptor above standard error close-on-exec, so that a program started
    /// gets only its standard input and outputs. Descriptors inherited by tender (a pipe of
    /// the program that started it) would otherwise pass to a tool's helpers, and a helper
    /// that outlives tender would keep that program waiting for the end of tender's output.
    private static func closeOnExec() {
        guard let dir = opendir("/proc/self/fd") else { return }
        defer { closedir(dir) }
        let own = dirfd(dir)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let fd = Int32(name), fd > 2, fd != own else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// Whether `pid` has ended, leaving it unreaped (a zombie keeps its process group id taken).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        while true {
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r == 0 { return info._sifields._sigchld.si_pid == pid }
            if errno == EINTR { continue }
            return true  // ECHILD: already reaped
        }
    }

    /// Reaps `pid`: its exit status, or 128 + the signal that ended it (as a shell reports it).
    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// A temporary file already unlinked: nothing is left behind whatever happens to tender.
    private static func anonymousFile() throws -> Int32 {
        var template = Array((FileManager.default.temporaryDirectory.path + "/tender-out-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            throw TenderError.error(ToolMessage.cannotCreateTemporaryFile(SystemError.describe(errno: errno)).text,
                                    hint: ToolMessage.temporaryFolderHint.text, status: .cannotCreate)
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = unlink(template)
        return fd
    }

    /// The whole content of `fd`, from its start, as text (at most 1 MiB: tools' messages).
    private static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while bytes.count < 1 << 20 {
            let n = pread(fd, &buffer, buffer.count, offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            offset += off_t(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A small process that kills a process group when tender dies without doing it itself
    /// (SIGKILL, a crash): it waits on a pipe only tender holds open, first for the group, then
    /// for a word; end of file without the word means tender is gone.
    final class Watchdog {
        private var writeEnd: Int32 = -1
        private var pid: pid_t = 0

        init() {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { return }
            // Only tender may hold the writing end (a tool inheriting it would keep the watchdog waiting).
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            defer { close(fds[0]) }
            let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
            defer { if null >= 0 { close(null) } }
            let script = "trap '' INT TERM HUP; read group; read word; case \"$group\" in ''|*[!0-9]*) exit 0;; esac; "
                + "[ \"$word\" = done ] || kill -KILL -\"$group\" 2>/dev/null"
            // Its own group too, so that a Ctrl-C meant for tender does not stop it first.
            guard let pid = try? ExternalTool.spawn("/bin/sh", ["-c", script], environment: ["PATH": "/usr/bin:/bin"],
                                                    stdin: fds[0], stdout: max(null, 1), stderr: max(null, 2), newGroup: true) else {
                close(fds[1])
                return
            }
            self.pid = pid
            writeEnd = fds[1]
        }

        /// The group to kill should tender die.
        func watch(group: pid_t) {
            guard writeEnd >= 0 else { return }
            let line = Array("\(group)\n".utf8)
            _ = line.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
        }

        /// The group is done with: tell the watchdog to leave without killing, and reap it later.
        func release() {
            guard writeEnd >= 0 else { return }
            _ = "done\n".withCString { write(writeEnd, $0, 5) }
            close(writeEnd)
            writeEnd = -1
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }

        deinit { release() }
    }
}

/// Converts documents to PDF with LibreOffice, all in one call, with a private profile.
public enum LibreOffice {
    public static var isAvailable: Bool { executable != nil }

    static var executable: String? { ExternalTool.find("soffice") ?? ExternalTool.find("libreoffice") }

    /// The command that installs LibreOffice and the fonts the templates use.
    public static let installCommand = "apt-get install libreoffice-writer-nogui fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2"
    public static var installHint: String { ToolMessage.install("LibreOffice", command: installCommand).text }

    /// Writer's PDF export with its `ExportNotes` option: comments exported as annotations.
    static let pdfWithNotes = #"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#

    /// Converts `documents` to PDF into `folder`; returns the PDF paths in the same order.
    /// `progress` receives a line for the user (stderr) when the work starts.
    /// With `exportNotes`, the documents' comments become PDF annotations (drafts for review).
    ///
    /// LibreOffice runs with a private profile, home and cache (it writes nowhere else), and
    /// writes into a private folder: each PDF is checked to be complete, then moved into
    /// `folder` atomically. A LibreOffice left running after tender died thus never writes
    /// into `folder`.
    public static func convertToPDF(_ documents: [String], into folder: String, timeout: Int = 300, exportNotes: Bool = false,
                                    progress: ((String) -> Void)? = nil) throws -> [String] {
        try convert(documents, into: folder, timeout: timeout, exportNotes: exportNotes, progress: progress).pdfs
    }

    /// `convertToPDF`, and with `sheets`, every workbook's sheets as CSV too (as `sheetsAsCSV`
    /// gives them), from the same start of LibreOffice: one start for everything, either a
    /// plain conversion or, when a document needs it (an index to update, rows to fit, sheets
    /// to read), the macro of `IndexRefresh` for all of them.
    static func convert(_ documents: [String], into folder: String, timeout: Int = 300, exportNotes: Bool = false, sheets: Bool = false,
                        progress: ((String) -> Void)? = nil) throws -> (pdfs: [String], sheets: [String: [(sheet: String, csv: String)]]) {
        guard !documents.isEmpty else { return ([], [:]) }
        guard let soffice = executable else {
            throw TenderError.error(ToolMessage.sofficeMissing.text, hint: installHint, status: .unavailable)
        }
        let fm = FileManager.default
        let scratch = try Scratch.makeFolder(prefix: "tender-lo")
        defer { try? fm.removeItem(atPath: scratch) }
        let outdir = scratch + "/out"
        for sub in ["profile", "home", "cache", "config", "tmp", "out", "csv"] {
            try? fm.createDirectory(atPath: scratch + "/" + sub, withIntermediateDirectories: true)
        }
        progress?(Message.convertingToPDF(documents.count).text)
        let profile = URL(fileURLWithPath: scratch + "/profile")
        let unoCache = URL(fileURLWithPath: scratch + "/cache/uno_packages").absoluteString
        let environment = privateEnvironment(scratch)
        let outputs = documents.map { outdir + "/" + (($0 as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf" }
        // A workbook's sheets go to `csv/<rank>.csv`, which LibreOffice writes as `csv/<rank>-SHEET.csv`.
        let csv = documents.indices.map { i in sheets && DocumentFormat.isWorkbook(path: documents[i]) ? scratch + "/csv/\(i + 1).csv" : nil }
        let macro = csv.contains { $0 != nil } || documents.contains {
            (!exportNotes && DocumentFormat.holdsIndex(path: $0)) || DocumentFormat.needsRowHeights(path: $0)
        }
        let result = macro
            ? try IndexRefresh.convert(documents, to: outputs, sheets: csv, soffice: soffice, profile: profile, exportNotes: exportNotes,
                                       extra: ["-env:UNO_SHARED_PACKAGES_CACHE=\(unoCache)"], environment: environment, timeout: timeout)
            : try ExternalTool.run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "-env:UNO_SHARED_PACKAGES_CACHE=\(unoCache)",
                                             "--headless", "--norestore", "--convert-to", exportNotes ? pdfWithNotes : "pdf",
                                             "--outdir", outdir] + documents,
                                   timeout: timeout, environment: environment)
        if result.timedOut {
            throw TenderError.error(ToolMessage.conversionTimedOut(Int(timeout)).text,
                                    hint: ToolMessage.conversionTimedOutHint.text,
                                    status: .unavailable, code: .conversionTimedOut)
        }
        var converted: [String] = []
        var failed: [String] = []
        for (doc, pdf) in zip(documents, outputs) {
            if PDF.isComplete(pdf) { converted.append(pdf) } else { failed.append(doc) }
        }
        if !failed.isEmpty {
            if let full = DiskSpace.exhausted(outdir) {
                throw TenderError.error(ToolMessage.pdfsNoSpace(full).text,
                                        hint: ToolMessage.pdfsNoSpaceHint.text, status: .cannotCreate)
            }
            let detail = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw TenderError.error(ToolMessage.cannotConvert(failed, status: result.status, detail: detail.isEmpty ? "" : Quote.cut(detail, max: 200)).text,
                                    hint: ToolMessage.cannotConvertHint.text, status: .unavailable)
        }
        var read: [String: [(sheet: String, csv: String)]] = [:]
        for (i, path) in documents.enumerated() where csv[i] != nil {
            read[path] = csvFiles(in: scratch + "/csv", prefix: "\(i + 1)-")
        }
        var pdfs: [String] = []
        for pdf in converted {
            let target = (folder as NSString).appendingPathComponent((pdf as NSString).lastPathComponent)
            try AtomicFile.move(pdf, to: target)
            pdfs.append(target)
        }
        return (pdfs, read)
    }

    /// The sheets LibreOffice exported into `folder` as `<prefix>SHEET.csv`: their names and
    /// texts, sorted by name.
    static func csvFiles(in folder: String, prefix: String) -> [(sheet: String, csv: String)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".csv") }.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
            return (String(name.dropFirst(prefix.count).dropLast(4)), String(decoding: data, as: UTF8.self))
        }
    }

    /// The environment LibreOffice runs with: tender's, with a home, cache, configuration and
    /// temporary folder of its own in `scratch` (it would otherwise write ~/.cache/dconf and more),
    /// and the C.UTF-8 locale: LibreOffice 7.4 never finishes starting under a locale the system
    /// does not have (`LANG=fr_FR.UTF-8` without `locales` set up), and the PDF must not depend
    /// on the user's locale anyway (a document's language is in the document).
    static func privateEnvironment(_ scratch: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key == "LANGUAGE" || key.hasPrefix("LC_") { environment.removeValue(forKey: key) }
        environment["LANG"] = "C.UTF-8"
        environment["HOME"] = scratch + "/home"
        environment["XDG_CACHE_HOME"] = scratch + "/cache"
        environment["XDG_CONFIG_HOME"] = scratch + "/config"
        environment["XDG_DATA_HOME"] = scratch + "/home/.local/share"
        environment["TMPDIR"] = scratch + "/tmp"
        environment["GSETTINGS_BACKEND"] = "memory"
        environment["DCONF_PROFILE"] = "/dev/null"
        environment.removeValue(forKey: "DBUS_SESSION_BUS_ADDRESS")
        environment.removeValue(forKey: "DISPLAY")
        return environment
    }

    /// Calc's CSV export: comma, double quote, UTF-8 (76), cells as shown (token 9: the figure a
    /// reader sees, `8 250,00 €`, and errors as `#REF!` or `Err:502`), every sheet to a file of
    /// its own (token 12, -1: `NAME-SHEET.csv`).
    static let csvOptions = "44,34,76,1,,0,false,true,true,false,false,-1"
    static let csvEverySheet = "csv:Text - txt - csv (StarCalc):" + csvOptions

    /// Has LibreOffice load `workbooks` (which recalculates their formulas) and export every
    /// sheet's cells as shown, all in one call; returns, per workbook in the same order, its
    /// sheets' names and CSV texts (sorted by name). A workbook LibreOffice did not export has
    /// no sheets; a call that fails or runs out of time throws.
    static func sheetsAsCSV(_ workbooks: [String], timeout: Int = 300) throws -> [[(sheet: String, csv: String)]] {
        guard !workbooks.isEmpty else { return [] }
        guard let soffice = executable else {
            throw TenderError.error(ToolMessage.sofficeMissing.text, hint: installHint, status: .unavailable)
        }
        let fm = FileManager.default
        let scratch = try Scratch.makeFolder(prefix: "tender-lo")
        defer { try? fm.removeItem(atPath: scratch) }
        for sub in ["profile", "home", "cache", "config", "tmp", "out", "in"] {
            try? fm.createDirectory(atPath: scratch + "/" + sub, withIntermediateDirectories: true)
        }
        // Copied under their rank (`1.xlsx`): the outputs `1-SHEET.csv` tell whose sheets they are.
        var inputs: [String] = []
        for (i, path) in workbooks.enumerated() {
            let copy = scratch + "/in/\(i + 1)." + (path as NSString).pathExtension
            try fm.copyItem(atPath: path, toPath: copy)
            inputs.append(copy)
        }
        let profile = URL(fileURLWithPath: scratch + "/profile").absoluteString
        let unoCache = URL(fileURLWithPath: scratch + "/cache/uno_packages").absoluteString
        let result = try ExternalTool.run(soffice, ["-env:UserInstallation=\(profile)", "-env:UNO_SHARED_PACKAGES_CACHE=\(unoCache)",
                                                    "--headless", "--norestore", "--convert-to", csvEverySheet,
                                                    "--outdir", scratch + "/out"] + inputs,
                                          timeout: timeout, environment: privateEnvironment(scratch))
        if result.timedOut {
            throw TenderError.error(ToolMessage.conversionTimedOut(Int(timeout)).text, hint: ToolMessage.conversionTimedOutHint.text,
                                    status: .unavailable, code: .conversionTimedOut)
        }
        return workbooks.indices.map { csvFiles(in: scratch + "/out", prefix: "\($0 + 1)-") }
    }
}

/// Telling a full disk from other failures.
enum DiskSpace {
    /// The folder's path when the file system holding it has (almost) no room left, else nil.
    static func exhausted(_ folder: String) -> String? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        return free < 1 << 20 ? folder : nil
    }
}

/// Reads PDFs with poppler-utils.
public enum PDF {
    public static let installCommand = "apt-get install poppler-utils"
    public static var installHint: String { ToolMessage.install("poppler-utils", command: installCommand).text }
    /// qpdf joins PDFs and reads their annotations.
    public static var qpdfInstallHint: String { ToolMessage.install("qpdf", command: "apt-get install qpdf").text }

    static func tool(_ name: String) throws -> String {
        guard let p = ExternalTool.find(name) else {
            throw TenderError.error(ToolMessage.notInstalled(name).text, hint: installHint, status: .unavailable)
        }
        return p
    }

    /// The number of pages.
    public static func pageCount(_ path: String) throws -> Int {
        let r = try ExternalTool.run(try tool("pdfinfo"), [path], timeout: 60)
        for line in r.stdout.split(separator: "\n") where line.hasPrefix("Pages:") {
            if let n = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) { return n }
        }
        throw TenderError.error(ToolMessage.cannotReadPageCount(path).text, hint: Quote.cut(r.stderr, max: 200), status: .unavailable)
    }

    /// Whether `path` is a whole PDF: it starts with `%PDF-` and its last KiB holds `%%EOF`
    /// (a tool that ran out of disk space may exit 0 over a truncated file).
    static func isComplete(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size >= 16 else { return false }
        var head = [UInt8](repeating: 0, count: 5)
        guard pread(fd, &head, 5, 0) == 5, head == Array("%PDF-".utf8) else { return false }
        let tailSize = min(Int(info.st_size), 1024)
        var tail = [UInt8](repeating: 0, count: tailSize)
        guard pread(fd, &tail, tailSize, off_t(info.st_size) - off_t(tailSize)) == tailSize else {
            return false
        }
        let marker = Array("%%EOF".utf8)
        return tail.indices.dropLast(marker.count - 1).contains { tail[$0..<($0 + marker.count)].elementsEqual(marker) }
    }

    /// The text of each page (form feeds split pages).
    public static func pageTexts(_ path: String) throws -> [String] {
        let r = try ExternalTool.run(try tool("pdftotext"), ["-layout", path, "-"], timeout: 60)
        guard r.status == 0 else {
            throw TenderError.error(ToolMessage.cannotReadText(path).text, hint: r.stderr, status: .unavailable)
        }
        var pages = r.stdout.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Joins PDFs into one, in order, atomically, with qpdf: one bookmark per input (its title,
    /// at its first page) and the title and subject in the document information.
    ///
    /// qpdf joins the pages (`--empty --pages`), then its JSON form of the result gives the page
    /// objects, and `--update-from-json` adds the outline items and the information dictionary:
    /// the PDF objects are written by qpdf, not by us.
    public static func merge(_ inputs: [(path: String, title: String)], into output: String, title: String, subject: String?) throws {
        guard let qpdf = ExternalTool.find("qpdf") else {
            throw TenderError.error(ToolMessage.qpdfMissingForJoin.text, hint: qpdfInstallHint, status: .unavailable)
        }
        var starts: [Int] = []
        var total = 0
        for input in inputs {
            starts.append(total)
            total += try pageCount(input.path)
        }
        let work = try Scratch.makeFolder(prefix: "tender-merge")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let joined = work + "/joined.pdf", updateFile = work + "/update.json"
        func run(_ arguments: [String]) throws -> ExternalTool.Result {
            let r = try ExternalTool.run(qpdf, arguments, timeout: 120)
            // qpdf exits 3 when it succeeded with warnings.
            guard r.status == 0 || r.status == 3 else {
                throw TenderError.error(ToolMessage.qpdfFailed(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)).text, status: .unavailable)
            }
            return r
        }
        _ = try run(["--empty", "--pages"] + inputs.map(\.path) + ["--", joined])
        let described = try run(["--json=2", "--json-key=qpdf", "--json-key=pages", joined])
        guard let json = try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any],
              let qpdfPart = json["qpdf"] as? [Any], let header = qpdfPart.first as? [String: Any],
              let objects = qpdfPart.dropFirst().first as? [String: Any],
              var trailer = (objects["trailer"] as? [String: Any])?["value"] as? [String: Any],
              let rootRef = trailer["/Root"] as? String, var root = value(of: rootRef, in: objects),
              let maxID = header["maxobjectid"] as? Int,
              let pages = (json["pages"] as? [[String: Any]])?.compactMap({ $0["object"] as? String }), pages.count == total else {
            throw TenderError.error(ToolMessage.qpdfUnexpected(joined).text, status: .unavailable)
        }
        let ref = { (n: Int) in "\(n) 0 R" }
        let outlines = maxID + 1, info = maxID + 2, first = maxID + 3
        let items = inputs.indices.filter { starts[$0] < total }
        var update: [String: Any] = [:]
        root["/Outlines"] = ref(outlines)
        root["/PageMode"] = "/UseOutlines"
        update["obj:\(rootRef)"] = ["value": root]
        var outlineValue: [String: Any] = ["/Type": "/Outlines", "/Count": items.count]
        if !items.isEmpty { outlineValue["/First"] = ref(first); outlineValue["/Last"] = ref(first + items.count - 1) }
        update["obj:\(ref(outlines))"] = ["value": outlineValue]
        for (k, i) in items.enumerated() {
            var item: [String: Any] = ["/Title": "u:" + inputs[i].title, "/Parent": ref(outlines), "/Dest": [pages[starts[i]], "/Fit"]]
            if k > 0 { item["/Prev"] = ref(first + k - 1) }
            if k < items.count - 1 { item["/Next"] = ref(first + k + 1) }
            update["obj:\(ref(first + k))"] = ["value": item]
        }
        // qpdf copies the pages' links but empties the page their destination names (it leaves
        // document-level data behind): each link gets its page back, found from the same link of
        // the input it came from (the same place in the same page's /Annots).
        for (i, input) in inputs.enumerated() {
            let source = try run(["--json=2", "--json-key=qpdf", "--json-key=pages", input.path])
            guard let sourceJSON = try JSONSerialization.jsonObject(with: Data(source.stdout.utf8)) as? [String: Any] else { continue }
            for (page, slot, target) in linkTargets(sourceJSON) where starts[i] + target < total {
                guard let annotations = value(of: pages[starts[i] + page], in: objects)?["/Annots"] as? [Any], slot < annotations.count,
                      let link = annotations[slot] as? String, var annotation = value(of: link, in: objects) else { continue }
                if var dest = annotation["/Dest"] as? [Any], !dest.isEmpty {
                    dest[0] = pages[starts[i] + target]
                    annotation["/Dest"] = dest
                } else if var action = annotation["/A"] as? [String: Any], var dest = action["/D"] as? [Any], !dest.isEmpty {
                    dest[0] = pages[starts[i] + target]
                    action["/D"] = dest
                    annotation["/A"] = action
                }
                update["obj:\(link)"] = ["value": annotation]
            }
        }
        var infoValue: [String: Any] = ["/Title": "u:" + title, "/Creator": "u:tender " + TenderVersion.current]
        if let subject { infoValue["/Subject"] = "u:" + subject }
        update["obj:\(ref(info))"] = ["value": infoValue]
        trailer["/Info"] = ref(info)
        update["trailer"] = ["value": trailer]
        let document: [String: Any] = ["qpdf": [header, update]]
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: updateFile))
        try AtomicFile.write(to: output) { temp in
            _ = try run([joined, "--update-from-json=\(updateFile)", "--deterministic-id", temp])
            // A tool that ran out of disk space may exit 0 over a truncated file: the result is
            // checked to be whole, with as many pages as the inputs together.
            let written = isComplete(temp) ? try? pageCount(temp) : nil
            guard written == total else {
                if let full = DiskSpace.exhausted(AtomicFile.folder(of: output)) {
                    throw TenderError.error(ToolMessage.mergedNoSpace(full).text,
                                            at: SourceLocation(file: output), hint: ToolMessage.mergedNoSpaceHint.text,
                                            status: .cannotCreate)
                }
                throw TenderError.error(ToolMessage.mergedIncomplete(written: written, total: total).text,
                                        at: SourceLocation(file: output), hint: ToolMessage.checkDiskSpaceAndBuild.text,
                                        status: .cannotCreate)
            }
        }
    }

    /// An object's value in qpdf's JSON form (`qpdf[1]`), by reference (`12 0 R`).
    static func value(of reference: String, in objects: [String: Any]) -> [String: Any]? {
        (objects["obj:\(reference)"] as? [String: Any])?["value"] as? [String: Any]
    }

    /// The links of a PDF that go to one of its pages (`/Dest` or a GoTo action with an explicit
    /// destination), read from qpdf's JSON: the page they are on, their place in its `/Annots`
    /// and the page they go to, all counted from 0.
    static func linkTargets(_ json: [String: Any]) -> [(page: Int, slot: Int, target: Int)] {
        guard let objects = (json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any],
              let pages = (json["pages"] as? [[String: Any]])?.compactMap({ $0["object"] as? String }) else { return [] }
        let index = Dictionary(pages.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [(page: Int, slot: Int, target: Int)] = []
        for (page, reference) in pages.enumerated() {
            let annotations = value(of: reference, in: objects)?["/Annots"] as? [Any] ?? []
            for (slot, annotation) in annotations.enumerated() {
                guard let link = annotation as? String, let object = value(of: link, in: objects),
                      object["/Subtype"] as? String == "/Link" else { continue }
                let dest = object["/Dest"] as? [Any] ?? ((object["/A"] as? [String: Any])?["/D"] as? [Any]) ?? []
                if let first = dest.first as? String, let target = index[first] { found.append((page, slot, target)) }
            }
        }
        return found
    }

    /// Annotation subtypes a reviewer adds (notes, highlights, drawings), not links or form fields.
    static let commentSubtypes: Set<String> = ["/Text", "/FreeText", "/Popup", "/Highlight", "/Underline", "/StrikeOut",
                                               "/Squiggly", "/Caret", "/Ink", "/Stamp", "/Square", "/Circle", "/Line"]

    /// The number of reviewer annotations (comments and the like) in a PDF, read with qpdf.
    public static func commentCount(_ path: String) throws -> Int {
        guard let qpdf = ExternalTool.find("qpdf") else {
            throw TenderError.error(ToolMessage.qpdfMissingForAnnotations.text, hint: qpdfInstallHint,
                                    status: .unavailable)
        }
        let r = try ExternalTool.run(qpdf, ["--json=2", "--json-key=qpdf", path], timeout: 120)
        guard r.status == 0 || r.status == 3,
              let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let objects = (json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any] else {
            throw TenderError.error(ToolMessage.cannotReadWithQpdf(path, r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)).text,
                                    status: .unavailable)
        }
        var count = 0
        for case let object as [String: Any] in objects.values {
            guard let value = object["value"] as? [String: Any], let subtype = value["/Subtype"] as? String,
                  (value["/Type"] as? String).map({ $0 == "/Annot" }) ?? true, commentSubtypes.contains(subtype) else { continue }
            count += 1
        }
        return count
    }
}

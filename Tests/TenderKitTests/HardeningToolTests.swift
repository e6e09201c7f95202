import Foundation
import Testing
@testable import TenderKit

/// Issue 17, the faults of external tools and of the machine: kill -9, full disks, hung or
/// lying tools, and the checks a build makes before it writes. Tools are replaced by small
/// scripts on PATH (a fault injected), so these tests need no LibreOffice; those that mount
/// a small tmpfs need root.

/// A one-page PDF that poppler reads.
let minimalPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

/// A PATH folder with links to real tools and scripts standing in for others.
struct FakeTools {
    let bin: String
    let dir: TemporaryFolder

    init(_ dir: TemporaryFolder, linking tools: [String] = ["pdfinfo", "pdftotext", "qpdf"], scripts: [String: String]) throws {
        self.dir = dir
        bin = try pathFolder(dir, linking: tools)
        try minimalPDF.write(toFile: dir.file("one.pdf"), atomically: true, encoding: .utf8)
        for (name, body) in scripts {
            try ("#!/bin/sh\nPATH=\"$PATH:/usr/bin:/bin\"\n" + body).write(toFile: bin + "/" + name, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/" + name)
        }
    }

    /// A soffice that writes a one-page PDF for each document into --outdir, after `before`.
    static func soffice(before: String = "") -> String {
        """
        \(before)
        next=0; out=""
        for a in "$@"; do
          if [ "$next" = 1 ]; then out="$a"; next=0; continue; fi
          case "$a" in
            --outdir) next=1 ;;
            -*) ;;
            *) if [ -n "$out" ]; then b=$(basename "$a"); cp "$PDF" "$out/${b%.*}.pdf"; fi ;;
          esac
        done
        exit 0
        """
    }

    var environment: [String: String] { ["PATH": bin, "PDF": dir.file("one.pdf"), "TMPDIR": dir.path] }

    func run(_ args: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
        try CLI.runProgram(CLI.binary!, args, environment: environment.merging(extra) { $1 })
    }
}

/// Whether `pid` still runs (a zombie does not).
func isAlive(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
}

/// A process id that no process has now.
func deadPid() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

/// Mounts a tmpfs of `kilobytes` at `path` (root only) for the body's time.
func withTmpfs<T>(at path: String, kilobytes: Int, readOnly: Bool = false, _ body: () throws -> T) throws -> T {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    let mount = try CLI.runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k\(readOnly ? ",ro" : "")", "tmpfs", path])
    guard mount.status == 0 else { throw Fixture.Failure(description: "cannot mount a tmpfs: \(mount.stderr)") }
    defer { _ = try? CLI.runProgram("/bin/umount", ["-l", path]) }
    return try body()
}

let canMountTmpfs: Bool = {
    guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
    let probe = NSTemporaryDirectory() + "tender-mount-probe-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: probe) }
    return (try? withTmpfs(at: probe, kilobytes: 64) { true }) ?? false
}()

@Suite(.serialized, .needs(.tender), .inLanguage(.french))
struct HardeningToolTests {
    // MARK: 5. A merged PDF is checked before success is reported

    @Test func item05_truncatedMergedPDFIsAnError() throws {
        let fixture = try CheckFixture()
        let tools = try FakeTools(fixture.dir, linking: ["pdfinfo", "pdftotext"], scripts: [
            "soffice": FakeTools.soffice(),
            // qpdf on a full disk: the merged PDF truncated, and exit 0.
            "qpdf": """
            /usr/bin/qpdf "$@"; status=$?
            for a in "$@"; do last="$a"; case "$a" in --update-from-json=*) final=1 ;; esac; done
            if [ -n "$final" ]; then head -c 60 "$last" > "$last.cut"; mv "$last.cut" "$last"; exit 0; fi
            exit $status
            """,
        ])
        let out = fixture.dir.file("out")
        let run = try tools.run(["build", fixture.offerPath, "--merge", "-o", out, "--today", "2021-10-01"])
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("PDF incomplet"))
        #expect(!run.stdout.contains("pages au total"))
        // The build was staged: a failed one leaves no folder at all, so no merged PDF.
        #expect(!FileManager.default.fileExists(atPath: out))
        // With a qpdf that works, the same build succeeds and counts the pages.
        let good = try FakeTools(try TemporaryFolder(), scripts: ["soffice": FakeTools.soffice()])
        let fine = try good.run(["build", fixture.offerPath, "--merge", "-o", fixture.dir.file("out2"), "--today", "2021-10-01"])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("(3 pages au total)"))
    }

    @Test func item05_truncatedConvertedPDFIsAnError() throws {
        let fixture = try CheckFixture()
        let tools = try FakeTools(fixture.dir, scripts: ["soffice": FakeTools.soffice(before: "head -c 40 \"$PDF\" > \"$PDF.cut\"; PDF=\"$PDF.cut\"")])
        let run = try tools.run(["build", fixture.offerPath, "--pdf", "-o", fixture.dir.file("out"), "--today", "2021-10-01"])
        #expect(run.status == 69)
        #expect(run.stderr.contains("n’a pas pu convertir"))
    }

    // MARK: 11. Raw errors and exit codes

    @Test func item11_buildOntoAFileExits73WithASentence() throws {
        let fixture = try CheckFixture()
        try "x".write(toFile: fixture.dir.file("taken"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["build", fixture.offerPath, "-o", fixture.dir.file("taken"), "--today", "2021-10-01"])
        #expect(run.status == 73)
        #expect(run.stderr.contains("la sortie est un fichier, pas un dossier"))
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test(.enabled(if: canMountTmpfs, "needs root to mount a small tmpfs"))
    func item11_readOnlyMountExits73() throws {
        let fixture = try CheckFixture()
        let mount = fixture.dir.file("ro")
        let run = try withTmpfs(at: mount, kilobytes: 256, readOnly: true) {
            try CLI.run(["build", fixture.offerPath, "-o", mount + "/build", "--today", "2021-10-01"])
        }
        #expect(run.status == 73)
        #expect(run.stderr.contains("lecture seule"))
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test(.enabled(if: canMountTmpfs, "needs root to mount a small tmpfs"))
    func item11_fullDiskDuringConversionExits73() throws {
        let fixture = try CheckFixture()
        let small = fixture.dir.file("small")
        // A soffice that ignores ENOSPC, as LibreOffice does: it fills the disk and exits 0.
        let tools = try FakeTools(fixture.dir, scripts: [
            "soffice": FakeTools.soffice(before: "dd if=/dev/zero of=\"$TMPDIR/fill\" bs=64k count=100 2>/dev/null; PDF=/nonexistent"),
        ])
        let run = try withTmpfs(at: small, kilobytes: 512) {
            try tools.run(["build", fixture.offerPath, "--pdf", "-o", fixture.dir.file("out"), "--today", "2021-10-01"],
                          environment: ["TMPDIR": small])
        }
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("plus de place sur le disque"))
    }

    // MARK: 12. kill -9 leaves nothing running and nothing behind

    @Test func item12_libreOfficeDiesWithTender() throws {
        let fixture = try CheckFixture(.init(rules: "{ cv_pages: 1 }"))
        let tools = try FakeTools(fixture.dir, scripts: ["soffice": "echo $$ > \"$PDF.pid\"\nexec sleep 60\n"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary!)
        process.arguments = ["check", fixture.offerPath, "--as-of", "2021-10-01"]
        process.environment = tools.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pidFile = tools.dir.file("one.pdf.pid")
        var soffice: pid_t?
        for _ in 0..<300 where soffice == nil {
            usleep(50_000)
            soffice = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let pid = try #require(soffice)
        #expect(isAlive(pid))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var alive = true
        for _ in 0..<100 where alive {
            usleep(50_000)
            alive = isAlive(pid)
        }
        #expect(!alive, "the stand-in LibreOffice outlived tender")
        if alive { kill(pid, SIGKILL) }
    }

    @Test func item12_staleOutputTemporariesOfDeadRunsAreRemoved() throws {
        let dir = try TemporaryFolder()
        let dead = try deadPid()
        // Left by a run killed while writing out.json; and one of a run still going (this one).
        try "x".write(toFile: dir.file(".out.json.tmp-\(dead)-abcdef"), atomically: false, encoding: .utf8)
        try "x".write(toFile: dir.file(".out.json.tmp-\(getpid())-abcdef"), atomically: false, encoding: .utf8)
        let run = try CLI.run(["schema", "-o", dir.file("out.json")])
        #expect(run.status == 0)
        #expect(try dir.contents() == [".out.json.tmp-\(getpid())-abcdef", "out.json"])
    }

    @Test func item12_staleScratchFoldersAreSweptAtStart() throws {
        let fixture = try CheckFixture(.init(rules: "{ cv_pages: 1 }"))
        let tools = try FakeTools(fixture.dir, scripts: ["soffice": FakeTools.soffice()])
        let dead = try deadPid()
        let stale = [fixture.dir.file("tender-lo-\(dead)-X"), fixture.dir.file("tender-check-\(dead)-Y")]
        for folder in stale { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let run = try tools.run(["check", fixture.offerPath, "--as-of", "2021-10-01"])
        #expect(run.status != 70, "\(run.stderr)")
        for folder in stale { #expect(!FileManager.default.fileExists(atPath: folder)) }
        // Nothing of this run is left either.
        #expect(!(try fixture.dir.contents()).contains { $0.hasPrefix("tender-lo-") || $0.hasPrefix("tender-check-") || $0.hasPrefix("tender-out-") })
    }

    // MARK: 13. Timeouts bound the run

    @Test func item13_aToolLeavingAChildDoesNotHoldTender() throws {
        let fixture = try CheckFixture(.init(rules: "{ cv_pages: 1 }"))
        let tools = try FakeTools(fixture.dir, linking: ["pdfinfo", "pdftotext", "setsid", "sleep"], scripts: [
            "soffice": "setsid sleep 30 &\nexit 0\n",
        ])
        let started = Date()
        let run = try tools.run(["check", fixture.offerPath, "--as-of", "2021-10-01", "--timeout", "5"])
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(run.status == 1)
        #expect(run.stdout.contains("render"))
    }

    @Test func item13_buildHasATimeout() throws {
        let fixture = try CheckFixture()
        let tools = try FakeTools(fixture.dir, linking: ["pdfinfo", "pdftotext", "sleep"], scripts: ["soffice": "trap '' TERM\nsleep 60\n"])
        let started = Date()
        let run = try tools.run(["build", fixture.offerPath, "--pdf", "-o", fixture.dir.file("out"), "--today", "2021-10-01", "--timeout", "2"])
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(run.status == 69)
        #expect(run.stderr.contains("en 2 s"))
    }

    // MARK: 14. Everything checkable is checked before anything is written

    @Test func item14_missingToolsStopTheBuildBeforeItWrites() throws {
        let fixture = try CheckFixture()
        let tools = try FakeTools(fixture.dir, linking: ["pdfinfo"], scripts: [:])
        let out = fixture.dir.file("out")
        let run = try tools.run(["build", fixture.offerPath, "--merge", "-o", out, "--today", "2021-10-01"])
        #expect(run.status == 69)
        #expect(run.stderr.contains("soffice"))
        #expect(run.stderr.contains("qpdf"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func item14_sinceOutsideGitStopsTheBuildBeforeItWrites() throws {
        let fixture = try CheckFixture()
        let out = fixture.dir.file("out")
        let run = try CLI.run(["build", fixture.offerPath, "--draft", "--since", "HEAD", "-o", out, "--today", "2021-10-01"])
        #expect(run.status == 66 || run.status == 65, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func item14_badOutputNamesAndTemplatesStopTheBuildBeforeItWrites() throws {
        var options = CheckFixture.Options()
        options.documents = """
          - { id: memoire, template: ../memoire.docx, output: "\(String(repeating: "M", count: 300)).docx" }
          - { id: cv, template: ../cv.docx, per: team, output: "CV {{ person.name }}.docx" }
        """
        let fixture = try CheckFixture(options)
        let out = fixture.dir.file("out")
        let run = try CLI.run(["build", fixture.offerPath, "-o", out, "--today", "2021-10-01"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("octets"))
        #expect(!FileManager.default.fileExists(atPath: out))

        var broken = CheckFixture.Options()
        broken.documents = "  - { id: memoire, template: ../missing.docx, output: \"M.docx\" }\n"
        let second = try CheckFixture(broken)
        let failed = try CLI.run(["build", second.offerPath, "-o", second.dir.file("out"), "--today", "2021-10-01"])
        #expect(failed.status != 0)
        #expect(!FileManager.default.fileExists(atPath: second.dir.file("out")))
    }

    // MARK: 15. Invalid values on the command line

    @Test func item15_invalidCommandLineValuesAreRefused() throws {
        let help = try CLI.run(["help", "nosuch"])
        #expect(help.status == 64)
        #expect(help.stderr.contains("commande inconnue « nosuch »"))
        #expect(try CLI.run(["help", "render"]).status == 0)

        let fixture = try CheckFixture()
        let asOf = try CLI.run(["check", fixture.offerPath, "--as-of", "2021-11-05T12:00+99:00", "--no-render"])
        #expect(asOf.status == 64)

        let dir = try TemporaryFolder()
        try DocxFixture.make(at: dir.file("t.docx"), body: p(r("{{ ref }}")))
        try #"{"ref": "A"}"#.write(toFile: dir.file("d.json"), atomically: true, encoding: .utf8)
        let txt = try CLI.run(["render", dir.file("t.docx"), dir.file("d.json"), "-o", dir.file("out.txt")])
        #expect(txt.status == 64)
        #expect(txt.stderr.contains("document DOCX"))
        let empty = try CLI.run(["render", dir.file("t.docx"), dir.file("d.json"), "-o", ""])
        #expect(empty.status == 64)
        // A DOCX named .odt: its content decides, and the message says so.
        try FileManager.default.copyItem(atPath: dir.file("t.docx"), toPath: dir.file("renamed.odt"))
        let renamed = try CLI.run(["render", dir.file("renamed.odt"), dir.file("d.json"), "-o", dir.file("out.odt")])
        #expect(renamed.status == 64)
        #expect(renamed.stderr.contains("document DOCX (quoi que dise son nom en .odt"))
        #expect(try dir.contents() == ["d.json", "renamed.odt", "t.docx"])
    }

    // MARK: 17. LibreOffice writes only in its own folders

    @Test func item17_libreOfficeRunsWithAPrivateHomeAndCache() throws {
        let fixture = try CheckFixture()
        let log = fixture.dir.file("env.log")
        let tools = try FakeTools(fixture.dir, scripts: [
            "soffice": FakeTools.soffice(before: "echo \"HOME=$HOME\nCACHE=$XDG_CACHE_HOME\nCONFIG=$XDG_CONFIG_HOME\nARGS=$*\" > \(log)"),
        ])
        let run = try tools.run(["build", fixture.offerPath, "--pdf", "-o", fixture.dir.file("out"), "--today", "2021-10-01"],
                                environment: ["HOME": "/nonexistent-home"])
        #expect(run.status == 0, "\(run.stderr)")
        let seen = try String(contentsOfFile: log, encoding: .utf8)
        let scratch = fixture.dir.path + "/tender-lo-"
        #expect(seen.contains("HOME=\(scratch)"))
        #expect(seen.contains("CACHE=\(scratch)"))
        #expect(seen.contains("CONFIG=\(scratch)"))
        #expect(seen.contains("-env:UserInstallation=file://\(scratch)"))
        #expect(seen.contains("-env:UNO_SHARED_PACKAGES_CACHE=file://\(scratch)"))
        // The private folder is gone after the run.
        #expect(!(try fixture.dir.contents()).contains { $0.hasPrefix("tender-lo-") })
    }
}

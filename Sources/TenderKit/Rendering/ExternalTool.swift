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

    /// Runs `program` with `arguments`; kills it (and its process group, through coreutils
    /// `timeout`) after `timeout` seconds.
    static func run(_ program: String, _ arguments: [String], timeout: Int, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        if let wrapper = find("timeout") {
            process.executableURL = URL(fileURLWithPath: wrapper)
            process.arguments = ["--kill-after=10", String(timeout), program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TenderError.error("cannot run \(program): \(error.localizedDescription)", status: .unavailable)
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationStatus
        // `timeout` exits 124 when the program ended on SIGTERM; when the program ignores SIGTERM
        // (inherited as ignored, or LibreOffice hung), it is killed 10 s later and `timeout` ends
        // on SIGKILL itself.
        let killed = process.terminationReason == .uncaughtSignal && status == SIGKILL
        return Result(status: status, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                      timedOut: status == 124 || status == 137 || killed)
    }
}

/// Converts documents to PDF with LibreOffice, all in one call, with a private profile.
public enum LibreOffice {
    public static var isAvailable: Bool { executable != nil }

    static var executable: String? { ExternalTool.find("soffice") ?? ExternalTool.find("libreoffice") }

    /// The command that installs LibreOffice and the fonts the templates use.
    public static let installCommand = "apt-get install libreoffice-writer-nogui fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2"
    public static let installHint = "install LibreOffice: " + installCommand

    /// Converts `documents` to PDF into `folder`; returns the PDF paths in the same order.
    /// `progress` receives a line for the user (stderr) when the work starts.
    public static func convertToPDF(_ documents: [String], into folder: String, timeout: Int = 300,
                                    progress: ((String) -> Void)? = nil) throws -> [String] {
        guard !documents.isEmpty else { return [] }
        guard let soffice = executable else {
            throw TenderError.error("LibreOffice (soffice) is not installed, so no PDF can be made", hint: installHint, status: .unavailable)
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tender-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        progress?("converting \(documents.count) document\(documents.count == 1 ? "" : "s") to PDF with LibreOffice…")
        let started = Date()
        // Documents with a table of contents go through the macro that updates it.
        let indexed = documents.filter { DocumentFormat.holdsIndex(path: $0) }
        let plain = documents.filter { !indexed.contains($0) }
        var result = ExternalTool.Result(status: 0, stdout: "", stderr: "", timedOut: false)
        if !plain.isEmpty {
            result = try ExternalTool.run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                                    "--convert-to", "pdf", "--outdir", folder] + plain, timeout: timeout)
        }
        if !indexed.isEmpty && !result.timedOut {
            let outputs = indexed.map { (folder as NSString).appendingPathComponent((($0 as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf") }
            let refreshed = try IndexRefresh.convert(indexed, to: outputs, soffice: soffice, profile: profile, timeout: timeout)
            result = ExternalTool.Result(status: result.status != 0 ? result.status : refreshed.status, stdout: result.stdout + refreshed.stdout,
                                         stderr: result.stderr + refreshed.stderr, timedOut: refreshed.timedOut)
        }
        if result.timedOut {
            throw TenderError.error("LibreOffice did not finish converting within \(timeout) s and was stopped",
                                    hint: "a document may be too large or LibreOffice may be hung; try again, or convert it by hand to see why",
                                    status: .unavailable)
        }
        var pdfs: [String] = []
        var failed: [String] = []
        for doc in documents {
            let pdf = (folder as NSString).appendingPathComponent(((doc as NSString).lastPathComponent as NSString).deletingPathExtension + ".pdf")
            if let attrs = try? FileManager.default.attributesOfItem(atPath: pdf), let date = attrs[.modificationDate] as? Date,
               date >= started.addingTimeInterval(-2) {
                pdfs.append(pdf)
            } else {
                failed.append(doc)
            }
        }
        if !failed.isEmpty {
            throw TenderError.error("LibreOffice could not convert \(failed.joined(separator: ", ")) (exit \(result.status)): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))",
                                    hint: "open the document in LibreOffice to see whether it is damaged", status: .unavailable)
        }
        return pdfs
    }
}

/// Reads PDFs with poppler-utils.
public enum PDF {
    public static let installCommand = "apt-get install poppler-utils"
    public static let installHint = "install poppler-utils: " + installCommand

    static func tool(_ name: String) throws -> String {
        guard let p = ExternalTool.find(name) else {
            throw TenderError.error("\(name) is not installed", hint: installHint, status: .unavailable)
        }
        return p
    }

    /// The number of pages.
    public static func pageCount(_ path: String) throws -> Int {
        let r = try ExternalTool.run(try tool("pdfinfo"), [path], timeout: 60)
        for line in r.stdout.split(separator: "\n") where line.hasPrefix("Pages:") {
            if let n = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) { return n }
        }
        throw TenderError.error("cannot read the page count of \(path)", hint: r.stderr, status: .unavailable)
    }

    /// The text of each page (form feeds split pages).
    public static func pageTexts(_ path: String) throws -> [String] {
        let r = try ExternalTool.run(try tool("pdftotext"), ["-layout", path, "-"], timeout: 60)
        guard r.status == 0 else {
            throw TenderError.error("cannot read the text of \(path)", hint: r.stderr, status: .unavailable)
        }
        var pages = r.stdout.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Joins PDFs into one, in order, atomically.
    public static func merge(_ inputs: [String], into output: String) throws {
        let unite = try tool("pdfunite")
        try AtomicFile.write(to: output) { temp in
            let r = try ExternalTool.run(unite, inputs + [temp], timeout: 120)
            guard r.status == 0 else {
                throw TenderError.error("pdfunite failed: \(r.stderr)", status: .unavailable)
            }
        }
    }
}

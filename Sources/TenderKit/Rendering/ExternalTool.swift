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

    /// Writer's PDF export with its `ExportNotes` option: comments exported as annotations.
    static let pdfWithNotes = #"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#

    /// Converts `documents` to PDF into `folder`; returns the PDF paths in the same order.
    /// `progress` receives a line for the user (stderr) when the work starts.
    /// With `exportNotes`, the documents' comments become PDF annotations (drafts for review).
    public static func convertToPDF(_ documents: [String], into folder: String, timeout: Int = 300, exportNotes: Bool = false,
                                    progress: ((String) -> Void)? = nil) throws -> [String] {
        guard !documents.isEmpty else { return [] }
        guard let soffice = executable else {
            throw TenderError.error("LibreOffice (soffice) is not installed, so no PDF can be made", hint: installHint, status: .unavailable)
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tender-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        progress?(Message.convertingToPDF(documents.count).text)
        let started = Date()
        let result = try ExternalTool.run(soffice, ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                                                    "--convert-to", exportNotes ? pdfWithNotes : "pdf", "--outdir", folder] + documents, timeout: timeout)
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

    /// Joins PDFs into one, in order, atomically, with qpdf: one bookmark per input (its title,
    /// at its first page) and the title and subject in the document information.
    ///
    /// qpdf joins the pages (`--empty --pages`), then its JSON form of the result gives the page
    /// objects, and `--update-from-json` adds the outline items and the information dictionary:
    /// the PDF objects are written by qpdf, not by us.
    public static func merge(_ inputs: [(path: String, title: String)], into output: String, title: String, subject: String?) throws {
        guard let qpdf = ExternalTool.find("qpdf") else {
            throw TenderError.error("qpdf is not installed, so the PDFs cannot be joined", hint: "apt-get install qpdf", status: .unavailable)
        }
        var starts: [Int] = []
        var total = 0
        for input in inputs {
            starts.append(total)
            total += try pageCount(input.path)
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tender-merge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let joined = work + "/joined.pdf", updateFile = work + "/update.json"
        func run(_ arguments: [String]) throws -> ExternalTool.Result {
            let r = try ExternalTool.run(qpdf, arguments, timeout: 120)
            // qpdf exits 3 when it succeeded with warnings.
            guard r.status == 0 || r.status == 3 else {
                throw TenderError.error("qpdf failed: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))", status: .unavailable)
            }
            return r
        }
        _ = try run(["--empty", "--pages"] + inputs.map(\.path) + ["--", joined])
        let described = try run(["--json=2", "--json-key=qpdf", "--json-key=pages", "--json-object=trailer", joined])
        guard let json = try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any],
              let qpdfPart = json["qpdf"] as? [Any], let header = qpdfPart.first as? [String: Any],
              let objects = qpdfPart.dropFirst().first as? [String: Any],
              var trailer = (objects["trailer"] as? [String: Any])?["value"] as? [String: Any],
              let rootRef = trailer["/Root"] as? String,
              let maxID = header["maxobjectid"] as? Int,
              let pages = (json["pages"] as? [[String: Any]])?.compactMap({ $0["object"] as? String }), pages.count == total else {
            throw TenderError.error("qpdf gave an unexpected description of \(joined)", status: .unavailable)
        }
        let rootDescribed = try run(["--json=2", "--json-key=qpdf", "--json-object=\(rootRef)", joined])
        guard let rootJSON = try JSONSerialization.jsonObject(with: Data(rootDescribed.stdout.utf8)) as? [String: Any],
              var root = (((rootJSON["qpdf"] as? [Any])?.dropFirst().first as? [String: Any])?["obj:\(rootRef)"] as? [String: Any])?["value"] as? [String: Any] else {
            throw TenderError.error("qpdf gave an unexpected description of \(joined)", status: .unavailable)
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
        var infoValue: [String: Any] = ["/Title": "u:" + title, "/Creator": "u:tender " + TenderVersion.current]
        if let subject { infoValue["/Subject"] = "u:" + subject }
        update["obj:\(ref(info))"] = ["value": infoValue]
        trailer["/Info"] = ref(info)
        update["trailer"] = ["value": trailer]
        let document: [String: Any] = ["qpdf": [header, update]]
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: updateFile))
        try AtomicFile.write(to: output) { temp in
            _ = try run([joined, "--update-from-json=\(updateFile)", "--deterministic-id", temp])
        }
    }

    /// Annotation subtypes a reviewer adds (notes, highlights, drawings), not links or form fields.
    static let commentSubtypes: Set<String> = ["/Text", "/FreeText", "/Popup", "/Highlight", "/Underline", "/StrikeOut",
                                               "/Squiggly", "/Caret", "/Ink", "/Stamp", "/Square", "/Circle", "/Line"]

    /// The number of reviewer annotations (comments and the like) in a PDF, read with qpdf.
    public static func commentCount(_ path: String) throws -> Int {
        guard let qpdf = ExternalTool.find("qpdf") else {
            throw TenderError.error("qpdf is not installed, so the PDF annotations cannot be read", hint: "apt-get install qpdf",
                                    status: .unavailable)
        }
        let r = try ExternalTool.run(qpdf, ["--json=2", "--json-key=qpdf", path], timeout: 120)
        guard r.status == 0 || r.status == 3,
              let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let objects = (json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any] else {
            throw TenderError.error("cannot read \(path) with qpdf: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))",
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

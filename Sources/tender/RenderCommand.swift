import ArgumentParser
import Foundation
import TenderKit

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Fill a DOCX or ODT template with JSON or YAML data.",
        discussion: "Exit status: 0 written, 64 usage, 65 invalid template or data, 66 missing input, 73 cannot write.")

    @Argument(help: "The template (.docx or .odt).") var template: String
    @Argument(help: "The data (.json, .yaml or .yml).") var data: String
    @Option(name: .shortAndLong, help: "The document to write.") var output: String
    @Flag(help: "Render undefined names as nothing, with a warning, instead of failing.") var lenient = false
    @Option(help: "French typography on values from the data: auto (in a French document) or off.")
    var typography: TypographyMode = .auto
    @Option(help: ArgumentHelp("Render N times in one process (for benchmarks).", visibility: .hidden)) var `repeat`: Int = 1

    func run() throws {
        try guarded {
            try Paths.checkSameExtension(template: template, output: output)
            let context = try DataLoader.load(path: data)
            let options = RenderOptions(strict: !lenient, typography: typography == .auto)
            let start = Date()
            let document = try DocumentTemplate(path: template, options: options)
            try Paths.checkOutput(output, for: document)
            var warnings: [Diagnostic] = []
            for _ in 0..<max(1, `repeat`) {
                warnings = try document.render(context, to: output, options: options)
            }
            warnings.forEach { Console.error($0.description) }
            if `repeat` > 1 {
                let seconds = Date().timeIntervalSince(start) / Double(`repeat`)
                Console.print(Message.perRender(String(format: "%.6f", seconds)).text)
            }
        }
    }
}

enum Paths {
    /// The extensions a document of each format may be written with (each format says its own).
    static let extensions: [DocumentFormat: [String]] = Dictionary(uniqueKeysWithValues: DocumentFormat.allCases.map { ($0, $0.extensions) })

    /// The output must be named for the format the template really is (by its content, not
    /// its extension): `out.txt`, or `.odt` for a DOCX renamed `.odt`, is refused.
    static func checkOutput(_ output: String, for document: DocumentTemplate) throws {
        let ext = (output as NSString).pathExtension.lowercased()
        let allowed = extensions[document.format] ?? []
        guard !allowed.contains(ext) else { return }
        let own = (document.path as NSString).pathExtension.lowercased()
        let misnamed = !own.isEmpty && !allowed.contains(own)
        throw TenderError.error(
            Message.outputMisnamed(output: Quote.cut(output), ext: ext, format: document.format.rawValue, templateExtension: misnamed ? own : nil).text,
            hint: Message.outputMisnamedHint(ext: allowed.first ?? "docx", renameTemplate: misnamed).text,
            status: .usage)
    }

    /// A .docx template makes a .docx, an .odt an .odt: refuse a mismatch before any work.
    static func checkSameExtension(template: String, output: String) throws {
        let t = (template as NSString).pathExtension.lowercased()
        let o = (output as NSString).pathExtension.lowercased()
        let family = extensions.reduce(into: [String: String]()) { map, format in
            for ext in format.value { map[ext] = format.value[0] }
        }
        if let ft = family[t], let fo = family[o], ft != fo {
            throw TenderError.error(Message.outputOtherFormat(output: output, ext: o, templateExtension: t).text,
                                    hint: Message.outputOtherFormatHint(ft).text, status: .usage)
        }
    }
}

import ArgumentParser
import Foundation
import TenderKit

struct Render: ParsableCommand {
    static var configuration: CommandConfiguration { .tender(.render) }

    @Argument(help: .tender(.templateArgument, value: .template)) var template: String
    @Argument(help: .tender(.renderData, value: .data)) var data: String
    @Option(name: .shortAndLong, help: .tender(.renderOutput, value: .file)) var output: String
    @Flag(help: .tender(.renderLenient)) var lenient = false
    @Option(help: .tender(.renderTypography, value: .mode))
    var typography: TypographyMode = .auto
    // Optional rather than `= 1`: ArgumentParser would print the default for the help at every
    // parse (an Int described through the runtime's reflection, 2 % of a small render).
    @Option(help: .tender(.renderRepeat, visibility: .hidden)) var `repeat`: Int?

    func run() throws {
        try guarded {
            try Paths.checkSameExtension(template: template, output: output)
            let options = RenderOptions(strict: !lenient, typography: typography == .auto)
            let open = { try DocumentTemplate(path: template, options: options, checkingRawPartsWhileRendering: true) }
            // The data is read while the template opens, and what is wrong with either is said at
            // once; `--repeat` (a benchmark's) times the template's compile with the renders, so
            // there the data is read first, on its own.
            let context: Value, document: DocumentTemplate, start: Date
            let times = max(1, `repeat` ?? 1)
            if times > 1 {
                context = try DataLoader.load(path: data)
                start = Date()
                document = try open()
            } else {
                start = Date()
                (context, document) = try Parallel.both({ try DataLoader.load(path: data) }, open)
            }
            try Paths.checkOutput(output, for: document)
            var warnings: [Diagnostic] = []
            for _ in 0..<times {
                warnings = try document.render(context, to: output, options: options)
            }
            warnings.forEach { Console.error($0.description) }
            if times > 1 {
                let seconds = Date().timeIntervalSince(start) / Double(times)
                Console.print(Message.perRender(String(format: "%.6f", seconds)).text)
            }
        }
    }
}

enum Paths {
    /// The output must be named for the format the template really is (by its content, not
    /// its extension): `out.txt`, or `.odt` for a DOCX renamed `.odt`, is refused.
    static func checkOutput(_ output: String, for document: DocumentTemplate) throws {
        let ext = (output as NSString).pathExtension.lowercased()
        let allowed = document.format.extensions
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
        // Each format's usual extension stands for all of its own (`.dotx` is a `.docx`).
        let family = { (path: String) in DocumentFormat(extensionOf: path)?.extensions.first }
        if let ft = family(template), let fo = family(output), ft != fo {
            throw TenderError.error(Message.outputOtherFormat(output: output, ext: o, templateExtension: t).text,
                                    hint: Message.outputOtherFormatHint(ft).text, status: .usage)
        }
    }
}

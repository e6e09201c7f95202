import Foundation

/// A reusable block of the answer library (`offers/library/<name>.md`): Markdown after a small
/// front matter (title, tags, owner, reviewed), which mémoire sections use (`use: library/<name>`).
public struct LibraryBlock: Sendable, Equatable {
    /// As sections name it: `library/methode-entretiens`.
    public var name: String
    public var path: String
    public var title: String
    public var tags: [String]
    public var owner: String?
    /// When the block was last reviewed.
    public var reviewed: DateValue?
    /// Where `reviewed` is written (the file when it is not).
    public var reviewedPlace: SourceLocation
    /// The Markdown after the front matter, without its surrounding blank lines.
    public var text: String
}

public enum AnswerLibrary {
    /// The front matter of a block, between two `---` lines at the top of the file.
    static let frontMatter = Record("library block", [
        Field("title", .text, required: true, "What the block is about, as `tender library` lists it."),
        Field("tags", .list(.text), "Words to find the block by."),
        Field("owner", .text, "Who keeps the block up to date."),
        Field("reviewed", .date, required: true, "The day the block was last reviewed, YYYY-MM-DD."),
    ])

    /// The prefix a section's `use:` gives a block's name.
    public static let prefix = "library/"

    /// The library of the offers folder that holds `offer` (`offers/<name>/offer.yaml` → `offers/library`).
    public static func folder(forOffer offer: String) -> String {
        let offerFolder = (offer as NSString).deletingLastPathComponent
        return OfferBuilder.normalized(offerFolder.isEmpty ? "../library" : offerFolder + "/../library")
    }

    /// The file of a block named `library/<name>`, or nil when the name is not a block's.
    static func path(of name: String, in folder: String) -> String? {
        guard name.hasPrefix(prefix) else { return nil }
        let bare = String(name.dropFirst(prefix.count))
        guard OfferBuilder.isValidId(bare) else { return nil }
        return folder + "/" + bare + ".md"
    }

    /// Reads one block; its front matter is checked like an offer file, errors at its lines.
    public static func load(path: String) throws -> LibraryBlock {
        let text = try DataLoader.readText(path: path)
        let name = prefix + ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var lines = text.components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw TenderError.error(OfferMessage.noFrontMatter.text, at: SourceLocation(file: path, line: 1),
                                    hint: OfferMessage.frontMatterHint.text)
        }
        // The opening `---` becomes a comment, so that the front matter's lines are the file's.
        let yaml = "#\n" + lines[1..<close].joined(separator: "\n") + "\n"
        let (document, problems) = try ShapeChecker.check(yaml: yaml, file: path, shape: .record(frontMatter),
                                                          what: OfferMessage.fileKind(.libraryBlock).text)
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty { throw TenderError(problems) }
        let top = document.top
        lines.removeSubrange(0...close)
        return LibraryBlock(name: name, path: path, title: top["title"]?.string ?? "", tags: top["tags"]?.strings ?? [],
                            owner: top["owner"]?.string, reviewed: top["reviewed"]?.date,
                            reviewedPlace: top["reviewed"]?.location ?? SourceLocation(file: path),
                            text: lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The blocks of a library folder, by name; the files that do not read are reported, not skipped silently.
    public static func blocks(in folder: String) -> (blocks: [LibraryBlock], problems: [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var blocks: [LibraryBlock] = [], problems: [Diagnostic] = []
        for name in names {
            do { blocks.append(try load(path: folder + "/" + name)) } catch let failure as TenderError {
                problems += failure.diagnostics
            } catch {
                problems.append(.error("\(error)", at: SourceLocation(file: folder + "/" + name)))
            }
        }
        return (blocks, problems)
    }
}

extension OfferBuilder {
    /// The block a section's `use:` (or an include line `{{ library/<name> }}` of its body) names;
    /// nil, with an error where it is named, when there is no such block.
    mutating func libraryBlock(_ name: String, at location: SourceLocation) -> LibraryBlock? {
        let folder = AnswerLibrary.folder(forOffer: file)
        guard let path = AnswerLibrary.path(of: name, in: folder) else {
            error(OfferMessage.notALibraryBlock(name).text, at: location, hint: OfferMessage.libraryBlockNameHint.text)
            return nil
        }
        guard FileManager.default.fileExists(atPath: path) else {
            let known = AnswerLibrary.blocks(in: folder).blocks.map(\.name)
            error(OfferMessage.noLibraryBlock(name, path: path).text, at: location,
                  hint: known.isEmpty ? OfferMessage.writeBlockHint(path: path).text
                                      : Suggestions.hint(for: name, among: known, listing: OfferMessage.libraryBlocks.text))
            return nil
        }
        do { return try AnswerLibrary.load(path: path) } catch let failure as TenderError {
            bag.add(contentsOf: failure.diagnostics)
        } catch {
            self.error("\(error)", at: SourceLocation(file: path))
        }
        return nil
    }

    /// A section's text: its `use:` block, then its body, where a line `{{ library/<name> }}` is
    /// replaced by that block.
    mutating func sectionText(_ s: Located) -> (body: String?, blocks: [LibraryBlock]) {
        var blocks: [LibraryBlock] = []
        var parts: [String] = []
        if let use = s["use"], let name = use.string, let block = libraryBlock(name, at: use.location) {
            blocks.append(block)
            parts.append(block.text)
        }
        if let body = s["body"]?.string {
            let place = s["body"]?.location ?? s.location
            let lines = body.components(separatedBy: "\n").map { line -> String in
                let bare = line.trimmingCharacters(in: .whitespaces)
                guard bare.hasPrefix("{{"), bare.hasSuffix("}}") else { return line }
                let name = bare.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
                guard name.hasPrefix(AnswerLibrary.prefix) else { return line }
                guard let block = libraryBlock(name, at: place) else { return line }
                blocks.append(block)
                return block.text
            }
            parts.append(lines.joined(separator: "\n"))
        }
        return (parts.isEmpty ? nil : parts.joined(separator: "\n\n"), blocks)
    }
}

extension AnswerLibrary {
    /// `tender library`: each block of `offers/library` with its title, review date and owner, and
    /// the offers (`offers/*/offer.yaml`) whose sections use it. An offer that does not load, or a
    /// block that does not read, is a problem reported, not a block or use left out silently.
    public static func listing(offersFolder: String) -> (text: String, problems: [Diagnostic]) {
        let folder = OfferBuilder.normalized(offersFolder + "/library")
        var (blocks, problems) = Self.blocks(in: folder)
        let offerNames = ((try? FileManager.default.contentsOfDirectory(atPath: offersFolder)) ?? []).sorted()
            .filter { FileManager.default.fileExists(atPath: offersFolder + "/" + $0 + "/offer.yaml") }
        var users: [String: [String]] = [:]
        for name in offerNames {
            do {
                let offer = try Offer.load(path: offersFolder + "/" + name + "/offer.yaml")
                for block in Set(offer.sections.flatMap(\.library).map(\.name)) { users[block, default: []].append(name) }
            } catch let failure as TenderError {
                problems += failure.diagnostics
            } catch {
                problems.append(.error("\(error)", at: SourceLocation(file: offersFolder + "/" + name + "/offer.yaml")))
            }
        }
        var lines = ["Bibliothèque de réponses \(folder) : \(FrenchWords.count(blocks.count, "bloc"))"]
        for block in blocks {
            let reviewed = block.reviewed.map { "relu le \($0.frenchDay)" } ?? "jamais relu"
            let owner = block.owner.map { ", \($0)" } ?? ""
            let used = users[block.name].map { "utilisé par " + $0.sorted().joined(separator: ", ") } ?? "utilisé par aucune offre"
            lines.append("  \(block.name) — \(block.title) (\(reviewed)\(owner)) : \(used)")
        }
        return (lines.joined(separator: "\n") + "\n", problems)
    }
}

import Foundation

/// Where each section of the mémoire starts in its PDF, for the compliance matrix.
enum SectionPages {
    /// Section id → 1-based page of `pageTexts` (pdftotext's pages) where its title stands as a
    /// heading. Sections are looked for in their order, each from the page of the one before.
    ///
    /// A heading is the title on whole lines of its own (wrapped over up to four lines),
    /// optionally after its number (`3.`, `2.1`), compared as `FoldedText` does (case, accents,
    /// punctuation and spacing ignored). So a table of contents entry (the title, then dots
    /// and a page number) or a sentence quoting the title is not taken for it; a section
    /// found nowhere is left out, and the matrix says so, rather than given a page that may be
    /// wrong.
    static func starts(of sections: [MemoireSection], in pageTexts: [String]) -> [String: Int] {
        let pages = pageTexts.map { text in text.split(separator: "\n", omittingEmptySubsequences: false).map { FoldedText.fold(String($0)) } }
        var found: [String: Int] = [:]
        var from = 0
        for section in sections {
            let wanted = FoldedText.fold(section.title)
            guard !wanted.isEmpty, from < pages.count else { continue }
            search: for index in from..<pages.count {
                let lines = pages[index]
                for first in lines.indices where !lines[first].isEmpty {
                    var joined = ""
                    for line in lines[first..<min(lines.count, first + 4)] {
                        guard !line.isEmpty else { break }
                        joined += (joined.isEmpty ? "" : " ") + line
                        if isHeading(joined, wanted) {
                            found[section.id] = index + 1
                            from = index
                            break search
                        }
                        if joined.count > wanted.count + 12 { break }
                    }
                }
            }
        }
        return found
    }

    /// `line` (folded) is `title` (folded), or its number (digits and spaces) then `title`.
    static func isHeading(_ line: String, _ title: String) -> Bool {
        if line == title { return true }
        guard line.hasSuffix(" " + title) else { return false }
        return line.dropLast(title.count + 1).allSatisfy { $0.isNumber || $0 == " " }
    }
}

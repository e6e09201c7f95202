@preconcurrency import CLibXML2
import Foundation

/// A worksheet as the engine compiles it:
/// - a cell whose shared string holds a tag gets that string inline (`t="inlineStr"`, with its
///   rich-text runs), so each cell's text is where the cell is and no other cell changes;
///   shared strings without a tag stay shared;
/// - shared formulas are written out in each cell, so that a repeated row carries its own;
/// - rows and cells without an address get theirs, so the finisher can follow every row.
enum XlsxPreparation {
    static func prepare(_ bytes: [UInt8], part: TextPart, archive: ZipArchive) throws -> [UInt8] {
        let shared = try SharedStrings(archive)
        guard !shared.tagged.isEmpty || PartTemplate.mayHoldTags(bytes) else { return bytes }
        let tree = try XMLTree(bytes: bytes, location: SourceLocation(file: archive.path, part: part.name))
        guard let sheetData = tree.root?.elements("sheetData").first else { return bytes }
        var masters: [String: (formula: String, row: Int, column: Int)] = [:]
        var rowNumber = 0
        for row in sheetData.elements("row") {
            rowNumber = row.attribute("r", nil).flatMap { Int($0) } ?? rowNumber + 1
            row.setAttribute("r", String(rowNumber))
            var column = 0
            for c in row.elements("c") {
                if let name = c.attribute("r", nil), let split = CellName.split(name) {
                    column = CellName.column(split.letters)
                } else {
                    column += 1
                    c.setAttribute("r", CellName.letters(column) + String(rowNumber))
                }
                if c.attribute("t", nil) == "s", let v = c.elements("v").first, let index = Int(v.text),
                   shared.tagged.contains(index) {
                    v.unlinkAndFree()
                    c.setAttribute("t", "inlineStr")
                    let inline = tree.newElement(c.pointee.ns, "is")
                    c.appendChild(inline)
                    shared.copy(index, into: inline, of: tree)
                }
                if let f = c.elements("f").first, f.attribute("t", nil) == "shared", let si = f.attribute("si", nil) {
                    if f.attribute("ref", nil) != nil, !f.text.isEmpty {
                        masters[si] = (f.text, rowNumber, column)
                    } else if let master = masters[si] {
                        f.setText(FormulaReferences.shiftA1(master.formula, rows: rowNumber - master.row,
                                                            columns: column - master.column), in: tree)
                    }
                    for a in ["t", "ref", "si"] { f.removeAttribute(a) }
                }
            }
        }
        return tree.serialize()
    }
}

/// The workbook's shared strings (`xl/sharedStrings.xml`, §18.4) and which of them may hold a tag.
final class SharedStrings {
    private let tree: XMLTree?
    private let items: [XMLNodePtr]
    /// The indexes of the strings holding a `{`.
    let tagged: Set<Int>

    init(_ archive: ZipArchive) throws {
        let rels = try XlsxFormat.workbook(archive).map { try Relationships.targets(of: $0, in: archive, type: "sharedStrings") } ?? []
        guard let part = rels.first, archive.contains(part) else { tree = nil; items = []; tagged = []; return }
        let t = try XMLTree(bytes: try archive.read(part), location: SourceLocation(file: archive.path, part: part))
        tree = t
        items = t.root?.elements("si") ?? []
        var tagged = Set<Int>()
        for (i, si) in items.enumerated() where si.text.contains("{") { tagged.insert(i) }
        self.tagged = tagged
    }

    /// Copies string `index`'s text and runs (not its phonetic guide) into `inline`.
    func copy(_ index: Int, into inline: XMLNodePtr, of target: XMLTree) {
        guard let source = tree, index < items.count else { return }
        for child in items[index].children where child.isElement && (child.localName == "t" || child.localName == "r") {
            var copy: XMLNodePtr? = nil
            guard xmlDOMWrapCloneNode(nil, source.doc, child, &copy, target.doc, inline, 1, 0) == 0, let copy else { continue }
            inline.appendChild(copy)
        }
    }
}

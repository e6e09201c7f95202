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
        let strings = try SharedStrings(archive)
        guard !strings.tagged.isEmpty || PartTemplate.mayHoldTags(bytes) else { return bytes }
        let tree = try XMLTree(bytes: bytes, location: SourceLocation(file: archive.path, part: part.name))
        guard let sheetData = tree.root?.elements("sheetData").first else { return bytes }
        var shared = SharedFormulas()
        forEachCell(sheetData) { c, rowNumber, column in
            if c.attribute("t", nil) == "s", let v = c.elements("v").first, let index = Int(v.text),
               strings.tagged.contains(index) {
                v.unlinkAndFree()
                c.setAttribute("t", "inlineStr")
                let inline = tree.newElement(c.pointee.ns, "is")
                c.appendChild(inline)
                strings.copy(index, into: inline, of: tree)
            }
            if let f = c.elements("f").first { shared.visit(f, row: rowNumber, column: column, tree: tree) }
        }
        return tree.serialize()
    }

    /// Calls `body` on each cell of a sheet with its row and column, giving rows and cells
    /// without an address theirs (§18.3.1.73: `r` is optional, a row or cell then follows the last).
    static func forEachCell(_ sheetData: XMLNodePtr, _ body: (XMLNodePtr, Int, Int) -> Void) {
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
                body(c, rowNumber, column)
            }
        }
    }
}

/// Shared formulas (§18.3.1.40) written out in each cell: Excel writes a formula once for a
/// block of cells (`<f t="shared" ref="E5:E9" si="0">C5*D5</f>`), the others (`<f t="shared"
/// si="0"/>`) derive theirs from their distance to it — which rows a render moves do not keep.
struct SharedFormulas {
    private var masters: [String: (formula: String, row: Int, column: Int)] = [:]
    private var kept: Set<String> = []
    /// Which groups to write out, by their first cell's formula (all by default).
    var only: (String) -> Bool = { _ in true }

    /// Visits a cell's formula, in document order (a group's first cell comes first).
    mutating func visit(_ f: XMLNodePtr, row: Int, column: Int, tree: XMLTree) {
        guard f.attribute("t", nil) == "shared", let si = f.attribute("si", nil) else { return }
        if f.attribute("ref", nil) != nil, !f.text.isEmpty {
            guard only(f.text) else { kept.insert(si); return }
            kept.remove(si)
            masters[si] = (f.text, row, column)
        } else if kept.contains(si) {
            return
        } else if let master = masters[si] {
            f.setText(FormulaReferences.shiftA1(master.formula, rows: row - master.row, columns: column - master.column), in: tree)
        }
        for a in ["t", "ref", "si"] { f.removeAttribute(a) }
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

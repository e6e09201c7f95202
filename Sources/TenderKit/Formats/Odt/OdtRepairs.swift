@preconcurrency import CLibXML2
import Foundation

/// After column loops: an ODT table declares as many columns as its widest row has cells.
/// LibreOffice drops the cells of a row beyond the declared columns, so a loop that adds
/// cells must add columns (the ODT counterpart of the DOCX `TableRepair` of `w:tblGrid`).
enum OdtTableRepair {
    private static let tb = Namespaces.table

    static func repair(_ bytes: [UInt8], location: SourceLocation) throws -> [UInt8] {
        let tree = try XMLTree(bytes: bytes, location: location)
        guard let root = tree.root else { return bytes }
        var changed = false
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.is(Dialect.odt.table), fix(c) { changed = true }
                walk(c)
            }
        }
        walk(root)
        return changed ? tree.serialize() : bytes
    }

    /// Row and column groups (header rows, column groups…), which hold a table's own rows
    /// and columns; a nested table's are not the table's.
    private static let groups = ["table-header-rows", "table-rows", "table-row-group",
                                 "table-header-columns", "table-columns", "table-column-group"]

    private static func members(of table: XMLNodePtr, _ name: String) -> [XMLNodePtr] {
        var out: [XMLNodePtr] = []
        func walk(_ n: XMLNodePtr) {
            for c in n.children where c.isElement {
                if c.is(QName(name, tb)) {
                    out.append(c)
                } else if groups.contains(where: { c.is(QName($0, tb)) }) {
                    walk(c)
                }
            }
        }
        walk(table)
        return out
    }

    private static func repeated(_ n: XMLNodePtr) -> Int {
        max(1, Int(n.attribute("number-columns-repeated", tb[0]) ?? "1") ?? 1)
    }

    private static func setRepeated(_ n: XMLNodePtr, _ count: Int) {
        guard let ns = xmlSearchNsByHref(n.pointee.doc, n, tb[0]) else { return }
        if count == 1 {
            xmlUnsetNsProp(n, ns, "number-columns-repeated")
        } else {
            xmlSetNsProp(n, ns, "number-columns-repeated", String(count))
        }
    }

    /// Makes the declared columns as many as the widest row's cells. Returns whether it changed.
    private static func fix(_ table: XMLNodePtr) -> Bool {
        let cellNames = [QName("table-cell", tb), QName("covered-table-cell", tb)]
        let widest = members(of: table, "table-row").map { row in
            row.children.filter { c in cellNames.contains { c.is($0) } }.reduce(0) { $0 + repeated($1) }
        }.max() ?? 0
        let columns = members(of: table, "table-column")
        let declared = columns.reduce(0) { $0 + repeated($1) }
        guard widest > 0, let last = columns.last, declared != widest else { return false }
        if declared < widest {
            // New columns take the last column's style.
            setRepeated(last, repeated(last) + widest - declared)
        } else {
            var excess = declared - widest
            for column in columns.reversed() where excess > 0 {
                let n = repeated(column)
                if n > excess {
                    setRepeated(column, n - excess)
                    excess = 0
                } else {
                    column.unlinkAndFree()
                    excess -= n
                }
            }
        }
        return true
    }
}

@preconcurrency import CLibXML2
import Foundation

/// The few edits the spreadsheet formats make on parsed parts.
extension UnsafeMutablePointer where Pointee == xmlNode {
    /// Sets an attribute without namespace (`r="B7"`), or in the namespace of `href` declared
    /// in scope (`office:value`); libxml2 escapes the value.
    func setAttribute(_ local: String, _ value: String, namespace href: String? = nil) {
        if let href, let ns = xmlSearchNsByHref(pointee.doc, self, href) {
            xmlSetNsProp(self, ns, local, value)
        } else {
            xmlSetProp(self, local, value)
        }
    }

    func removeAttribute(_ local: String, namespace href: String? = nil) {
        if let href {
            if let a = xmlHasNsProp(self, local, href) { xmlRemoveProp(a) }
        } else {
            xmlUnsetProp(self, local)
        }
    }

    /// The element's child elements called `local` (in any namespace).
    func elements(_ local: String) -> [XMLNodePtr] { children.filter { $0.isElement && $0.localName == local } }

    /// The concatenated text of the element's descendants.
    var text: String {
        guard let c = xmlNodeGetContent(self) else { return "" }
        defer { tender_xmlFree(c) }
        return String(cString: c)
    }

    /// Replaces the element's content with one text node.
    func setText(_ text: String, in tree: XMLTree) {
        for c in children { c.unlinkAndFree() }
        appendChild(tree.newText(Array(text.utf8)))
    }
}

/// The element a typed value is written as, in place of a cell's paragraph, until the format's
/// finisher turns it into the cell's type and value: `<tender-typed t="n">1250.5</tender-typed>`.
enum TypedValue {
    static let element = "tender-typed"
    static let namespace = "urn:x-tender:typed-value"

    /// How a format writes dates: Excel's serial numbers (1900 or 1904 system), or ISO text (ODS).
    enum Dates { case serial1900, serial1904, iso }

    /// `n` number, `d` date (a serial number, or ISO `YYYY-MM-DD[THH:MM:SS]`), `b` boolean; nil for text.
    static func markup(_ value: Value, dates: Dates) -> String? {
        let kind: String, text: String
        switch value {
        case .number(let d): kind = "n"; text = Value.plainString(d)
        case .date(let d):
            kind = "d"
            switch dates {
            case .iso: text = d.isoString.replacingOccurrences(of: " ", with: "T")
            case .serial1900, .serial1904: text = serial(d, date1904: dates == .serial1904)
            }
        case .bool(let b): kind = "b"; text = b ? "1" : "0"
        default: return nil
        }
        return "<\(element) xmlns=\"\(namespace)\" t=\"\(kind)\">\(text)</\(element)>"
    }

    /// The kind and text of a cell's typed value, if it holds one (and removes the marker).
    static func take(from cell: XMLNodePtr) -> (kind: String, text: String)? {
        for c in cell.children where c.isElement && c.localName == element && c.namespaceURI == namespace {
            let result = (c.attribute("t", nil) ?? "", c.text)
            c.unlinkAndFree()
            return result
        }
        return nil
    }

    /// A date's serial number: days since 1899-12-30 (Excel's 1900 system, which LibreOffice
    /// shares) or since 1904-01-01, and the fraction of the day.
    static func serial(_ d: DateValue, date1904: Bool = false) -> String {
        let base = date1904 ? DateValue(year: 1904, month: 1, day: 1) : DateValue(year: 1899, month: 12, day: 30)
        let days = d.dayNumber - base.dayNumber
        guard let seconds = d.secondsOfDay, seconds > 0 else { return String(days) }
        let value = Decimal(days) + Decimal(seconds) / Decimal(86400)
        return Value.plainString(value.rounded(10))
    }
}

private extension Decimal {
    func rounded(_ scale: Int) -> Decimal {
        var v = self, out = Decimal()
        NSDecimalRound(&out, &v, scale, .plain)
        return out
    }
}

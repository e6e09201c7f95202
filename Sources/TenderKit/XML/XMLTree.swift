@preconcurrency import CLibXML2
import Foundation

typealias XMLNodePtr = UnsafeMutablePointer<xmlNode>

/// A parsed XML part, owned: the libxml2 document is freed with it.
///
/// Parsing is safe for documents from outside: no network, no DTD loading, no entity
/// substitution, and any document type declaration is refused before parsing.
final class XMLTree {
    let doc: xmlDocPtr

    init(bytes: [UInt8], location: SourceLocation) throws {
        XMLTree.prepareForThreads()
        try XMLTree.checkBeforeParsing(bytes, location: location)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32(buf.count), "part.xml", nil, XMLTree.parseOptions)
            }
        }
        guard let parsed else { throw XMLTree.malformed(at: location) }
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            xmlFreeDoc(parsed)
            throw TenderError.error(FileMessage.dtdRefused.text, at: location)
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// No network, no error printed: libxml2 keeps the last error, which `malformed` reports.
    private static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// The bounds, and no document type declaration; then clears libxml2's last error.
    private static func checkBeforeParsing(_ bytes: [UInt8], location: SourceLocation) throws {
        try XMLBounds.check(bytes, location: location)
        if declaresDoctype(bytes) {
            throw TenderError.error(FileMessage.dtdDeclared.text,
                                    at: location, hint: FileMessage.resaveDocumentHint.text, status: .invalidInput)
        }
        xmlResetLastError()
    }

    /// Why the last parse failed, from libxml2's last error (its line and message).
    private static func malformed(at location: SourceLocation) -> TenderError {
        var loc = location
        var detail: String?
        if let err = xmlGetLastError() {
            loc.line = Int(err.pointee.line)
            if let m = err.pointee.message { detail = XMLTree.plainMessage(String(cString: m)) }
        }
        return TenderError.error(FileMessage.malformedXML(detail).text, at: loc, hint: FileMessage.malformedXMLHint.text)
    }

    /// Checks that `bytes` are a well-formed part without DTD, within `XMLBounds`; throws why not.
    ///
    /// The same checks as `init(bytes:location:)` without building the tree: libxml2 parses
    /// with every SAX callback removed, so it checks well-formedness (and namespaces) exactly as
    /// when it builds a document, but allocates no node. A template's untouched parts (styles of
    /// a megabyte are common) are all checked this way; building and freeing their trees was
    /// most of a one-paragraph render's time.
    static func validate(_ bytes: [UInt8], location: SourceLocation) throws {
        prepareForThreads()
        try checkBeforeParsing(bytes, location: location)
        // xmlReadMemory refuses an empty part before parsing (no message): so does this.
        guard !bytes.isEmpty, let context = xmlNewParserCtxt() else { throw malformed(at: location) }
        defer { xmlFreeParserCtxt(context) }
        // No callback but one: a document type declaration (which `declaresDoctype` may miss after
        // a comment) stops the parse before its internal subset is read, and is refused below.
        if let sax = context.pointee.sax {
            let magic = sax.pointee.initialized
            sax.pointee = xmlSAXHandler()
            sax.pointee.initialized = magic
            sax.pointee.internalSubset = { ctx, _, _, _ in
                guard let ctx else { return }
                let parser = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
                parser.pointee._private = UnsafeMutableRawPointer(bitPattern: 1)
                xmlStopParser(parser)
            }
        }
        // With no startDocument callback there is no document: the result is always nil.
        _ = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) {
                xmlCtxtReadMemory(context, $0.baseAddress, Int32(buf.count), "part.xml", nil, parseOptions)
            }
        }
        if context.pointee._private != nil {
            throw TenderError.error(FileMessage.dtdRefused.text, at: location)
        }
        if context.pointee.wellFormed == 0 { throw malformed(at: location) }
    }

    /// Initializes libxml2's globals, as it must be before parsers run on several threads
    /// (parsing is then safe on any thread: its errors are per thread). Every parse calls it.
    static func prepareForThreads() { _ = initialized }

    /// libxml2's `xmlInitParser` is not safe to call from two threads at once: this runs it once,
    /// whichever thread parses first (Swift runs a static's initializer once, under a lock).
    private static let initialized: Void = xmlInitParser()

    /// libxml2's message without the name of its C function (`xmlParseCharRef: invalid
    /// xmlChar value 0` → `invalid character value 0`), cut to one short line.
    static func plainMessage(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let colon = text.firstIndex(of: ":"), text.hasPrefix("xml") || text.hasPrefix("htmlParse"),
           !text[..<colon].contains(" ") {
            text = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        text = text.replacingOccurrences(of: "xmlChar", with: "character")
        return Quote.cut(text)
    }

    var root: XMLNodePtr? { xmlDocGetRootElement(doc) }

    /// Serialized as UTF-8 with the XML declaration (standalone kept), no reformatting.
    func serialize() -> [UInt8] {
        var mem: UnsafeMutablePointer<xmlChar>? = nil
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8")
        guard let mem else { return [] }
        defer { tender_xmlFree(mem) }
        return Array(UnsafeBufferPointer(start: mem, count: Int(size)))
    }

    /// Whether `<!DOCTYPE` appears before the root element.
    static func declaresDoctype(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!DOCTYPE".utf8)
        var i = 0
        let limit = bytes.count - needle.count
        while i <= limit {
            if bytes[i] == 0x3C {
                if bytes[i + 1] == 0x21, Array(bytes[i..<(i + needle.count)]) == needle { return true }
                // The first start tag ends the prolog.
                if bytes[i + 1] != 0x3F && bytes[i + 1] != 0x21 { return false }
            }
            i += 1
        }
        return false
    }

    // MARK: Node creation

    func newPI(_ name: String, _ content: String) -> XMLNodePtr {
        xmlNewDocPI(doc, name, content)
    }

    /// A new element (libxml2 returns nil only when out of memory).
    func newElement(_ ns: xmlNsPtr?, _ name: String) -> XMLNodePtr {
        xmlNewDocNode(doc, ns, name, nil)
    }

    /// The root element, or an error saying where there is none.
    func rootElement(_ location: SourceLocation) throws -> XMLNodePtr {
        guard let root else { throw TenderError.error(FileMessage.noRootElement.text, at: location, hint: FileMessage.noRootElementHint.text) }
        return root
    }

    /// A text node holding `text` as is (no entity parsing).
    func newText(_ text: [UInt8]) -> XMLNodePtr {
        text.withUnsafeBufferPointer { xmlNewDocTextLen(doc, $0.baseAddress, Int32($0.count)) }
    }
}

/// Helpers over libxml2 nodes.
extension UnsafeMutablePointer where Pointee == xmlNode {
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointee.type == XML_TEXT_NODE || pointee.type == XML_CDATA_SECTION_NODE }

    /// The local name.
    var localName: String { pointee.name.map { String(cString: $0) } ?? "" }

    var namespaceURI: String? { pointee.ns?.pointee.href.map { String(cString: $0) } }

    func `is`(_ name: QName) -> Bool {
        guard isElement, let n = pointee.name else { return false }
        return name.matches(local: n, namespace: pointee.ns?.pointee.href)
    }

    var parent: XMLNodePtr? { pointee.parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil } }
    var firstChild: XMLNodePtr? { pointee.children }
    var next: XMLNodePtr? { pointee.next }
    var previous: XMLNodePtr? { pointee.prev }

    var children: [XMLNodePtr] {
        var out: [XMLNodePtr] = []
        var c = pointee.children
        while let n = c { out.append(n); c = n.pointee.next }
        return out
    }

    /// The nearest ancestor (or self) matching a name.
    func ancestor(_ name: QName, includingSelf: Bool = false) -> XMLNodePtr? {
        var n: XMLNodePtr? = includingSelf ? self : parent
        while let c = n {
            if c.is(name) { return c }
            n = c.parent
        }
        return nil
    }

    func ancestor(in names: [QName], includingSelf: Bool = false) -> XMLNodePtr? {
        var n: XMLNodePtr? = includingSelf ? self : parent
        while let c = n {
            if names.contains(where: { c.is($0) }) { return c }
            n = c.parent
        }
        return nil
    }

    /// Text node content as UTF-8 bytes.
    var textBytes: [UInt8] {
        guard let c = pointee.content else { return [] }
        return Array(UnsafeBufferPointer(start: c, count: Int(strlen(UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self)))))
    }

    /// Replaces a text node's content (raw, no entity parsing).
    func setTextBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { xmlNodeSetContentLen(self, $0.baseAddress, Int32($0.count)) }
    }

    func attribute(_ local: String, _ namespace: String?) -> String? {
        let v: UnsafeMutablePointer<xmlChar>? = namespace.map { xmlGetNsProp(self, local, $0) } ?? xmlGetNoNsProp(self, local)
        guard let v else { return nil }
        defer { tender_xmlFree(v) }
        return String(cString: v)
    }

    func unlinkAndFree() {
        xmlUnlinkNode(self)
        xmlFreeNode(self)
    }

    func insertBefore(_ node: XMLNodePtr) { xmlAddPrevSibling(self, node) }
    func insertAfter(_ node: XMLNodePtr) { xmlAddNextSibling(self, node) }
    func appendChild(_ node: XMLNodePtr) { xmlAddChild(self, node) }

    /// Whether the element holds anything but the given property element (e.g. a run with only `w:rPr`).
    func hasContent(ignoring property: QName?) -> Bool {
        for c in children {
            if let property, c.is(property) { continue }
            if c.isText, c.textBytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { continue }
            return true
        }
        return false
    }
}

/// A qualified element name: a local name in one of a few equivalent namespaces
/// (DOCX has a transitional and a strict namespace for the same vocabulary).
struct QName: Hashable {
    let local: String
    let namespaces: [String]
    init(_ local: String, _ namespaces: [String]) { self.local = local; self.namespaces = namespaces }

    /// Whether libxml2's local name and namespace URI are this name's. `is(_:)` runs for every
    /// element the engine and the checks walk: the bytes are compared where they are, without
    /// making a String of libxml2's (which cost more than the rest of a paragraph's reading).
    func matches(local name: UnsafePointer<xmlChar>, namespace href: UnsafePointer<xmlChar>?) -> Bool {
        guard Self.same(local, name), let href else { return false }
        return namespaces.contains { Self.same($0, href) }
    }

    private static func same(_ text: String, _ bytes: UnsafePointer<xmlChar>) -> Bool {
        // A native String gives its NUL-terminated bytes in place (a short one on the stack).
        text.withCString { strcmp($0, UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)) == 0 }
    }
}

extension XMLTree {
    /// The number of `name` elements anywhere in `part` of `archive` (0 when the part is absent).
    static func count(_ name: QName, inPart part: String, of archive: ZipArchive) throws -> Int {
        guard archive.contains(part) else { return 0 }
        let tree = try XMLTree(bytes: try archive.read(part), location: SourceLocation(file: archive.path, part: part))
        var count = 0
        func walk(_ node: XMLNodePtr) {
            for c in node.children where c.isElement {
                if c.is(name) { count += 1 }
                walk(c)
            }
        }
        if let root = tree.root { walk(root) }
        return count
    }
}

import CLibXML2
import Foundation

/// A parsed XML document, read safely: no network, no DTD, no entity expansion, bounded size and depth.
public final class SafeXMLDocument {
    let doc: xmlDocPtr

    /// Largest document accepted.
    public static let maxBytes = 20 << 20
    /// Deepest element nesting accepted.
    public static let maxDepth = 32
    /// Most attributes one element may carry (minutes use at most 13).
    public static let maxAttributes = 256

    public init(_ data: [UInt8]) throws(XMLError) {
        _ = LibXML.initialized
        guard data.count <= Self.maxBytes else { throw .tooLarge(bytes: data.count, limit: Self.maxBytes) }
        // Minutes never carry a DOCTYPE; refusing it outright shuts out XXE, external DTDs and entity bombs
        // before libxml2 sees them. The same pass bounds the attributes per element.
        try Self.prescan(data)
        guard let ctxt = xmlNewParserCtxt() else { throw .malformed([.init(line: 0, element: nil, message: "out of memory")]) }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        let parsed = data.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), "minutes.xml", "UTF-8", options)
            }
        }
        guard let parsed else {
            var issues: [XMLError.Issue] = []
            if let e = xmlCtxtGetLastError(ctxt) {
                issues.append(.init(line: Int(e.pointee.line), element: nil,
                                    message: e.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "parse error"))
            }
            throw .malformed(issues)
        }
        guard parsed.pointee.intSubset == nil, parsed.pointee.extSubset == nil else {
            xmlFreeDoc(parsed)
            throw .doctype
        }
        doc = parsed
        guard Self.depth(xmlDocGetRootElement(doc), limit: Self.maxDepth) <= Self.maxDepth else { throw .tooDeep(limit: Self.maxDepth) }
    }

    deinit { xmlFreeDoc(doc) }

    /// One linear pass over the markup: refuses a DOCTYPE (or any other `<!` declaration) outside comments and
    /// CDATA sections, UTF-16 input, and an element with more than `maxAttributes` attributes. Text inside
    /// comments, CDATA and processing instructions is skipped, so `<!DOCTYPE` written there is just text.
    static func prescan(_ data: [UInt8]) throws(XMLError) {
        // UTF-16 or other encodings could hide a declaration: minutes are UTF-8 only.
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) { throw .doctype }
        let n = data.count
        var i = 0, line = 1
        func starts(_ s: StaticString, at k: Int) -> Bool {
            let len = s.utf8CodeUnitCount
            guard k + len <= n else { return false }
            return s.withUTF8Buffer { needle in (0..<len).allSatisfy { data[k + $0] == needle[$0] } }
        }
        /// Moves past the next `end`, counting lines; false when it never comes (libxml2 then reports the error).
        func skip(past end: StaticString) -> Bool {
            while i < n {
                if data[i] == 0x0A { line += 1 }
                if starts(end, at: i) { i += end.utf8CodeUnitCount; return true }
                i += 1
            }
            return false
        }
        while i < n {
            let c = data[i]
            if c == 0x0A { line += 1 }
            guard c == 0x3C, i + 1 < n else { i += 1; continue }  // '<'
            if starts("<!--", at: i) {
                i += 4
                guard skip(past: "-->") else { return }
            } else if starts("<![CDATA[", at: i) {
                i += 9
                guard skip(past: "]]>") else { return }
            } else if data[i + 1] == 0x21 {  // '<!' anything else: DOCTYPE, ENTITY, ELEMENT…
                throw .doctype
            } else if data[i + 1] == 0x3F {  // '<?'
                i += 2
                guard skip(past: "?>") else { return }
            } else {
                // A tag: count the '=' outside quoted values up to its '>'.
                let tagLine = line
                var attributes = 0
                var quote: UInt8 = 0
                i += 1
                while i < n {
                    let b = data[i]
                    if b == 0x0A { line += 1 }
                    if quote != 0 {
                        if b == quote { quote = 0 }
                    } else if b == 0x22 || b == 0x27 {
                        quote = b
                    } else if b == 0x3D {
                        attributes += 1
                        if attributes > maxAttributes { throw .tooManyAttributes(line: tagLine, limit: maxAttributes) }
                    } else if b == 0x3E {
                        break
                    }
                    i += 1
                }
                i += 1
            }
        }
    }

    static func depth(_ node: xmlNodePtr?, limit: Int) -> Int {
        guard let node else { return 0 }
        var deepest = 0
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                deepest = max(deepest, depth(c, limit: limit))
                if deepest > limit { return deepest + 1 }
            }
            child = c.pointee.next
        }
        return deepest + 1
    }

    /// Validates against `schema`; the issues name line and element.
    public func validate(against schema: XMLSchema) throws(XMLError) {
        try schema.validate(doc)
    }

    /// Evaluates an XPath 1.0 expression with `prefixes` bound; node results as their text, others as a value.
    public func xpath(_ expression: String, namespaces prefixes: [String: String]) throws(XMLError) -> [String] {
        guard let ctx = xmlXPathNewContext(doc) else { throw .xpath("out of memory") }
        defer { xmlXPathFreeContext(ctx) }
        for (prefix, uri) in prefixes { xmlXPathRegisterNs(ctx, prefix, uri) }
        let errors = LibXML.Errors()
        let box = Unmanaged.passUnretained(errors).toOpaque()
        xmlSetStructuredErrorFunc(box, LibXML.collect)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        guard let result = xmlXPathEvalExpression(expression, ctx) else {
            throw .xpath(errors.messages.first?.message ?? "'\(expression)' is not an XPath 1.0 expression")
        }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            guard let set = result.pointee.nodesetval else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { i in
                guard let node = set.pointee.nodeTab[i] else { return nil }
                guard let content = xmlNodeGetContent(node) else { return "" }
                defer { rapat_xml_free(content) }
                return String(cString: content).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        default:
            guard let s = xmlXPathCastToString(result) else { return [] }
            defer { rapat_xml_free(s) }
            return [String(cString: s)]
        }
    }

    /// The root element, for reading.
    public var root: XMLElement? { xmlDocGetRootElement(doc).map { XMLElement(node: $0, owner: self) } }
}

/// A read-only view of an element; keeps its document alive.
public struct XMLElement {
    let node: xmlNodePtr
    let owner: SafeXMLDocument

    public var name: String { LibXML.string(node.pointee.name) ?? "" }
    public var line: Int { Int(xmlGetLineNo(node)) }

    public func attribute(_ name: String) -> String? {
        guard let v = xmlGetProp(node, name) else { return nil }
        defer { rapat_xml_free(v) }
        return String(cString: v)
    }

    public var text: String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { rapat_xml_free(c) }
        return String(cString: c)
    }

    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: c, owner: owner)) }
            child = c.pointee.next
        }
        return result
    }

    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }
    public func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
}

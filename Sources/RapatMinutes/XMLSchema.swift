import CLibXML2
import Foundation

/// An XML Schema loaded from a file, without network access (imports resolve to local files only).
public final class XMLSchema: @unchecked Sendable {
    // @unchecked: a parsed xmlSchema is read-only; each validation makes its own context (libxml2 allows that across threads).
    let schema: xmlSchemaPtr

    public init(path: String) throws(XMLError) {
        _ = LibXML.initialized
        guard FileManager.default.fileExists(atPath: path) else { throw .schemaUnusable("\(path) does not exist") }
        guard let ctxt = xmlSchemaNewParserCtxt(path) else { throw .schemaUnusable("cannot read \(path)") }
        defer { xmlSchemaFreeParserCtxt(ctxt) }
        let errors = LibXML.Errors()
        xmlSchemaSetParserStructuredErrors(ctxt, LibXML.collect, Unmanaged.passUnretained(errors).toOpaque())
        guard let parsed = xmlSchemaParse(ctxt) else {
            throw .schemaUnusable(errors.messages.first?.description ?? "\(path) is not a usable XML Schema")
        }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }

    func validate(_ doc: xmlDocPtr) throws(XMLError) {
        guard let ctxt = xmlSchemaNewValidCtxt(schema) else { throw .schemaUnusable("out of memory") }
        defer { xmlSchemaFreeValidCtxt(ctxt) }
        let errors = LibXML.Errors()
        xmlSchemaSetValidStructuredErrors(ctxt, LibXML.collect, Unmanaged.passUnretained(errors).toOpaque())
        let result = xmlSchemaValidateDoc(ctxt, doc)
        guard result == 0 else {
            throw .invalid(errors.messages.isEmpty ? [.init(line: 0, element: nil, message: "validation failed (\(result))")] : errors.messages)
        }
    }
}

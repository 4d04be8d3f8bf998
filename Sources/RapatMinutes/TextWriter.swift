import CLibXML2

/// libxml2's streaming xmlTextWriter into memory: UTF-8, indented, attributes left out when nil.
/// Both pointers live exactly as long as this object.
final class TextWriter {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?

    init() throws(XMLError) {
        _ = LibXML.initialized
        guard let buffer = xmlBufferCreate() else { throw .content("out of memory") }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .content("out of memory")
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    func start(_ name: String, _ attributes: [(String, String?)] = []) {
        xmlTextWriterStartElement(writer, name)
        for (k, v) in attributes { if let v { xmlTextWriterWriteAttribute(writer, k, v) } }
    }

    func end() { xmlTextWriterEndElement(writer) }

    func empty(_ name: String, _ attributes: [(String, String?)]) {
        start(name, attributes)
        end()
    }

    func element(_ name: String, _ text: String, _ attributes: [(String, String?)] = []) {
        start(name, attributes)
        xmlTextWriterWriteString(writer, text)
        end()
    }

    /// Closes every open element and returns the document.
    func finish() throws(XMLError) -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        // Freeing the writer flushes it into the buffer.
        xmlFreeTextWriter(writer)
        writer = nil
        guard let content = xmlBufferContent(buffer) else { throw .content("nothing was written") }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}

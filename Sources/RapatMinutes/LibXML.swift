import CLibXML2
import Foundation

/// libxml2 behind a small safe API: initialised once, every pointer freed where it is made, nothing
/// of C leaves this target.
enum LibXML {
    /// `xmlInitParser` must run once before libxml2 is used from several threads.
    static let initialized: Bool = {
        xmlInitParser()
        // Whatever asks libxml2 for an external resource (a schema import, an entity), only local files answer.
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
        return true
    }()

    /// Collects libxml2's structured errors for one operation.
    final class Errors {
        var messages: [XMLError.Issue] = []

        func add(_ e: xmlErrorPtr?) {
            guard let e else { return }
            let message = e.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
            var element: String?
            if let node = e.pointee.node?.assumingMemoryBound(to: xmlNode.self), let name = node.pointee.name {
                element = String(cString: name)
            }
            messages.append(.init(line: Int(e.pointee.line), element: element, message: message))
        }
    }

    static let collect: xmlStructuredErrorFunc = { context, error in
        guard let context else { return }
        Unmanaged<Errors>.fromOpaque(context).takeUnretainedValue().add(error)
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String? { p.map { String(cString: $0) } }
}

/// What went wrong with an XML document, with the line and element libxml2 reported.
public enum XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Issue: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var element: String?
        public var message: String
        public var description: String { "line \(line)" + (element.map { ", element \($0)" } ?? "") + ": \(message)" }
    }

    case tooLarge(bytes: Int, limit: Int)
    case doctype
    case malformed([Issue])
    case invalid([Issue])
    case tooDeep(limit: Int)
    /// An element with more attributes than any minutes need (libxml2 checks duplicates pairwise: quadratic).
    case tooManyAttributes(line: Int, limit: Int)
    case schemaUnusable(String)
    case xpath(String)
    case content(String)

    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit): return "the document is \(bytes) bytes, more than the \(limit) bytes accepted"
        case .doctype: return "the document has a DOCTYPE: minutes never need one, and DTDs and entities are refused (no file or network is read)"
        case let .malformed(issues): return "not well-formed XML: " + issues.prefix(3).map(\.description).joined(separator: "; ")
        case let .invalid(issues): return "not valid against the schema: " + issues.prefix(5).map(\.description).joined(separator: "; ")
        case let .tooDeep(limit): return "elements are nested deeper than \(limit) levels"
        case let .tooManyAttributes(line, limit): return "line \(line): an element has more than \(limit) attributes"
        case let .schemaUnusable(why): return "the schema cannot be used: \(why)"
        case let .xpath(why): return "XPath expression refused: \(why)"
        case let .content(why): return "the minutes cannot be read: \(why)"
        }
    }
}

import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body (a browser's form post).
struct FormData: Sendable {
    var fields: [String: [String]] = [:]

    subscript(_ name: String) -> String? { fields[name]?.first }

    /// The field when it holds more than white space.
    func filled(_ name: String) -> String? {
        self[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    /// Every field in a stable order (for links that keep the filters).
    var pairs: [(String, String)] { fields.keys.sorted().flatMap { k in fields[k]!.map { (k, $0) } } }

    /// A link to `path` keeping every field but `name`, which becomes `value` (the next page, another facet).
    func link(_ path: String, setting name: String, to value: String) -> String {
        func encoded(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        let items = (pairs.filter { $0.0 != name } + [(name, value)]).map { encoded($0.0) + "=" + encoded($0.1) }
        return path + "?" + items.joined(separator: "&")
    }

    /// The query string as a browser's GET form sends it (`+` for a space).
    static func query(_ request: Request) -> FormData { parse(request.uri.query ?? "") }

    /// Reads at most `limit` bytes of the body; a larger form is refused (413).
    static func read(_ request: Request, limit: Int = 64 << 10) async throws -> FormData {
        let buffer = try await request.body.collect(upTo: limit)
        return parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> FormData {
        var form = FormData()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            form.fields[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return form
    }
}

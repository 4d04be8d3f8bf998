import Foundation
import Hummingbird
import Mustache
import RapatCore
import RapatService
import RapatStore

/// The pages' templates (Resources/web, also at templates/web in the repository), loaded once, and the frame
/// every page shares: language, signed-in user, navigation, CSRF token.
struct WebView: Sendable {
    let library: MustacheLibrary

    static let shared: WebView = {
        var library = MustacheLibrary()
        let directory = Bundle.module.resourceURL!.appendingPathComponent("web")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            // A template that does not parse is a bug of this build: fail at start, loudly.
            let text = try! String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            try! library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return WebView(library: library)
    }()

    /// The data of the shared frame.
    static func frame(_ request: Request, _ context: RapatContext, nav: String? = nil) -> [String: Any] {
        let l = context.language
        var data: [String: Any] = ["lang": l == .en ? "en" : "id", "t": WebText.labels(l)]
        let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        data["returnTo"] = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        data["otherLanguage"] = l == .en ? ["code": "id", "label": "Bahasa Indonesia"] : ["code": "en", "label": "English"]
        if let user = context.webUser {
            data["user"] = ["name": context.webUserName ?? user.username, "roleLabel": WebText.role(user.role, l)]
            data["csrf"] = context.webSession?.csrf ?? ""
            data["canSearch"] = AccessPolicy.may(context.webPrincipal, .search)
            data["canReport"] = AccessPolicy.may(context.webPrincipal, .readReports)
            data["canPlan"] = AccessPolicy.may(context.webPrincipal, .registerPeople)
        }
        if let nav { data["nav"] = [nav: true] }
        return data
    }

    func render(_ name: String, _ data: [String: Any]) -> String {
        library.render(data, withTemplate: name) ?? "<!DOCTYPE html><title>Rapat</title><p>template \(name) missing</p>"
    }

    /// A page: the frame's data merged with the page's own.
    func page(_ name: String, _ request: Request, _ context: RapatContext, nav: String? = nil, status: HTTPResponse.Status = .ok,
              _ data: [String: Any]) -> Response {
        var all = Self.frame(request, context, nav: nav)
        for (k, v) in data { all[k] = v }
        return Self.html(render(name, Self.clean(all) as? [String: Any] ?? [:]), status: status)
    }

    /// Text made safe inside HTML elements and quoted attributes, as `{{name}}` escapes it.
    static func escape<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The data without absent values (`Optional.none` in an `Any`), which Mustache would print as "nil"
    /// instead of skipping their section. Plain values are recognised first: reflecting every value (`Mirror`)
    /// cost a twentieth of a list page.
    static func clean(_ value: Any) -> Any? {
        switch value {
        case let optional as any AnyOptional: return optional.unwrapped.flatMap(clean)
        case is String, is Int, is Bool, is Double: return value
        case let dict as [String: Any]:
            var out: [String: Any] = [:]
            out.reserveCapacity(dict.count)
            for (k, v) in dict { if let c = clean(v) { out[k] = c } }
            return out
        case let list as [Any]: return list.compactMap(clean)
        default: return value
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The page that says what went wrong, in the reader's language (403, 404, 400, 429, 500 with its request id).
    func error(_ request: Request, _ context: RapatContext, status: HTTPResponse.Status, message: String) -> Response {
        let l = context.language
        let heading: String
        switch status.code {
        case 403: heading = l == .en ? "Not allowed" : "Tidak diizinkan"
        case 404: heading = l == .en ? "Not found" : "Tidak ditemukan"
        case 429: heading = l == .en ? "Too many attempts" : "Terlalu banyak percobaan"
        case 400..<500: heading = l == .en ? "Cannot do that" : "Tidak dapat dilakukan"
        default: heading = l == .en ? "Something went wrong" : "Terjadi kesalahan"
        }
        return page("galat", request, context, status: status, ["heading": heading, "message": message])
    }
}

extension RapatContext {
    /// The principal a signed-in browser speaks for (an archivist-less nobody when signed out: reads nothing).
    var webPrincipal: Principal {
        webUser.map { Principal(role: $0.role, person: $0.person) } ?? Principal(role: .participant, person: nil)
    }
}

/// An `Optional` of any type, seen through `Any`.
protocol AnyOptional { var unwrapped: Any? { get } }

extension Optional: AnyOptional {
    var unwrapped: Any? { self.map { $0 as Any } }
}

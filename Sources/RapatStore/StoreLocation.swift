import Foundation

/// Where the archive lives, parsed from `--database` / `RAPAT_DATABASE`.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default archive: `$RAPAT_DATABASE`, else `./rapat.db`.
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreLocation {
        try parse(option ?? environment["RAPAT_DATABASE"] ?? "sqlite://rapat.db")
    }

    /// Accepts `sqlite:///abs/path.db`, `sqlite://relative.db`, `sqlite:path.db`, a plain path, or `postgres://…`.
    public static func parse(_ text: String) throws -> StoreLocation {
        let t = text.trimmed
        if t.hasPrefix("postgres://") || t.hasPrefix("postgresql://") { return .postgres(url: t) }
        var path: String
        if t.hasPrefix("sqlite://") {
            path = String(t.dropFirst("sqlite://".count))
        } else if t.hasPrefix("sqlite:") {
            path = String(t.dropFirst("sqlite:".count))
        } else if t.contains("://") {
            throw StoreError.unsupportedURL(text)
        } else {
            path = t
        }
        guard !path.isEmpty else { throw StoreError.unsupportedURL(text) }
        path = path.removingPercentEncoding ?? path
        return .sqlite(path: path)
    }

    /// The URL as it may be shown: a password replaced by `***`.
    public static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "***"
        return c.string ?? url
    }

    public var description: String {
        switch self {
        case let .sqlite(path): return "sqlite://\(path)"
        case let .postgres(url): return Self.redacted(url)
        }
    }
}

import Foundation

/// JSON as the archive stores documents (meetings on PostgreSQL, sealed records, attendance history):
/// sorted keys and ISO 8601 instants, one coder for every backend.
public enum StoredJSON {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}

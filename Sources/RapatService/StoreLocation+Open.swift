import RapatPostgres
import RapatSQLite
import RapatStore

extension StoreLocation {
    /// Opens the store, creating and migrating it when needed.
    public func open() async throws -> any MeetingStore {
        switch self {
        case let .sqlite(path): return try SQLiteStore(path: path)
        case let .postgres(url): return try await PostgresStore(url: url)
        }
    }
}

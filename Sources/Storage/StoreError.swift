/// Errors the store reports to its callers; each has a message a person can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// How long a client should wait before sending a write the store was too busy for.
    public static let retryAfterSeconds = 2

    case invalidDatabaseURL(String, reason: String)
    case unreachable(String)
    case migrationFailed(version: Int, name: String, reason: String)
    case seedMissing(path: String)
    case seedInvalid(file: String, reason: String)
    case integrity(String)
    /// Another writer held the database for longer than a request waits for it (on SQLite, an
    /// import in another process; on PostgreSQL, a lock or serialization conflict). Nothing was
    /// written; the same request can be sent again shortly (503 with Retry-After).
    case busy
    /// A write would have made a second row with a key that must be unique (a concurrent writer won
    /// the race). Names the constraint or columns, never the values: those may identify a student.
    case uniqueViolation(constraint: String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let url, let reason):
            return "invalid database location '\(url)': \(reason)"
        case .unreachable(let reason):
            return "database unreachable: \(reason)"
        case .migrationFailed(let version, let name, let reason):
            return "migration \(version) (\(name)) failed: \(reason)"
        case .seedMissing(let path):
            return "seed data not found at \(path) (set --seed-dir or CLOSELOOP_SEED_DIR)"
        case .seedInvalid(let file, let reason):
            return "seed file \(file) is invalid: \(reason)"
        case .integrity(let reason):
            return "directory integrity: \(reason)"
        case .busy:
            return "the database is busy with another writer (such as an import); nothing was written, try again in a moment"
        case .uniqueViolation(let constraint):
            return "a record with the same key already exists (\(constraint)); nothing was written"
        }
    }
}

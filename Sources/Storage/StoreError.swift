/// Errors the store reports to its callers; each has a message a person can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidDatabaseURL(String, reason: String)
    case unreachable(String)
    case migrationFailed(version: Int, name: String, reason: String)
    case seedMissing(path: String)
    case seedInvalid(file: String, reason: String)
    case integrity(String)

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
        }
    }
}

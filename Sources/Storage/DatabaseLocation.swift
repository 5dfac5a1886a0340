import Foundation

/// Which database a store talks to, parsed from `--db` / `CLOSELOOP_DATABASE_URL`.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file (created if missing).
    case sqlite(path: String)
    /// A PostgreSQL URL, `postgres://user[:password]@host[:port]/database[?sslmode=...]`.
    case postgres(url: String)

    public static let defaultSQLitePath = "./closeloop.sqlite"

    /// Accepts `postgres://…`, `postgresql://…`, `sqlite:PATH`, `sqlite://PATH` or a plain file path.
    public init(parsing text: String) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidDatabaseURL(text, reason: "it is empty") }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty else {
                throw .invalidDatabaseURL(text, reason: "a PostgreSQL URL needs a host: postgres://user@host:5432/db")
            }
            guard components.path.count > 1 else {
                throw .invalidDatabaseURL(text, reason: "a PostgreSQL URL needs a database name after the host")
            }
            // PostgresKit only knows the "postgres" scheme.
            self = .postgres(url: lower.hasPrefix("postgresql://") ? "postgres://" + trimmed.dropFirst("postgresql://".count) : trimmed)
        } else if lower.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if lower.hasPrefix("sqlite:") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite:".count)))
        } else if trimmed.contains("://") {
            throw .invalidDatabaseURL(text, reason: "use a file path, sqlite:PATH or postgres://…")
        } else {
            self = .sqlite(path: trimmed)
        }
    }

    /// The text `--db` takes to reach this database again (passwords included: not for logs).
    public var connectionString: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }

    /// The location with any password hidden, safe for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "****" }
            return components.string ?? "postgres://…"
        }
    }
}

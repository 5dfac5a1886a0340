import Foundation
import SQLKit

/// One committed change to the directory's services, in commit order.
public struct DirectoryChange: Sendable, Equatable {
    public let sequence: Int64
    /// The service that changed; nil when many did (an import, a seed) and readers should rebuild.
    public let serviceID: String?
}

extension DirectoryStore {
    /// PostgreSQL channel every write notifies; each server instance listens on it.
    static let changeChannel = "closeloop_directory"

    /// Appends change rows inside the writer's transaction (so they commit or vanish with it) and, on
    /// PostgreSQL, queues a NOTIFY that the server delivers at commit.
    static func recordChange(of serviceIDs: [String]?, on db: any SQLDatabase, backend: Backend) async throws {
        if backend == .postgres {
            // Serialises change writers until commit, so sequence numbers become visible in order and a
            // reader that has seen N never later finds a smaller one appear.
            try await db.raw("SELECT pg_advisory_xact_lock(7202612)").run()
        }
        let now = Clock.nowSeconds()
        if let serviceIDs {
            for batch in serviceIDs.chunked(into: batchSize) {
                try await batch.reduce(db.insert(into: "directory_changes").columns("service_id", "changed_at")) {
                    $0.values(SQLBind($1), SQLBind(now))
                }.run()
            }
        } else {
            // "Everything changed" supersedes every earlier row: readers behind it rebuild anyway.
            try await db.delete(from: "directory_changes").run()
            try await db.insert(into: "directory_changes").columns("service_id", "changed_at")
                .values(SQLLiteral.null, SQLBind(now)).run()
        }
        if backend == .postgres {
            try await db.raw("SELECT pg_notify(\(bind: changeChannel), '')").run()
        }
    }

    /// The newest change's sequence number (0 before any change).
    public func latestChangeSequence() async throws -> Int64 {
        let row = try await sql.raw("SELECT COALESCE(MAX(seq), 0) AS latest FROM directory_changes").first()
        return try row?.decode(column: "latest", as: Int64.self) ?? 0
    }

    /// Changes committed after `sequence`, oldest first.
    public func changes(after sequence: Int64) async throws -> [DirectoryChange] {
        try await sql.select().columns("seq", "service_id").from("directory_changes")
            .where("seq", .greaterThan, sequence).orderBy("seq").all()
            .map { DirectoryChange(
                sequence: try $0.decode(column: "seq", as: Int64.self),
                serviceID: try $0.decode(column: "service_id", as: String?.self)) }
    }
}

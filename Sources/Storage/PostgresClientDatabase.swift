import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// SQLKit over PostgresNIO's pool: each query leases a connection for its length, a session pins
/// one (a transaction), and PostgresKit's `sql()` does the encoding on the connection.
struct PostgresClientDatabase: SQLDatabase {
    let client: PostgresClient
    let logger: Logger

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { PostgresDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        do {
            try await client.withConnection { connection in
                try await connection.sql().execute(sql: query, onRow)
            }
        } catch {
            throw StoreError.typed(postgres: error)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        do {
            let box = try await client.withConnection { connection in
                UncheckedBox(value: try await closure(connection.sql()))
            }
            return box.value
        } catch {
            throw StoreError.typed(postgres: error)
        }
    }
}

extension StoreError {
    /// PostgreSQL's unique violation (SQLSTATE 23505) and the failures a retry resolves
    /// (serialization 40001, deadlock 40P01, lock not available 55P03) as the store's own errors,
    /// once, where every query and session passes; anything else unchanged. The unique case keeps
    /// the constraint's name only: the server's detail line carries the duplicated values.
    static func typed(postgres error: any Error) -> any Error {
        guard let error = error as? PSQLError, error.code == .server, let state = error.serverInfo?[.sqlState] else { return error }
        switch state {
        case "23505": return StoreError.uniqueViolation(constraint: error.serverInfo?[.constraintName] ?? "unique key")
        case "40001", "40P01", "55P03": return StoreError.busy
        default: return error
        }
    }
}

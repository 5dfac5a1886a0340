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
        try await client.withConnection { connection in
            try await connection.sql().execute(sql: query, onRow)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let box = try await client.withConnection { connection in
            UncheckedBox(value: try await closure(connection.sql()))
        }
        return box.value
    }
}

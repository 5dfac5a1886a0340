import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// One SQLite connection pinned for a session (a transaction): SQLKit for every query, and the
/// connection itself for bulk inserts, whose values then skip SQLKit's per-value encoding.
struct SQLiteSession: SQLDatabase {
    let connection: SQLiteConnection
    let base: any SQLDatabase

    init(connection: SQLiteConnection) {
        self.connection = connection
        self.base = connection.sql()
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await base.execute(sql: query, onRow)
    }

    func run(_ statement: MultiRowInsert) async throws {
        let sql = statement.text(placeholder: .questionMark, quote: { MultiRowInsert.quoted($0, on: base) })
        _ = try await connection.query(sql, statement.bound.map(\.sqlite))
    }
}

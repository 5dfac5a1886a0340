import Foundation
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

    /// Starts the insert on the connection; SQLite takes nulls as binds, so the text depends only on
    /// the statement's shape and is written once per shape.
    func start(_ statement: MultiRowInsert) -> EventLoopFuture<Void> {
        let sql = StatementTexts.shared.text(for: statement) {
            statement.text(placeholder: .questionMark, bindingNulls: true, quote: { MultiRowInsert.quoted($0, on: base) })
        }
        return connection.query(sql, statement.values.map(\.sqlite)) { _ in }
    }
}

/// Insert texts by shape (table, columns, rows, upsert or not): an import sends the same few shapes
/// thousands of times.
final class StatementTexts: @unchecked Sendable {
    static let shared = StatementTexts()
    private let lock = NSLock()
    private var texts: [Key: String] = [:]

    private struct Key: Hashable {
        let table: String
        let columns: [String]
        let rows: Int
        let replacingByID: Bool
    }

    func text(for statement: MultiRowInsert, make: () -> String) -> String {
        let key = Key(
            table: statement.table, columns: statement.columns, rows: statement.values.count / statement.columns.count,
            replacingByID: statement.replacingByID)
        if let text = lock.withLock({ texts[key] }) { return text }
        let text = make()
        lock.withLock { texts[key] = texts.count < 256 ? text : nil }
        return text
    }
}

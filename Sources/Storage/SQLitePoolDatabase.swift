import Foundation
import AsyncKit
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// Opens SQLite connections the way a server needs them: WAL, foreign keys, and a busy timeout
/// so concurrent writers wait for each other instead of failing.
///
/// `synchronous = FULL`: every commit is on disk before it is acknowledged, so a referral event
/// the API answered 201 for survives a power cut, not only a crash of the process (WAL's NORMAL
/// may lose the last commits then). `CLOSELOOP_SQLITE_SYNCHRONOUS=normal` trades that for speed;
/// the measured cost is in the README (Security and privacy, Web sessions and clients).
struct TunedSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    var synchronous = SQLiteSynchronous.fromEnvironment()

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            let pragmas = [
                "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 10000",
                "PRAGMA synchronous = \(synchronous.rawValue)", "PRAGMA foreign_keys = ON",
            ]
            return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { previous, pragma in
                previous.flatMap { connection.query(pragma).map { _ in } }
            }.map { connection }
        }
    }
}

/// How SQLite syncs commits to disk (see `TunedSQLiteSource`).
enum SQLiteSynchronous: String, Sendable {
    case full = "FULL"
    case normal = "NORMAL"

    /// FULL unless `CLOSELOOP_SQLITE_SYNCHRONOUS=normal`.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SQLiteSynchronous {
        environment["CLOSELOOP_SQLITE_SYNCHRONOUS"].flatMap { SQLiteSynchronous(rawValue: $0.uppercased()) } ?? .full
    }
}

/// SQLiteKit ships no pooled `SQLDatabase`; this one takes a connection per query and pins one per session.
struct SQLitePoolDatabase: SQLDatabase {
    let handle: PoolHandle<TunedSQLiteSource>
    let logger: Logger

    var pool: EventLoopGroupConnectionPool<TunedSQLiteSource> { handle.pool }

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { connection in
            connection.sql().execute(sql: query, onRow)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let box = try await pool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask { UncheckedBox(value: try await closure(SQLiteSession(connection: connection))) }
        }.get()
        return box.value
    }
}

/// AsyncKit's pool guards its state with a lock but predates `Sendable` annotations.
struct PoolHandle<Source: ConnectionPoolSource>: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
}

/// Carries a session's result out of the pool's future; the value never crosses threads concurrently.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}

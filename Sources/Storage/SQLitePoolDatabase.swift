import Foundation
import AsyncKit
import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// Opens SQLite connections the way a server needs them: WAL, foreign keys, and a short busy
/// timeout, so a write blocked by another process (an import) is answered busy instead of hanging.
///
/// `synchronous = FULL`: every commit is on disk before it is acknowledged, so a referral event
/// the API answered 201 for survives a power cut, not only a crash of the process (WAL's NORMAL
/// may lose the last commits then). `CLOSELOOP_SQLITE_SYNCHRONOUS=normal` trades that for speed;
/// the measured cost is in the README (Security and privacy, Web sessions and clients).
struct TunedSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    var synchronous = SQLiteSynchronous.fromEnvironment()
    /// Milliseconds a write waits for another process's write lock before SQLite answers busy.
    var busyTimeout = Self.busyTimeoutMilliseconds

    /// How long a write waits for another process's write lock (an import holds it for the whole
    /// feed, many seconds) before the store answers `StoreError.busy`. Writers in this process queue
    /// on the `WriteGate` instead and never wait here for each other. Three quarters of a second
    /// keeps a request's answer, written or "busy, retry", within the two seconds promised in the
    /// README even on a loaded machine (SQLite counts the sleeps it asks for, not the time they
    /// take: 1 s measured 1.1–1.6 s end to end); it was 10 s, and a request queued behind other
    /// waiting writers then took 15 s and ended in a 500. Another process's own write transactions
    /// (a server's, seen from an import) last milliseconds, far inside it.
    static let busyTimeoutMilliseconds = 750
    /// Migrations at start-up wait longer: a server that starts while an import runs should start
    /// once it ends rather than fail.
    static let migrationBusyTimeoutMilliseconds = 60_000

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            let pragmas = [
                "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = \(busyTimeout)",
                "PRAGMA synchronous = \(synchronous.rawValue)", "PRAGMA foreign_keys = ON",
            ]
            return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { previous, pragma in
                previous.flatMap { connection.query(pragma).map { _ in } }
            }.map { connection }.flatMapError { error in
                // A pragma can fail (a new file's WAL switch is busy while other new connections
                // make the same switch); the half-made connection must be closed, not dropped.
                connection.close().flatMapThrowing { throw error }
            }
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
        }.flatMapErrorThrowing { throw StoreError.typed($0) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        do {
            let box = try await pool.withConnection(logger: logger) { connection in
                connection.eventLoop.makeFutureWithTask { UncheckedBox(value: try await closure(SQLiteSession(connection: connection))) }
            }.get()
            return box.value
        } catch {
            throw StoreError.typed(error)
        }
    }
}

extension StoreError {
    /// SQLite's "busy" and "unique" failures as the store's own errors, once, where every query and
    /// session passes; anything else unchanged. The unique case keeps SQLite's column list
    /// ("students.district_student_id"), which names no value.
    static func typed(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        switch error.reason {
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache:
            return StoreError.busy
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            let prefix = "UNIQUE constraint failed: "
            let columns = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : "unique key"
            return StoreError.uniqueViolation(constraint: columns)
        default:
            return error
        }
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

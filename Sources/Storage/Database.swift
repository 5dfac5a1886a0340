import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The two engines one store runs on. Queries are shared; only a few DDL words and
/// locking statements differ, and they live here.
public enum Backend: String, Sendable {
    case sqlite
    case postgres

    /// Text ids compare byte-wise on both engines, so cursors and ordering agree.
    var idType: String { self == .postgres ? #"TEXT COLLATE "C""# : "TEXT" }
    /// SQLite takes the write lock up front so concurrent writers queue instead of deadlocking.
    var beginTransaction: String { self == .postgres ? "BEGIN" : "BEGIN IMMEDIATE" }
    /// An ever-increasing integer key assigned by the database.
    var serialPrimaryKey: String { self == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT" }
}

/// A pool of connections to one database, SQLite or PostgreSQL, behind SQLKit.
public final class Database: Sendable {
    public let backend: Backend
    public let location: DatabaseLocation
    let sql: any SQLDatabase
    /// Connection settings for the dedicated LISTEN connection (PostgreSQL only).
    let listenConfiguration: PostgresConnection.Configuration?
    /// Serialises SQLite write transactions in-process (see `WriteGate`); unused on PostgreSQL.
    private let writeGate = WriteGate()
    private let shutdownPool: @Sendable () async throws -> Void
    /// Opens a SQLite connection outside the pool, for migrations (see `migrate(through:)`); nil on PostgreSQL.
    let openUnpooledConnection: (@Sendable () async throws -> SQLiteConnection)?

    public static func open(_ location: DatabaseLocation, logger: Logger) throws(StoreError) -> Database {
        let group = MultiThreadedEventLoopGroup.singleton
        switch location {
        case .sqlite(let path):
            let source = TunedSQLiteSource(base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path))))
            let handle = PoolHandle(pool: EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: 4, pruneInterval: nil, logger: logger, on: group))
            return Database(
                backend: .sqlite, location: location, sql: SQLitePoolDatabase(handle: handle, logger: logger),
                listenConfiguration: nil, shutdown: { try await handle.pool.shutdownAsync() },
                openUnpooledConnection: { try await source.makeConnection(logger: logger, on: group.any()).get() })
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw .invalidDatabaseURL(location.description, reason: String(describing: error))
            }
            let handle = PoolHandle(pool: EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 8,
                pruneInterval: .seconds(60), logger: logger, on: group))
            return Database(
                backend: .postgres, location: location, sql: handle.pool.database(logger: logger).sql(),
                listenConfiguration: configuration.coreConfiguration, shutdown: { try await handle.pool.shutdownAsync() })
        }
    }

    private init(
        backend: Backend, location: DatabaseLocation, sql: any SQLDatabase,
        listenConfiguration: PostgresConnection.Configuration?, shutdown: @escaping @Sendable () async throws -> Void,
        openUnpooledConnection: (@Sendable () async throws -> SQLiteConnection)? = nil
    ) {
        self.backend = backend
        self.location = location
        self.sql = sql
        self.listenConfiguration = listenConfiguration
        self.shutdownPool = shutdown
        self.openUnpooledConnection = openUnpooledConnection
    }

    /// Runs `body` on one connection inside a transaction: committed if it returns, rolled back if it throws.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin = backend.beginTransaction
        if backend == .sqlite {
            await writeGate.enter()
            do {
                let result = try await run(begin: begin, body)
                await writeGate.leave()
                return result
            } catch {
                await writeGate.leave()
                throw error
            }
        }
        return try await run(begin: begin, body)
    }

    private func run<R: Sendable>(begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession { session in
            try await Self.run(on: session, begin: begin, body, beforeCommit: { _ in })
        }
    }

    private static func run<R: Sendable>(
        on session: any SQLDatabase, begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R,
        beforeCommit: @Sendable (any SQLDatabase) async throws -> Void
    ) async throws -> R {
        try await session.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(session)
            try await beforeCommit(session)
            try await session.raw("COMMIT").run()
            return result
        } catch {
            try? await session.raw("ROLLBACK").run()
            throw error
        }
    }

    /// A SQLite write transaction on `session`, a connection of the caller's (see `migrate(through:)`),
    /// queued behind the pool's writers like `transaction`.
    ///
    /// With `foreignKeysOff`, enforcement is off for it: a migration that rebuilds a table other
    /// tables refer to needs that, since SQLite cannot drop a NOT NULL in place and dropping a
    /// referenced table with enforcement on fails (SQLite's "making other kinds of table schema
    /// changes"). The pragma only takes effect outside a transaction, so it is set around
    /// BEGIN … COMMIT, and `PRAGMA foreign_key_check` runs before the commit: a rebuild that broke a
    /// reference rolls back.
    func sqliteTransaction<R: Sendable>(
        on session: any SQLDatabase, foreignKeysOff: Bool, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        precondition(backend == .sqlite)
        await writeGate.enter()
        do {
            if foreignKeysOff { try await session.raw("PRAGMA foreign_keys = OFF").run() }
            let result = try await Self.run(on: session, begin: Backend.sqlite.beginTransaction, body, beforeCommit: { db in
                guard foreignKeysOff else { return }
                let broken = try await db.raw("PRAGMA foreign_key_check").all()
                guard broken.isEmpty else {
                    throw StoreError.integrity("\(broken.count) row(s) refer to rows that do not exist after rebuilding tables")
                }
            })
            if foreignKeysOff { try await session.raw("PRAGMA foreign_keys = ON").run() }
            await writeGate.leave()
            return result
        } catch {
            if foreignKeysOff { try? await session.raw("PRAGMA foreign_keys = ON").run() }
            await writeGate.leave()
            throw error
        }
    }

    /// Round-trips a trivial query; used by `/health`.
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS one").all()
    }

    public func shutdown() async {
        try? await shutdownPool()
    }
}

extension Database {
    /// Runs one statement outside any transaction (administration: CREATE/DROP DATABASE, VACUUM).
    public func execute(_ statement: String) async throws {
        try await sql.raw(SQLQueryString(statement)).run()
    }
}

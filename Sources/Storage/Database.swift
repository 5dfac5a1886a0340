import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import ServiceLifecycle
import Synchronization

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

/// A pool of connections to one database, SQLite or PostgreSQL, behind SQLKit. The pool serves
/// queries while `run()` runs: as a lifecycle service next to the server, or for the length of a
/// scope (`Database.withOpen`, `whileRunning`). When `run()` ends, every connection is closed.
public final class Database: Service, Sendable {
    public let backend: Backend
    public let location: DatabaseLocation
    let sql: any SQLDatabase
    /// Connection settings for the dedicated LISTEN connection (PostgreSQL only).
    let listenConfiguration: PostgresConnection.Configuration?
    /// Serialises SQLite write transactions in-process (see `WriteGate`); unused on PostgreSQL.
    private let writeGate = WriteGate()
    /// The pseudonym key once read (see `ReferralStore.pseudonymKey`): a partner's every action reads it.
    let pseudonymKey = Remembered<[UInt8]>()
    private let pool: Pool
    private let running = Latch()
    /// Opens a SQLite connection outside the pool, for migrations (see `migrate(through:)`); nil on PostgreSQL.
    let openUnpooledConnection: (@Sendable () async throws -> SQLiteConnection)?

    private enum Pool: Sendable {
        /// SQLiteKit's connections in AsyncKit's pool (see `SQLitePoolDatabase`).
        case sqlite(PoolHandle<TunedSQLiteSource>)
        /// PostgresNIO's pool, and the logger that says when it would not stop.
        case postgres(PostgresClient, Logger)
    }

    /// Connections per core, on either engine.
    static let sqliteConnectionsPerCore = 4
    static let postgresConnectionsPerCore = 8

    /// Sets the pool up; nothing connects until `run()` runs.
    public static func open(_ location: DatabaseLocation, logger: Logger) throws(StoreError) -> Database {
        // Statements and their binds are logged below info; never let them out (DatabaseLogLevel.swift).
        let logger = withoutStatementLogs(logger)
        switch location {
        case .sqlite(let path):
            let source = TunedSQLiteSource(base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path))))
            let migrationSource = TunedSQLiteSource(base: source.base, busyTimeout: TunedSQLiteSource.migrationBusyTimeoutMilliseconds)
            let handle = PoolHandle(pool: EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: sqliteConnectionsPerCore, pruneInterval: nil, logger: logger,
                on: MultiThreadedEventLoopGroup.singleton))
            return Database(
                backend: .sqlite, location: location, sql: SQLitePoolDatabase(handle: handle, logger: logger),
                listenConfiguration: nil, pool: .sqlite(handle),
                openUnpooledConnection: { try await migrationSource.makeConnection(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()).get() })
        case .postgres(let url):
            let settings: SQLPostgresConfiguration
            do {
                settings = try SQLPostgresConfiguration(url: url)
            } catch {
                throw .invalidDatabaseURL(location.description, reason: String(describing: error))
            }
            let client = PostgresClient(
                configuration: clientConfiguration(settings.coreConfiguration), backgroundLogger: logger)
            return Database(
                backend: .postgres, location: location, sql: PostgresClientDatabase(client: client, logger: logger),
                listenConfiguration: settings.coreConfiguration, pool: .postgres(client, logger))
        }
    }

    /// The pool's settings for the server the URL names, with the URL's TLS mode.
    private static func clientConfiguration(_ connection: PostgresConnection.Configuration) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            connection.tls.isEnforced ? .require(.makeClientConfiguration())
            : connection.tls.isAllowed ? .prefer(.makeClientConfiguration()) : .disable
        var configuration = PostgresClient.Configuration(
            host: connection.host ?? "localhost", port: connection.port ?? SQLPostgresConfiguration.ianaPortNumber,
            username: connection.username, password: connection.password, database: connection.database, tls: tls)
        configuration.options.maximumConnections = postgresConnectionsPerCore * System.coreCount
        return configuration
    }

    private init(
        backend: Backend, location: DatabaseLocation, sql: any SQLDatabase,
        listenConfiguration: PostgresConnection.Configuration?, pool: Pool,
        openUnpooledConnection: (@Sendable () async throws -> SQLiteConnection)? = nil
    ) {
        self.backend = backend
        self.location = location
        self.sql = sql
        self.listenConfiguration = listenConfiguration
        self.openUnpooledConnection = openUnpooledConnection
        self.pool = pool
    }

    /// Runs the pool until graceful shutdown (in a service group) or cancellation, then closes every
    /// connection before it returns. Call it once.
    public func run() async throws {
        switch pool {
        case .postgres(let client, let logger):
            await InFlight.track("database.run.postgres") {
                await client.run(stoppingWithin: .seconds(30), logger: logger, starting: { [running] in running.open() })
            }
        case .sqlite(let handle):
            running.open()
            try? await InFlight.track("database.run.sqlite.untilShutdown") { try await gracefulShutdown() }
            try? await InFlight.track("database.run.sqlite.poolShutdown") { try await handle.pool.shutdownAsync() }
        }
    }

    /// Returns once `run()` has started: queries made before would wait on a pool nobody runs.
    public func untilRunning() async throws {
        try await running.wait()
    }

    /// Runs `body` while the pool runs and closes the pool afterwards, awaiting the close, whether
    /// `body` returns or throws.
    public func whileRunning<R>(_ body: () async throws -> R) async throws -> R {
        try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await InFlight.track("database.run") { try await self.run() } }
            do {
                try await InFlight.track("database.untilRunning") { try await untilRunning() }
                let result = try await InFlight.track("database.body") { try await body() }
                group.cancelAll()
                try await InFlight.track("database.closing") { try await group.waitForAll() }
                return result
            } catch {
                group.cancelAll()
                try? await InFlight.track("database.closingAfterError") { try await group.waitForAll() }
                throw error
            }
        }
    }

    /// Opens the database at `location`, runs `body` with it and closes it (see `whileRunning`).
    public static func withOpen<R>(
        _ location: DatabaseLocation, logger: Logger, _ body: (Database) async throws -> R
    ) async throws -> R {
        let database = try open(location, logger: logger)
        return try await database.whileRunning { try await body(database) }
    }

    /// Where a write transaction was begun (kept as the compiler's literals: the text is made only
    /// when a nested transaction is refused).
    struct TransactionPlace: Sendable, CustomStringConvertible {
        let file: StaticString
        let line: UInt
        var description: String { "\(file):\(line)" }
    }

    /// Where the write transaction the current task is inside was begun; nil outside one.
    @TaskLocal static var enclosingTransaction: TransactionPlace?

    /// Runs `body` on one connection inside a transaction: committed if it returns, rolled back if it throws.
    ///
    /// A transaction begun inside another's body is refused: on SQLite it would queue behind the one
    /// that encloses it (`WriteGate`) and both would wait forever, silently; on PostgreSQL it would
    /// commit separately from it and could wait on its row locks.
    public func transaction<R: Sendable>(
        file: StaticString = #fileID, line: UInt = #line, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let here = TransactionPlace(file: file, line: line)
        if let outer = Self.enclosingTransaction {
            throw StoreError.integrity("a write transaction begun at \(here) inside the one begun at \(outer)")
        }
        return try await InFlight.track("database.transaction") { try await beginTransaction(at: here, body) }
    }

    private func beginTransaction<R: Sendable>(
        at place: TransactionPlace, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let begin = backend.beginTransaction
        if backend == .sqlite {
            try await writeGate.enter()
            do {
                let result = try await inTransaction(at: place, begin: begin, body)
                await writeGate.leave()
                return result
            } catch {
                await writeGate.leave(storeWasBusy: error as? StoreError == .busy)
                throw error
            }
        }
        return try await inTransaction(at: place, begin: begin, body)
    }

    /// The place is set where `body` runs, inside the session's closure: the SQLite pool runs that
    /// closure in a task of its own (`makeFutureWithTask` on the connection's event loop), which
    /// does not inherit the caller's task-local values.
    private func inTransaction<R: Sendable>(
        at place: TransactionPlace, begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await sql.withSession { session in
            try await Self.$enclosingTransaction.withValue(place) {
                try await Self.run(on: session, begin: begin, body, beforeCommit: { _ in })
            }
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
        try await writeGate.enter()
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

    /// Round-trips a trivial query; used by `/health`. Answers within `timeout`: while PostgreSQL is
    /// unreachable the pool holds a request until its circuit breaker opens (about 15 s) and does not
    /// let go when cancelled, so the query is raced rather than awaited (a task group would wait for
    /// it); a query still held after the timeout ends on its own when the pool gives up.
    public func ping(timeout: Duration = .seconds(3)) async throws {
        let sql = self.sql
        let location = self.location
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let answer = FirstAnswer(continuation)
            let query = Task {
                do {
                    _ = try await sql.raw("SELECT 1 AS one").all()
                    answer.resume(with: .success(()))
                } catch {
                    answer.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: timeout)
                query.cancel()
                answer.resume(with: .failure(StoreError.unreachable("\(location) did not answer within \(timeout)")))
            }
        }
    }
}

/// Resumes a continuation with whichever of several racing results comes first.
private final class FirstAnswer: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, any Error>?>

    init(_ continuation: CheckedContinuation<Void, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<Void, any Error>) {
        continuation.withLock { waiting in
            waiting?.resume(with: result)
            waiting = nil
        }
    }
}

extension Database {
    /// Runs one statement outside any transaction (administration: CREATE/DROP DATABASE, VACUUM).
    public func execute(_ statement: String) async throws {
        try await sql.raw(SQLQueryString(statement)).run()
    }
}

import NIOCore
import SQLKit

/// A row that lists its own bind values in `columns` order. The write path skips Codable: SQLKit's
/// model encoding and expression tree were a fifth of a 100,000-service import's CPU.
protocol BindableRow: Sendable {
    /// The table's columns in the order `appendValues` writes them; `id` first.
    static var columns: [String] { get }
    func appendValues(to values: inout [ColumnValue])
}

/// `INSERT INTO t (…) VALUES (…), (…)`, optionally `ON CONFLICT (id) DO UPDATE` every other column,
/// which SQLite and PostgreSQL both speak. The statement text is written in one piece: thousands of
/// values cost one string, not one expression each.
struct MultiRowInsert: SQLExpression {
    let table: String
    let columns: [String]
    /// Row after row, `columns.count` values each.
    let values: [ColumnValue]
    /// Replace the stored row with the same `id` instead of failing on it.
    let replacingByID: Bool

    /// The values that take a placeholder, in order.
    var bound: [ColumnValue] { values.filter { $0 != .null } }

    /// The statement's text, numbering placeholders from `firstBind` when the dialect numbers them.
    /// Missing values are written as `NULL` rather than bound unless `bindingNulls`: an untyped null
    /// bind is text to PostgreSQL, which then refuses it for a number column.
    func text(placeholder: BindPlaceholder, firstBind: Int = 1, bindingNulls: Bool = false, quote: (String) -> String) -> String {
        var sql = "INSERT INTO " + quote(table) + " (" + columns.map(quote).joined(separator: ", ") + ") VALUES "
        var position = firstBind
        for (index, value) in values.enumerated() {
            let column = index % columns.count
            sql += column > 0 ? ", " : index == 0 ? "(" : "), ("
            if value == .null && !bindingNulls {
                sql += "NULL"
            } else {
                placeholder.append(position, to: &sql)
                position += 1
            }
        }
        if !values.isEmpty { sql += ")" }
        if replacingByID {
            sql += " ON CONFLICT (" + quote("id") + ") DO UPDATE SET "
            sql += columns.dropFirst().map { "\(quote($0)) = EXCLUDED.\(quote($0))" }.joined(separator: ", ")
        }
        return sql
    }

    func serialize(to serializer: inout SQLSerializer) {
        let database = serializer.database
        let sql = text(
            placeholder: BindPlaceholder(dialect: serializer.dialect, database: database),
            firstBind: serializer.binds.count + 1, quote: { Self.quoted($0, on: database) })
        serializer.write(sql)
        serializer.binds.append(contentsOf: bound.map(\.encodable))
    }

    static func quoted(_ identifier: String, on database: any SQLDatabase) -> String {
        var serializer = SQLSerializer(database: database)
        SQLIdentifier(identifier).serialize(to: &serializer)
        return serializer.sql
    }
}

/// The dialect's bind placeholder as text: the same mark every time (`?`) or a mark and the bind's
/// position (`$1`). Worked out once per statement from the dialect instead of once per value.
struct BindPlaceholder {
    let mark: String
    let numbered: Bool

    static let questionMark = BindPlaceholder(mark: "?", numbered: false)

    init(mark: String, numbered: Bool) {
        self.mark = mark
        self.numbered = numbered
    }

    init(dialect: any SQLDialect, database: any SQLDatabase) {
        func text(_ position: Int) -> String {
            var probe = SQLSerializer(database: database)
            dialect.bindPlaceholder(at: position).serialize(to: &probe)
            return probe.sql
        }
        let first = text(1)
        numbered = first != text(2)
        mark = numbered ? String(first.dropLast()) : first
        precondition(!numbered || text(12) == mark + "12", "unexpected bind placeholder \(text(12))")
    }

    func append(_ position: Int, to sql: inout String) {
        sql += mark
        if numbered { sql += String(position) }
    }
}

extension MultiRowInsert {
    /// The rows in statements of at most `maxBinds` values: both engines cap the binds per statement.
    static func statements<Row: BindableRow>(
        _ rows: some Sequence<Row>, into table: String, columns: [String] = Row.columns, replacingByID: Bool,
        maxBinds: Int = 8_192
    ) -> [MultiRowInsert] {
        precondition(columns.count == Row.columns.count, "\(table): \(columns) for \(Row.columns)")
        let perStatement = max(1, maxBinds / columns.count)
        var statements: [MultiRowInsert] = []
        var values: [ColumnValue] = []
        var pending = 0
        func flush() {
            statements.append(MultiRowInsert(table: table, columns: columns, values: values, replacingByID: replacingByID))
            values = []
            pending = 0
        }
        for row in rows {
            row.appendValues(to: &values)
            pending += 1
            if pending == perStatement { flush() }
        }
        if pending > 0 { flush() }
        return statements
    }
}

extension SQLDatabase {
    /// Writes the rows, all of them inserted when this returns.
    func insertRows<Row: BindableRow>(
        _ rows: some Sequence<Row>, into table: String, columns: [String] = Row.columns, replacingByID: Bool
    ) async throws {
        for statement in MultiRowInsert.statements(rows, into: table, columns: columns, replacingByID: replacingByID) {
            try await start(statement).get()
        }
    }

    /// Starts one statement; bulk inserts on an SQLite session go to the connection as they are.
    func start(_ statement: any SQLExpression) -> EventLoopFuture<Void> {
        if let insert = statement as? MultiRowInsert, let session = self as? SQLiteSession { return session.start(insert) }
        return execute(sql: statement) { _ in }
    }
}

/// Statements that run one after another on a session's connection while the caller prepares the
/// next ones. The connection only ever sees one statement at a time; `drain` waits for every queued
/// one and throws the first failure (the statements after a failure do not run).
final class StatementQueue: @unchecked Sendable {
    private let db: any SQLDatabase
    /// Touched only by the actor that owns the queue.
    private var last: EventLoopFuture<Void>?

    init(db: any SQLDatabase) {
        self.db = db
    }

    func enqueue(_ statements: [any SQLExpression]) {
        let db = self.db
        for statement in statements {
            last = last.map { previous in previous.flatMap { db.start(statement) } } ?? db.start(statement)
        }
    }

    func drain() async throws {
        guard let running = last else { return }
        last = nil
        try await running.get()
    }
}

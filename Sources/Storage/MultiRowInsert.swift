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

extension SQLDatabase {
    /// Writes the rows in statements of at most `maxBinds` values (both engines cap the binds per
    /// statement). While one statement runs, the next one's values are gathered; the connection
    /// still sees one statement at a time, and all of them have finished when this returns.
    func insertRows<Row: BindableRow>(
        _ rows: some Collection<Row>, into table: String, columns: [String] = Row.columns, replacingByID: Bool,
        maxBinds: Int = 8_192
    ) async throws {
        precondition(columns.count == Row.columns.count, "\(table): \(columns) for \(Row.columns)")
        let perStatement = max(1, maxBinds / columns.count)
        var values: [ColumnValue] = []
        values.reserveCapacity(min(rows.count, perStatement) * columns.count)
        var running: EventLoopFuture<Void>?
        var pending = 0
        func flush() async throws {
            let statement = MultiRowInsert(table: table, columns: columns, values: values, replacingByID: replacingByID)
            try await running?.get()
            running = start(statement)
            values.removeAll(keepingCapacity: true)
            pending = 0
        }
        for row in rows {
            row.appendValues(to: &values)
            pending += 1
            if pending == perStatement { try await flush() }
        }
        if pending > 0 { try await flush() }
        try await running?.get()
    }

    private func start(_ statement: MultiRowInsert) -> EventLoopFuture<Void> {
        if let session = self as? SQLiteSession { return session.start(statement) }
        return execute(sql: statement) { _ in }
    }
}

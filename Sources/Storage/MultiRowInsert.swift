import SQLKit

/// A row that lists its own bind values in `columns` order. The write path skips Codable: SQLKit's
/// model encoding and expression tree were a fifth of a 100,000-service import's CPU.
protocol BindableRow: Sendable {
    /// The table's columns in the order `appendValues` writes them; `id` first.
    static var columns: [String] { get }
    func appendValues(to values: inout [any Encodable & Sendable])
}

/// `INSERT INTO t (…) VALUES (…), (…)`, optionally `ON CONFLICT (id) DO UPDATE` every other column,
/// which SQLite and PostgreSQL both speak. The statement text is written in one piece and the binds
/// appended as they are: thousands of values cost one string, not one expression each.
struct MultiRowInsert: SQLExpression {
    let table: String
    let columns: [String]
    /// Row after row, `columns.count` values each.
    let values: [any Encodable & Sendable]
    /// Replace the stored row with the same `id` instead of failing on it.
    let replacingByID: Bool

    func serialize(to serializer: inout SQLSerializer) {
        let placeholder = BindPlaceholder(dialect: serializer.dialect, database: serializer.database)
        var sql = "INSERT INTO " + quoted(table, serializer) + " ("
        sql += columns.map { quoted($0, serializer) }.joined(separator: ", ") + ") VALUES "
        var position = serializer.binds.count
        for row in 0..<(values.count / columns.count) {
            sql += row == 0 ? "(" : ", ("
            for column in columns.indices {
                if column > 0 { sql += ", " }
                position += 1
                placeholder.append(position, to: &sql)
            }
            sql += ")"
        }
        if replacingByID {
            sql += " ON CONFLICT (" + quoted("id", serializer) + ") DO UPDATE SET "
            sql += columns.dropFirst().map { "\(quoted($0, serializer)) = EXCLUDED.\(quoted($0, serializer))" }
                .joined(separator: ", ")
        }
        serializer.write(sql)
        serializer.binds.append(contentsOf: values)
    }

    private func quoted(_ identifier: String, _ serializer: SQLSerializer) -> String {
        var inner = SQLSerializer(database: serializer.database)
        SQLIdentifier(identifier).serialize(to: &inner)
        return inner.sql
    }
}

/// The dialect's bind placeholder as text: the same mark every time (`?`) or a mark and the bind's
/// position (`$1`). Worked out once per statement from the dialect instead of once per value.
private struct BindPlaceholder {
    let mark: String
    let numbered: Bool

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
    /// Writes the rows in statements of at most `maxBinds` values (both engines cap the binds per statement).
    func insertRows<Row: BindableRow>(
        _ rows: some Collection<Row>, into table: String, columns: [String] = Row.columns, replacingByID: Bool,
        maxBinds: Int = 8_192
    ) async throws {
        precondition(columns.count == Row.columns.count, "\(table): \(columns) for \(Row.columns)")
        let perStatement = max(1, maxBinds / columns.count)
        var values: [any Encodable & Sendable] = []
        values.reserveCapacity(min(rows.count, perStatement) * Row.columns.count)
        var pending = 0
        for row in rows {
            row.appendValues(to: &values)
            pending += 1
            if pending == perStatement {
                try await run(MultiRowInsert(table: table, columns: columns, values: values, replacingByID: replacingByID))
                values.removeAll(keepingCapacity: true)
                pending = 0
            }
        }
        if pending > 0 {
            try await run(MultiRowInsert(table: table, columns: columns, values: values, replacingByID: replacingByID))
        }
    }

    private func run(_ statement: MultiRowInsert) async throws {
        try await execute(sql: statement) { _ in }
    }
}

import SQLiteNIO

/// A value bound to a statement, in the four shapes both engines store. Bulk writes hand these to
/// SQLite as they are and to PostgreSQL as plain Swift values, never through a Codable encoder.
enum ColumnValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case real(Double)
    case null

    init(_ value: String) { self = .text(value) }
    init(_ value: Int) { self = .integer(value) }
    init(_ value: Double) { self = .real(value) }
    init(_ value: String?) { self = value.map(ColumnValue.text) ?? .null }
    init(_ value: Int?) { self = value.map(ColumnValue.integer) ?? .null }
    init(_ value: Double?) { self = value.map(ColumnValue.real) ?? .null }

    var sqlite: SQLiteData {
        switch self {
        case .text(let text): .text(text)
        case .integer(let integer): .integer(integer)
        case .real(let real): .float(real)
        case .null: .null
        }
    }

    /// The value as SQLKit binds it (PostgreSQL's path). A null has no type of its own, so it is
    /// written into the statement text instead of being bound.
    var encodable: any Encodable & Sendable {
        switch self {
        case .text(let text): text
        case .integer(let integer): integer
        case .real(let real): real
        case .null: String?.none
        }
    }
}

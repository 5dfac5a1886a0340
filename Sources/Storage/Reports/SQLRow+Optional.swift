import SQLKit

extension SQLRow {
    /// A nullable text column. Decoding `String?` goes through `Optional`'s `Decodable` path (a
    /// nested decoder per value); asking for null first and then for the plain type does not, which
    /// matters where reports read tens of thousands of rows (docs/PERFORMANCE.md, stop 31).
    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }

    /// A nullable integer column, read as `optionalString` reads text.
    func optionalInt(_ column: String) throws -> Int? {
        try decodeNil(column: column) ? nil : decode(column: column, as: Int.self)
    }
}

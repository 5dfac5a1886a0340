import Directory
import Foundation
import SQLKit
@testable import Storage
import Testing

/// Rows are written from their hand-listed columns and values but read back through Codable: the two
/// descriptions of each table must name the same columns in the same order with the same values.
@Suite("Row bindings")
struct RowBindingTests {
    static func check<Row: BindableRow & Encodable>(_ row: Row) throws {
        let encoded = try SQLQueryEncoder(nilEncodingStrategy: .asNil).encode(row)
        #expect(Row.columns == encoded.map(\.0), "\(Row.self)")
        var values: [ColumnValue] = []
        row.appendValues(to: &values)
        #expect(values.count == Row.columns.count, "\(Row.self)")
        for (column, (value, (_, expression))) in zip(Row.columns, zip(values, encoded)) {
            let expected = (expression as? SQLBind).map { plain($0.encodable) } ?? "NULL"
            #expect(plain(value.encodable) == expected, "\(Row.self).\(column)")
        }
    }

    /// A value's text with optionals unwrapped, `NULL` for none.
    static func plain(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.map { plain($0.value) } ?? "NULL" }
        return String(describing: value)
    }

    @Test func everyRowListsItsCodableColumnsAndValues() throws {
        let snapshot = StoreRoundTripTests.sample()
        for organization in snapshot.organizations { try Self.check(OrganizationRow(organization)) }
        for location in snapshot.locations { try Self.check(LocationRow(location)) }
        for service in snapshot.services { try Self.check(ServiceRow(service, organizationName: "Org")) }
        try Self.check(ServiceAtLocationRow(id: "l", service_id: "s", location_id: "loc"))
        try Self.check(BarrierRow(Barrier(id: "b", label: "B", description: "d", domains: [.academic], intensities: [.prevention], taxonomyPrefixes: ["LR"])))
        try Self.check(SchoolRow(School(
            id: "sc", name: "S", level: .middle, gradeMin: 6, gradeMax: 8,
            address: Address(address1: "1 Main", city: "C", region: "IA", postalCode: "50309"),
            coordinates: Coordinates(lat: 41.5, lon: -93.6))))
    }
}

import SQLKit

/// Whether this store holds Closeloop's demo data: the seed's synthetic directory (`seedIfEmpty`)
/// or synthetic students and referrals (`DemoReferrals.fill`). The writes that add demo data set
/// it in the same transaction; nothing else does, so a store started with `--no-seed` and filled by
/// a district's import never claims its data is synthetic. Pages show their "demo data" notice
/// from this alone. Kept as a row of `district_settings` (key → value), so no schema change.
public enum DemoDataMarker {
    static let key = "store.demo_data"

    /// Records that the store holds demo data; idempotent. Run it inside the writing transaction.
    static func set(on db: any SQLDatabase) async throws {
        try await db.delete(from: "district_settings").where("key", .equal, key).run()
        try await db.insert(into: "district_settings").columns("key", "value").values(SQLBind(key), SQLBind("true")).run()
    }

    static func isSet(on db: any SQLDatabase) async throws -> Bool {
        try await !db.select().column("key").from("district_settings").where("key", .equal, key).limit(1).all().isEmpty
    }
}

extension DirectoryStore {
    /// Whether the store holds demo data (see `DemoDataMarker`).
    public func holdsDemoData() async throws -> Bool {
        try await DemoDataMarker.isSet(on: database.sql)
    }
}

import SQLKit
@testable import Storage
import Testing
import TestSupport

/// A write transaction begun inside another is refused with both places named: on SQLite the inner
/// one would queue behind the outer at the write gate and both would wait forever.
@Suite("Database: nested write transactions")
struct NestedTransactionTests {
    @Test(arguments: TestBackend.available)
    func aTransactionBegunInsideAnotherIsRefusedNamingBoth(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store in
            let database = store.database
            let refusal = await #expect(throws: StoreError.self) { try await Self.nested(on: database) }
            let message = refusal.map(String.init(describing:)) ?? ""
            #expect(message.contains("NestedTransactionTests.swift:31"), "the inner place: \(message)")
            #expect(message.contains("NestedTransactionTests.swift:30"), "the outer place: \(message)")
            // The refusal left nothing held: the next transaction goes through.
            try await database.transaction { session in try await session.raw("SELECT 1").run() }
            // Two transactions one after the other, and side by side, are not nested.
            try await database.transaction { session in try await session.raw("SELECT 1").run() }
            async let first: Void = database.transaction { session in try await session.raw("SELECT 1").run() }
            async let second: Void = database.transaction { session in try await session.raw("SELECT 1").run() }
            _ = try await (first, second)
        }
    }

    /// Kept out of the `#expect` macro, whose expansion would give both calls the macro's line.
    private static func nested(on database: Database) async throws {
        try await database.transaction { _ in
            try await database.transaction { session in try await session.raw("SELECT 1").run() }
        }
    }
}

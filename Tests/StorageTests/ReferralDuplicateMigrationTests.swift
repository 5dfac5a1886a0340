import Foundation
import Referrals
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Migration 13 on a store that already holds a student's two open referrals to one service: the
/// later one is given a reason saying it predates the guard, so the unique index can be built.
@Suite("Referral store: duplicate guard migration")
struct ReferralDuplicateMigrationTests {
    @Test(arguments: TestBackend.available)
    func doubleOpenReferralsFromBeforeTheGuardAreKeptAndMarked(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let sql = fixture.referrals.sql
            let first = try await fixture.draft(at: ReferralFixture.now, duplicateReason: nil)
            let later = try await fixture.draft(at: ReferralFixture.now.addingTimeInterval(60), duplicateReason: "made now")
            // As the store was before migration 13: no index, no reasons. One connection throughout: on
            // SQLite another pooled connection may still hold the schema from before the DROP and
            // refuse the CREATE ("already exists"), as seen once under load.
            let backend: Backend = backend == .sqlite ? .sqlite : .postgres
            try await sql.withSession { session in
                try await session.raw("DROP INDEX \(unsafeRaw: ReferralStore.oneOpenReferralIndex)").run()
                try await session.raw("UPDATE referrals SET duplicate_reason = NULL").run()
                for statement in Migrations.duplicateReferralGuard.statements(backend).dropFirst() {  // the column exists already
                    try await session.raw("\(unsafeRaw: statement)").run()
                }
            }
            func reason(_ id: String) async throws -> String? {
                try await sql.select().column("duplicate_reason").from("referrals").where("id", .equal, id).first()?
                    .decode(column: "duplicate_reason", as: String?.self)
            }
            #expect(try await reason(first.id) == nil)
            #expect(try await reason(later.id) == ReferralStore.reasonBeforeTheGuard)
            await #expect(throws: ReferralStoreError.openReferralExists(id: first.id)) {
                _ = try await fixture.draft(duplicateReason: nil)
            }
        }
    }
}

import Foundation
import Referrals
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Migration 22 gives the referrals already in the store the month they were sent in, in the
/// district's zone; later sends get theirs from the trigger; a new zone rewrites them all.
@Suite("Report store: sent month migration")
struct ReportMonthMigrationTests {
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static let september = 2026 * 12 + 8, october = september + 1, november = october + 1

    @Test(arguments: TestBackend.available)
    func oldReferralsGetTheMonthOfTheirSentDayInTheDistrictsZone(backend: TestBackend) async throws {
        try await withFreshStore(backend, migrating: false) { store async throws in
            let database = store.database
            #expect(try await database.migrate(through: 21) == Array(1...21))
            let fixture = try await ReferralFixture.make(store, consentFrom: Self.instant("2026-09-01T12:00:00Z"))
            try await database.sql.raw("INSERT INTO district_settings (key, value) VALUES ('district.time_zone', 'America/Chicago')").run()
            // 22:00 on 30 September in Chicago, 01:00 on 1 October there, and a draft never sent.
            let lateSeptember = try await fixture.sent(at: Self.instant("2026-10-01T03:00:00Z"))
            let earlyOctober = try await fixture.sent(at: Self.instant("2026-10-01T06:00:00Z"))
            let draft = try await fixture.draft(at: Self.instant("2026-10-02T12:00:00Z"))

            #expect(try await database.migrate() == Database.schemaVersions.filter { $0 >= 22 })
            func month(_ id: String) async throws -> Int? {
                try await database.sql.raw("SELECT sent_month FROM referrals WHERE id = \(bind: id)").first()?
                    .decode(column: "sent_month", as: Int?.self)
            }
            #expect(try await month(lateSeptember.id) == Self.september)
            #expect(try await month(earlyOctober.id) == Self.october)
            #expect(try await month(draft.id) == nil)
            let rows = try await database.sql.raw("SELECT COUNT(*) AS n FROM report_months").first()?.decode(column: "n", as: Int.self)
            #expect(rows == ReportMonths.covered.count)

            // Sent after the migration: 23:30 on 31 October in Chicago (CDT), through the trigger.
            let halloween = try await fixture.referrals.apply(
                ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: fixture.user(.coordinator),
                now: Self.instant("2026-11-01T04:30:00Z"))
            #expect(try await month(halloween.id) == Self.october)

            // The district moves to UTC: every stored month follows.
            try await fixture.referrals.setSetting(.timeZone, to: "Etc/UTC")
            #expect(try await month(lateSeptember.id) == Self.october)
            #expect(try await month(earlyOctober.id) == Self.october)
            #expect(try await month(halloween.id) == Self.november)
            #expect(try await database.migrate() == [])
        }
    }
}

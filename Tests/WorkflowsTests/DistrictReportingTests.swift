import Foundation
import Referrals
import Reports
import Storage
import Testing
import TestSupport
import Workflows

/// The reports use case: its default period, and the gaps report counting every match queued before it.
@Suite("District reporting")
struct DistrictReportingTests {
    @Test(arguments: TestBackend.available)
    func theGapsReportCountsTheMatchesQueuedBeforeIt(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let reporting = DistrictReporting(database: world.store.database, gaps: world.gaps)
            let result = try await world.matchmaking.match(MatchmakingTests.unservable, now: UseCaseWorld.now)
            #expect(await world.gaps.pendingCount == result.gaps.count)
            let period = try await reporting.period(from: nil, to: nil, now: UseCaseWorld.now)
            let report = try await reporting.gaps(GapsReportRequest(from: period.from, to: period.to), for: world.district, now: UseCaseWorld.now)
            #expect(await world.gaps.pendingCount == 0)
            #expect(Set(report.unmetNeeds.map(\.barrier)) == Set(result.gaps.map(\.barrier)))
            #expect(report.unmetNeeds.allSatisfy { $0.matches == 1 })
        }
    }

    @Test(arguments: TestBackend.available)
    func thePeriodDefaultsToTheSchoolYearSoFar(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let reporting = DistrictReporting(database: store.database, gaps: nil)
            let period = try await reporting.period(from: nil, to: nil, now: UseCaseWorld.now)
            #expect(period.from == CalendarDate("2026-08-01"))
            #expect(period.to == CalendarDate("2026-11-24"), "today included: the period ends the day after")
            let given = try await reporting.period(from: CalendarDate("2026-09-01"), to: nil, now: UseCaseWorld.now)
            #expect(given.from == CalendarDate("2026-09-01") && given.to == period.to)
            await #expect(throws: ReportError.self) {
                try await reporting.connections(
                    ConnectionReportRequest(from: CalendarDate("2026-10-01")!, to: CalendarDate("2026-09-01")!, groupBy: .school),
                    for: User(id: "usr_district", email: "district@example.org", role: .district), now: UseCaseWorld.now)
            }
        }
    }
}

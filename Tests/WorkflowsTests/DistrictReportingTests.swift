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

    /// Twelve students connected three days after sending fill the first bin; a bin with fewer than
    /// ten students' worth of referrals, and every bin while the connected count is suppressed, reads "<10".
    @Test(arguments: TestBackend.available)
    func connectionTimesAreBinnedAndSuppressedLikeTheReport(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let reporting = DistrictReporting(database: world.store.database, gaps: nil)
            let sentAt = UseCaseWorld.now.addingTimeInterval(-30 * 86_400)
            let connectedAt = sentAt.addingTimeInterval(3 * 86_400)
            func report() async throws -> ConnectionReport {
                try await reporting.connections(
                    ConnectionReportRequest(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-11-24")!, groupBy: .school),
                    for: world.district, now: UseCaseWorld.now)
            }
            for number in 0..<12 {
                let student = try await world.consentedStudent("S-40\(number)", at: sentAt.addingTimeInterval(-86_400))
                let referral = try await world.sentReferral(student, at: sentAt)
                _ = try await world.actions.apply(ReferralCommand(.accept), toReferral: referral.id, expectedVersion: 1, by: world.partner, now: sentAt)
                _ = try await world.actions.apply(ReferralCommand(.schedule, intakeDate: CalendarDate(connectedAt)), toReferral: referral.id,
                                                  expectedVersion: 2, by: world.partner, now: sentAt)
                _ = try await world.actions.apply(
                    ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(connectedAt), confirmedBy: .partner),
                    toReferral: referral.id, expectedVersion: 3, by: world.partner, now: connectedAt)
                if number == 4 {
                    // Five connected students: the connected count is suppressed, and so is every bin.
                    #expect(try await reporting.connectionTimeBins(of: try await report()).allSatisfy { $0.referrals == nil })
                }
            }
            let bins = try await reporting.connectionTimeBins(of: try await report())
            #expect(bins.map(\.label) == DistrictReporting.connectionTimeBins.map(\.label))
            #expect(bins.map(\.referrals) == [12, 0, 0, 0, 0, 0])
            #expect(bins.first?.text == "12")
        }
    }
}

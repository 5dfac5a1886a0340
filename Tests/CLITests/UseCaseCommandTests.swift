import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// The CLI's translation of the use cases it offers: the decisions taken where front ends differed.
@Suite("closeloop and the use cases")
struct UseCaseCommandTests {
    static func requireExecutable() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
    }

    @Test(arguments: TestBackend.available)
    func aMatchFromTheCommandLineCountsInNoGapsReport(backend: TestBackend) async throws {
        try Self.requireExecutable()
        try await withSeededStore(backend) { store async throws in
            let run = try await MatchCommandTests.closeloop([
                "match", "--barrier", "career_readiness", "--barrier", "bullying", "--tier", "1", "--age", "0", "--json",
                "--db", store.database.location.connectionString,
            ])
            #expect(run.status == 0, "\(run.errors)")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            #expect((body["gaps"] as? [Any])?.isEmpty == false, "the profile has gaps")
            #expect(try await ReportStore(database: store.database).matchGaps(from: .distantPast, to: .distantFuture).isEmpty)
        }
    }

    @Test func aStoreWithoutBarriersIsOneLineAndAFailure() async throws {
        try Self.requireExecutable()
        try await withFreshStore(.sqlite) { store async throws in
            try await store.database.execute("DELETE FROM barriers")
            let run = try await MatchCommandTests.closeloop(["match", "--barrier", "anxiety", "--tier", "2", "--db", store.database.location.connectionString])
            #expect(run.status != 0)
            #expect(run.errors.split(separator: "\n").count == 1, "\(run.errors)")
            #expect(run.errors.contains("the directory is empty"))
        }
    }

    /// `referral list --overdue --limit N` lists the N longest overdue (it used to take the N newest, then order them),
    /// the order `GET /api/v1/followups` and `?overdue=true` answer in.
    @Test(arguments: TestBackend.available)
    func testOverdueListsAreLongestOverdueFirstOnApiAndCli(backend: TestBackend) async throws {
        try Self.requireExecutable()
        try await withSeededStore(backend) { store async throws in
            let service = try await store.services(matching: ServiceQuery(limit: 1)).items[0].service
            let school = try await store.schools()[0].id
            let coordinator = User(id: "usr_cli_coordinator", email: "c@example.org", role: .coordinator, schoolIDs: [school])
            let referrals = ReferralStore(database: store.database)
            let longAgo = Date().addingTimeInterval(-60 * 86_400)
            let student = try await referrals.createStudent(NewStudent(districtStudentID: "CLI-9", schoolID: school), by: coordinator, now: longAgo)
            _ = try await referrals.addConsent(
                Consent(organizationIDs: [service.organizationID], givenBy: "parent", method: .written, sharedFields: [],
                        givenOn: CalendarDate(longAgo)), studentID: student.id, by: coordinator, now: longAgo)
            var sent: [String] = []
            for (days, barrier) in [(40, "anxiety"), (20, "depression")] {
                let at = Date().addingTimeInterval(-Double(days) * 86_400)
                let draft = try await referrals.createReferral(
                    NewReferral(studentID: student.id, serviceID: service.id, barrier: barrier, duplicateReason: ReferralFixture.repeatReason), by: coordinator, now: at)
                _ = try await referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinator, now: at)
                sent.append(draft.id)
            }
            let run = try await MatchCommandTests.closeloop(["referral", "list", "--overdue", "--limit", "1", "--db", store.database.location.connectionString])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains(sent[0]), "the longest overdue")
            #expect(!run.output.contains(sent[1]))
            let all = try await MatchCommandTests.closeloop(["referral", "list", "--overdue", "--db", store.database.location.connectionString])
            let first = try #require(all.output.range(of: sent[0])), second = try #require(all.output.range(of: sent[1]))
            #expect(first.lowerBound < second.lowerBound)
        }
    }
}

import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// `closeloop user add` and `closeloop referral show|list`, the real executable on a real store.
@Suite("closeloop user and referral commands")
struct ReferralCommandTests {
    @Test(arguments: TestBackend.available)
    func addUsersThenShowAndListReferrals(backend: TestBackend) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: KilledImportTests.executable.path), "build the closeloop product first")
        try await withSeededStore(backend) { store async throws in
            let database = store.database.location.connectionString
            let service = try await store.services(matching: ServiceQuery(limit: 1)).items[0].service
            let school = try await store.schools()[0].id

            let added = try await MatchCommandTests.closeloop(["user", "add", "--role", "coordinator", "--email", "Coord@Example.org", "--school", school, "--db", database])
            #expect(added.status == 0, "\(added.errors)")
            let token = added.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("clt_"))
            let coordinator = try #require(try await AccountStore(database: store.database).user(forToken: token))
            #expect(coordinator.email == "coord@example.org")
            #expect(coordinator.schoolIDs == [school])

            let missingOrg = try await MatchCommandTests.closeloop(["user", "add", "--role", "partner", "--email", "p@example.org", "--db", database])
            #expect(missingOrg.status != 0)
            #expect(missingOrg.errors.contains("exactly one organization"))
            let unknownOrg = try await MatchCommandTests.closeloop(["user", "add", "--role", "partner", "--email", "p@example.org", "--org", "nope", "--db", database])
            #expect(unknownOrg.status != 0)
            #expect(unknownOrg.errors.contains("no organization with id 'nope'"))

            // A referral sent long ago with no partner answer is overdue.
            let referrals = ReferralStore(database: store.database)
            let longAgo = Date().addingTimeInterval(-30 * 86_400)
            let student = try await referrals.createStudent(NewStudent(districtStudentID: "CLI-1", schoolID: school), by: coordinator, now: longAgo)
            _ = try await referrals.addConsent(
                Consent(organizationIDs: [service.organizationID], givenBy: "parent", method: .written, sharedFields: [],
                        givenOn: CalendarDate(longAgo)), studentID: student.id, by: coordinator, now: longAgo)
            let referral = try await referrals.createReferral(
                NewReferral(studentID: student.id, serviceID: service.id, barrier: "anxiety", note: "from the CLI test"), by: coordinator, now: longAgo)
            _ = try await referrals.apply(ReferralCommand(.send, note: "family agreed"), toReferral: referral.id, expectedVersion: 0, by: coordinator, now: longAgo)

            let shown = try await MatchCommandTests.closeloop(["referral", "show", referral.id, "--db", database])
            #expect(shown.status == 0, "\(shown.errors)")
            #expect(shown.output.contains("state referred"))
            #expect(shown.output.contains("send  draft → referred"))
            #expect(shown.output.contains("family agreed"))
            #expect(shown.output.contains("no_partner_response") || shown.output.contains("follow-up due"))

            let overdue = try await MatchCommandTests.closeloop(["referral", "list", "--overdue", "--db", database])
            #expect(overdue.status == 0, "\(overdue.errors)")
            #expect(overdue.output.contains(referral.id))
            #expect(overdue.output.contains("no_partner_response"))
            #expect(overdue.output.contains("1 referral with a follow-up due"))

            let missing = try await MatchCommandTests.closeloop(["referral", "show", "ref_missing", "--db", database])
            #expect(missing.status != 0)
            #expect(missing.errors.contains("no referral with id 'ref_missing'"))
        }
    }
}

import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// The shared referral fixture says it works on a fresh store and beside the repository seed; both hold.
@Suite("Referral fixture")
struct ReferralFixtureTests {
    @Test(arguments: TestBackend.available)
    func itSitsBesideTheSeedWithoutChangingIt(backend: TestBackend) async throws {
        let seed = try loadSeed()
        try await withSeededStore(backend) { store async throws in
            let before = try await store.counts()
            let barriers = try await store.barriers()
            let fixture = try await ReferralFixture.make(store)
            let after = try await store.counts()
            #expect(after.services == before.services + 3)
            #expect(after.organizations == before.organizations + 2)
            #expect(after.schools == seed.schools.count + 2)
            #expect(after.barriers == seed.barriers.count)
            #expect(try await store.barriers() == barriers)
            let student = try await fixture.referrals.student(id: fixture.studentID, visibleTo: fixture.user(.coordinator))
            #expect(student?.schoolID == ReferralFixture.schoolID)
            #expect(try await fixture.sent().organizationID == ReferralFixture.organizationID)
        }
    }

    @Test(arguments: TestBackend.available)
    func everyPersonSignsInWithTheirTokenAndHasTheirScope(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            for person in ReferralFixture.Person.allCases {
                let user = try #require(try await fixture.accounts.user(forToken: fixture.token(person)), "\(person)")
                #expect(user == fixture.user(person))
                #expect(user.role == person.role && user.organizationID == person.organizationID && user.schoolIDs == person.schoolIDs)
            }
        }
    }
}

import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// Issue 22 item 2 in the store, on SQLite and PostgreSQL: the profile columns of migration 17
/// (NULL is "not stated"), the coordinator's contact on every view of a referral, the student
/// fields of inbox views redacted as on the referral page, and the waitlist's stated wait.
@Suite("Storage: contacts, profiles and waits")
struct ContactsStoreTests {
    static let now = ReferralFixture.now

    @Test(arguments: TestBackend.available)
    func aProfileIsStoredClearedAndAudited(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let accounts = fixture.accounts
            let added = try await accounts.addUser(
                email: "ana@example.org", role: .coordinator, schoolIDs: [ReferralFixture.schoolID],
                profile: UserProfile(displayName: "Ana Ruiz", phone: "515-555-0100")).user
            #expect(try await accounts.profile(userID: added.id) == UserProfile(displayName: "Ana Ruiz", phone: "515-555-0100"))
            #expect(try await accounts.account(id: added.id)?.profile.displayName == "Ana Ruiz")
            // Someone who never said anything has nothing stated, not an empty string.
            #expect(try await accounts.profile(userID: fixture.user(.partner).id) == UserProfile())
            #expect(try await accounts.profile(userID: "usr_nobody") == nil)

            try await accounts.setProfile(UserProfile(displayName: "Ana Ruiz-Diaz", phone: nil), userID: added.id,
                                          by: fixture.user(.admin), now: Self.now)
            #expect(try await accounts.profile(userID: added.id) == UserProfile(displayName: "Ana Ruiz-Diaz", phone: nil))
            await #expect(throws: AccountError.unknownUser("usr_nobody")) {
                try await accounts.setProfile(UserProfile(), userID: "usr_nobody", by: fixture.user(.admin), now: Self.now)
            }
            let audit = try await fixture.referrals.auditLog(by: fixture.user(.admin)).filter { $0.action == "user.profile_update" }
            #expect(audit.count == 1)
            #expect(audit.first?.detail.contains("phone not stated") == true)
            #expect(audit.first?.detail.contains("515") == false, "contact details are not copied into the audit log")
        }
    }

    @Test(arguments: TestBackend.available)
    func everyViewOfAReferralCarriesItsCoordinatorsContact(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let coordinator = fixture.user(.coordinator)
            try await fixture.accounts.setProfile(UserProfile(displayName: "Dana Okafor", phone: "(515) 555-0123"), userID: coordinator.id,
                                                  by: coordinator, now: Self.now)
            let sent = try await fixture.sent()
            let partner = fixture.user(.partner)
            let expected = CoordinatorContact(userID: coordinator.id, name: "Dana Okafor", email: coordinator.email, phone: "(515) 555-0123")
            let referral = try #require(try await fixture.referrals.referral(id: sent.id, visibleTo: partner, now: Self.now))
            #expect(try await fixture.referrals.view(of: referral, for: partner, now: Self.now).coordinator == expected)
            let listed = try await fixture.referrals.views(of: [referral], for: partner, now: Self.now)
            #expect(listed.first?.coordinator == expected)
            #expect(listed.first?.student == nil, "lists carry no student fields unless asked")
            #expect(try await fixture.referrals.coordinatorContact(forReferral: sent.id) == expected)
            #expect(try await fixture.referrals.coordinatorContact(forReferral: "ref_nothing") == nil)

            // The inbox's cards: the student fields the consent shares (grade, languages), nothing else.
            let carded = try #require(try await fixture.referrals.views(of: [referral], for: partner, now: Self.now, withStudents: true).first)
            let student = try #require(carded.student)
            #expect(student.grade == "7" && student.languages == [.spanish])
            #expect(student.age == nil && student.groups == nil && student.districtStudentID == nil)
            #expect(carded.note == nil, "the consent does not share the note")

            // Without a phone the contact says so by leaving it out (the pages write "no phone listed").
            try await fixture.accounts.setProfile(UserProfile(), userID: coordinator.id, by: coordinator, now: Self.now)
            let bare = try await fixture.referrals.view(of: referral, for: partner, now: Self.now).coordinator
            #expect(bare == CoordinatorContact(userID: coordinator.id, name: nil, email: coordinator.email, phone: nil))
        }
    }

    @Test(arguments: TestBackend.available)
    func theStatedWaitIsKeptWithTheWaitlistEvent(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let partner = fixture.user(.partner)
            for wait in [ExpectedWait.weeks(5), .notKnown, .weeks(0)] {
                let sent = try await fixture.sent()
                _ = try await fixture.referrals.apply(ReferralCommand(.waitlist, expectedWait: wait), toReferral: sent.id,
                                                      expectedVersion: sent.version, by: partner, now: Self.now)
                let reloaded = try #require(try await fixture.referrals.referral(id: sent.id, visibleTo: fixture.user(.admin), now: Self.now))
                #expect(reloaded.events.last?.expectedWait == wait, "\(wait)")
                #expect(reloaded.history.expectedWait == wait)
                #expect(reloaded.events.first?.expectedWait == nil, "only the waitlist event has a wait")
            }
        }
    }
}

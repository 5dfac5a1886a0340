import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// Lists of referrals and students, the partner's redacted view and follow-ups: each user sees
/// exactly their scope, whatever the filter asks for.
@Suite("Referral store: lists and scoping")
struct ReferralListTests {
    static let now = ReferralFixture.now
    static let hour: TimeInterval = 3_600

    /// The fixture plus a student at the other school, registered the day before with consent for both
    /// organizations, and four
    /// referrals created an hour apart (newest last): a draft and a sent one for the fixture's
    /// student to the counseling center, and two sent ones for the other student, one to each organization.
    struct World {
        let fixture: ReferralFixture
        let otherStudent: Student
        let draft: Referral, sentA: Referral, sentB: Referral, sentBToPantry: Referral

        static func make(_ fixture: ReferralFixture) async throws -> World {
            let start = ReferralListTests.now
            let dayBefore = start.addingTimeInterval(-86_400)
            let other = try await fixture.registerStudent(
                NewStudent(districtStudentID: "200111222", schoolID: ReferralFixture.otherSchoolID, grade: "10", age: 15),
                consentingTo: [ReferralFixture.organizationID, ReferralFixture.otherOrganizationID], sharing: [.grade],
                from: dayBefore, at: dayBefore)
            return World(
                fixture: fixture, otherStudent: other,
                draft: try await fixture.draft(at: start.addingTimeInterval(ReferralListTests.hour)),
                sentA: try await fixture.sent(barrier: "depression", at: start.addingTimeInterval(3 * ReferralListTests.hour)),
                sentB: try await fixture.sent(studentID: other.id, at: start.addingTimeInterval(5 * ReferralListTests.hour)),
                sentBToPantry: try await fixture.sent(studentID: other.id, serviceID: ReferralFixture.otherServiceID,
                                                     barrier: "food_insecurity", at: start.addingTimeInterval(7 * ReferralListTests.hour)))
        }

        func list(_ person: ReferralFixture.Person, _ filter: ReferralFilter = ReferralFilter()) async throws -> [String] {
            try await fixture.referrals.referrals(filter, visibleTo: fixture.user(person), now: ReferralListTests.now).map(\.referral.id)
        }
    }

    @Test(arguments: TestBackend.available)
    func eachUserListsExactlyTheirScopeNewestFirst(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let world = try await World.make(fixture)
            let (draft, sentA, sentB, pantry) = (world.draft.id, world.sentA.id, world.sentB.id, world.sentBToPantry.id)
            #expect(try await world.list(.coordinator) == [sentA, draft])
            #expect(try await world.list(.otherCoordinator) == [pantry, sentB])
            // Partners see what was sent to their own organization, never a draft.
            #expect(try await world.list(.partner) == [sentB, sentA])
            #expect(try await world.list(.otherPartner) == [pantry])
            // District staff read aggregates only (issue 21 item 1).
            await #expect(throws: ReferralStoreError.aggregatesOnly) { try await world.list(.district) }
            #expect(try await world.list(.admin) == [pantry, sentB, sentA, draft])
        }
    }

    @Test(arguments: TestBackend.available)
    func filtersNarrowTheScopeButNeverWidenIt(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let world = try await World.make(fixture)
            let (draft, sentA, sentB, pantry) = (world.draft.id, world.sentA.id, world.sentB.id, world.sentBToPantry.id)
            #expect(try await world.list(.partner, ReferralFilter(states: [.draft])) == [])
            #expect(try await world.list(.partner, ReferralFilter(organizationID: ReferralFixture.otherOrganizationID)) == [])
            #expect(try await world.list(.coordinator, ReferralFilter(studentID: world.otherStudent.id)) == [])
            #expect(try await world.list(.coordinator, ReferralFilter(schoolID: ReferralFixture.otherSchoolID)) == [])
            #expect(try await world.list(.admin, ReferralFilter(states: [.referred], schoolID: ReferralFixture.otherSchoolID)) == [pantry, sentB])
            #expect(try await world.list(.admin, ReferralFilter(states: [.draft, .referred], organizationID: ReferralFixture.organizationID))
                == [sentB, sentA, draft])
            #expect(try await world.list(.admin, ReferralFilter(studentID: fixture.studentID)) == [sentA, draft])
            #expect(try await world.list(.admin, ReferralFilter(limit: 2)) == [pantry, sentB])

            // Listed referrals carry their events.
            let listed = try await fixture.referrals.referrals(ReferralFilter(), visibleTo: fixture.user(.coordinator), now: Self.now)
            #expect(listed.map { $0.referral.events.map(\.action) } == [[.send], []])
            #expect(listed.map(\.referral) == [world.sentA, world.draft])
        }
    }

    @Test(arguments: TestBackend.available)
    func studentListsFollowTheUsersSchools(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let world = try await World.make(fixture)
            let store = fixture.referrals
            func ids(_ person: ReferralFixture.Person, prefix: String? = nil) async throws -> [String] {
                try await store.students(visibleTo: fixture.user(person), districtIDPrefix: prefix).map(\.id)
            }
            let (mine, other) = (fixture.studentID, world.otherStudent.id)
            #expect(try await ids(.coordinator) == [mine])
            #expect(try await ids(.otherCoordinator) == [other])
            #expect(try await ids(.admin) == [mine, other])
            await #expect(throws: ReferralStoreError.aggregatesOnly) { try await ids(.district) }
            #expect(try await ids(.partner) == [])
            #expect(try await ids(.admin, prefix: "2001") == [other])
            #expect(try await ids(.admin, prefix: " 1002 ") == [mine])
            #expect(try await ids(.coordinator, prefix: "2001") == [])
            #expect(try await ids(.admin, prefix: "   ") == [mine, other])
            #expect(try await store.students(ids: [mine, other, "stu_missing"], visibleTo: fixture.user(.coordinator)).keys.sorted() == [mine])
            #expect(try await store.students(ids: [mine, other], visibleTo: fixture.user(.partner)).isEmpty)
        }
    }

    /// District ids with letters ("S-4410") typed in lower case: SQLite's LIKE ignores ASCII case,
    /// PostgreSQL's does not, so the same search found the student on one engine only.
    @Test(arguments: TestBackend.available)
    func aDistrictIDPrefixMatchesRegardlessOfCaseOnEveryEngine(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let lettered = try await fixture.registerStudent(
                NewStudent(districtStudentID: "S-4410", schoolID: ReferralFixture.schoolID), at: Self.now.addingTimeInterval(60))
            let coordinator = fixture.user(.coordinator)
            #expect(try await fixture.referrals.students(visibleTo: coordinator, districtIDPrefix: "s-44").map(\.id) == [lettered.id])
            #expect(try await fixture.referrals.students(visibleTo: coordinator, districtIDPrefix: "S-44").map(\.id) == [lettered.id])
        }
    }

    @Test(arguments: TestBackend.available)
    func aPartnerReadsOnlyTheStudentFieldsAConsentInForceShares(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let world = try await World.make(fixture)
            let store = fixture.referrals
            #expect(try await store.studentView(of: world.sentA, for: fixture.user(.coordinator), now: Self.now)
                == StudentRecord(districtStudentID: ReferralFixture.districtStudentID, schoolID: ReferralFixture.schoolID, grade: "7",
                                 age: 12, languages: [.spanish], groups: [.englishLearner, .lowIncome]))
            #expect(try await store.studentView(of: world.sentA, for: fixture.user(.partner), now: Self.now)
                == StudentRecord(grade: "7", languages: [.spanish]))
            #expect(try await store.studentView(of: world.sentBToPantry, for: fixture.user(.otherPartner), now: Self.now)
                == StudentRecord(grade: "10"))
            // The consent was given 2026-11-23 for a year: on 2027-11-23 it no longer covers anyone.
            let expired = ISO8601DateFormatter().date(from: "2027-11-23T00:00:00Z")!
            #expect(try await store.studentView(of: world.sentA, for: fixture.user(.partner), now: expired) == nil)
            #expect(try await store.studentView(of: world.sentA, for: fixture.user(.partner), now: expired.addingTimeInterval(-1))
                == StudentRecord(grade: "7", languages: [.spanish]))
        }
    }

    @Test(arguments: TestBackend.available)
    func anUnansweredReferralIsDueAfterTheDistrictsBusinessDays(backend: TestBackend) async throws {
        try await withFreshStore(backend) { directory async throws in
            let fixture = try await ReferralFixture.make(directory, consentFrom: ISO8601DateFormatter().date(from: "2026-11-02T15:00:00Z")!)
            let store = fixture.referrals
            // Sent Monday 16 November 2026; five business days later is Monday 23 November.
            let sent = try await fixture.sent(at: ISO8601DateFormatter().date(from: "2026-11-16T10:00:00Z")!)
            let coordinator = fixture.user(.coordinator)
            let due = try await store.followUps(visibleTo: coordinator, now: Self.now)
            #expect(due.map(\.referral.id) == [sent.id])
            #expect(due.first?.followUp?.kind == .noPartnerResponse)
            #expect(due.first?.followUp?.dueSince == CalendarDate("2026-11-23")!)
            #expect(try await store.followUps(visibleTo: coordinator, now: Self.now.addingTimeInterval(-86_400)).isEmpty)
            #expect(try await store.followUps(visibleTo: fixture.user(.otherCoordinator), now: Self.now).isEmpty)
            #expect(try await store.referrals(ReferralFilter(overdueOnly: true), visibleTo: coordinator, now: Self.now).map(\.referral.id) == [sent.id])

            // The district shortens the window to three business days: due since Thursday.
            try await store.setSetting(.partnerResponseBusinessDays, to: "3")
            #expect(try await store.setting(.partnerResponseBusinessDays) == "3")
            #expect(try await store.followUps(visibleTo: coordinator, now: Self.now).first?.followUp?.dueSince == CalendarDate("2026-11-19")!)

            _ = try await store.apply(ReferralCommand(.accept), toReferral: sent.id, expectedVersion: 1, by: fixture.user(.partner), now: Self.now)
            #expect(try await store.followUps(visibleTo: coordinator, now: Self.now).isEmpty)
        }
    }
}

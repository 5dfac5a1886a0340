import Directory
import Foundation
import Referrals
import Testing
import TestSupport

// Internal memberwise initializers of AuditEntry and StoredReply, to compare whole values.
@testable import Storage

/// The audit log: every write and every read of a student or a referral leaves exactly one line,
/// written in the same transaction, and only admins read it.
@Suite("Referral store: audit log")
struct AuditLogTests {
    static let now = ReferralFixture.now

    static func entries(_ fixture: ReferralFixture, studentID: String? = nil) async throws -> [AuditEntry] {
        try await fixture.referrals.auditLog(studentID: studentID, by: fixture.user(.admin))
    }

    /// The entry without its sequence number (which the engine assigns).
    static func line(
        _ at: Date, _ actor: User, _ action: String, student: String?, referral: String? = nil, organization: String? = nil,
        _ detail: String
    ) -> AuditEntry {
        AuditEntry(sequence: 0, at: at, actorID: actor.id, role: actor.role.rawValue, action: action, studentID: student,
                   referralID: referral, organizationID: organization, detail: detail)
    }

    static func withoutSequence(_ entries: [AuditEntry]) -> [AuditEntry] {
        entries.map { var entry = $0; entry.sequence = 0; return entry }
    }

    @Test(arguments: TestBackend.available)
    func writesLeaveOneLineEachWithWhatChanged(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let coordinator = fixture.user(.coordinator)
            let student = fixture.studentID
            let draft = try await fixture.draft(at: Self.now.addingTimeInterval(60))
            _ = try await fixture.referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinator,
                                                  now: Self.now.addingTimeInterval(120))
            let log = try await Self.entries(fixture)
            #expect(Self.withoutSequence(log) == [
                Self.line(Self.now, coordinator, "student.create", student: student, "school fx-sch-hoover-ms"),
                Self.line(Self.now, coordinator, "consent.create", student: student,
                          "organizations fx-org-family-counseling; written; shares grade,languages"),
                Self.line(Self.now.addingTimeInterval(60), coordinator, "referral.create", student: student, referral: draft.id,
                          organization: ReferralFixture.organizationID, "anxiety → fx-svc-youth-counseling"),
                Self.line(Self.now.addingTimeInterval(120), coordinator, "referral.send", student: student, referral: draft.id,
                          organization: ReferralFixture.organizationID, "draft → referred"),
            ])
            #expect(log.map(\.sequence) == log.map(\.sequence).sorted() && Set(log.map(\.sequence)).count == log.count)
        }
    }

    @Test(arguments: TestBackend.available)
    func readsOfAStudentOrAReferralAreAuditedAndInvisibleOnesAreProbes(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let sent = try await fixture.sent()
            let before = try await Self.entries(fixture).count
            let (coordinator, partner) = (fixture.user(.coordinator), fixture.user(.partner))

            #expect(try await store.student(id: fixture.studentID, visibleTo: coordinator, now: Self.now.addingTimeInterval(5)) != nil)
            #expect(try await store.referral(id: sent.id, visibleTo: partner, now: Self.now.addingTimeInterval(6)) != nil)
            // Outside the scope: nothing is returned, and the request is a security event (issue 21 item 9).
            #expect(try await store.student(id: fixture.studentID, visibleTo: fixture.user(.otherCoordinator), now: Self.now) == nil)
            #expect(try await store.student(id: fixture.studentID, visibleTo: partner, now: Self.now) == nil)
            #expect(try await store.referral(id: sent.id, visibleTo: fixture.user(.otherPartner), now: Self.now) == nil)

            let log = try await Self.entries(fixture)
            #expect(Self.withoutSequence(Array(log.dropFirst(before))) == [
                Self.line(Self.now.addingTimeInterval(5), coordinator, "student.read", student: fixture.studentID, ""),
                Self.line(Self.now.addingTimeInterval(6), partner, "referral.read", student: fixture.studentID, referral: sent.id,
                          organization: ReferralFixture.organizationID, ""),
                Self.line(Self.now, fixture.user(.otherCoordinator), ReferralStore.crossTenantProbe, student: fixture.studentID,
                          "student outside the coordinator's scope, answered as not found"),
                Self.line(Self.now, partner, ReferralStore.crossTenantProbe, student: fixture.studentID,
                          "student outside the partner's scope, answered as not found"),
                Self.line(Self.now, fixture.user(.otherPartner), ReferralStore.crossTenantProbe, student: fixture.studentID,
                          referral: sent.id, organization: ReferralFixture.organizationID,
                          "referral outside the partner's scope, answered as not found"),
            ])
        }
    }

    @Test(arguments: TestBackend.available)
    func aRefusedWriteLeavesNoLine(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let sent = try await fixture.sent()
            let before = try await Self.entries(fixture)
            await #expect(throws: ReferralStoreError.versionConflict(expected: 0, current: 1)) {
                _ = try await store.apply(ReferralCommand(.accept), toReferral: sent.id, expectedVersion: 0, by: fixture.user(.partner), now: Self.now)
            }
            await #expect(throws: ReferralStoreError.transition(.missingFields(["reason"]))) {
                _ = try await store.apply(ReferralCommand(.decline), toReferral: sent.id, expectedVersion: 1, by: fixture.user(.partner), now: Self.now)
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "barrier", message: "unknown barrier 'bored'")) {
                _ = try await fixture.draft(barrier: "bored")
            }
            #expect(try await Self.entries(fixture) == before)
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAdminsReadTheLogAndItFiltersByStudent(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            for person in [ReferralFixture.Person.coordinator, .otherCoordinator, .partner, .otherPartner, .district] {
                await #expect(throws: ReferralStoreError.forbidden("only admins read the audit log"), "\(person)") {
                    _ = try await store.auditLog(by: fixture.user(person))
                }
            }
            let other = try await fixture.registerStudent(
                NewStudent(districtStudentID: "200111222", schoolID: ReferralFixture.otherSchoolID), at: Self.now.addingTimeInterval(30))
            #expect(try await Self.entries(fixture, studentID: other.id).map(\.action) == ["student.create"])
            #expect(try await Self.entries(fixture, studentID: fixture.studentID).map(\.action) == ["student.create", "consent.create"])
            #expect(try await store.auditLog(by: fixture.user(.admin), limit: 1).map(\.action) == ["student.create"])
            #expect(try await Self.entries(fixture).map(\.studentID) == [fixture.studentID, fixture.studentID, other.id])
        }
    }
}

import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

extension UseCaseWorld {
    var referralStore: ReferralStore { ReferralStore(database: store.database) }
    var students: StudentRegistration { StudentRegistration(referrals: referralStore) }
    var consents: ConsentRecording { ConsentRecording(referrals: referralStore) }
    var actions: ReferralActions { ReferralActions(referrals: referralStore) }
    var lists: ReferralLists { ReferralLists(referrals: referralStore) }

    /// A registered student of the world's first school with written consent for the service's organization.
    func consentedStudent(_ districtID: String = "S-3001", at now: Date = UseCaseWorld.now) async throws -> Student {
        let student = try await students.register(
            NewStudent(districtStudentID: districtID, schoolID: schoolID, grade: "8", age: 13, languages: [LanguageCode(rawValue: "vi")!]),
            by: coordinator, now: now)
        _ = try await consents.record(
            ConsentInput(organizationIDs: [service.organizationID], givenBy: "grandmother", method: .written, sharedFields: [.grade]),
            forStudent: student.id, by: coordinator, now: now)
        return student
    }

    /// A referral of `student` to the world's service, sent at `now`.
    func sentReferral(_ student: Student, barrier: String = "anxiety", at now: Date = UseCaseWorld.now) async throws -> Referral {
        let draft = try await actions.start(NewReferral(studentID: student.id, serviceID: service.id, barrier: barrier, tier: 2,
                                                        duplicateReason: ReferralFixture.repeatReason),
                                            by: coordinator, now: now)
        return try await actions.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinator, now: now)
    }
}

/// Students, consent and referral actions at the use-case layer, on both engines.
@Suite("Referral workflows")
struct ReferralWorkflowTests {
    @Test(arguments: TestBackend.available)
    func studentsAreRegisteredInTheCoordinatorsSchoolsAndHiddenFromOthers(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.students.register(
                NewStudent(districtStudentID: " S-3002 ", schoolID: world.schoolID, age: 9), by: world.coordinator, now: UseCaseWorld.now)
            #expect(student.districtStudentID == "S-3002")
            #expect(try await world.students.student(id: student.id, visibleTo: world.coordinator, now: UseCaseWorld.now) == student)
            await #expect(throws: ReferralStoreError.notFound(kind: "student", id: student.id)) {
                try await world.students.student(id: student.id, visibleTo: world.otherCoordinator, now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.duplicate(name: "district_student_id", message: "student S-3002 is already registered")) {
                try await world.students.register(NewStudent(districtStudentID: "S-3002", schoolID: world.schoolID), by: world.coordinator,
                                                  now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.self) {
                try await world.students.register(NewStudent(districtStudentID: "S-3003", schoolID: world.otherSchoolID), by: world.coordinator,
                                                  now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.forbidden(Permission.registerStudents.refusal)) {
                try await world.students.register(NewStudent(districtStudentID: "S-3004", schoolID: world.schoolID), by: world.partner,
                                                  now: UseCaseWorld.now)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func consentDefaultsToTodayInTheDistrictsZoneAndNeedsWhoGaveIt(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.students.register(
                NewStudent(districtStudentID: "S-3010", schoolID: world.schoolID), by: world.coordinator, now: UseCaseWorld.now)
            let input = ConsentInput(organizationIDs: [world.service.organizationID], givenBy: "  mother ", method: .verbal, sharedFields: [.age])
            let today = try await world.consents.record(input, forStudent: student.id, by: world.coordinator, now: UseCaseWorld.now)
            #expect(today.consent.givenOn == world.consents.today(UseCaseWorld.now))
            #expect(today.consent.givenBy == "mother")

            var onPaperYesterday = input
            onPaperYesterday.givenOn = world.consents.today(UseCaseWorld.now).adding(days: -1)
            let yesterday = try await world.consents.record(onPaperYesterday, forStudent: student.id, by: world.coordinator, now: UseCaseWorld.now)
            #expect(yesterday.consent.givenOn == onPaperYesterday.givenOn)

            var tomorrow = input
            tomorrow.givenOn = world.consents.today(UseCaseWorld.now).adding(days: 1)
            await #expect(throws: ReferralStoreError.self) {
                try await world.consents.record(tomorrow, forStudent: student.id, by: world.coordinator, now: UseCaseWorld.now)
            }
            var nobody = input
            nobody.givenBy = "   "
            await #expect(throws: ReferralStoreError.invalidField(name: "given_by", message: "say who gave consent (e.g. mother, guardian)")) {
                try await world.consents.record(nobody, forStudent: student.id, by: world.coordinator, now: UseCaseWorld.now)
            }
            #expect(try await world.referralStore.consents(studentID: student.id).count == 2)
            let inForce = try await world.consents.inForce(forStudent: student.id, organizationID: world.service.organizationID, now: UseCaseWorld.now)
            #expect(inForce?.id == yesterday.id, "the newest consent in force")
        }
    }

    @Test(arguments: TestBackend.available)
    func referralActionsRefuseOverlongNotesAndStaleVersions(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            let long = String(repeating: "n", count: ReferralNote.maximumLength + 1)
            await #expect(throws: InputLimitViolation(field: "note", kind: .tooLong(length: 2001, limit: 2000))) {
                try await world.actions.start(NewReferral(studentID: student.id, serviceID: world.service.id, barrier: "anxiety", note: long),
                                              by: world.coordinator, now: UseCaseWorld.now)
            }
            let draft = try await world.actions.start(
                NewReferral(studentID: student.id, serviceID: world.service.id, barrier: "anxiety",
                            note: String(repeating: "n", count: ReferralNote.maximumLength)),
                by: world.coordinator, now: UseCaseWorld.now)
            await #expect(throws: InputLimitViolation(field: "note", kind: .tooLong(length: 2001, limit: 2000))) {
                try await world.actions.apply(ReferralCommand(.send, note: long), toReferral: draft.id, expectedVersion: 0, by: world.coordinator,
                                              now: UseCaseWorld.now)
            }
            #expect(try await world.consents.inForce(forStudent: student.id, organizationID: world.service.organizationID, now: UseCaseWorld.now) != nil)
            #expect(try await world.actions.consentCovers(draft, now: UseCaseWorld.now))
            let sent = try await world.actions.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: world.coordinator,
                                                     now: UseCaseWorld.now)
            #expect(sent.state == .referred && sent.version == 1)
            await #expect(throws: ReferralStoreError.versionConflict(expected: 0, current: 1)) {
                try await world.actions.apply(ReferralCommand(.accept), toReferral: draft.id, expectedVersion: 0, by: world.partner,
                                              now: UseCaseWorld.now)
            }
            await #expect(throws: ReferralStoreError.notFound(kind: "referral", id: draft.id)) {
                try await world.actions.referral(id: draft.id, visibleTo: world.otherPartner, now: UseCaseWorld.now)
            }
            let record = try await world.actions.student(of: sent, for: world.partner, now: UseCaseWorld.now)
            #expect(record?.grade == "8" && record?.age == nil, "the partner reads only what the consent shares")
        }
    }
}

/// Follow-ups and the partner's inbox at the use-case layer, on both engines.
@Suite("Referral lists")
struct ReferralListsTests {
    @Test(arguments: TestBackend.available)
    func overdueListsComeLongestOverdueFirstAndAreCutAfterOrdering(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent(at: UseCaseWorld.now.addingTimeInterval(-60 * 86_400))
            // Sent 40, 30 and 20 days ago: created oldest first, so "newest first" would put the least overdue first.
            var sent: [Referral] = []
            for (days, barrier) in [(40, "anxiety"), (30, "depression"), (20, "grief")] {
                sent.append(try await world.sentReferral(student, barrier: barrier, at: UseCaseWorld.now.addingTimeInterval(-Double(days) * 86_400)))
            }
            let due = try await world.lists.followUps(visibleTo: world.coordinator, now: UseCaseWorld.now)
            #expect(due.map(\.referral.id) == sent.map(\.id))
            let dueSince = due.compactMap(\.followUp?.dueSince)
            #expect(dueSince == dueSince.sorted())
            let firstTwo = try await world.lists.list(ReferralFilter(overdueOnly: true, limit: 2), visibleTo: world.coordinator, now: UseCaseWorld.now)
            #expect(firstTwo.map(\.referral.id) == Array(sent.prefix(2).map(\.id)), "the two longest overdue, not the two newest")
            #expect(try await world.lists.followUps(visibleTo: world.otherCoordinator, now: UseCaseWorld.now).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func theInboxPutsWhatWaitsForThePartnerFirstAndAdminsMayReadIt(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent(at: UseCaseWorld.now.addingTimeInterval(-10 * 86_400))
            let older = try await world.sentReferral(student, barrier: "anxiety", at: UseCaseWorld.now.addingTimeInterval(-3 * 86_400))
            let newer = try await world.sentReferral(student, barrier: "depression", at: UseCaseWorld.now.addingTimeInterval(-86_400))
            _ = try await world.actions.apply(ReferralCommand(.accept), toReferral: older.id, expectedVersion: 1, by: world.partner,
                                              now: UseCaseWorld.now)
            let filter = ReferralFilter(states: ReferralLists.stillOpenForPartners)
            let inbox = try await world.lists.inbox(filter, for: world.partner, now: UseCaseWorld.now)
            #expect(inbox.map(\.referral.id) == [newer.id, older.id], "waiting for an answer before accepted")
            #expect(try await world.lists.inbox(filter, for: world.admin, now: UseCaseWorld.now).map(\.referral.id) == [newer.id, older.id])
            #expect(try await world.lists.inbox(filter, for: world.otherPartner, now: UseCaseWorld.now).isEmpty)
            await #expect(throws: ReferralStoreError.forbidden(Permission.readPartnerInbox.refusal)) {
                try await world.lists.inbox(filter, for: world.coordinator, now: UseCaseWorld.now)
            }
        }
    }
}

import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport

/// Students, consents and referrals written and read straight through `ReferralStore`, on both engines.
@Suite("Referral store: students, consents, referrals")
struct ReferralStoreTests {
    static let now = ReferralFixture.now
    static let school = ReferralFixture.schoolID

    // MARK: students

    @Test(arguments: TestBackend.available)
    func aRegisteredStudentReadsBackAsRegistered(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let coordinator = fixture.user(.coordinator)
            let created = try await fixture.referrals.createStudent(
                NewStudent(districtStudentID: " 100998877 ", schoolID: Self.school, grade: "K", age: 5,
                           languages: [LanguageCode(rawValue: "so")!, .english], groups: [.homeless, .disability]),
                by: coordinator, now: Self.now)
            #expect(created.id.hasPrefix("stu_"))
            #expect(created == Student(id: created.id, districtStudentID: "100998877", schoolID: Self.school, grade: "K", age: 5,
                                       languages: [LanguageCode(rawValue: "so")!, .english], groups: [.homeless, .disability]))
            #expect(try await fixture.referrals.student(id: created.id, visibleTo: coordinator, now: Self.now) == created)

            // What the coordinator did not say stays unknown.
            let bare = try await fixture.referrals.createStudent(
                NewStudent(districtStudentID: "100998878", schoolID: Self.school), by: coordinator, now: Self.now)
            #expect(try await fixture.referrals.student(id: bare.id, visibleTo: coordinator, now: Self.now)
                == Student(id: bare.id, districtStudentID: "100998878", schoolID: Self.school, grade: nil, age: nil, languages: [], groups: []))
        }
    }

    @Test(arguments: TestBackend.available)
    func registeringAStudentIsRefusedWithTheReason(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let coordinator = fixture.user(.coordinator)
            func register(_ input: NewStudent, by user: User) async throws { _ = try await store.createStudent(input, by: user, now: Self.now) }

            await #expect(throws: ReferralStoreError.forbidden("only coordinators and admins register students")) {
                try await register(NewStudent(districtStudentID: "100000001", schoolID: Self.school), by: fixture.user(.partner))
            }
            await #expect(throws: ReferralStoreError.forbidden("only coordinators and admins register students")) {
                try await register(NewStudent(districtStudentID: "100000001", schoolID: Self.school), by: fixture.user(.district))
            }
            await #expect(throws: ReferralStoreError.invalidField(
                name: "school_id", message: "school '\(ReferralFixture.otherSchoolID)' is not one of yours")) {
                try await register(NewStudent(districtStudentID: "100000001", schoolID: ReferralFixture.otherSchoolID), by: coordinator)
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "school_id", message: "no school with id 'sch-closed-1998'")) {
                try await register(NewStudent(districtStudentID: "100000001", schoolID: "sch-closed-1998"), by: fixture.user(.admin))
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "district_student_id", message: "district_student_id is empty")) {
                try await register(NewStudent(districtStudentID: "   ", schoolID: Self.school), by: coordinator)
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "age", message: "age 26 is outside 0–25")) {
                try await register(NewStudent(districtStudentID: "100000001", schoolID: Self.school, age: 26), by: coordinator)
            }
            await #expect(throws: ReferralStoreError.duplicate(
                name: "district_student_id", message: "student \(ReferralFixture.districtStudentID) is already registered")) {
                try await register(NewStudent(districtStudentID: ReferralFixture.districtStudentID + " ", schoolID: Self.school), by: coordinator)
            }
            // None of them left a student or an audit line behind.
            #expect(try await store.students(visibleTo: fixture.user(.admin)).map(\.id) == [fixture.studentID])
            // (The list just read is audited itself: one `student.list` line, issue 21 item 9.)
            #expect(try await store.auditLog(by: fixture.user(.admin)).map(\.action) == ["student.create", "consent.create", "student.list"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aStudentIsVisibleOnlyWithinTheUsersSchools(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let id = fixture.studentID
            let store = fixture.referrals
            for person in [ReferralFixture.Person.coordinator, .admin] {
                #expect(try await store.student(id: id, visibleTo: fixture.user(person), now: Self.now)?.id == id, "\(person)")
            }
            // District staff read aggregates only (issue 21 item 1).
            await #expect(throws: ReferralStoreError.aggregatesOnly) {
                _ = try await store.student(id: id, visibleTo: fixture.user(.district), now: Self.now)
            }
            for person in [ReferralFixture.Person.otherCoordinator, .partner, .otherPartner] {
                #expect(try await store.student(id: id, visibleTo: fixture.user(person), now: Self.now) == nil, "\(person)")
            }
            #expect(try await store.student(id: "stu_missing", visibleTo: fixture.user(.admin), now: Self.now) == nil)
        }
    }

    // MARK: consents

    @Test(arguments: TestBackend.available)
    func consentsReadBackInTheOrderRecorded(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let coordinator = fixture.user(.coordinator)
            let before = try await fixture.referrals.consents(studentID: fixture.studentID)
            #expect(before.map(\.consent) == [
                Consent(organizationIDs: [ReferralFixture.organizationID], givenBy: "Maria Lopez (mother)", method: .written,
                        sharedFields: [.grade, .languages], givenOn: CalendarDate("2026-11-23")!, expiresOn: CalendarDate("2027-11-23")!),
            ])
            let second = Consent(
                organizationIDs: [ReferralFixture.otherOrganizationID, ReferralFixture.organizationID], givenBy: "Jorge Lopez (father)",
                method: .verbal, sharedFields: [.age, .groups, .school], givenOn: CalendarDate("2026-11-24")!, expiresOn: nil)
            let stored = try await fixture.referrals.addConsent(second, studentID: fixture.studentID, by: coordinator,
                                                                now: Self.now.addingTimeInterval(60))
            #expect(stored == StoredConsent(id: stored.id, studentID: fixture.studentID, consent: second, recordedBy: coordinator.id))
            #expect(try await fixture.referrals.consents(studentID: fixture.studentID) == before + [stored])
        }
    }

    @Test(arguments: TestBackend.available)
    func recordingAConsentIsRefusedWithTheReason(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let day = CalendarDate("2026-11-23")!
            func consent(_ organizations: [String], expires: CalendarDate? = nil) -> Consent {
                Consent(organizationIDs: organizations, givenBy: "parent", method: .electronic, sharedFields: [.grade], givenOn: day, expiresOn: expires)
            }
            func record(_ consent: Consent, by person: ReferralFixture.Person, student: String? = nil) async throws {
                _ = try await store.addConsent(consent, studentID: student ?? fixture.studentID, by: fixture.user(person), now: Self.now)
            }
            let organization = ReferralFixture.organizationID

            await #expect(throws: ReferralStoreError.forbidden("only coordinators and admins record consent")) {
                try await record(consent([organization]), by: .partner)
            }
            await #expect(throws: ReferralStoreError.notFound(kind: "student", id: fixture.studentID)) {
                try await record(consent([organization]), by: .otherCoordinator)
            }
            await #expect(throws: ReferralStoreError.notFound(kind: "student", id: "stu_missing")) {
                try await record(consent([organization]), by: .admin, student: "stu_missing")
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "organization_ids", message: "a consent names at least one organization")) {
                try await record(consent([]), by: .coordinator)
            }
            await #expect(throws: ReferralStoreError.invalidField(
                name: "expires_on", message: "expires_on 2026-11-23 is not after the day it is given (2026-11-23)")) {
                try await record(consent([organization], expires: day), by: .coordinator)
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "organization_ids", message: "no organization with id 'org-closed'")) {
                try await record(consent([organization, "org-closed"]), by: .coordinator)
            }
            #expect(try await store.consents(studentID: fixture.studentID).count == 1)
        }
    }

    // MARK: referrals

    @Test(arguments: TestBackend.available)
    func aDraftReadsBackAsCreatedInWholeSeconds(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let coordinator = fixture.user(.coordinator)
            let created = try await fixture.referrals.createReferral(
                NewReferral(studentID: fixture.studentID, serviceID: ReferralFixture.serviceID, barrier: "anxiety", tier: 3,
                            note: "Panic attacks before tests; mother prefers afternoon sessions."),
                by: coordinator, now: Self.now.addingTimeInterval(0.4))
            #expect(created.id.hasPrefix("ref_"))
            #expect(created == Referral(
                id: created.id, studentID: fixture.studentID, serviceID: ReferralFixture.serviceID,
                organizationID: ReferralFixture.organizationID, schoolID: Self.school, barrier: "anxiety", tier: 3, state: .draft,
                version: 0, previousReferralID: nil, note: "Panic attacks before tests; mother prefers afternoon sessions.",
                createdBy: coordinator.id, createdAt: Self.now, updatedAt: Self.now, sentAt: nil, events: []))
            #expect(try await fixture.referrals.referral(id: created.id, visibleTo: coordinator, now: Self.now) == created)
        }
    }

    @Test(arguments: TestBackend.available)
    func makingAReferralIsRefusedWithTheReason(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            func make(_ serviceID: String = ReferralFixture.serviceID, barrier: String = "anxiety", tier: Int? = nil,
                      by person: ReferralFixture.Person = .coordinator) async throws {
                _ = try await fixture.referrals.createReferral(
                    NewReferral(studentID: fixture.studentID, serviceID: serviceID, barrier: barrier, tier: tier,
                                duplicateReason: ReferralFixture.repeatReason),
                    by: fixture.user(person), now: Self.now)
            }
            await #expect(throws: ReferralStoreError.forbidden("only coordinators and admins make referrals")) { try await make(by: .partner) }
            await #expect(throws: ReferralStoreError.invalidField(
                name: "student_id", message: "no student with id '\(fixture.studentID)' in your schools")) {
                try await make(by: .otherCoordinator)
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "tier", message: "tier is 1, 2 or 3")) { try await make(tier: 4) }
            await #expect(throws: ReferralStoreError.invalidField(name: "service_id", message: "no service with id 'fx-svc-gone'")) {
                try await make("fx-svc-gone")
            }
            await #expect(throws: ReferralStoreError.invalidField(
                name: "service_id", message: "service '\(ReferralFixture.withdrawnServiceID)' has been withdrawn from the directory")) {
                try await make(ReferralFixture.withdrawnServiceID)
            }
            await #expect(throws: ReferralStoreError.invalidField(name: "barrier", message: "unknown barrier 'homesickness'")) {
                try await make(barrier: "homesickness")
            }
            #expect(try await fixture.referrals.referrals(ReferralFilter(), visibleTo: fixture.user(.admin), now: Self.now).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func eventsAreAppendedInOrderAndEachOneIsAVersion(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let (coordinator, partner) = (fixture.user(.coordinator), fixture.user(.partner))
            let hour: TimeInterval = 3_600
            let draft = try await fixture.draft(at: Self.now)
            var last = try await store.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinator,
                                             now: Self.now.addingTimeInterval(hour))
            #expect(last.state == .referred && last.version == 1 && last.sentAt == Self.now.addingTimeInterval(hour))
            last = try await store.apply(ReferralCommand(.accept), toReferral: draft.id, expectedVersion: 1, by: partner,
                                         now: Self.now.addingTimeInterval(2 * hour))
            last = try await store.apply(ReferralCommand(.schedule, intakeDate: CalendarDate("2026-11-23")!), toReferral: draft.id,
                                         expectedVersion: 2, by: partner, now: Self.now.addingTimeInterval(3 * hour))
            last = try await store.apply(
                ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate("2026-11-23")!, confirmedBy: .family, note: "Mother called"),
                toReferral: draft.id, expectedVersion: 3, by: coordinator, now: Self.now.addingTimeInterval(4 * hour + 0.3))

            let expected = [
                ReferralEvent(sequence: 1, action: .send, from: .draft, to: .referred, actorID: coordinator.id, role: .coordinator,
                              at: Self.now.addingTimeInterval(hour)),
                ReferralEvent(sequence: 2, action: .accept, from: .referred, to: .accepted, actorID: partner.id, role: .partner,
                              at: Self.now.addingTimeInterval(2 * hour)),
                ReferralEvent(sequence: 3, action: .schedule, from: .accepted, to: .scheduled, actorID: partner.id, role: .partner,
                              at: Self.now.addingTimeInterval(3 * hour), intakeDate: CalendarDate("2026-11-23")!),
                ReferralEvent(sequence: 4, action: .confirmConnection, from: .scheduled, to: .connected, actorID: coordinator.id,
                              role: .coordinator, at: Self.now.addingTimeInterval(4 * hour), firstServiceDate: CalendarDate("2026-11-23")!,
                              confirmedBy: .family, note: "Mother called"),
            ]
            #expect(last.events == expected)
            #expect(last.state == .connected && last.version == 4)
            let reloaded = try #require(try await store.referral(id: draft.id, visibleTo: coordinator, now: Self.now))
            #expect(reloaded == last)
            #expect(reloaded.updatedAt == Self.now.addingTimeInterval(4 * hour))
            #expect(reloaded.sentAt == Self.now.addingTimeInterval(hour))
            #expect(reloaded.createdAt == Self.now)
        }
    }

    @Test(arguments: TestBackend.available)
    func aStaleVersionIsRefusedAndWritesNothing(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let sent = try await fixture.sent()
            #expect(sent.version == 1)
            await #expect(throws: ReferralStoreError.versionConflict(expected: 0, current: 1)) {
                _ = try await store.apply(ReferralCommand(.accept), toReferral: sent.id, expectedVersion: 0, by: fixture.user(.partner),
                                          now: Self.now)
            }
            await #expect(throws: ReferralStoreError.versionConflict(expected: 7, current: 1)) {
                _ = try await store.apply(ReferralCommand(.accept), toReferral: sent.id, expectedVersion: 7, by: fixture.user(.partner),
                                          now: Self.now)
            }
            let reloaded = try #require(try await store.referral(id: sent.id, visibleTo: fixture.user(.admin), now: Self.now))
            #expect(reloaded.version == 1 && reloaded.state == .referred && reloaded.events.map(\.sequence) == [1])
        }
    }

    /// Two partners' clicks on the same version: exactly one is written, the other is told the version moved.
    @Test(arguments: TestBackend.available)
    func concurrentWritersOnOneVersionExactlyOneWins(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let partner = fixture.user(.partner)
            for round in 0..<4 {
                let sent = try await fixture.sent(barrier: round.isMultiple(of: 2) ? "anxiety" : "depression")
                let commands = [ReferralCommand(.accept), ReferralCommand(.waitlist, expectedWait: .notKnown), ReferralCommand(.decline, reason: .noCapacity)]
                let outcomes = await withTaskGroup(of: Result<Referral, any Error>.self) { group in
                    for command in commands {
                        group.addTask {
                            do {
                                return .success(try await store.apply(command, toReferral: sent.id, expectedVersion: 1, by: partner, now: Self.now))
                            } catch {
                                return .failure(error)
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                let won = outcomes.compactMap { try? $0.get() }
                let refusals = outcomes.compactMap { outcome -> ReferralStoreError? in
                    if case .failure(let error) = outcome { return error as? ReferralStoreError ?? .forbidden("untyped: \(error)") }
                    return nil
                }
                #expect(won.count == 1, "round \(round): \(outcomes)")
                #expect(refusals == [.versionConflict(expected: 1, current: 2), .versionConflict(expected: 1, current: 2)], "round \(round)")
                let reloaded = try #require(try await store.referral(id: sent.id, visibleTo: partner, now: Self.now))
                #expect(reloaded.version == 2 && reloaded.events.count == 2 && reloaded.state == won.first?.state)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func theStateMachinesRefusalsArriveTyped(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            func apply(_ command: ReferralCommand, to id: String, by person: ReferralFixture.Person) async throws {
                _ = try await store.apply(command, toReferral: id, expectedVersion: nil, by: fixture.user(person), now: Self.now)
            }
            let draft = try await fixture.draft()
            // A partner never sees drafts: answered as if the referral did not exist.
            await #expect(throws: ReferralStoreError.notFound(kind: "referral", id: draft.id)) { try await apply(ReferralCommand(.accept), to: draft.id, by: .partner) }
            await #expect(throws: ReferralStoreError.notFound(kind: "referral", id: draft.id)) { try await apply(ReferralCommand(.send), to: draft.id, by: .otherCoordinator) }
            await #expect(throws: ReferralStoreError.transition(.illegal(from: .draft, action: .accept, allowed: [.send, .cancel, .markEnteredInError]))) {
                try await apply(ReferralCommand(.accept), to: draft.id, by: .admin)
            }
            let sent = try await fixture.sent(barrier: "depression")
            await #expect(throws: ReferralStoreError.transition(.forbidden(role: .coordinator, action: .accept))) {
                try await apply(ReferralCommand(.accept), to: sent.id, by: .coordinator)
            }
            await #expect(throws: ReferralStoreError.transition(.missingFields(["reason"]))) {
                try await apply(ReferralCommand(.decline), to: sent.id, by: .partner)
            }
            await #expect(throws: ReferralStoreError.transition(.notEnoughContactAttempts(recorded: 0, required: 3))) {
                try await apply(ReferralCommand(.markUnreachable), to: sent.id, by: .partner)
            }
            // The family consented for the counseling center only.
            let toPantry = try await fixture.draft(serviceID: ReferralFixture.otherServiceID, barrier: "food_insecurity")
            await #expect(throws: ReferralStoreError.transition(.consentRequired)) { try await apply(ReferralCommand(.send), to: toPantry.id, by: .coordinator) }
            await #expect(throws: ReferralStoreError.notFound(kind: "referral", id: "ref_missing")) { try await apply(ReferralCommand(.send), to: "ref_missing", by: .admin) }

            let admin = fixture.user(.admin)
            #expect(try await store.referral(id: draft.id, visibleTo: admin, now: Self.now)?.version == 0)
            #expect(try await store.referral(id: sent.id, visibleTo: admin, now: Self.now)?.version == 1)
            #expect(try await store.referral(id: toPantry.id, visibleTo: admin, now: Self.now)?.state == .draft)
        }
    }

    /// Contact attempts leave the state as it is but are events all the same: each one is a version.
    @Test(arguments: TestBackend.available)
    func contactAttemptsAreVersionsAndThreeAllowMarkingUnreachable(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let partner = fixture.user(.partner)
            let sent = try await fixture.sent()
            var referral = sent
            for attempt in 1...3 {
                referral = try await store.apply(
                    ReferralCommand(.contactAttempt, note: "Left voicemail #\(attempt)"), toReferral: sent.id,
                    expectedVersion: referral.version, by: partner, now: Self.now.addingTimeInterval(Double(attempt) * 86_400))
                #expect(referral.state == .referred && referral.version == 1 + attempt)
            }
            referral = try await store.apply(ReferralCommand(.markUnreachable), toReferral: sent.id, expectedVersion: 4, by: partner,
                                             now: Self.now.addingTimeInterval(4 * 86_400))
            let reloaded = try #require(try await store.referral(id: sent.id, visibleTo: partner, now: Self.now))
            #expect(reloaded.state == .unreachable && reloaded.version == 5)
            #expect(reloaded.events.map(\.action) == [.send, .contactAttempt, .contactAttempt, .contactAttempt, .markUnreachable])
            #expect(reloaded.events.map(\.to) == [.referred, .referred, .referred, .referred, .unreachable])
            #expect(reloaded.events.compactMap(\.note) == ["Left voicemail #1", "Left voicemail #2", "Left voicemail #3"])
        }
    }

    /// A consent recorded as already revoked covers nobody: the referral cannot be sent under it.
    @Test(arguments: TestBackend.available)
    func aRevokedConsentDoesNotCoverTheOrganization(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let coordinator = fixture.user(.coordinator)
            let revoked = Consent(
                organizationIDs: [ReferralFixture.otherOrganizationID], givenBy: "Maria Lopez (mother)", method: .written,
                sharedFields: [.grade], givenOn: CalendarDate("2026-11-01")!, expiresOn: CalendarDate("2027-11-01")!,
                revokedAt: Self.now.addingTimeInterval(-3_600))
            _ = try await store.addConsent(revoked, studentID: fixture.studentID, by: coordinator, now: Self.now.addingTimeInterval(60))
            #expect(try await store.consents(studentID: fixture.studentID).last?.consent == revoked)
            let toPantry = try await fixture.draft(serviceID: ReferralFixture.otherServiceID, barrier: "food_insecurity")
            await #expect(throws: ReferralStoreError.transition(.consentRequired)) {
                _ = try await store.apply(ReferralCommand(.send), toReferral: toPantry.id, expectedVersion: 0, by: coordinator, now: Self.now)
            }
            // Before the revocation it did cover the pantry.
            let earlier = try await fixture.draft(serviceID: ReferralFixture.otherServiceID, barrier: "clothing_hygiene")
            let sentEarlier = try await store.apply(ReferralCommand(.send), toReferral: earlier.id, expectedVersion: 0, by: coordinator,
                                                    now: Self.now.addingTimeInterval(-7_200))
            #expect(sentEarlier.state == .referred)
        }
    }

    @Test(arguments: TestBackend.available)
    func aReReferralAfterADeclinePointsBackAtIt(backend: TestBackend) async throws {
        try await withReferralFixture(backend) { fixture async throws in
            let store = fixture.referrals
            let first = try await fixture.sent(at: Self.now.addingTimeInterval(3_600))
            _ = try await store.apply(ReferralCommand(.decline, reason: .noCapacity), toReferral: first.id, expectedVersion: 1,
                                      by: fixture.user(.partner), now: Self.now.addingTimeInterval(2 * 3_600))
            let unrelated = try await fixture.draft(barrier: "depression", at: Self.now.addingTimeInterval(3 * 3_600))
            let again = try await fixture.draft(at: Self.now.addingTimeInterval(4 * 3_600))
            #expect(unrelated.previousReferralID == nil)
            #expect(again.previousReferralID == first.id)
            #expect(try await store.referral(id: again.id, visibleTo: fixture.user(.coordinator), now: Self.now)?.previousReferralID == first.id)
        }
    }
}

import Directory
import Foundation
import Matching
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// Issue 21 item 4, the rules themselves: lengths, counts and repeats, with the field and the limit.
@Suite("Input limits")
struct InputLimitsTests {
    @Test func aTextAtTheLimitPassesOneCharacterMoreIsNamed() throws {
        try InputLimits.check(String(repeating: "é", count: 2000), field: "note", atMost: 2000)
        try InputLimits.check(String?.none, field: "note", atMost: 2000)
        #expect(throws: InputLimitViolation(field: "note", kind: .tooLong(length: 2001, limit: 2000))) {
            try InputLimits.check(String(repeating: "é", count: 2001), field: "note", atMost: 2000)
        }
        let violation = InputLimitViolation(field: "given_by", kind: .tooLong(length: 201, limit: 200))
        #expect(violation.code == "field_too_long")
        #expect(violation.limit == 200)
        #expect(violation.description == "the given by has 201 characters; keep it to 200")
    }

    @Test func aListOverItsCountOrWithARepeatIsNamed() throws {
        try InputLimits.check(Array(1...49), field: "hours", atMost: 49)
        #expect(throws: InputLimitViolation(field: "hours", kind: .tooManyItems(count: 50, limit: 49))) {
            try InputLimits.check(Array(1...50), field: "hours", atMost: 49)
        }
        #expect(throws: InputLimitViolation(field: "organization_ids", kind: .duplicateItems("org-2"))) {
            try InputLimits.checkIDs(["org-1", "org-2", "org-2"], field: "organization_ids", atMost: 50)
        }
        #expect(throws: InputLimitViolation(field: "organization_ids", kind: .tooLong(length: 201, limit: 200))) {
            try InputLimits.checkIDs([String(repeating: "o", count: 201)], field: "organization_ids", atMost: 50)
        }
        let repeated = InputLimitViolation(field: "barriers", kind: .duplicateItems("anxiety"))
        #expect(repeated.code == "duplicate_items")
        #expect(repeated.limit == nil)
        #expect(InputLimitViolation(field: "hours", kind: .tooManyItems(count: 50, limit: 49)).code == "too_many_items")
    }

    @Test func aRepeatedItemIsShownShort() {
        let long = InputLimitViolation(field: "barriers", kind: .duplicateItems(String(repeating: "x", count: 5000)))
        #expect(long.description.count < 120, "a refusal does not echo a huge value back")
    }
}

/// Each use case applies the limits before it reads or writes anything, on both engines.
@Suite("Input limits in the use cases")
struct InputLimitsWorkflowTests {
    @Test(arguments: TestBackend.available)
    func referralsRefuseOverlongTextAndStoreNothing(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let student = try await world.consentedStudent()
            // The 2 MB note, smaller: any note over the limit is refused, not stored.
            let huge = String(repeating: "n", count: 200_000)
            await #expect(throws: InputLimitViolation(field: "note", kind: .tooLong(length: 200_000, limit: InputLimits.noteLength))) {
                try await world.actions.start(NewReferral(studentID: student.id, serviceID: world.service.id, barrier: "anxiety", note: huge),
                                              by: world.coordinator, now: UseCaseWorld.now)
            }
            await #expect(throws: InputLimitViolation(field: "barrier", kind: .tooLong(length: 201, limit: InputLimits.idLength))) {
                try await world.actions.start(
                    NewReferral(studentID: student.id, serviceID: world.service.id, barrier: String(repeating: "b", count: 201)),
                    by: world.coordinator, now: UseCaseWorld.now)
            }
            #expect(try await world.lists.list(ReferralFilter(studentID: student.id), visibleTo: world.coordinator, now: UseCaseWorld.now).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func studentsAndConsentsRefuseLongFieldsAndLongOrRepeatedLists(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            await #expect(throws: InputLimitViolation(field: "district_student_id", kind: .tooLong(length: 65, limit: 64))) {
                try await world.students.register(
                    NewStudent(districtStudentID: String(repeating: "9", count: 65), schoolID: world.schoolID), by: world.coordinator,
                    now: UseCaseWorld.now)
            }
            let spanish = LanguageCode(rawValue: "es")!
            await #expect(throws: InputLimitViolation(field: "languages", kind: .duplicateItems("es"))) {
                try await world.students.register(
                    NewStudent(districtStudentID: "S-77", schoolID: world.schoolID, languages: [spanish, spanish]), by: world.coordinator,
                    now: UseCaseWorld.now)
            }
            let student = try await world.students.register(
                NewStudent(districtStudentID: "S-77", schoolID: world.schoolID, languages: [spanish]), by: world.coordinator, now: UseCaseWorld.now)

            let organization = world.service.organizationID
            func consent(_ organizations: [String], givenBy: String = "mother") -> ConsentInput {
                ConsentInput(organizationIDs: organizations, givenBy: givenBy, method: .written, sharedFields: [.grade])
            }
            let many = (0...InputLimits.organizationsPerConsent).map { "org-\($0)" }
            await #expect(throws: InputLimitViolation(field: "organization_ids", kind: .tooManyItems(count: 51, limit: 50))) {
                try await world.consents.record(consent(many), forStudent: student.id, by: world.coordinator, now: UseCaseWorld.now)
            }
            await #expect(throws: InputLimitViolation(field: "organization_ids", kind: .duplicateItems(organization))) {
                try await world.consents.record(consent([organization, organization]), forStudent: student.id, by: world.coordinator,
                                                now: UseCaseWorld.now)
            }
            await #expect(throws: InputLimitViolation(field: "given_by", kind: .tooLong(length: 201, limit: 200))) {
                try await world.consents.record(consent([organization], givenBy: String(repeating: "g", count: 201)), forStudent: student.id,
                                                by: world.coordinator, now: UseCaseWorld.now)
            }
            #expect(try await world.students.consents(ofStudent: student.id, visibleTo: world.coordinator, now: UseCaseWorld.now).isEmpty)
            _ = try await world.consents.record(consent([organization]), forStudent: student.id, by: world.coordinator, now: UseCaseWorld.now)
        }
    }

    @Test(arguments: TestBackend.available)
    func anAvailabilityReportWithTooManyOrRepeatedHoursChangesNothing(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let before = try #require(try await world.store.service(id: world.service.id))
            // The 30,000 opening-hour entries, smaller.
            let hours = (0..<3_000).map { minute in
                OpeningHours(weekday: Weekday.allCases[minute % 7], opens: TimeOfDay(hour: 8, minute: minute % 60)!, closes: TimeOfDay(hour: 17)!)
            }
            await #expect(throws: InputLimitViolation(field: "hours", kind: .tooManyItems(count: 3_000, limit: InputLimits.openingHoursPerService))) {
                try await world.availability.update(serviceID: world.service.id, with: AvailabilityChange(hours: hours), by: world.partner,
                                                    now: UseCaseWorld.now)
            }
            let monday = OpeningHours(weekday: .monday, opens: TimeOfDay(hour: 9)!, closes: TimeOfDay(hour: 12)!)
            await #expect(throws: InputLimitViolation.self) {
                try await world.availability.update(serviceID: world.service.id, with: AvailabilityChange(hours: [monday, monday]),
                                                    by: world.partner, now: UseCaseWorld.now)
            }
            await #expect(throws: InputLimitViolation(field: "intake_methods", kind: .duplicateItems("phone"))) {
                try await world.availability.update(serviceID: world.service.id, with: AvailabilityChange(intakeMethods: [.phone, .phone]),
                                                    by: world.partner, now: UseCaseWorld.now)
            }
            #expect(try await world.store.service(id: world.service.id) == before)
            let saved = try await world.availability.update(serviceID: world.service.id, with: AvailabilityChange(hours: [monday]),
                                                            by: world.partner, now: UseCaseWorld.now)
            #expect(saved.service.hours == [monday])
        }
    }

    @Test(arguments: TestBackend.available)
    func aNeedsProfileWithTooManyOrRepeatedBarriersIsNotMatched(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            // A list is counted first, then searched for repeats.
            await #expect(throws: InputLimitViolation(field: "barriers", kind: .tooManyItems(count: 10_000, limit: InputLimits.barriersPerProfile))) {
                try await world.matchmaking.match(NeedsProfile(barriers: Array(repeating: "anxiety", count: 10_000), tier: 2), now: UseCaseWorld.now)
            }
            await #expect(throws: InputLimitViolation(field: "barriers", kind: .duplicateItems("anxiety"))) {
                try await world.matchmaking.match(NeedsProfile(barriers: ["anxiety", "bullying", "anxiety"], tier: 2), now: UseCaseWorld.now)
            }
            let vocabulary = try await world.matchmaking.barriers().map(\.id)
            #expect(vocabulary.count > InputLimits.barriersPerProfile, "the seed has more barriers than one profile takes")
            await #expect(throws: InputLimitViolation(
                field: "barriers", kind: .tooManyItems(count: vocabulary.count, limit: InputLimits.barriersPerProfile))) {
                try await world.matchmaking.match(NeedsProfile(barriers: vocabulary, tier: 2), now: UseCaseWorld.now)
            }
            _ = try await world.matchmaking.match(NeedsProfile(barriers: Array(vocabulary.prefix(InputLimits.barriersPerProfile)), tier: 2),
                                                  now: UseCaseWorld.now)
        }
    }
}

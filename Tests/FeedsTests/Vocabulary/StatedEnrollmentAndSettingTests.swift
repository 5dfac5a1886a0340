import Directory
import Testing
@testable import Feeds

@Suite("Vocabulary: enrollment, intake and setting")
struct StatedEnrollmentAndSettingTests {
    @Test(arguments: [
        ("No waiting list. Walk in.", EnrollmentStatus.open, 0, [IntakeMethod.walkIn]),
        ("Wait list is about two months", .waitlist, 9, []), ("Families join a waitlist.", .waitlist, nil, []),
        ("Enrollment is closed for the year", .closed, nil, []), ("Not accepting new clients; waitlist 2-3 weeks", .closed, nil, []),
        ("Waiting list of 6 weeks. Call to be added.", .waitlist, 6, [.phone]),
        ("Now enrolling for fall. Apply online at https://example.org", .open, nil, [.online]),
        ("Walk in or call 555-0100", nil, nil, [.phone, .walkIn]),
        ("Referral from the school counselor", nil, nil, [.schoolReferral]),
        // The repository's Riverton fixture.
        ("Referral from the school counselor. Currently not accepting new students until August.", .closed, nil, [.schoolReferral]),
        ("Call for an intake appointment or ask for a referral from your school counselor. Waiting list of about 3 weeks.",
         .waitlist, 3, [.phone, .schoolReferral]),
        ("Apply online at https://taxhelp.riverton.example or walk in on Saturdays.", nil, nil, [.online, .walkIn]),
    ] as [(String, EnrollmentStatus?, Int?, [IntakeMethod])])
    func readsEnrollmentText(text: String, status: EnrollmentStatus?, weeks: Int?, methods: [IntakeMethod]) throws {
        let stated = try #require(StatedEnrollment.fromText(text), "\(text)")
        #expect(stated.status == status, "\(text)")
        #expect(stated.waitlistWeeks == weeks, "\(text)")
        #expect(stated.intakeMethods == methods, "\(text)")
    }

    @Test(arguments: ["", "Recalled later", "Serves the immediate family of patients.", "Provides support for families."])
    func textThatSaysNothingAboutEnrollmentIsNil(text: String) {
        #expect(StatedEnrollment.fromText(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("28 days", 4), ("2-3 weeks", 3), ("about 2 months", 9), ("no wait", 0), ("None", 0), ("0", 0),
        ("Immediate", 0), ("1 semana", 1), ("a few weeks", 3),
    ] as [(String, Int)])
    func readsWaitTimes(text: String, weeks: Int) {
        #expect(StatedEnrollment.waitWeeks(text) == weeks, "\(text)")
    }

    @Test(arguments: ["", "varies", "call", "N/A"])
    func waitTimesWithoutADurationAreNil(text: String) {
        #expect(StatedEnrollment.waitWeeks(text) == nil, "\(text)")
    }

    @Test func readsSettings() {
        #expect(StatedSetting.settings(in: "Apply online, then meet us at the office") == [])
        #expect(StatedSetting.settings(in: "Online support groups and home visits") == [.homeVisit, .virtual])
        #expect(StatedSetting.settings(in: "Telehealth sessions at your child's school") == [.schoolBased, .virtual])
        #expect(StatedSetting.settings(in: "Counselling for children and youth.") == [])
    }

    @Test func readsTransportation() {
        #expect(StatedSetting.transportation(in: "Transportation provided to and from school") == .provided)
        // Real BC 211 text.
        #expect(StatedSetting.transportation(in: "Youth can attend monthly get-togethers; free food and bus tickets are available.") == .provided)
        #expect(StatedSetting.transportation(in: "No transportation provided.") == .notProvided)
        #expect(StatedSetting.transportation(in: "Counselling for children and youth.") == nil)
    }

    @Test(arguments: [
        ("Bus route 3", true), ("Routes 7 and 12", true), ("Not on a bus line", false), ("None", false), ("No bus service", false),
        ("N/A", nil), ("", nil), ("unknown", nil),
    ] as [(String, Bool?)])
    func readsSiteTransit(text: String, onTransit: Bool?) {
        #expect(StatedSetting.siteOnTransit(text) == onTransit, "\(text)")
    }
}

@Suite("Vocabulary: all facts of a description at once")
struct FreeTextFactsTests {
    @Test func readsEveryFactOfADescription() throws {
        let facts = FreeTextFacts("""
            After-school tutoring for students ages 6 to 14, at school and by video. Services in English and Spanish; \
            interpreters available. No cost. Now enrolling. Bus passes provided.
            """)
        #expect(facts.ages == StatedAges(min: 6, max: 14))
        #expect(facts.cost?.kind == .free)
        #expect(facts.languages?.codes == [.english, .spanish])
        #expect(facts.languages?.interpreterAvailable == true)
        #expect(facts.enrollment?.status == .open)
        #expect(facts.settings == [.schoolBased, .virtual])
        #expect(facts.transportation == .provided)
    }

    @Test func aDescriptionThatStatesNothingGivesNothing() {
        let facts = FreeTextFacts("Provides counselling to children and youth with disabilities who have disclosed sexual abuse.")
        #expect(facts.ages == nil && facts.cost == nil && facts.languages == nil && facts.enrollment == nil)
        #expect(facts.settings.isEmpty && facts.transportation == nil)
    }
}

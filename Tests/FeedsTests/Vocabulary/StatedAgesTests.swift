import Testing
@testable import Feeds

@Suite("Vocabulary: ages")
struct StatedAgesTests {
    /// (text, min, max, from grades)
    typealias Case = (String, Int?, Int?, Bool)

    @Test(arguments: [
        ("birth to 19", 0, 19, false), ("0-5", 0, 5, false), ("0 - 5", 0, 5, false), ("19 and over", 19, nil, false),
        ("18+", 18, nil, false), ("Adults 18+", 18, nil, false), ("under 21", nil, 20, false), ("up to 5", nil, 5, false),
        ("ages 3–5", 3, 5, false), ("Ages: 5-18", 5, 18, false), ("5 years and older", 5, nil, false),
        ("6 months to 5 years", 0, 5, false), ("0-18 months", 0, 1, false), ("12", 12, 12, false),
        ("12 years", 12, 12, false), ("Youth 12 to 24", 12, 24, false), ("Seniors 62 and over", 62, nil, false),
        ("youth ages 13 to 24", 13, 24, false), ("between 5 and 12", 5, 12, false), ("5 to 18", 5, 18, false),
        ("5 through 18", 5, 18, false), ("18 and older", 18, nil, false), ("21 and under", nil, 21, false),
        ("65 or older", 65, nil, false), ("Minimum age 12", 12, nil, false), ("Ages 0-99", 0, nil, false),
        ("2.5 to 5 years", 2, 5, false), ("up to and including age 25", nil, 25, false), ("< 21", nil, 20, false),
        ("Ages six to twelve", 6, 12, false),
        // Spanish.
        ("mayores de 18", 18, nil, false), ("menores de 21", nil, 20, false), ("de 5 a 12 años", 5, 12, false),
        ("18 años o más", 18, nil, false), ("entre 3 y 5 años", 3, 5, false), ("hasta 17 años", nil, 17, false),
        // Grades are grades.
        ("6th - 8th grade", 11, 14, true), ("grades 6-8", 11, 14, true), ("Grades 6–8", 11, 14, true),
        ("K-5", 5, 11, true), ("K–12", 5, 18, true), ("Pre-K", 3, 4, true), ("PreK", 3, 4, true),
        ("grades 9-12", 14, 18, true), ("kindergarten through 5th grade", 5, 11, true),
        ("Kindergarten to Grade 12", 5, 18, true), ("Grades 11 and 12", 16, 18, true), ("5th grade", 10, 11, true),
        ("grade 5", 10, 11, true), ("sixth through eighth grade", 11, 14, true), ("1st-3rd graders", 6, 9, true),
        ("Kindergarten", 5, 6, true), ("PK-12", 3, 18, true), ("Pre-K through 5th grade", 3, 11, true),
        ("High school", 14, 18, true), ("Middle school", 11, 14, true), ("high school students", 14, 18, true),
        ("Elementary school", 5, 11, true),
        // Numbers beat grades: "(ages 5 to 14)" says what the grades mean here.
        ("Grades K-8 (ages 5 to 14)", 5, 14, false),
        // HSDS 1.x eligibility words and their synonyms.
        ("adult", 18, nil, false), ("teen", 13, 19, false), ("youth", 12, 24, false), ("seniors", 60, nil, false),
        ("children", 0, 12, false), ("infants and toddlers", 0, 3, false), ("Teens and young adults", 13, 24, false),
        ("adultos", 18, nil, false), ("All ages", 0, nil, false), ("older adults", 60, nil, false),
    ] as [Case])
    func readsAnAgeField(text: String, min: Int?, max: Int?, fromGrades: Bool) {
        #expect(StatedAges.fromAgeField(text) == StatedAges(min: min, max: max, fromGrades: fromGrades), "\(text)")
    }

    @Test(arguments: [
        "", "Ask at the front desk", "Call for eligibility", "None", "Must live in Langley", "N/A",
        "Ages 18-5", "Open 9 am to 5 pm", "Mon-Fri 9:00-17:00", "$25 per visit", "grade", "Vitamin K",
    ])
    func anAgeFieldThatSaysNothingReadableIsNil(text: String) {
        #expect(StatedAges.fromAgeField(text) == nil, "\(text)")
    }

    @Test(arguments: [
        // Real BC 211 descriptions.
        ("Provides inclusive, family-centred early intervention services for children with special needs, from birth to 19 years of age.",
         0, 19, false),
        ("The Youth Homelessness Initiative program serves youth up to and including age 25 who are homeless.", nil, 25, false),
        ("Provides counselling and intervention for children and youth up to age 17 to prevent anti-social behaviour.",
         nil, 17, false),
        ("Referrals from schools for children and youth up to 17 years of age. No fee for service.", nil, 17, false),
        ("A summer day camp for children ages six to 12.", 6, 12, false),
        ("Provides family-based assessment and treatment to children under 12 years of age.", nil, 11, false),
        ("Speak-Out Youth is an online resource for youth ages 13 to 24 who are or were living in foster care.", 13, 24, false),
        ("Provides educational services for students ages 13 to 19 who have become disengaged from school.", 13, 19, false),
        ("Provides settlement services for immigrant and refugee students attending Kindergarten to Grade 12.", 5, 18, true),
        // Other shapes.
        ("Seniors 62 and over may apply.", 62, nil, false), ("Open to adults 18 and older.", 18, nil, false),
        ("Serves families with children under 5.", nil, 4, false), ("For 3- to 5-year-olds.", 3, 5, false),
        ("Tutoring for 6th - 8th grade students after school.", 11, 14, true),
        ("Mentoring for youth in grades 9-12.", 14, 18, true), ("Open to middle school students.", 11, 14, true),
        ("A program for high school students.", 14, 18, true),
        ("Serves youth ages 12-17 and young adults 18-24.", 12, 24, false),
        ("Grupo para niños de 5 a 12 años.", 5, 12, false), ("Para personas mayores de 60 años.", 60, nil, false),
        ("Counselling for individuals of all ages.", 0, nil, false),
        // The repository's Riverton fixture (an eligibility sentence).
        ("Households with children ages 0-5", 0, 5, false),
    ] as [Case])
    func infersAgesFromFreeText(text: String, min: Int?, max: Int?, fromGrades: Bool) {
        #expect(StatedAges.fromFreeText(text) == StatedAges(min: min, max: max, fromGrades: fromGrades), "\(text)")
    }

    @Test(arguments: [
        // Real BC 211 text whose numbers are not ages.
        "Promotes increased self-acceptance of, and networking among, large women size 18 or over.",
        "Residents may stay up to one year. Referral is through a transition house.",
        "Drop-in hours are 9 am to 1 pm Monday to Friday, with appointments from 1 pm to 4:30 pm Monday to Friday.",
        "Hours are from 8:30 am to 12 noon and 1:30 pm to 4:30 pm Monday to Friday.",
        "Fees are charged; sliding scale, $45 to $100 per session, based on family income.",
        "Offers general interest, vocational courses, academic, upgrading (Foundations), and high school completion.",
        "Foundations offers pre-Grade 10 upgrading in English, mathematics, science.",
        "Eligibility is based on the Veterans Burial Regulations 2005 (see website).",
        "Offers a two-hour diversity training.",
        // Real BC 211 text: the age belongs to one of two programs, one of them for adults.
        "The Homeless Outreach Program provides outreach to adults who are homeless. The Youth Homelessness Initiative program serves youth up to and including age 25.",
        // Real BC 211 text: grades as a level of study at an adult education centre.
        "Provides secondary school completion for Grades 11 and 12. Subjects include English and mathematics.",
        // Age words alone are not ages in free text.
        "Provides counselling to children and youth with disabilities.",
        "Supports adults and seniors in the community.",
        "Call 604-534-1155 for an appointment.",
        "Serves over 500 families each year.",
        "Classes run 3-5 times per week.",
        "A kindergarten readiness program.",
        "Helps adults earn a high school diploma.",
        "",
    ])
    func freeTextWithoutAgesIsNil(text: String) {
        #expect(StatedAges.fromFreeText(text) == nil, "\(text)")
    }

    @Test func boundsFromMinimumAndMaximumFields() throws {
        #expect(try StatedAges.fromBounds(minimum: "5", maximum: "18") == StatedAges(min: 5, max: 18))
        #expect(try StatedAges.fromBounds(minimum: "12", maximum: "") == StatedAges(min: 12, max: nil))
        #expect(try StatedAges.fromBounds(minimum: "", maximum: "21") == StatedAges(min: nil, max: 21))
        #expect(try StatedAges.fromBounds(minimum: "0", maximum: "99") == StatedAges(min: 0, max: nil))
        #expect(try StatedAges.fromBounds(minimum: "5.0", maximum: "18.0") == StatedAges(min: 5, max: 18))
        #expect(try StatedAges.fromBounds(minimum: "6 months", maximum: "5 years") == StatedAges(min: 0, max: 5))
        #expect(try StatedAges.fromBounds(minimum: "18 yrs", maximum: "999") == StatedAges(min: 18, max: nil))
        #expect(try StatedAges.fromBounds(minimum: " ", maximum: "") == nil)
    }

    @Test(arguments: [("ten", ""), ("5", "abc"), ("18", "5"), ("500", ""), ("5 to 8", ""), ("-3", "")])
    func unreadableBoundsSayWhy(minimum: String, maximum: String) {
        #expect(throws: UnreadableText.self) { try StatedAges.fromBounds(minimum: minimum, maximum: maximum) }
    }

    @Test func wideningKeepsOpenEndsOpen() {
        let teens = StatedAges(min: 13, max: 18)
        #expect(teens.widened(with: StatedAges(min: 5, max: 12)) == StatedAges(min: 5, max: 18))
        #expect(teens.widened(with: StatedAges(min: 18, max: nil)) == StatedAges(min: 13, max: nil))
        #expect(StatedAges(min: 11, max: 14, fromGrades: true).widened(with: StatedAges(min: 5, max: 11, fromGrades: true))
            == StatedAges(min: 5, max: 14, fromGrades: true))
        #expect(StatedAges(min: 11, max: 14, fromGrades: true).widened(with: teens).fromGrades == false)
    }

    @Test func gradeConvention() {
        #expect(SchoolGrades.ages(of: 6...8) == (11, 14))
        #expect(SchoolGrades.ages(of: 0...5) == (5, 11))
        #expect(SchoolGrades.ages(of: 9...12) == (14, 18))
        #expect(SchoolGrades.ages(of: -1 ... -1) == (3, 4))
    }
}

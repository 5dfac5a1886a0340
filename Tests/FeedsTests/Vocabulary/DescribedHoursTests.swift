import Directory
import Testing
@testable import Feeds

/// Hours written out in descriptions, in the shapes the BC 211 excerpt and other 211 write-ups use.
@Suite("Described hours: weekly hours read from prose, or nothing")
struct DescribedHoursTests {
    private func slots(_ text: String) -> [String]? {
        DescribedHours.weeklyHours(in: text)?.map { "\($0.weekday.rawValue.prefix(3)) \($0.opens)-\($0.closes)" }
    }

    private func weekdays(_ opens: String, _ closes: String, _ days: [String] = ["mon", "tue", "wed", "thu", "fri"]) -> [String] {
        days.map { "\($0) \(opens)-\(closes)" }
    }

    @Test func timesThenDays() {
        #expect(slots("Offers counselling. Office hours are 9:30 am to 4:30 pm Monday to Friday.") == weekdays("09:30", "16:30"))
        #expect(slots("Office and program hours are 8:30 am to 4 pm Monday to Friday.") == weekdays("08:30", "16:00"))
        #expect(slots("Hours: 9 a.m. to 5 p.m. Monday through Friday") == weekdays("09:00", "17:00"))
    }

    @Test func twoSpansADay() {
        let expected = ["mon", "tue", "wed", "thu", "fri"].flatMap { ["\($0) 08:30-12:00", "\($0) 13:30-16:30"] }
        #expect(slots("Hours are from 8:30 am to 12 noon and 1:30 pm to 4:30 pm Monday to Friday.") == expected)
    }

    @Test func severalEntries() {
        let expected = weekdays("09:00", "21:00", ["mon", "tue", "wed", "thu"]) + ["fri 09:30-17:30", "sat 10:00-16:00"]
        #expect(slots("Office hours 9 am to 9 pm Monday to Thursday, 9:30 am to 5:30 pm Fridays, and 10 am to 4 pm Saturdays.") == expected)
    }

    @Test func daysFirst() {
        #expect(slots("Hours: Monday to Friday, 9 am to 5 pm.") == weekdays("09:00", "17:00"))
        #expect(slots("Open hours: Saturday and Sunday 10am-2pm") == ["sat 10:00-14:00", "sun 10:00-14:00"])
    }

    /// A clause after the schedule that adds appointments or remarks ends the list; the opening stands.
    @Test func aWithClauseEndsTheList() {
        #expect(slots("Hours are 8:30 am to 5:30 pm Monday to Friday with some evening appointments available.")
            == weekdays("08:30", "17:30"))
        #expect(slots("Offers a free postal box during drop-in hours. Drop-in hours are 9 am to 1 pm Monday to Friday, with appointments from 1 pm to 4:30 pm Monday to Friday.")
            == weekdays("09:00", "13:00"))
    }

    /// Half a schedule read as the whole would be an invented fact: these give nothing.
    @Test func whatCannotBeReadWholeGivesNothing() {
        #expect(slots("Office hours are 9 am to 5 pm ET.") == nil)  // no days
        #expect(slots("Office hours are 8:30 am to 4:30 pm Monday to Friday from September to June, and 8 am to 3:30 pm July and August.") == nil)
        #expect(slots("Applicants must have at least 72 hours clean time to be eligible.") == nil)
        #expect(slots("Open 24 hours a day.") == nil)
        #expect(slots("Swims are 7:30 am to 8:30 am Saturdays.") == nil)  // no "hours": not the service's opening
        #expect(slots("Office hours are 9 am to 5 pm Monday to Friday. Clinic hours are 1 pm to 4 pm Tuesdays.") == nil)
        #expect(slots("") == nil)
    }

    /// The same schedule said twice is one schedule.
    @Test func theSameScheduleTwiceIsRead() {
        #expect(slots("Hours are 9 am to 5 pm Monday to Friday. Office hours: 9 am to 5 pm Monday to Friday.") == weekdays("09:00", "17:00"))
    }

    /// The screen rules out only text without "hours".
    @Test func theScreenRulesOutTextWithoutHours() {
        #expect(!DescribedHours.screen.mayMatch(ScreenedText("Counselling for youth aged 12 to 18.")))
        #expect(DescribedHours.screen.mayMatch(ScreenedText("Office Hours are 9 am to 5 pm Monday to Friday.")))
    }
}

import Directory
import Foundation
import Testing

@testable import Referrals

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test func parsesOnlyTheCanonicalSpelling() {
        #expect(CalendarDate("2025-06-06") == CalendarDate(year: 2025, month: 6, day: 6))
        #expect(CalendarDate("2024-02-29")?.day == 29)
        for bad in [
            "2025-02-29", "2025-6-6", "2025-13-01", "2025-04-31", "06/06/2025", "2025-06-06T00:00", "", "abcd-ef-gh",
        ] {
            #expect(CalendarDate(bad) == nil, "\(bad)")
        }
        #expect(CalendarDate(year: 2025, month: 0, day: 1) == nil)
        #expect(Fixtures.day("0987-01-09").description == "0987-01-09")
    }

    @Test func codesAsAPlainString() throws {
        let data = try JSONEncoder().encode([Fixtures.day("2025-06-06")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-06-06"]"#)
        #expect(
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2024-12-31"]"#.utf8)) == [
                Fixtures.day("2024-12-31")
            ])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2024-12-32"]"#.utf8))
        }
    }

    @Test func weekdaysAndEpochArithmetic() {
        #expect(Fixtures.day("1970-01-01").daysSinceEpoch == 0)
        #expect(Fixtures.day("1970-01-01").weekday == .thursday)
        #expect(Fixtures.day("1969-12-31").weekday == .wednesday)
        #expect(Fixtures.day("2000-01-01").weekday == .saturday)
        #expect(Fixtures.day("2025-06-06").weekday == .friday)
        #expect(Fixtures.day("2025-06-19").weekday == .thursday)
        #expect(Fixtures.day("2025-06-06").daysSinceEpoch == 20_245)
        for offset in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
    }

    @Test func dayArithmeticCrossesMonthsYearsAndLeapDays() {
        #expect(Fixtures.day("2024-02-28").adding(days: 1) == Fixtures.day("2024-02-29"))
        #expect(Fixtures.day("2025-02-28").adding(days: 1) == Fixtures.day("2025-03-01"))
        #expect(Fixtures.day("2025-12-31").adding(days: 1) == Fixtures.day("2026-01-01"))
        #expect(Fixtures.day("2025-03-01").adding(days: -1) == Fixtures.day("2025-02-28"))
        #expect(Fixtures.day("2025-06-02").days(until: Fixtures.day("2025-06-16")) == 14)
        #expect(Fixtures.day("2025-06-16").days(until: Fixtures.day("2025-06-02")) == -14)
        #expect(Fixtures.day("2025-06-06") < Fixtures.day("2025-06-07"))
        #expect(Fixtures.day("2024-12-31") < Fixtures.day("2025-01-01"))
    }

    @Test func dayOfAnInstantDependsOnTheZone() {
        let lateEvening = Fixtures.instant("2025-06-10T02:00:00Z")
        #expect(CalendarDate(lateEvening) == Fixtures.day("2025-06-10"))
        #expect(CalendarDate(lateEvening, in: Fixtures.chicago) == Fixtures.day("2025-06-09"))
        #expect(CalendarDate(Fixtures.instant("1969-12-31T23:59:59Z")) == Fixtures.day("1969-12-31"))
    }

    @Test func businessDaysSkipWeekendsAndHolidays() {
        let friday = Fixtures.day("2025-06-06")
        #expect(friday.adding(businessDays: 5) == Fixtures.day("2025-06-13"))
        #expect(friday.adding(businessDays: 1) == Fixtures.day("2025-06-09"))
        #expect(Fixtures.day("2025-06-07").adding(businessDays: 1) == Fixtures.day("2025-06-09"), "from a Saturday")
        #expect(friday.adding(businessDays: 0) == friday)
        #expect(Fixtures.day("2025-06-09").adding(businessDays: -1) == friday)

        let juneteenth: Set = [Fixtures.day("2025-06-19")]
        #expect(!Fixtures.day("2025-06-19").isBusinessDay(holidays: juneteenth))
        #expect(Fixtures.day("2025-06-19").isBusinessDay())
        #expect(!Fixtures.day("2025-06-21").isBusinessDay())
        #expect(Fixtures.day("2025-06-13").adding(businessDays: 5, holidays: juneteenth) == Fixtures.day("2025-06-23"))

        #expect(friday.businessDays(through: Fixtures.day("2025-06-13")) == 5)
        #expect(Fixtures.day("2025-06-13").businessDays(through: Fixtures.day("2025-06-23"), holidays: juneteenth) == 5)
        #expect(friday.businessDays(through: Fixtures.day("2025-06-08")) == 0)
        #expect(friday.businessDays(through: friday) == 0)
    }
}

import Foundation
import Testing
@testable import Feeds

@Suite("Vocabulary: dates")
struct FeedDateTests {
    /// Seconds since 1970 for a UTC date and time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }

    @Test(arguments: [
        ("2024-05-08", utc(2024, 5, 8)), ("2014-04-01", utc(2014, 4, 1)), ("2024-05-08T08:45:00Z", utc(2024, 5, 8, 8, 45)),
        ("2024-05-08 08:45:00", utc(2024, 5, 8, 8, 45)), ("2024-05-08T08:45", utc(2024, 5, 8, 8, 45)),
        ("2024-05-08T08:45:00-05:00", utc(2024, 5, 8, 13, 45)), ("2024-05-08T08:45:00+0200", utc(2024, 5, 8, 6, 45)),
        ("2024/05/08", utc(2024, 5, 8)), ("20240508", utc(2024, 5, 8)),
        ("5/8/12 8:45", utc(2012, 5, 8, 8, 45)), ("5/8/2012", utc(2012, 5, 8)), ("05/08/2012", utc(2012, 5, 8)),
        ("3/1/2024", utc(2024, 3, 1)), ("12/31/99", utc(1999, 12, 31)), ("1/2/69", utc(2069, 1, 2)), ("1/2/70", utc(1970, 1, 2)),
        ("05/08/2012 08:45:00 AM", utc(2012, 5, 8, 8, 45)), ("05/08/2012 08:45:00 PM", utc(2012, 5, 8, 20, 45)),
        ("5/8/2012 12:05 AM", utc(2012, 5, 8, 0, 5)), ("5/8/2012 12:05 p.m.", utc(2012, 5, 8, 12, 5)),
        ("5-8-2012", utc(2012, 5, 8)), ("8-May-2012", utc(2012, 5, 8)), ("08-May-12", utc(2012, 5, 8)),
        ("8 May 2012", utc(2012, 5, 8)), ("May 8, 2012", utc(2012, 5, 8)), ("May 8 2012", utc(2012, 5, 8)),
        ("Aug. 8, 2012", utc(2012, 8, 8)), ("Tuesday, May 8, 2012", utc(2012, 5, 8)), ("September 30, 2023", utc(2023, 9, 30)),
        ("8 de mayo de 2012", utc(2012, 5, 8)), ("2012-02-29", utc(2012, 2, 29)), ("  2024-05-08  ", utc(2024, 5, 8)),
    ])
    func readsFeedDates(text: String, date: Date) throws {
        #expect(try FeedDateText.date(text) == date, "\(text)")
    }

    @Test func readsFractionsOfASecond() throws {
        let date = try #require(try FeedDateText.date("2017-01-09T05:01:43.820119-05:00"))
        #expect(abs(date.timeIntervalSince1970 - (Self.utc(2017, 1, 9, 10, 1, 43).timeIntervalSince1970 + 0.820119)) < 0.000_01)
    }

    /// The AIRS exporter's dates read back to the same instant, so an export re-imports unchanged.
    @Test func exportedDatesReadBack() throws {
        for seconds in [1_717_200_123, 1_790_000_000.25, 0.5, 86_400 * 365 * 40] as [Double] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(try FeedDateText.date(AIRSExportWording.date(date)) == date, "\(AIRSExportWording.date(date))")
        }
    }

    @Test func blankIsNotStated() throws {
        #expect(try FeedDateText.date("") == nil)
        #expect(try FeedDateText.date("   ") == nil)
    }

    @Test(arguments: [
        ("13/45/2012", "has no month 13"), ("2/30/2012", "has no day 30 in February 2012"), ("2013-02-29", "has no day 29"),
        ("25/12/2012", "puts the day first"), ("08.05.2012", "may put the day or the month first"),
        ("1900-01-01", "placeholder"), ("0001-01-01", "placeholder"), ("1899-12-30", "placeholder"),
        ("1970-01-01T00:00:00Z", "placeholder"),
        ("41037", "is a number, not a date"), ("next Tuesday", "is not a date this importer reads"),
        ("May 2012", "is not a date"), ("2024-05-08T25:00", "has no time"), ("5/8/2012 13:00 PM", "AM/PM"),
        ("2024-05-08 garbage", "is not a date"),
    ])
    func unreadableDatesSayWhy(text: String, reason: String) {
        #expect {
            _ = try FeedDateText.date(text)
        } throws: { error in
            (error as? UnreadableText)?.reason.contains(reason) == true && (error as? UnreadableText)?.text == text
        }
    }

    @Test(arguments: [
        ("dd.MM.yyyy", "08.05.2012", utc(2012, 5, 8)), ("d/M/yy H:mm", "8/5/12 8:45", utc(2012, 5, 8, 8, 45)),
        ("dd/MM/yyyy", "25/12/2012", utc(2012, 12, 25)), ("yyyy-MM-dd'T'HH:mm:ssXXX", "2012-05-08T08:45:00+02:00", utc(2012, 5, 8, 6, 45)),
        ("MMMM d, yyyy", "May 8, 2012", utc(2012, 5, 8)), ("d MMM yyyy", "8 sept 2012", utc(2012, 9, 8)),
        ("EEEE, d MMMM yyyy", "Martes, 8 mayo 2012", utc(2012, 5, 8)), ("MM/dd/yyyy hh:mm a", "05/08/2012 08:45 p.m.", utc(2012, 5, 8, 20, 45)),
        ("yyyyMMdd", "20120508", utc(2012, 5, 8)), ("dd-MM-yyyy HH:mm:ss.SSS", "08-05-2012 08:45:01.500", utc(2012, 5, 8, 8, 45, 1) + 0.5),
    ])
    func readsACallerGivenFormat(format: String, text: String, date: Date) throws {
        #expect(try FeedDateFormat(format).date(text) == date, "\(format) \(text)")
    }

    @Test func aFormatRefusesTextThatDoesNotFollowIt() throws {
        let format = try FeedDateFormat("dd.MM.yyyy")
        #expect(throws: UnreadableText.self) { try format.date("2012-05-08") }
        #expect(throws: UnreadableText.self) { try format.date("08.13.2012") }
        #expect(throws: UnreadableText.self) { try format.date("08.05.2012 extra") }
        #expect(try format.date(" ") == nil)
    }

    @Test(arguments: ["dd.MM", "yyyy-QQ-dd", "'unclosed", "dd/MM/yyyy hh:mm"])
    func unusableFormatsAreRefused(format: String) {
        #expect(throws: UnreadableText.self) { try FeedDateFormat(format) }
    }

    @Test func twoDigitYearPivot() {
        #expect(CivilDate.fullYear(twoDigit: 0) == 2000)
        #expect(CivilDate.fullYear(twoDigit: 69) == 2069)
        #expect(CivilDate.fullYear(twoDigit: 70) == 1970)
        #expect(CivilDate.fullYear(twoDigit: 99) == 1999)
    }

    @Test(.enabled(if: SharedFeeds.isPresent)) func readsEveryDateOfTheRealExcerpt() throws {
        let xml = try SharedFeeds.text("bc211-airs-excerpt/BC211_data_excerpt.xml")
        let dates = xml.components(separatedBy: "DateLastVerified=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(dates.count > 50)
        for text in dates { #expect(try FeedDateText.date(text) != nil, "\(text)") }
    }
}

import Foundation
import Referrals
import Storage

/// Days and months as the district counts them (its time zone), turned into the instants SQL compares.
enum DistrictCalendar {
    /// The first instant of `day` in `timeZone`: the store's definition, which its stored months
    /// (`ReportMonths`, migration 22) were cut by, so a report can tell whether they are its own.
    static func start(of day: CalendarDate, in timeZone: TimeZone) -> Date {
        ReportMonths.start(of: day, in: timeZone)
    }

    /// The first day of the month after `day`'s.
    static func firstOfNextMonth(after day: CalendarDate) -> CalendarDate {
        day.month == 12 ? CalendarDate(year: day.year + 1, month: 1, day: 1)! : CalendarDate(year: day.year, month: day.month + 1, day: 1)!
    }

    /// The months `[from, to)` touches: each label ("2026-09") with the day it starts counting from
    /// (`from` itself for the first).
    static func months(from: CalendarDate, to: CalendarDate) -> [(label: String, start: CalendarDate)] {
        var months: [(String, CalendarDate)] = []
        var start = from
        while start < to {
            months.append((String(start.description.prefix(7)), start))
            start = firstOfNextMonth(after: start)
        }
        return months
    }

    /// August 1 of the school year `today` falls in (a school year runs August to July).
    static func schoolYearStart(containing today: CalendarDate) -> CalendarDate {
        CalendarDate(year: today.month >= 8 ? today.year : today.year - 1, month: 8, day: 1)!
    }
}

extension OverdueCutoffs {
    /// The instants and day at which `policy` starts calling a referral overdue, as of `now`.
    init(policy: FollowUpPolicy, now: Date) {
        let zone = policy.timeZone
        let today = CalendarDate(now, in: zone)
        // The newest send day whose response window has already run out; adding business days never
        // goes backwards, so every earlier send day has run out too.
        var lastLateSendDay = today
        while lastLateSendDay.adding(businessDays: policy.partnerResponseBusinessDays, holidays: policy.holidays) > today {
            lastLateSendDay = lastLateSendDay.adding(days: -1)
        }
        self.init(
            referredSentBefore: DistrictCalendar.start(of: lastLateSendDay.adding(days: 1), in: zone),
            waitlistedIdleBefore: DistrictCalendar.start(of: today.adding(days: 1 - policy.waitlistRecheckDays), in: zone),
            intakeOnOrBefore: today.adding(days: -policy.intakeGraceDays))
    }
}

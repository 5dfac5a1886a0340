/// Business days are Monday to Friday minus the district's holidays; partner response windows are counted in them.
extension CalendarDate {
    public func isBusinessDay(holidays: Set<CalendarDate> = []) -> Bool {
        !weekday.isWeekend && !holidays.contains(self)
    }

    /// The day `count` business days after this one, not counting this day itself — so 5 business
    /// days after a Friday is the next Friday, whatever day of the week this one is. Negative counts go back.
    public func adding(businessDays count: Int, holidays: Set<CalendarDate> = []) -> CalendarDate {
        let step = count >= 0 ? 1 : -1
        var remaining = abs(count)
        var day = self
        while remaining > 0 {
            day = day.adding(days: step)
            if day.isBusinessDay(holidays: holidays) { remaining -= 1 }
        }
        return day
    }

    /// Business days after this day up to and including `end` (0 when `end` is not later).
    public func businessDays(through end: CalendarDate, holidays: Set<CalendarDate> = []) -> Int {
        guard end > self else { return 0 }
        return (1...days(until: end)).count { adding(days: $0).isBusinessDay(holidays: holidays) }
    }
}

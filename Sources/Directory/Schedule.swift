/// Days as HSDS and iCalendar name them in lower case.
public enum Weekday: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

/// A time of day as minutes after midnight, written "HH:MM" on the wire.
public struct TimeOfDay: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minutes: Int

    public init?(hour: Int, minute: Int = 0) {
        guard (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        minutes = hour * 60 + minute
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a time HH:MM")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        var text: [UInt8] = []
        text.reserveCapacity(5)
        write(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends "HH:MM" (hours 00…24) as UTF-8, for writers that build text as bytes.
    public func write(to bytes: inout [UInt8]) {
        let hour = minutes / 60, minute = minutes % 60, zero = UInt8(ascii: "0")
        bytes.append(zero + UInt8(hour / 10))
        bytes.append(zero + UInt8(hour % 10))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(zero + UInt8(minute / 10))
        bytes.append(zero + UInt8(minute % 10))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }
}

/// One regular opening: a weekday with opening and closing times.
public struct OpeningHours: Codable, Sendable, Hashable {
    public var weekday: Weekday
    public var opens: TimeOfDay
    public var closes: TimeOfDay

    public init(weekday: Weekday, opens: TimeOfDay, closes: TimeOfDay) {
        self.weekday = weekday
        self.opens = opens
        self.closes = closes
    }
}

/// When in the week a family can use a service, as a coordinator thinks of it.
public enum TimeWindow: String, Codable, CaseIterable, Sendable, Hashable {
    /// Weekdays, 08:00–15:00.
    case schoolDay = "school_day"
    /// Weekdays, 15:00–18:00.
    case afterSchool = "after_school"
    /// Any day, after 18:00.
    case evening
    case weekend

    /// Whether any of the opening hours overlaps this window.
    public func isCovered(by hours: [OpeningHours]) -> Bool {
        hours.contains { overlaps($0) }
    }

    private func overlaps(_ slot: OpeningHours) -> Bool {
        switch self {
        case .weekend:
            return slot.weekday.isWeekend
        case .evening:
            return slot.closes.minutes > 18 * 60
        case .schoolDay:
            return !slot.weekday.isWeekend && slot.opens.minutes < 15 * 60 && slot.closes.minutes > 8 * 60
        case .afterSchool:
            return !slot.weekday.isWeekend && slot.opens.minutes < 18 * 60 && slot.closes.minutes > 15 * 60
        }
    }
}

extension Array where Element == OpeningHours {
    /// The coordinator's windows these hours cover (after school, evening, weekend...).
    public var timeWindows: [TimeWindow] { TimeWindow.allCases.filter { $0.isCovered(by: self) } }
}

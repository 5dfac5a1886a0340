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

    /// Exactly "HH:MM", 00:00 to 23:59, or 24:00 (the end of the day, as a closing time). What JSON
    /// carries, from clients and from the store alike; feeds' looser forms go through `init?(_:)`.
    public init?(exactly text: String) {
        let bytes = Array(text.utf8)
        let digits = [0, 1, 3, 4].compactMap { bytes.count == 5 && (0x30...0x39).contains(bytes[$0]) ? Int(bytes[$0] - 0x30) : nil }
        guard digits.count == 4, bytes[2] == UInt8(ascii: ":") else { return nil }
        let hour = digits[0] * 10 + digits[1], minute = digits[2] * 10 + digits[3]
        guard hour < 24 || (hour == 24 && minute == 0) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Refuses anything but `init?(exactly:)`'s form; the error's underlying `TimeOfDay.Invalid`
    /// lets an API tell a value it cannot take (422) from a body it cannot read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = TimeOfDay(exactly: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath, debugDescription: "'\(text)' is not a time HH:MM from 00:00 to 23:59 (or 24:00, the end of the day)",
                underlyingError: Invalid()))
        }
        self = time
    }

    /// A time that is text but not `HH:MM` in range.
    public struct Invalid: Error, Sendable {}

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

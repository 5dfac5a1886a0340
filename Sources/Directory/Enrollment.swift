/// Whether a service takes new families, and how they get in. `Enrollment()` states nothing.
public struct Enrollment: Sendable, Hashable {
    public var status: EnrollmentStatus?
    /// Expected wait when `status == .waitlist`.
    public var waitlistWeeks: Int?
    /// Open places, when the partner reports it.
    public var capacity: Int?
    public var intakeMethods: [IntakeMethod]

    public init(status: EnrollmentStatus? = nil, waitlistWeeks: Int? = nil, capacity: Int? = nil, intakeMethods: [IntakeMethod] = []) {
        self.status = status
        self.waitlistWeeks = waitlistWeeks
        self.capacity = capacity
        self.intakeMethods = intakeMethods
    }
}

extension Enrollment: Codable {
    enum CodingKeys: String, CodingKey {
        case status, capacity
        case waitlistWeeks = "waitlist_weeks"
        case intakeMethods = "intake_methods"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try container.decodeIfPresent(EnrollmentStatus.self, forKey: .status),
            waitlistWeeks: try container.decodeIfPresent(Int.self, forKey: .waitlistWeeks),
            capacity: try container.decodeIfPresent(Int.self, forKey: .capacity),
            intakeMethods: try container.decodeIfPresent([IntakeMethod].self, forKey: .intakeMethods) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(waitlistWeeks, forKey: .waitlistWeeks)
        try container.encodeIfPresent(capacity, forKey: .capacity)
        try container.encode(intakeMethods, forKey: .intakeMethods)
    }
}

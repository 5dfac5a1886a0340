import Directory

/// A partner's report on one service: room, a waitlist, places, how families start, hours.
/// Whatever is `.keep` (or nil) stays as the directory has it.
public struct AvailabilityChange: Sendable, Hashable {
    /// nil keeps the status; a status cannot be cleared back to "not stated" by a partner.
    public var status: EnrollmentStatus?
    public var waitlistWeeks: FieldChange<Int>
    public var capacity: FieldChange<Int>
    /// nil keeps them; an empty list says the service lists no intake method.
    public var intakeMethods: [IntakeMethod]?
    /// nil keeps them (only the API reports hours).
    public var hours: [OpeningHours]?

    public init(
        status: EnrollmentStatus? = nil, waitlistWeeks: FieldChange<Int> = .keep, capacity: FieldChange<Int> = .keep,
        intakeMethods: [IntakeMethod]? = nil, hours: [OpeningHours]? = nil
    ) {
        self.status = status
        self.waitlistWeeks = waitlistWeeks
        self.capacity = capacity
        self.intakeMethods = intakeMethods
        self.hours = hours
    }

    public static let waitlistWeeksRange = 0...104

    /// The enrollment after the change, or every field that is out of range. Waitlist weeks stand
    /// only beside a waitlist: when the status is stated and is not `waitlist`, they are cleared.
    public func applied(to current: Enrollment) throws(AvailabilityError) -> Enrollment {
        var problems: [AvailabilityError.Field] = []
        if case .set(let weeks) = waitlistWeeks, !Self.waitlistWeeksRange.contains(weeks) {
            problems.append(.init(name: "waitlist_weeks", message: "waitlist weeks must be 0–104"))
        }
        if case .set(let places) = capacity, places < 0 {
            problems.append(.init(name: "capacity", message: "capacity must be 0 or more"))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        var enrollment = current
        if let status { enrollment.status = status }
        enrollment.waitlistWeeks = waitlistWeeks.applied(to: current.waitlistWeeks)
        if let status = enrollment.status, status != .waitlist { enrollment.waitlistWeeks = nil }
        enrollment.capacity = capacity.applied(to: current.capacity)
        if let intakeMethods { enrollment.intakeMethods = intakeMethods.sorted() }
        return enrollment
    }
}

/// Why an availability report was not saved.
public enum AvailabilityError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Field: Sendable, Hashable {
        /// The wire name (JSON key and form field alike).
        public var name: String
        public var message: String

        public init(name: String, message: String) {
            self.name = name
            self.message = message
        }
    }

    case serviceNotFound(String)
    /// The service exists (the directory is public) but belongs to another organization.
    case notYourOrganization(serviceID: String)
    case invalid([Field])

    public var description: String {
        switch self {
        case .serviceNotFound(let id): "no service with id '\(id)'"
        case .notYourOrganization: "only the organization's partners update this service's availability"
        case .invalid(let fields): fields.map(\.message).joined(separator: "; ")
        }
    }
}

/// An overdue follow-up on one referral.
public struct FollowUp: Codable, Sendable, Hashable {
    public var kind: FollowUpKind
    /// The first day (in the policy's time zone) on which the follow-up is due.
    public var dueSince: CalendarDate
    public var message: String

    public init(kind: FollowUpKind, dueSince: CalendarDate, message: String) {
        self.kind = kind
        self.dueSince = dueSince
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case kind, message
        case dueSince = "due_since"
    }
}

import Foundation
import Referrals

/// Which referrals a district report counts: those sent in `[sentFrom, sentTo)` that the caller may
/// see, optionally at one school (or, for the complement of a narrowed report, at any school but
/// one). Referrals marked entered-in-error are never counted.
public struct ReportFilter: Sendable, Hashable {
    public var sentFrom: Date
    public var sentTo: Date
    public var scope: AccessScope
    public var schoolID: String?
    /// Leaves one school out: the referrals a report narrowed to that school does not count.
    public var excludedSchoolID: String?

    public init(sentFrom: Date, sentTo: Date, scope: AccessScope, schoolID: String? = nil, excludedSchoolID: String? = nil) {
        self.sentFrom = sentFrom
        self.sentTo = sentTo
        self.scope = scope
        self.schoolID = schoolID
        self.excludedSchoolID = excludedSchoolID
    }
}

/// What a report's rows are: one row per value of a referral's (or its student's, or its service's)
/// attribute. `domain` and `studentGroup` may put one referral in several rows (a service with two
/// domains, a student in two groups); a referral with no value there lands in the row keyed nil.
public enum ReportGrouping: Sendable, Hashable {
    /// One row for everything.
    case all
    case school
    case organization
    case domain
    case barrier
    case tier
    case studentGroup
    /// Rows by the month the referral was sent: `starts[i]` begins `labels[i]`, which runs until
    /// `starts[i + 1]` (the last until the end of the filter's range). Months are cut in the
    /// district's time zone by the caller, so SQL needs no zone arithmetic.
    case month(starts: [Date], labels: [String])
    /// The cells of `inner` in each month (`month` as above): what small-cell suppression decides on,
    /// one whole month of one group at a time. A row's key is `monthKey(month:group:)`.
    indirect case inMonths(ReportGrouping, starts: [Date], labels: [String])

    /// Whether each referral is in exactly one row, so a total is the sum of the rows.
    public var partitionsReferrals: Bool {
        switch self {
        case .domain, .studentGroup: false
        case .inMonths(let inner, _, _): inner.partitionsReferrals
        default: true
        }
    }

    /// The row key of `group`'s cell in `month` ("2026-09", "2026-09|school-1"): month labels are
    /// always seven characters, so the key splits back without ambiguity.
    public static func monthKey(month: String, group: String?) -> String {
        group.map { "\(month)|\($0)" } ?? month
    }

    /// The month and group of an `inMonths` row key.
    public static func splitMonthKey(_ key: String) -> (month: String, group: String?) {
        let month = String(key.prefix(7))
        let rest = key.dropFirst(7)
        return (month, rest.isEmpty ? nil : String(rest.dropFirst()))
    }
}

/// The referral counts a connection report shows. Each is "referrals sent in the range that …".
public enum ReportCount: String, CaseIterable, Sendable, Hashable, Codable {
    case sent
    /// Any event ever moved it to `accepted` (and likewise for waitlisted and scheduled).
    case accepted
    case waitlisted
    case scheduled
    /// Connection confirmed (whatever happened after).
    case connected
    /// Of those, the connections the family confirmed (its check-in answer, or a coordinator
    /// recording the family's word) rather than the partner: counted apart, weighed apart.
    case familyConfirmed = "family_confirmed"
    case closed
    case declined
    case cancelled
    case unreachable
    /// Still waiting on someone: referred, accepted, waitlisted or scheduled now.
    case open
    /// The receiving partner has acted on it at least once.
    case responded
    /// A follow-up is due on it now (see `OverdueCutoffs`).
    case overdue

    /// The counts a referral adds to by being in this state now.
    static func counted(byCurrentState state: ReferralState) -> [ReportCount] {
        switch state {
        case .closed: [.closed]
        case .cancelled: [.cancelled]
        case .unreachable: [.unreachable]
        case .referred, .accepted, .waitlisted, .scheduled: [.open]
        case .draft, .connected, .declined, .enteredInError: []
        }
    }
}

/// The follow-up policy turned into cut-off points for SQL: a referral is overdue now exactly when
/// `FollowUpPolicy.due` would say so (the Reports module derives these from the policy and the clock).
public struct OverdueCutoffs: Sendable, Hashable {
    /// Still `referred`, no partner response, and sent before this instant.
    public var referredSentBefore: Date
    /// Still `waitlisted` with its last event before this instant.
    public var waitlistedIdleBefore: Date
    /// Still `scheduled` with its newest intake date on or before this day.
    public var intakeOnOrBefore: CalendarDate

    public init(referredSentBefore: Date, waitlistedIdleBefore: Date, intakeOnOrBefore: CalendarDate) {
        self.referredSentBefore = referredSentBefore
        self.waitlistedIdleBefore = waitlistedIdleBefore
        self.intakeOnOrBefore = intakeOnOrBefore
    }
}

/// Counts for one report row. `key` is the school id, organization id, domain, barrier, tier
/// ("1"…"3"), student group or month label; nil for `.all` and for referrals with no value.
public struct ReportGroupCounts: Sendable, Hashable {
    public var key: String?
    public var counts: [ReportCount: Int]

    public init(key: String?, counts: [ReportCount: Int]) {
        self.key = key
        self.counts = counts
    }

    public subscript(_ count: ReportCount) -> Int { counts[count] ?? 0 }
}

/// The two intervals a report takes percentiles of.
public enum ReportDuration: String, CaseIterable, Sendable, Hashable {
    /// From `sent_at` to `connected_at`.
    case sentToConnected
    /// From `sent_at` to the partner's first action (`first_response_at`).
    case sentToFirstResponse

    /// Histograms count whole days to connection and whole hours to a first response.
    public var unitSeconds: Int {
        switch self {
        case .sentToConnected: 86_400
        case .sentToFirstResponse: 3_600
        }
    }

    var endColumn: String {
        switch self {
        case .sentToConnected: "connected_at"
        case .sentToFirstResponse: "first_response_at"
        }
    }

    var indexSuffix: String {
        switch self {
        case .sentToConnected: "connect"
        case .sentToFirstResponse: "response"
        }
    }

    /// The interval in whole units, as a literal expression: both the report queries and the
    /// indexes that serve them (migration 7) use this text, and SQLite uses an index on an
    /// expression only for the same expression (a bound parameter would not match).
    var bucketExpression: String { "(\(endColumn) - sent_at) / \(unitSeconds)" }
}

/// Referrals whose interval lasted `units` whole units (0 = under one).
public struct DurationBucket: Sendable, Hashable {
    public var units: Int
    public var referrals: Int

    public init(units: Int, referrals: Int) {
        self.units = units
        self.referrals = referrals
    }
}

/// How long a waitlisted family should expect to wait, as the partner said when it waitlisted the
/// referral: a number of weeks, or "not known" chosen on purpose (never a silent default, so the
/// coordinator can tell "nobody knows" from "nobody was asked").
public enum ExpectedWait: Sendable, Hashable {
    case weeks(Int)
    case notKnown

    /// The longest wait a partner may state (two years), as for a service's waitlist weeks.
    public static let weekRange = 0...104
}

import Storage

/// What the rows of a connection report are (`group_by=` in the API, `--group-by` in the CLI).
public enum ReportGroupBy: String, CaseIterable, Sendable, Hashable, Codable {
    case school
    case organization
    /// The developmental domains of the service referred to; a service with two domains counts in both.
    case domain
    case barrier
    case tier
    /// The student's groups (english_learner, foster, …); a student in two groups counts in both,
    /// a student in none in the row keyed null.
    case studentGroup = "student_group"
    /// The month (district time zone) the referral was sent; every month of the period has a row.
    case month
}

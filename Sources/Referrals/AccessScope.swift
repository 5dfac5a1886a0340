/// Which referrals (and students) a user may see: the 404-not-403 rule hangs on this.
///
/// District staff's scope is the whole district, as admins' is, but only for aggregates: their role
/// lacks `Permission.readStudentRecords`, so the API refuses them students and referrals (403), as
/// their pages never show them.
public enum AccessScope: Sendable, Hashable {
    case everything
    case schools(Set<String>)
    /// Partners see what was sent to their organization, never drafts.
    case organization(String)

    public init(_ user: User) {
        switch user.role {
        case .admin, .district: self = .everything
        case .coordinator: self = .schools(Set(user.schoolIDs))
        case .partner: self = .organization(user.organizationID ?? "")
        // The family never signs in; its check-in link names one referral and sees nothing else.
        case .family: self = .schools([])
        }
    }

    public func allows(_ referral: Referral) -> Bool {
        switch self {
        case .everything: true
        case .schools(let schools): schools.contains(referral.schoolID)
        case .organization(let organization): referral.organizationID == organization && referral.state != .draft
        }
    }

    public func allows(student: Student) -> Bool {
        covers(schoolID: student.schoolID)
    }

    /// Whether students of this school are within reach; partners reach students only through a
    /// referral, redacted, so no school is theirs.
    public func covers(schoolID: String) -> Bool {
        switch self {
        case .everything: true
        case .schools(let schools): schools.contains(schoolID)
        case .organization: false
        }
    }
}

/// Who may see and do what, for one signed-in user. Visibility comes first: what lies outside the
/// user's scope is answered as if it did not exist (404), so ids cannot be probed; only then does
/// the role count (403). Moving a referral is further judged by the state machine.
public struct AccessPolicy: Sendable, Hashable {
    public let user: User

    public init(_ user: User) {
        self.user = user
    }

    public var scope: AccessScope { AccessScope(user) }

    // MARK: reading

    public func maySee(_ referral: Referral) -> Bool {
        scope.allows(referral)
    }

    public func maySee(_ student: Student) -> Bool {
        scope.allows(student: student)
    }

    /// School staff, district and admins read a referral's student in full; a partner reads only
    /// what a consent in force for its organization shares.
    public var readsStudentsInFull: Bool { user.role != .partner && user.role != .family }

    /// Whether asking for `referral` is a probe across tenants: it exists, but lies outside the
    /// user's scope (another organization's or another school's). Answered as missing, and
    /// recorded as a security event.
    public func isProbe(_ referral: Referral) -> Bool {
        !maySee(referral)
    }

    // MARK: acting

    /// Whether the user may take `action` on this referral at all: it is visible to them and their
    /// role appears in the action's rule. The referral's state and the command's fields are the
    /// state machine's to judge.
    public func mayAct(_ action: ReferralAction, on referral: Referral) -> Bool {
        maySee(referral) && TransitionTable.rule(for: action).roles.contains(user.role)
    }

    /// The actions this user could take on the referral now; none on a referral they may not see.
    public func allowedActions(on referral: Referral) -> [ReferralAction] {
        guard maySee(referral) else { return [] }
        return TransitionTable.allowedActions(from: referral.state, role: user.role)
    }

    public func allows(_ permission: Permission) -> Bool {
        permission.roles.contains(user.role)
    }

    /// A partner reports availability for its own organization's services; an admin for any.
    public func mayUpdateAvailability(ofOrganization organizationID: String) -> Bool {
        switch user.role {
        case .admin: true
        case .partner: user.organizationID == organizationID
        case .coordinator, .district, .family: false
        }
    }
}

/// Work outside the referral lifecycle that only some roles do.
public enum Permission: Sendable, Hashable, CaseIterable {
    case registerStudents
    case recordConsent
    case makeReferrals
    case readAuditLog
    case readPartnerInbox
    /// Reading students, consents and referrals one by one or in lists. The district's role reads
    /// aggregates only, on the API as on its pages; an admin's reads are audited like everyone's.
    case readStudentRecords

    public var roles: Set<Role> {
        switch self {
        case .registerStudents, .recordConsent, .makeReferrals: [.coordinator, .admin]
        case .readStudentRecords: [.coordinator, .partner, .admin]
        case .readAuditLog: [.admin]
        // Admins read it too, across organizations, as they report availability for any.
        case .readPartnerInbox: [.partner, .admin]
        }
    }

    /// What a user without the permission is told.
    public var refusal: String {
        switch self {
        case .registerStudents: "only coordinators and admins register students"
        case .recordConsent: "only coordinators and admins record consent"
        case .makeReferrals: "only coordinators and admins make referrals"
        case .readAuditLog: "only admins read the audit log"
        case .readPartnerInbox: "the inbox is for partner users and admins"
        case .readStudentRecords: "district users read aggregates only (reports and the dashboard), never students or referrals"
        }
    }
}

extension Role {
    /// Why a user of this role cannot have this scope, or nil when it fits: a partner belongs to
    /// exactly one organization, a coordinator to at least one school, district and admin users to
    /// neither (they see the whole district).
    public func scopeProblem(organizationID: String?, schoolIDs: [String]) -> String? {
        switch self {
        case .partner:
            organizationID != nil && schoolIDs.isEmpty
                ? nil : "a partner belongs to exactly one organization (--org) and no school"
        case .coordinator:
            !schoolIDs.isEmpty && organizationID == nil
                ? nil : "a coordinator needs at least one school (--school) and no organization"
        case .family:
            "the family answers check-in links; it has no account"
        case .district, .admin:
            schoolIDs.isEmpty && organizationID == nil
                ? nil : "\(rawValue) users see the whole district; drop --org and --school"
        }
    }
}

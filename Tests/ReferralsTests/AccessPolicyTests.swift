import Foundation
import Testing

@testable import Referrals

/// Who sees and acts on which referral and student: each role against referrals of its own and of
/// another school or organization, read and act, with the answers written out rather than derived
/// from the policy or the transition table.
@Suite("Access policy")
struct AccessPolicyTests {
    static let ownSchool = "sch-own"
    static let otherSchool = "sch-other"
    static let ownOrganization = "org-own"
    static let otherOrganization = "org-other"

    static let users: [Role: User] = [
        .coordinator: User(id: "usr-c", email: "c@example.org", role: .coordinator, schoolIDs: [ownSchool]),
        .partner: User(id: "usr-p", email: "p@example.org", role: .partner, organizationID: ownOrganization),
        .district: User(id: "usr-d", email: "d@example.org", role: .district),
        .admin: User(id: "usr-a", email: "a@example.org", role: .admin),
        // The family acts only through its check-in link, never through a scope.
        .family: User(id: "family", email: "", role: .family),
    ]

    /// Where a referral sits relative to the users above.
    enum Placement: String, CaseIterable, CustomStringConvertible {
        /// The coordinator's school, sent to the partner's organization.
        case ownSchoolOwnOrganization
        /// Another school, sent to the partner's organization.
        case otherSchoolOwnOrganization
        /// The coordinator's school, sent to another organization.
        case ownSchoolOtherOrganization
        /// Neither the coordinator's school nor the partner's organization.
        case otherSchoolOtherOrganization
        /// The coordinator's school and the partner's organization, but not sent yet.
        case draftForOwnOrganization

        var description: String { rawValue }

        var referral: Referral {
            let school = [.otherSchoolOwnOrganization, .otherSchoolOtherOrganization].contains(self) ? otherSchool : ownSchool
            let organization = [.ownSchoolOtherOrganization, .otherSchoolOtherOrganization].contains(self)
                ? otherOrganization : ownOrganization
            return Referral(
                id: "ref-\(rawValue)", studentID: "stu-1", serviceID: "svc-1", organizationID: organization, schoolID: school,
                barrier: "anxiety", state: self == .draftForOwnOrganization ? .draft : .referred, version: 0,
                createdBy: "usr-c", createdAt: Fixtures.start, updatedAt: Fixtures.start)
        }
    }

    struct Row: CustomStringConvertible, Sendable {
        let role: Role
        let placement: Placement
        let reads: Bool
        /// Of `probedActions`, the ones this role may take on this referral.
        let acts: Set<ReferralAction>

        var description: String { "\(role.rawValue) on \(placement)" }
    }

    /// An action for each kind of actor: the sender, the receiving partner, both, the admin only.
    static let probedActions: [ReferralAction] = [.send, .accept, .contactAttempt, .markEnteredInError]

    static let table: [Row] = [
        Row(role: .coordinator, placement: .ownSchoolOwnOrganization, reads: true, acts: [.send, .contactAttempt]),
        Row(role: .coordinator, placement: .otherSchoolOwnOrganization, reads: false, acts: []),
        Row(role: .coordinator, placement: .ownSchoolOtherOrganization, reads: true, acts: [.send, .contactAttempt]),
        Row(role: .coordinator, placement: .otherSchoolOtherOrganization, reads: false, acts: []),
        Row(role: .coordinator, placement: .draftForOwnOrganization, reads: true, acts: [.send, .contactAttempt]),

        Row(role: .partner, placement: .ownSchoolOwnOrganization, reads: true, acts: [.accept, .contactAttempt]),
        Row(role: .partner, placement: .otherSchoolOwnOrganization, reads: true, acts: [.accept, .contactAttempt]),
        Row(role: .partner, placement: .ownSchoolOtherOrganization, reads: false, acts: []),
        Row(role: .partner, placement: .otherSchoolOtherOrganization, reads: false, acts: []),
        Row(role: .partner, placement: .draftForOwnOrganization, reads: false, acts: []),

        Row(role: .district, placement: .ownSchoolOwnOrganization, reads: true, acts: []),
        Row(role: .district, placement: .otherSchoolOwnOrganization, reads: true, acts: []),
        Row(role: .district, placement: .ownSchoolOtherOrganization, reads: true, acts: []),
        Row(role: .district, placement: .otherSchoolOtherOrganization, reads: true, acts: []),
        Row(role: .district, placement: .draftForOwnOrganization, reads: true, acts: []),

        Row(role: .admin, placement: .ownSchoolOwnOrganization, reads: true, acts: Set(probedActions)),
        Row(role: .admin, placement: .otherSchoolOwnOrganization, reads: true, acts: Set(probedActions)),
        Row(role: .admin, placement: .ownSchoolOtherOrganization, reads: true, acts: Set(probedActions)),
        Row(role: .admin, placement: .otherSchoolOtherOrganization, reads: true, acts: Set(probedActions)),
        Row(role: .admin, placement: .draftForOwnOrganization, reads: true, acts: Set(probedActions)),

        Row(role: .family, placement: .ownSchoolOwnOrganization, reads: false, acts: []),
        Row(role: .family, placement: .otherSchoolOwnOrganization, reads: false, acts: []),
        Row(role: .family, placement: .ownSchoolOtherOrganization, reads: false, acts: []),
        Row(role: .family, placement: .otherSchoolOtherOrganization, reads: false, acts: []),
        Row(role: .family, placement: .draftForOwnOrganization, reads: false, acts: []),
    ]

    @Test func theTableCoversEveryRoleAndPlacement() {
        let covered = Set(Self.table.map { "\($0.role.rawValue)/\($0.placement)" })
        #expect(covered.count == Role.allCases.count * Placement.allCases.count)
        #expect(Self.table.count == covered.count)
    }

    @Test(arguments: table)
    func readAndAct(row: Row) throws {
        let policy = AccessPolicy(try #require(Self.users[row.role]))
        let referral = row.placement.referral
        #expect(policy.maySee(referral) == row.reads)
        #expect(policy.scope.allows(referral) == row.reads)
        for action in Self.probedActions {
            #expect(policy.mayAct(action, on: referral) == row.acts.contains(action), "\(action.rawValue)")
        }
        // Nothing is offered on a referral the user may not see; what is offered can be taken.
        let offered = policy.allowedActions(on: referral)
        if !row.reads { #expect(offered.isEmpty) }
        #expect(offered.allSatisfy { policy.mayAct($0, on: referral) })
    }

    @Test func actionsOfferedFollowTheStateForThoseWhoMaySee() throws {
        let referred = Placement.ownSchoolOwnOrganization.referral
        let partner = AccessPolicy(try #require(Self.users[.partner]))
        #expect(partner.allowedActions(on: referred) == [.accept, .decline, .waitlist, .markUnreachable, .contactAttempt])
        let coordinator = AccessPolicy(try #require(Self.users[.coordinator]))
        #expect(coordinator.allowedActions(on: referred) == [.cancel, .markUnreachable, .contactAttempt])
        #expect(coordinator.allowedActions(on: Placement.draftForOwnOrganization.referral) == [.send, .cancel])
        #expect(AccessPolicy(try #require(Self.users[.district])).allowedActions(on: referred).isEmpty)
    }

    /// Students: coordinators see their schools' students, district and admin everyone's, partners
    /// nobody's directly (they read a referral's student through a consent).
    @Test(arguments: [
        (Role.coordinator, ownSchool, true), (.coordinator, otherSchool, false),
        (.partner, ownSchool, false), (.partner, otherSchool, false),
        (.district, ownSchool, true), (.district, otherSchool, true),
        (.admin, ownSchool, true), (.admin, otherSchool, true),
        (.family, ownSchool, false), (.family, otherSchool, false),
    ])
    func students(role: Role, school: String, sees: Bool) throws {
        let policy = AccessPolicy(try #require(Self.users[role]))
        let student = Student(id: "stu-1", districtStudentID: "S-1", schoolID: school)
        #expect(policy.maySee(student) == sees)
        #expect(policy.scope.covers(schoolID: school) == sees)
        #expect(policy.readsStudentsInFull == (role != .partner && role != .family))
    }

    @Test(arguments: Role.allCases)
    func permissions(role: Role) throws {
        let policy = AccessPolicy(try #require(Self.users[role]))
        let expected: Set<Permission> = switch role {
        case .coordinator: [.registerStudents, .recordConsent, .makeReferrals, .readStudentRecords]
        case .partner: [.readPartnerInbox, .readStudentRecords]
        // Aggregates only: no student-level reads (issue 21 item 1).
        case .district: []
        case .admin: [.registerStudents, .recordConsent, .makeReferrals, .readAuditLog, .readPartnerInbox, .readStudentRecords]
        case .family: []
        }
        #expect(Set(Permission.allCases.filter(policy.allows)) == expected)
    }

    @Test(arguments: [
        (Role.coordinator, ownOrganization, false), (.coordinator, otherOrganization, false),
        (.partner, ownOrganization, true), (.partner, otherOrganization, false),
        (.district, ownOrganization, false), (.district, otherOrganization, false),
        (.admin, ownOrganization, true), (.admin, otherOrganization, true),
        (.family, ownOrganization, false),
    ])
    func availability(role: Role, organization: String, may: Bool) throws {
        let policy = AccessPolicy(try #require(Self.users[role]))
        #expect(policy.mayUpdateAvailability(ofOrganization: organization) == may)
    }

    /// A partner without an organization (a broken account) sees nothing rather than everything.
    @Test func aPartnerWithoutAnOrganizationSeesNothing() {
        let policy = AccessPolicy(User(id: "usr-x", email: "x@example.org", role: .partner))
        #expect(!policy.maySee(Placement.ownSchoolOwnOrganization.referral))
        #expect(!policy.mayUpdateAvailability(ofOrganization: Self.ownOrganization))
    }

    @Test func scopesThatFitEachRole() {
        #expect(Role.partner.scopeProblem(organizationID: "org-1", schoolIDs: []) == nil)
        #expect(Role.partner.scopeProblem(organizationID: nil, schoolIDs: []) != nil)
        #expect(Role.partner.scopeProblem(organizationID: "org-1", schoolIDs: ["sch-1"]) != nil)
        #expect(Role.coordinator.scopeProblem(organizationID: nil, schoolIDs: ["sch-1"]) == nil)
        #expect(Role.coordinator.scopeProblem(organizationID: nil, schoolIDs: []) != nil)
        #expect(Role.coordinator.scopeProblem(organizationID: "org-1", schoolIDs: ["sch-1"]) != nil)
        for role in [Role.district, .admin] {
            #expect(role.scopeProblem(organizationID: nil, schoolIDs: []) == nil)
            #expect(role.scopeProblem(organizationID: "org-1", schoolIDs: []) != nil)
            #expect(role.scopeProblem(organizationID: nil, schoolIDs: ["sch-1"]) != nil)
        }
    }
}

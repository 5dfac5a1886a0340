import Directory
import Foundation
import Referrals

/// The directory the demo refers students into.
struct DemoDirectory: Sendable {
    var schools: [School]
    var services: [Service]
    var barriers: [Barrier]

    static func load(from store: DirectoryStore) async throws -> DemoDirectory {
        DemoDirectory(schools: try await store.schools(), services: try await store.snapshot().services,
                      barriers: try await store.barriers())
    }
}

/// The demo's people. Every write is made by a real user of the right role: the student's school
/// coordinator, the receiving organization's partner, the admin — so events, facts and the audit
/// log read as they would in a district. The four sign-in users (with passwords) act for their own
/// school(s) and organization; other schools and organizations get a user without a password.
struct DemoActors: Sendable {
    var coordinators: [String: User]
    var partners: [String: User]
    var admin: User
    var logins: [DemoLogin]

    func user(_ actor: DemoActor, school: String, organization: String) throws -> User {
        switch actor {
        case .admin: return admin
        case .coordinator:
            guard let user = coordinators[school] else { throw StoreError.integrity("demo: no coordinator for school \(school)") }
            return user
        case .partner:
            guard let user = partners[organization] else { throw StoreError.integrity("demo: no partner for organization \(organization)") }
            return user
        }
    }

    static let domain = "demo.closeloop.test"
    static let demoCoordinatorProfile = UserProfile(displayName: "Alex Rivera", phone: "(515) 555-0142")

    /// Finds or adds the demo users; sign-in users get a fresh API token each run.
    static func ensure(directory: DemoDirectory, accounts: AccountStore, password: String) async throws -> DemoActors {
        let schools = directory.schools.map(\.id)
        let organizations = directory.services.filter(\.active).map(\.organizationID)
            .reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        guard !schools.isEmpty,
              let busiest = organizations.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first?.key else {
            throw StoreError.integrity("demo: the directory has no schools or no active services; seed it first")
        }
        let loginSchools = Array(schools.prefix(2))
        var logins: [DemoLogin] = []

        func ensure(
            _ email: String, _ role: Role, organization: String? = nil, schools: [String] = [], login: Bool, profile: UserProfile = UserProfile()
        ) async throws -> User {
            // A user from an earlier run is kept as it is, disabled or not: one an administrator disabled
            // stays disabled (still the actor of its demo referrals) and gets no new token.
            if let existing = try await accounts.account(idOrEmail: email) {
                if login, !existing.isDisabled {
                    logins.append(DemoLogin(user: existing.user, password: password, token: try await accounts.issueToken(userID: existing.user.id)))
                }
                return existing.user
            }
            let (user, token) = try await accounts.addUser(
                email: email, role: role, organizationID: organization, schoolIDs: schools, password: login ? password : nil, profile: profile)
            if login { logins.append(DemoLogin(user: user, password: password, token: token)) }
            return user
        }

        // The sign-in coordinator has a profile, so partners see a name and a phone (555-01xx is fictional);
        // the other schools' coordinators have none, so the demo shows "no phone listed" too.
        let coordinator = try await ensure("coordinator@\(domain)", .coordinator, schools: loginSchools, login: true,
                                           profile: demoCoordinatorProfile)
        let partner = try await ensure("partner@\(domain)", .partner, organization: busiest, login: true)
        _ = try await ensure("district@\(domain)", .district, login: true)
        let admin = try await ensure("admin@\(domain)", .admin, login: true)
        var coordinators: [String: User] = [:]
        for school in schools {
            coordinators[school] = loginSchools.contains(school) ? coordinator
                : try await ensure("coordinator.\(school)@\(domain)", .coordinator, schools: [school], login: false)
        }
        var partners: [String: User] = [:]
        for organization in organizations.keys.sorted() {
            partners[organization] = organization == busiest ? partner
                : try await ensure("partner.\(organization)@\(domain)", .partner, organization: organization, login: false)
        }
        return DemoActors(coordinators: coordinators, partners: partners, admin: admin, logins: logins)
    }
}

/// A demo user one can sign in as: on the web pages with email and password, on the API with the token.
public struct DemoLogin: Sendable, Hashable {
    public var user: User
    public var password: String
    /// A new API token (shown once).
    public var token: String
}

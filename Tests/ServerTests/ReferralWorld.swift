import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// A seeded store with one user of each role, a student with consent for one organization's
/// service, and an application whose clock is fixed — what every referral API test starts from.
struct ReferralWorld: Sendable {
    /// Monday 23 November 2026, 15:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_446_000)

    let store: DirectoryStore
    let referrals: ReferralStore
    let serviceID: String
    let organizationID: String
    let otherOrganizationID: String
    let schoolID: String
    let studentID: String
    var tokens: [String: String]  // coordinator, partner, other_partner, district, admin, other_coordinator
    var users: [String: User]

    func token(_ name: String) -> String { tokens[name]! }

    static func make(_ store: DirectoryStore, consentFrom: Date = now) async throws -> ReferralWorld {
        let accounts = AccountStore(database: store.database)
        let services = try await store.services(matching: ServiceQuery(limit: 50)).items.map(\.service)
        let service = try #require(services.first)
        let other = try #require(services.first { $0.organizationID != service.organizationID })
        let schools = try await store.schools()
        let school = schools[0].id
        var tokens: [String: String] = [:]
        var users: [String: User] = [:]
        for (name, role, organization, schoolIDs) in [
            ("coordinator", Role.coordinator, nil, [school]), ("other_coordinator", .coordinator, nil, [schools[1].id]),
            ("partner", .partner, service.organizationID, []), ("other_partner", .partner, other.organizationID, []),
            ("district", .district, nil, []), ("admin", .admin, nil, []),
        ] as [(String, Role, String?, [String])] {
            let (user, token) = try await accounts.addUser(email: "\(name)@example.org", role: role, organizationID: organization, schoolIDs: schoolIDs)
            tokens[name] = token
            users[name] = user
        }
        let referrals = ReferralStore(database: store.database)
        let student = try await referrals.createStudent(
            NewStudent(districtStudentID: "S-1001", schoolID: school, grade: "7", age: 13, languages: [LanguageCode(rawValue: "es")!],
                       groups: [.englishLearner, .lowIncome]),
            by: users["coordinator"]!, now: now)
        _ = try await referrals.addConsent(
            Consent(organizationIDs: [service.organizationID], givenBy: "parent", method: .written,
                    sharedFields: [.grade, .languages], givenOn: CalendarDate(consentFrom), expiresOn: CalendarDate(consentFrom).adding(days: 365)),
            studentID: student.id, by: users["coordinator"]!, now: now)
        return ReferralWorld(
            store: store, referrals: referrals, serviceID: service.id, organizationID: service.organizationID,
            otherOrganizationID: other.organizationID, schoolID: school, studentID: student.id, tokens: tokens, users: users)
    }

    func application(clock: Date = ReferralWorld.now) async throws -> some ApplicationProtocol {
        try await testApplication(store, clock: clock)
    }
}

/// Runs `body` with a router client over a fresh referral world on the given backend.
func withReferralWorld(
    _ backend: TestBackend, _ body: @escaping @Sendable (ReferralWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await withSeededStore(backend) { store async throws in
        let world = try await ReferralWorld.make(store)
        try await world.application().test(.router) { client async throws in
            try await body(world, client)
        }
    }
}

extension TestClientProtocol {
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { $0 }
    }

    /// Creates a draft referral as the coordinator and returns its id.
    func draftReferral(_ world: ReferralWorld, barrier: String = "anxiety") async throws -> String {
        let response = try await call(.post, "/api/v1/referrals", token: world.token("coordinator"), json: """
            {"student_id": "\(world.studentID)", "service_id": "\(world.serviceID)", "barrier": "\(barrier)", "note": "test",
             "duplicate_reason": "\(ReferralFixture.repeatReason)"}
            """)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try #require(try json(response)["id"] as? String)
    }

    func event(_ world: ReferralWorld, _ id: String, as user: String, _ body: String, version: Int? = nil) async throws -> TestResponse {
        try await call(.post, "/api/v1/referrals/\(id)/events", token: world.token(user), json: body,
                       headers: version.map { [.ifMatch: "\"\($0)\""] } ?? [:])
    }
}

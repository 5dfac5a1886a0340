import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// A seeded store holding the shared `ReferralFixture` (one user of each role, a student with consent
/// for one organization's service), and an application whose clock is fixed — what every referral
/// API test starts from.
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

    /// The shared `ReferralFixture` (its schools, organizations, services, people and consenting
    /// student, written beside the seed), under the names these tests use.
    static func make(_ store: DirectoryStore, consentFrom: Date = now) async throws -> ReferralWorld {
        let fixture = try await ReferralFixture.make(store, consentFrom: consentFrom)
        let people = Dictionary(uniqueKeysWithValues: ReferralFixture.Person.allCases.map { ($0.rawValue, $0) })
        return ReferralWorld(
            store: store, referrals: fixture.referrals, serviceID: ReferralFixture.serviceID,
            organizationID: ReferralFixture.organizationID, otherOrganizationID: ReferralFixture.otherOrganizationID,
            schoolID: ReferralFixture.schoolID, studentID: fixture.studentID, tokens: people.mapValues(fixture.token),
            users: people.mapValues(fixture.user))
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

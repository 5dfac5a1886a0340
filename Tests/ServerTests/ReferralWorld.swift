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
/// API test and every page test (`WebWorld`, whose people also have a password) starts from.
struct ReferralWorld: Sendable {
    /// Monday 23 November 2026, 15:00 UTC.
    static let now = ReferralFixture.now
    /// The password of every person in a page-test world (`withWebWorld`).
    static let password = "page-test-password-1"

    let fixture: ReferralFixture

    var store: DirectoryStore { fixture.store }
    var referrals: ReferralStore { fixture.referrals }
    var serviceID: String { ReferralFixture.serviceID }
    var organizationID: String { ReferralFixture.organizationID }
    var otherOrganizationID: String { ReferralFixture.otherOrganizationID }
    var schoolID: String { ReferralFixture.schoolID }
    var studentID: String { fixture.studentID }
    /// By the people's names: coordinator, other_coordinator, partner, other_partner, district, admin.
    var tokens: [String: String] { byName(fixture.token) }
    var users: [String: User] { byName(fixture.user) }

    func token(_ name: String) -> String { fixture.token(Self.person(name)) }
    /// A person's sign-in name on the pages.
    func email(_ name: String) -> String { ReferralFixture.email(Self.person(name)) }

    /// The shared `ReferralFixture` (its schools, organizations, services, people and consenting
    /// student, written beside the seed), under the names these tests use.
    static func make(_ store: DirectoryStore, consentFrom: Date = now, password: String? = nil) async throws -> ReferralWorld {
        ReferralWorld(fixture: try await ReferralFixture.make(store, consentFrom: consentFrom, password: password))
    }

    func application(clock: Date = ReferralWorld.now) async throws -> some ApplicationProtocol {
        try await testApplication(store, clock: clock)
    }

    /// A draft referral of the world's student to its service, made directly in the store by the coordinator.
    func draft(barrier: String = "anxiety") async throws -> Referral {
        try await fixture.draft(barrier: barrier)
    }

    /// A draft referral that has been sent (state `referred`, version 1).
    func sent(barrier: String = "anxiety") async throws -> Referral {
        try await fixture.sent(barrier: barrier)
    }

    private static func person(_ name: String) -> ReferralFixture.Person {
        guard let person = ReferralFixture.Person(rawValue: name) else { fatalError("no person \(name) in the referral fixture") }
        return person
    }

    private func byName<Value>(_ value: (ReferralFixture.Person) -> Value) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: ReferralFixture.Person.allCases.map { ($0.rawValue, value($0)) })
    }
}

/// Runs `body` with a router client over a fresh referral world on the given backend; with a
/// `password`, its people can sign in to the pages.
func withReferralWorld(
    _ backend: TestBackend, password: String? = nil,
    _ body: @escaping @Sendable (ReferralWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await withSeededStore(backend) { store async throws in
        let world = try await ReferralWorld.make(store, password: password)
        try await world.application().trackedTest(.router) { client async throws in
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

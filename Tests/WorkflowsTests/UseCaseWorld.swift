import Directory
import Foundation
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// A seeded store with the use cases over it and one user of each role (users need no account
/// rows: the use cases judge them by role and scope).
struct UseCaseWorld: Sendable {
    /// Monday 23 November 2026, 15:00 UTC, in whole seconds as the stores keep time.
    static let now = ReferralFixture.now

    let store: DirectoryStore
    let index: LiveMatchIndex
    let gaps: MatchGapRecorder
    let service: Service
    let otherOrganizationID: String
    let schoolID: String
    let otherSchoolID: String

    var matchmaking: Matchmaking { Matchmaking(index: index, gaps: gaps) }
    var availability: AvailabilityUpdates { AvailabilityUpdates(directory: store, index: index) }

    var partner: User { User(id: "usr_partner", email: "partner@example.org", role: .partner, organizationID: service.organizationID) }
    var otherPartner: User { User(id: "usr_other", email: "other@example.org", role: .partner, organizationID: otherOrganizationID) }
    var coordinator: User { User(id: "usr_coordinator", email: "coordinator@example.org", role: .coordinator, schoolIDs: [schoolID]) }
    var otherCoordinator: User {
        User(id: "usr_other_coordinator", email: "other-coordinator@example.org", role: .coordinator, schoolIDs: [otherSchoolID])
    }
    var district: User { User(id: "usr_district", email: "district@example.org", role: .district) }
    var admin: User { User(id: "usr_admin", email: "admin@example.org", role: .admin) }

    static func make(_ store: DirectoryStore) async throws -> UseCaseWorld {
        let services = try await store.services(matching: ServiceQuery(limit: 50)).items.map(\.service)
        let service = try #require(services.first { $0.active })
        let other = try #require(services.first { $0.organizationID != service.organizationID })
        let schools = try await store.schools()
        return UseCaseWorld(
            store: store, index: LiveMatchIndex(store: store), gaps: MatchGapRecorder(database: store.database, batchSize: 1_000),
            service: service, otherOrganizationID: other.organizationID, schoolID: schools[0].id, otherSchoolID: schools[1].id)
    }
}

/// Runs `body` over a fresh seeded world on one backend.
func withUseCaseWorld(_ backend: TestBackend, _ body: (UseCaseWorld) async throws -> Void) async throws {
    try await withSeededStore(backend) { store async throws in
        try await body(try await UseCaseWorld.make(store))
    }
}

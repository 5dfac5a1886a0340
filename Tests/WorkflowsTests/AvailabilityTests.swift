import Directory
import Foundation
import Matching
import Referrals
import Storage
import Testing
import TestSupport
import Workflows

/// The availability rule, pure: what a report keeps, clears and sets.
@Suite("Availability change")
struct AvailabilityChangeTests {
    static let waitlisted = Enrollment(status: .waitlist, waitlistWeeks: 6, capacity: 3, intakeMethods: [.phone])

    @Test func whatAReportDoesNotMentionIsKept() throws {
        #expect(try AvailabilityChange().applied(to: Self.waitlisted) == Self.waitlisted)
        #expect(try AvailabilityChange(capacity: .set(0)).applied(to: Self.waitlisted)
            == Enrollment(status: .waitlist, waitlistWeeks: 6, capacity: 0, intakeMethods: [.phone]))
    }

    @Test func whatItSendsEmptyIsCleared() throws {
        #expect(try AvailabilityChange(waitlistWeeks: .clear, capacity: .clear, intakeMethods: []).applied(to: Self.waitlisted)
            == Enrollment(status: .waitlist))
    }

    @Test func waitlistWeeksGoWithAStatedStatusOtherThanWaitlist() throws {
        #expect(try AvailabilityChange(status: .open).applied(to: Self.waitlisted).waitlistWeeks == nil)
        #expect(try AvailabilityChange(status: .open, waitlistWeeks: .set(4)).applied(to: Self.waitlisted).waitlistWeeks == nil)
        // An unknown status does not contradict the weeks.
        #expect(try AvailabilityChange(waitlistWeeks: .set(4)).applied(to: Enrollment()).waitlistWeeks == 4)
        #expect(try AvailabilityChange(status: .waitlist, waitlistWeeks: .set(8)).applied(to: Enrollment(status: .open)).waitlistWeeks == 8)
    }

    @Test func everyFieldOutOfRangeIsNamed() {
        #expect(throws: AvailabilityError.invalid([
            .init(name: "waitlist_weeks", message: "waitlist weeks must be 0–104"), .init(name: "capacity", message: "capacity must be 0 or more"),
        ])) {
            try AvailabilityChange(waitlistWeeks: .set(300), capacity: .set(-1)).applied(to: Self.waitlisted)
        }
    }

    @Test func intakeMethodsAreStoredInOrder() throws {
        #expect(try AvailabilityChange(intakeMethods: [.walkIn, .online, .phone]).applied(to: Enrollment()).intakeMethods
            == [.online, .phone, .walkIn].sorted())
    }
}

/// The availability use case at its layer, on both engines.
@Suite("Availability updates")
struct AvailabilityUpdatesTests {
    @Test(arguments: TestBackend.available)
    func aPartnerReportIsStoredStampedAndMatchedAtOnce(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let profile = NeedsProfile(barriers: ["anxiety"], tier: 2)
            let before = try await world.matchmaking.match(profile, now: UseCaseWorld.now, limitPerBarrier: 1_000)
            let suggested = try #require(before.results.first?.services.first, "the seed has a service for anxiety")
            let original = try #require(try await world.store.service(id: suggested.serviceID))
            let partner = User(id: "usr_p", email: "p@example.org", role: .partner, organizationID: suggested.organizationID)

            let updated = try await world.availability.update(
                serviceID: suggested.serviceID, with: AvailabilityChange(status: .closed, capacity: .set(0)), by: partner, now: UseCaseWorld.now)
            #expect(updated.service.enrollment.status == .closed)
            #expect(updated.service.enrollment.capacity == 0)
            #expect(updated.service.enrollment.intakeMethods == original.enrollment.intakeMethods, "not mentioned: kept")
            #expect(updated.organizationName == suggested.organizationName)
            let stored = try #require(try await world.store.service(id: suggested.serviceID))
            #expect(stored.enrollment == updated.service.enrollment)
            #expect(stored.provenance.lastVerifiedAt == UseCaseWorld.now)

            // The live index saw the report before the call returned: a closed service is not suggested.
            let after = try await world.matchmaking.match(profile, now: UseCaseWorld.now, limitPerBarrier: 1_000)
            #expect(!after.results[0].services.contains { $0.serviceID == suggested.serviceID })
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyTheOrganizationsPartnersAndAdminsReport(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            let change = AvailabilityChange(status: .closed)
            for user in [world.otherPartner, world.coordinator, world.district] {
                await #expect(throws: AvailabilityError.notYourOrganization(serviceID: world.service.id), "\(user.role)") {
                    try await world.availability.update(serviceID: world.service.id, with: change, by: user, now: UseCaseWorld.now)
                }
            }
            #expect(try await world.store.service(id: world.service.id)?.enrollment == world.service.enrollment)
            await #expect(throws: AvailabilityError.serviceNotFound("nowhere:1")) {
                try await world.availability.update(serviceID: "nowhere:1", with: change, by: world.admin, now: UseCaseWorld.now)
            }
            let byAdmin = try await world.availability.update(serviceID: world.service.id, with: change, by: world.admin, now: UseCaseWorld.now)
            #expect(byAdmin.service.enrollment.status == .closed)
        }
    }

    @Test(arguments: TestBackend.available)
    func aReportOutOfRangeWritesNothing(backend: TestBackend) async throws {
        try await withUseCaseWorld(backend) { world async throws in
            await #expect(throws: AvailabilityError.self) {
                try await world.availability.update(
                    serviceID: world.service.id, with: AvailabilityChange(status: .waitlist, waitlistWeeks: .set(105)), by: world.partner,
                    now: UseCaseWorld.now)
            }
            let stored = try #require(try await world.store.service(id: world.service.id))
            #expect(stored.enrollment == world.service.enrollment)
            #expect(stored.provenance.lastVerifiedAt == world.service.provenance.lastVerifiedAt)
        }
    }
}

import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

@Suite("Referral API")
struct ReferralAPITests {
    @Test(arguments: TestBackend.available)
    func aReferralGoesFromDraftToConnectedAndClosed(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            var response = try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0)
            #expect(response.status == .ok)
            #expect(try json(response)["state"] as? String == "referred")
            response = try await client.event(world, id, as: "partner", #"{"action": "accept", "note": "we have room"}"#, version: 1)
            #expect(try json(response)["state"] as? String == "accepted")
            response = try await client.event(world, id, as: "partner", #"{"action": "schedule", "intake_date": "2026-11-25"}"#, version: 2)
            #expect(try json(response)["state"] as? String == "scheduled")
            response = try await client.event(world, id, as: "partner",
                // Two days before the intake: said on purpose (ContactsAPITests has the refusal without it).
                #"{"action": "confirm_connection", "first_service_date": "2026-11-23", "confirmed_by": "partner", "before_intake_confirmed": true}"#,
                version: 3)
            #expect(try json(response)["state"] as? String == "connected")
            #expect(try json(response)["fhir_status"] as? String == "completed")
            response = try await client.event(world, id, as: "coordinator", #"{"action": "close"}"#, version: 4)
            #expect(try json(response)["state"] as? String == "closed")

            let shown = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("coordinator"))
            #expect(shown.status == .ok)
            #expect(shown.headers[.eTag] == "\"5\"")
            let body = try json(shown)
            #expect(body["version"] as? Int == 5)
            let events = try #require(body["events"] as? [[String: Any]])
            #expect(events.map { $0["action"] as? String } == ["send", "accept", "schedule", "confirm_connection", "close"])
            #expect(events[1]["note"] as? String == "we have room")
            #expect(events[3]["first_service_date"] as? String == "2026-11-23")
            #expect(events[3]["confirmed_by"] as? String == "partner")
            #expect(events.allSatisfy { $0["actor_id"] is String && $0["at"] is String })
        }
    }

    @Test(arguments: TestBackend.available)
    func missingFieldsStaleVersionsAndConsentAreRefusedWithoutAnEvent(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            _ = try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0)

            var response = try await client.event(world, id, as: "partner", #"{"action": "decline"}"#, version: 1)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "missing_fields")
            #expect(try json(response)["parameter"] as? String == "reason")

            response = try await client.event(world, id, as: "partner", #"{"action": "accept"}"#, version: 0)
            #expect(response.status == .conflict)
            #expect(try json(response)["code"] as? String == "version_conflict")
            #expect(try json(response)["current_version"] as? Int == 1)

            response = try await client.event(world, id, as: "partner", #"{"action": "teleport"}"#, version: 1)
            #expect(response.status == .badRequest)
            #expect(try json(response)["parameter"] as? String == "action")

            let admin = world.users["admin"]!
            #expect(try await world.referrals.referral(id: id, visibleTo: admin)?.version == 1)

            // A referral to an organization the family did not consent to cannot be sent.
            let otherService = try #require(try await world.store.services(ofOrganization: world.otherOrganizationID).first)
            let draft = try await client.call(.post, "/api/v1/referrals", token: world.token("coordinator"), json: """
                {"student_id": "\(world.studentID)", "service_id": "\(otherService.id)", "barrier": "anxiety"}
                """)
            let otherID = try #require(try json(draft)["id"] as? String)
            response = try await client.event(world, otherID, as: "coordinator", #"{"action": "send"}"#, version: 0)
            #expect(response.status == .unprocessableContent)
            #expect(try json(response)["code"] as? String == "consent_required")
        }
    }

    @Test(arguments: TestBackend.available)
    func consentExpiryIsHonoured(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await ReferralWorld.make(store)
            let coordinator = world.users["coordinator"]!
            let student = try await world.referrals.createStudent(NewStudent(districtStudentID: "S-2002", schoolID: world.schoolID), by: coordinator, now: ReferralWorld.now)
            let expires = CalendarDate(ReferralWorld.now).adding(days: 10)
            _ = try await world.referrals.addConsent(
                Consent(organizationIDs: [world.organizationID], givenBy: "guardian", method: .verbal, sharedFields: [],
                        givenOn: CalendarDate(ReferralWorld.now), expiresOn: expires),
                studentID: student.id, by: coordinator, now: ReferralWorld.now)
            let draft = { () async throws -> String in
                try await world.referrals.createReferral(NewReferral(studentID: student.id, serviceID: world.serviceID, barrier: "anxiety",
                                                                     duplicateReason: ReferralFixture.repeatReason),
                                                        by: coordinator, now: ReferralWorld.now).id
            }
            let beforeExpiry = ReferralWorld.now.addingTimeInterval(9 * 86_400)
            let early = try await draft()
            try await world.application(clock: beforeExpiry).trackedTest(.router) { client async throws in
                #expect(try await client.event(world, early, as: "coordinator", #"{"action": "send"}"#, version: 0).status == .ok)
            }
            let late = try await draft()
            try await world.application(clock: ReferralWorld.now.addingTimeInterval(10 * 86_400)).trackedTest(.router) { client async throws in
                let response = try await client.event(world, late, as: "coordinator", #"{"action": "send"}"#, version: 0)
                #expect(response.status == .unprocessableContent)
                #expect(try json(response)["code"] as? String == "consent_required")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func retriesWithAnIdempotencyKeyGetTheFirstReplyAndNoSecondEvent(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "send-\(id)", .ifMatch: "\"0\""]
            let first = try await client.call(.post, "/api/v1/referrals/\(id)/events", token: world.token("coordinator"),
                                              json: #"{"action": "send"}"#, headers: headers)
            let second = try await client.call(.post, "/api/v1/referrals/\(id)/events", token: world.token("coordinator"),
                                               json: #"{"action": "send"}"#, headers: headers)
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(String(buffer: first.body) == String(buffer: second.body))
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await world.referrals.referral(id: id, visibleTo: world.users["admin"]!)?.events.count == 1)

            // The same key for a different request is refused.
            let reused = try await client.call(.post, "/api/v1/referrals/\(id)/events", token: world.token("coordinator"),
                                               json: #"{"action": "cancel"}"#, headers: headers)
            #expect(reused.status == .unprocessableContent)
            #expect(try json(reused)["code"] as? String == "idempotency_key_reused")

            // Creating a student twice with one key makes one student.
            let studentHeaders: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "new-student-1"]
            let body = #"{"district_student_id": "S-3003", "school_id": "\#(world.schoolID)", "grade": "5", "age": 10}"#
            let a = try await client.call(.post, "/api/v1/students", token: world.token("coordinator"), json: body, headers: studentHeaders)
            let b = try await client.call(.post, "/api/v1/students", token: world.token("coordinator"), json: body, headers: studentHeaders)
            #expect(a.status == .created)
            #expect(b.status == .created)
            #expect(try json(a)["id"] as? String == json(b)["id"] as? String)

            // A key the API document does not allow (found by schemathesis: it was stored as sent) is a 400 naming it.
            for bad in ["has a space", String(repeating: "k", count: 201)] {
                let refused = try await client.call(
                    .post, "/api/v1/students", token: world.token("coordinator"),
                    json: #"{"district_student_id": "S-3004", "school_id": "\#(world.schoolID)", "grade": "5", "age": 10}"#,
                    headers: [HTTPField.Name("Idempotency-Key")!: bad])
                #expect(refused.status == .badRequest)
                #expect(try json(refused)["parameter"] as? String == "Idempotency-Key")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func partnersSeeOnlyTheirOwnReferralsAndOnlyConsentedFields(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            // Drafts are invisible to partners, even their own.
            #expect(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner")).status == .notFound)
            _ = try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0)

            let own = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner"))
            #expect(own.status == .ok)
            let student = try #require(try json(own)["student"] as? [String: Any])
            #expect(student["grade"] as? String == "7")
            #expect(student["languages"] as? [String] == ["es"])
            #expect(student["district_student_id"] == nil)
            #expect(student["age"] == nil)
            #expect(student["groups"] == nil)

            let outsider = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("other_partner"))
            #expect(outsider.status == .notFound)
            let acting = try await client.event(world, id, as: "other_partner", #"{"action": "accept"}"#, version: 1)
            #expect(acting.status == .notFound)
            let otherSchool = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("other_coordinator"))
            #expect(otherSchool.status == .notFound)

            let inbox = try items(try await client.call(.get, "/api/v1/partner/referrals", token: world.token("partner")))
            #expect(inbox.map { $0["id"] as? String } == [id])
            #expect(try items(try await client.call(.get, "/api/v1/partner/referrals", token: world.token("other_partner"))).isEmpty)
            #expect(try await client.call(.get, "/api/v1/partner/referrals", token: world.token("coordinator")).status == .forbidden)

            // No token, or a wrong one.
            #expect(try await client.call(.get, "/api/v1/referrals/\(id)").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/referrals/\(id)", token: "clt_nope").status == .unauthorized)
        }
    }

    @Test(arguments: TestBackend.available)
    func everyTransitionConsentAndPartnerReadIsAudited(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            _ = try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0)
            _ = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner"))
            _ = try await client.event(world, id, as: "partner", #"{"action": "accept"}"#, version: 1)

            #expect(try await client.call(.get, "/api/v1/audit?student=\(world.studentID)", token: world.token("coordinator")).status == .forbidden)
            let log = try items(try await client.call(.get, "/api/v1/audit?student=\(world.studentID)", token: world.token("admin")))
            let actions = log.compactMap { $0["action"] as? String }
            #expect(actions == ["student.create", "consent.create", "referral.create", "referral.send", "referral.read", "referral.accept"])
            let partnerRead = try #require(log.first { $0["action"] as? String == "referral.read" })
            #expect(partnerRead["role"] as? String == "partner")
            #expect(partnerRead["referral_id"] as? String == id)
        }
    }

    @Test(arguments: TestBackend.available)
    func reReferralAfterADeclineLinksBack(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let first = try await client.draftReferral(world)
            _ = try await client.event(world, first, as: "coordinator", #"{"action": "send"}"#, version: 0)
            _ = try await client.event(world, first, as: "partner", #"{"action": "decline", "reason": "no_capacity"}"#, version: 1)
            let second = try await client.draftReferral(world)
            let body = try json(try await client.call(.get, "/api/v1/referrals/\(second)", token: world.token("coordinator")))
            #expect(body["previous_referral_id"] as? String == first)
        }
    }

    @Test(arguments: TestBackend.available)
    func followUpsCountBusinessDaysOnAFixedClock(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            // Sent Friday 20 November 2026: five business days later is Friday 27 November.
            let friday = Date(timeIntervalSince1970: 1_795_186_800)  // 2026-11-20T15:00Z
            let world = try await ReferralWorld.make(store, consentFrom: friday)
            let coordinator = world.users["coordinator"]!
            let referral = try await world.referrals.createReferral(
                NewReferral(studentID: world.studentID, serviceID: world.serviceID, barrier: "anxiety"), by: coordinator, now: friday)
            _ = try await world.referrals.apply(ReferralCommand(.send), toReferral: referral.id, expectedVersion: 0, by: coordinator, now: friday)

            let thursday = friday.addingTimeInterval(6 * 86_400)
            try await world.application(clock: thursday).trackedTest(.router) { client async throws in
                #expect(try items(try await client.call(.get, "/api/v1/followups", token: world.token("coordinator"))).isEmpty)
                let overdue = try items(try await client.call(.get, "/api/v1/referrals?overdue=true", token: world.token("coordinator")))
                #expect(overdue.isEmpty)
            }
            let nextFriday = friday.addingTimeInterval(7 * 86_400)
            try await world.application(clock: nextFriday).trackedTest(.router) { client async throws in
                let due = try items(try await client.call(.get, "/api/v1/followups", token: world.token("coordinator")))
                #expect(due.count == 1)
                let followUp = try #require(due.first?["follow_up"] as? [String: Any])
                #expect(followUp["kind"] as? String == "no_partner_response")
                #expect(followUp["due_since"] as? String == "2026-11-27")
                // Another school's coordinator has nothing due; the partner sees it too.
                #expect(try items(try await client.call(.get, "/api/v1/followups", token: world.token("other_coordinator"))).isEmpty)
                #expect(try items(try await client.call(.get, "/api/v1/followups", token: world.token("partner"))).count == 1)
                // A partner response clears it.
                _ = try await client.event(world, referral.id, as: "partner", #"{"action": "accept"}"#, version: 1)
                #expect(try items(try await client.call(.get, "/api/v1/followups", token: world.token("coordinator"))).isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func partnersUpdateAvailabilityOfTheirOwnServicesAndMatchesSeeItAtOnce(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let uri = "/api/v1/services/\(world.serviceID)/availability"
            let forbidden = try await client.call(.patch, uri, token: world.token("other_partner"), json: #"{"enrollment": "closed"}"#)
            #expect(forbidden.status == .forbidden)
            let updated = try await client.call(.patch, uri, token: world.token("partner"),
                                                json: #"{"enrollment": "waitlist", "waitlist_weeks": 4, "capacity": 0}"#)
            #expect(updated.status == .ok, "\(String(buffer: updated.body))")
            let enrollment = try #require(try json(updated)["enrollment"] as? [String: Any])
            #expect(enrollment["status"] as? String == "waitlist")
            #expect(enrollment["waitlist_weeks"] as? Int == 4)
            let service = try #require(try await world.store.service(id: world.serviceID))
            #expect(service.provenance.lastVerifiedAt == ReferralWorld.now)
            #expect(try await client.call(.patch, uri, token: world.token("partner"), json: #"{"enrollment": "full"}"#).status == .badRequest)
        }
    }
}

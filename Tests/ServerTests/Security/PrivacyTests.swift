import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Issue 21 items 1, 2 (consent revocation) and 9 through the API, on SQLite and PostgreSQL: what a
/// partner reads, what revoking a consent takes away, what the district may not read, and what is
/// audited. Read as the list of promises.
@Suite("Privacy: who sees what, revocation, audit")
struct PrivacyTests {
    static let coordinatorNote = "NOTE-c0ordinator-only"
    static let schoolEventNote = "NOTE-school-event"
    static let partnerNote = "NOTE-partner-own"

    /// A referral of the world's student, sent with a school note on the send event.
    static func sentReferral(_ world: ReferralWorld, _ client: any TestClientProtocol, barrier: String = "anxiety") async throws -> String {
        let created = try await client.call(.post, "/api/v1/referrals", token: world.token("coordinator"), json: """
            {"student_id": "\(world.studentID)", "service_id": "\(world.serviceID)", "barrier": "\(barrier)", "tier": 2,
             "note": "\(coordinatorNote)", "duplicate_reason": "\(ReferralFixture.repeatReason)"}
            """)
        #expect(created.status == .created, "\(String(buffer: created.body))")
        let id = try #require(try json(created)["id"] as? String)
        let sent = try await client.event(world, id, as: "coordinator", #"{"action": "send", "note": "\#(schoolEventNote)"}"#, version: 0)
        #expect(sent.status == .ok, "\(String(buffer: sent.body))")
        return id
    }

    static func auditActions(_ world: ReferralWorld) async throws -> [AuditEntry] {
        try await world.referrals.auditLog(by: world.users["admin"]!, limit: 10_000)
    }

    @Test(arguments: TestBackend.available)
    func aPartnerReadsOnlyWhatTheConsentShares(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            // The consent shares grade and languages with the world's organization.
            let id = try await Self.sentReferral(world, client)
            let response = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner"))
            #expect(response.status == .ok)
            let body = String(buffer: response.body)
            let read = try json(response)
            #expect(read["note"] == nil, "the coordinator's note is not shared")
            #expect(read["school_id"] == nil, "the school is not shared")
            #expect(read["previous_referral_id"] == nil)
            let pseudonym = try #require(read["student_id"] as? String)
            #expect(pseudonym.hasPrefix("pst_") && pseudonym != world.studentID)
            let student = try #require(read["student"] as? [String: Any])
            #expect(Set(student.keys) == ["grade", "languages"])
            for secret in [world.studentID, Self.coordinatorNote, Self.schoolEventNote, world.schoolID, "S-1001"] {
                #expect(!body.contains(secret), "\(secret) reached the partner")
            }
            // The partner's own note is its record; the reply to its action is cut the same way.
            let accepted = try await client.event(world, id, as: "partner", #"{"action": "accept", "note": "\#(Self.partnerNote)"}"#, version: 1)
            #expect(accepted.status == .ok)
            #expect(!String(buffer: accepted.body).contains(world.studentID))
            #expect(!String(buffer: accepted.body).contains(Self.schoolEventNote))
            #expect(String(buffer: accepted.body).contains(Self.partnerNote))
            // The same pseudonym in the inbox, stable across reads; another organization's differs.
            let inbox = try items(try await client.call(.get, "/api/v1/partner/referrals", token: world.token("partner")))
            #expect(inbox.first { $0["id"] as? String == id }?["student_id"] as? String == pseudonym)
            #expect(!inbox.contains { $0["school_id"] != nil || $0["note"] != nil })
            let again = try json(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner")))
            #expect(again["student_id"] as? String == pseudonym)
            let elsewhere = try await world.referrals.pseudonym(ofStudent: world.studentID, forOrganization: world.otherOrganizationID)
            #expect(elsewhere != pseudonym && elsewhere.hasPrefix("pst_"))
            // The coordinator still reads it whole.
            let whole = try json(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("coordinator")))
            #expect(whole["student_id"] as? String == world.studentID && whole["note"] as? String == Self.coordinatorNote)
        }
    }

    @Test(arguments: TestBackend.available)
    func aSharedNoteIsShownAndADeclineElsewhereNever(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            // The family now shares the note and the school too.
            let consent = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
                {"organization_ids": ["\(world.organizationID)"], "given_by": "mother", "method": "written",
                 "shared_fields": ["grade", "note", "school"]}
                """)
            #expect(consent.status == .created, "\(String(buffer: consent.body))")
            // A declined referral, then a re-referral for the same need: it points back at the decline.
            let first = try await Self.sentReferral(world, client, barrier: "food_insecurity")
            let declined = try await client.event(world, first, as: "partner", #"{"action": "decline", "reason": "no_capacity"}"#, version: 1)
            #expect(declined.status == .ok)
            let second = try await Self.sentReferral(world, client, barrier: "food_insecurity")
            let coordinatorRead = try json(try await client.call(.get, "/api/v1/referrals/\(second)", token: world.token("coordinator")))
            #expect(coordinatorRead["previous_referral_id"] as? String == first)
            let partnerRead = try json(try await client.call(.get, "/api/v1/referrals/\(second)", token: world.token("partner")))
            #expect(partnerRead["previous_referral_id"] == nil)
            #expect(partnerRead["note"] as? String == Self.coordinatorNote)
            #expect(partnerRead["school_id"] as? String == world.schoolID)
            let notes = (partnerRead["events"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String }
            #expect(notes == [Self.schoolEventNote])
        }
    }

    @Test(arguments: TestBackend.available)
    func revokingAConsentCutsThePartnersViewAtOnce(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await Self.sentReferral(world, client)
            let accepted = try await client.event(world, id, as: "partner", #"{"action": "accept", "note": "\#(Self.partnerNote)"}"#, version: 1)
            #expect(accepted.status == .ok)
            let consents = try items(try await client.call(.get, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator")))
            let consentID = try #require(consents.first?["id"] as? String)
            // A partner may not revoke; another school's coordinator does not find the student.
            let byPartner = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/\(consentID)/revoke", token: world.token("partner"))
            #expect(byPartner.status == .forbidden)
            let byOther = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/\(consentID)/revoke", token: world.token("other_coordinator"))
            #expect(byOther.status == .notFound)
            #expect(try await Self.auditActions(world).contains {
                $0.action == ReferralStore.crossTenantProbe && $0.actorID == world.users["other_coordinator"]!.id && $0.studentID == world.studentID
            }, "a revoke aimed at another school's student is a probe")
            let unknown = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/con_nope/revoke", token: world.token("coordinator"))
            #expect(unknown.status == .notFound)

            let revoked = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/\(consentID)/revoke", token: world.token("coordinator"))
            #expect(revoked.status == .ok, "\(String(buffer: revoked.body))")
            #expect(try json(revoked)["revoked_at"] != nil)
            // The partner's next read: state, dates and its own note; nothing of the student or the need.
            let read = try json(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner")))
            #expect(read["state"] as? String == "accepted")
            #expect(read["student"] == nil && read["barrier"] == nil && read["tier"] == nil && read["school_id"] == nil && read["note"] == nil)
            #expect(read["sent_at"] != nil && read["created_at"] != nil)
            let notes = (read["events"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String }
            #expect(notes == [Self.partnerNote])
            let inbox = try items(try await client.call(.get, "/api/v1/partner/referrals", token: world.token("partner")))
            #expect(inbox.first { $0["id"] as? String == id }?["barrier"] == nil)
            // Nothing more can be sent to that organization under it.
            let created = try await client.call(.post, "/api/v1/referrals", token: world.token("coordinator"), json: """
                {"student_id": "\(world.studentID)", "service_id": "\(world.serviceID)", "barrier": "trauma",
                 "duplicate_reason": "\(ReferralFixture.repeatReason)"}
                """)
            let draft = try #require(try json(created)["id"] as? String)
            #expect(try await client.event(world, draft, as: "coordinator", #"{"action": "send"}"#, version: 0).status == .unprocessableContent)
            // Revoking again keeps the first moment; both are audited once.
            let twice = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/\(consentID)/revoke", token: world.token("coordinator"))
            #expect(try json(twice)["revoked_at"] as? String == (try json(revoked)["revoked_at"] as? String))
            let audit = try await Self.auditActions(world)
            #expect(audit.filter { $0.action == "consent.revoke" }.count == 1)
            #expect(audit.contains { $0.action == "consent.revoke" && $0.studentID == world.studentID && $0.actorID == world.users["coordinator"]!.id })
        }
    }

    @Test(arguments: TestBackend.available)
    func theDistrictReadsAggregatesOnly(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await Self.sentReferral(world, client)
            for uri in ["/api/v1/students/\(world.studentID)", "/api/v1/students/\(world.studentID)/consents", "/api/v1/referrals",
                        "/api/v1/referrals/\(id)", "/api/v1/followups", "/api/v1/referrals?student=\(world.studentID)"] {
                let response = try await client.call(.get, uri, token: world.token("district"))
                #expect(response.status == .forbidden, "\(uri): \(response.status)")
                #expect(try json(response)["code"] as? String == "aggregates_only", "\(uri)")
            }
            let report = try await client.call(.get, "/api/v1/reports/connections?from=2026-08-01&to=2026-12-01", token: world.token("district"))
            #expect(report.status == .ok)
            // An admin may read them, and every such read leaves a line.
            let before = try await Self.auditActions(world).count
            #expect(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("admin")).status == .ok)
            #expect(try await client.call(.get, "/api/v1/students/\(world.studentID)", token: world.token("admin")).status == .ok)
            #expect(try await client.call(.get, "/api/v1/referrals", token: world.token("admin")).status == .ok)
            let lines = try await Self.auditActions(world).dropFirst(before)
            let admin = world.users["admin"]!.id
            #expect(lines.map(\.action) == ["referral.read", "student.read", "referral.list"])
            #expect(lines.allSatisfy { $0.actorID == admin && $0.role == "admin" })
        }
    }

    @Test(arguments: TestBackend.available)
    func listsInboxAndFollowUpsAreAuditedOncePerRequest(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            _ = try await Self.sentReferral(world, client)
            _ = try await Self.sentReferral(world, client)
            for (uri, token, action) in [
                ("/api/v1/referrals", "coordinator", "referral.list"), ("/api/v1/followups", "coordinator", "followup.list"),
                ("/api/v1/partner/referrals", "partner", "inbox.read"),
            ] {
                let before = try await Self.auditActions(world).count
                let response = try await client.call(.get, uri, token: world.token(token))
                #expect(response.status == .ok)
                let count = (try json(response)["items"] as? [Any] ?? []).count
                let lines = Array(try await Self.auditActions(world).dropFirst(before))
                #expect(lines.map(\.action) == [action], "\(uri)")
                #expect(lines.first?.detail == "\(count) rows", "\(uri)")
                #expect(lines.first?.actorID == world.users[token]!.id)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func crossTenantProbesAreSecurityEvents(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await Self.sentReferral(world, client)
            let read = try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("other_partner"))
            #expect(read.status == .notFound)
            let act = try await client.event(world, id, as: "other_partner", #"{"action": "accept"}"#, version: 1)
            #expect(act.status == .notFound)
            let student = try await client.call(.get, "/api/v1/students/\(world.studentID)", token: world.token("other_coordinator"))
            #expect(student.status == .notFound)
            // A referral that does not exist anywhere is not a probe of anyone.
            #expect(try await client.call(.get, "/api/v1/referrals/ref_nothing", token: world.token("other_partner")).status == .notFound)
            let probes = try await Self.auditActions(world).filter { $0.action == ReferralStore.crossTenantProbe }
            #expect(probes.count == 3)
            #expect(probes.filter { $0.referralID == id }.map(\.actorID) == Array(repeating: world.users["other_partner"]!.id, count: 2))
            #expect(probes.contains { $0.studentID == world.studentID && $0.actorID == world.users["other_coordinator"]!.id })
        }
    }
}

import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notifications
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// A family whose consent shares only a phone gets no check-in text (no SMS gateway): when its
/// check-in is due, the coordinator's referral page and follow-up list say so, with the question
/// in the family's language, and record the answer given on the phone with the link's effects,
/// audited with the coordinator.
@Suite("Family check-in by phone")
struct PhoneCheckInPageTests {
    /// Three business days after Monday's referral, at 10:00, is Thursday; Friday evening it is due.
    static let due = ReferralWorld.now.addingTimeInterval(4 * 86_400 + 4 * 3_600)

    /// A consent sharing only the family's phone (Spanish), then a sent referral; its check-in text waits in the outbox.
    static func phoneOnlyReferral(_ world: WebWorld) async throws -> Referral {
        try await world.application().trackedTest(.router) { client async throws in
            let consent = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
                {"organization_ids": ["\(world.organizationID)"], "given_by": "Maria Lopez (mother)", "method": "written",
                 "shared_fields": ["grade"], "family_contact": {"channel": "phone", "address": "(515) 555-0199", "language": "es"}}
                """)
            #expect(consent.status == .created, "\(String(buffer: consent.body))")
        }
        let referral = try await world.sent()
        let waiting = try await OutboxStore(database: world.store.database).messages(referralID: referral.id)
        #expect(waiting.contains { $0.channel == .sms && $0.event == OutboxEventKind.familyCheckIn.rawValue })
        return referral
    }

    @Test(arguments: TestBackend.available, [FamilyAnswer.started, .needHelp])
    func theCoordinatorAsksByPhoneAndRecordsTheAnswer(backend: TestBackend, answer: FamilyAnswer) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let referral = try await Self.phoneOnlyReferral(world)
            let service = try #require(try await store.service(id: world.serviceID)).name

            // Before it is due, nothing to ask.
            try await world.application().trackedTest(.router) { client async throws in
                let coordinator = PageBrowser(client)
                try await coordinator.login(world.email("coordinator"))
                #expect(!(try await coordinator.get("/referrals/\(referral.id)").html.contains("phone-checkin-heading")))
            }

            try await world.application(clock: Self.due).trackedTest(.router) { client async throws in
                let coordinator = PageBrowser(client)
                try await coordinator.login(world.email("coordinator"))
                let page = try await coordinator.get("/referrals/\(referral.id)", headers: [.acceptLanguage: "en"])
                #expect(page.html.contains("Check-in due: ask the family by phone"))
                #expect(page.html.contains(#"<a href="tel:5155550199">(515) 555-0199</a>"#))
                // The question and its answers in the family's language (Spanish), the buttons in the coordinator's.
                #expect(page.html.contains(#"<strong lang="es">¿Pudo comunicarse con \#(service.htmlEscapedForTest)?</strong>"#), "\(page.html)")
                #expect(page.html.contains(#"value="started">Record: Yes, we started (<span lang="es">Sí, ya empezamos</span>)"#))
                #expect(page.html.contains(#"value="need_help">Record: We need help (<span lang="es">Necesitamos ayuda</span>)"#))
                // A coordinator reading Spanish gets each answer once, not "Sí, ya empezamos (Sí, ya empezamos)".
                let spanish = try await coordinator.get("/referrals/\(referral.id)", headers: [.acceptLanguage: "es"])
                #expect(spanish.html.contains(#"value="started">Registrar: Sí, ya empezamos</button>"#), "\(spanish.html)")
                let list = try await coordinator.get("/coordinator/followups", headers: [.acceptLanguage: "en"])
                #expect(list.html.contains("Check-ins to ask by phone") && list.html.contains("/referrals/\(referral.id)#phone-check-in"))

                // The partner neither sees it nor may record it.
                let partner = PageBrowser(client)
                try await partner.login(world.email("partner"))
                #expect(!(try await partner.get("/referrals/\(referral.id)").html.contains("phone-checkin-heading")))
                #expect(try await partner.post("/referrals/\(referral.id)/phone-check-in", [("answer", answer.rawValue)]).status == .forbidden)
                #expect(try await coordinator.post("/referrals/\(referral.id)/phone-check-in", [("answer", "maybe")]).status == .unprocessableContent)

                let recorded = try await coordinator.post("/referrals/\(referral.id)/phone-check-in", [("answer", answer.rawValue)])
                #expect(recorded.status == .seeOther && recorded.location == "/referrals/\(referral.id)?notice=phone_check_in_recorded")
                let after = try await coordinator.get("/referrals/\(referral.id)?notice=phone_check_in_recorded", headers: [.acceptLanguage: "en"])
                #expect(after.html.contains("The family&#39;s answer was recorded.") && !after.html.contains("phone-checkin-heading"))
                // Once: a second answer (another tab, a colleague) records nothing.
                let again = try await coordinator.post("/referrals/\(referral.id)/phone-check-in", [("answer", answer.rawValue)])
                #expect(again.status == .conflict && again.html.contains("Nothing was recorded"))
                #expect(!(try await coordinator.get("/coordinator/followups").html.contains("#phone-check-in")))
                if answer == .needHelp {
                    // The coordinator's follow-up, as a "we need help" on the link makes.
                    #expect(try await coordinator.get("/coordinator/followups").html.contains("/referrals/\(referral.id)"))
                }
            }

            // The link's effects: the family's report, and for "we started" a family-confirmed connection.
            let coordinator = world.users["coordinator"]!
            let stored = try #require(try await world.referrals.referral(id: referral.id, visibleTo: coordinator, now: Self.due))
            #expect(stored.events.contains { $0.action == .familyReport && $0.familyAnswer == answer && $0.role == .family })
            if answer == .started {
                #expect(stored.state == .connected && stored.history.confirmedBy == .family)
            } else {
                #expect(stored.state == .referred)
            }
            // The check-in is used and its text withdrawn (kept, never sent); the call is audited with the coordinator.
            #expect(try await CheckInStore(database: store.database).tokens(referralID: referral.id).map(\.answer) == [answer])
            let texts = try await OutboxStore(database: store.database).messages(referralID: referral.id)
                .filter { $0.event == OutboxEventKind.familyCheckIn.rawValue }
            #expect(!texts.isEmpty && texts.allSatisfy { $0.status == .withdrawn && $0.attempts == 0 })
            let audit = try await world.referrals.auditLog(by: world.users["admin"]!).filter { $0.action == "checkin.answer_by_phone" }
            #expect(audit.count == 1 && audit.first?.actorID == coordinator.id && audit.first?.referralID == referral.id)
            #expect(audit.first?.detail.contains(answer.rawValue) == true)
        }
    }
}

extension String {
    /// As the pages escape text (Mustache): what a service's name looks like inside the HTML.
    var htmlEscapedForTest: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

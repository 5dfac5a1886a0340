import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Issue 22 item 2 through the router (pages and API), on SQLite and PostgreSQL: the coordinator's
/// contact on every referral the partner sees, the referral number, the shared student facts and
/// note on the inbox card (and nothing the consent does not share), the waitlist's expected wait
/// and the confirm step for a first service before the scheduled intake.
@Suite("Contacts: referral cards, pages and API")
struct WebContactsTests {
    static let name = "Dana Okafor"
    static let phone = "(515) 555-0123"

    /// The fixture's coordinator with a name and a phone on their profile.
    static func withProfile(_ world: WebWorld, phone: String? = WebContactsTests.phone) async throws {
        let coordinator = world.users["coordinator"]!
        try await world.fixture.accounts.setProfile(UserProfile(displayName: name, phone: phone), userID: coordinator.id,
                                                    by: coordinator, now: WebWorld.now)
    }

    // MARK: API

    @Test(arguments: TestBackend.available)
    func thePartnersJSONCarriesTheCoordinatorAndOnlyTheSharedFacts(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await Self.withProfile(world)
            let sent = try await world.sent()
            let email = world.email("coordinator")
            let one = try await client.call(.get, "/api/v1/referrals/\(sent.id)", token: world.token("partner"))
            #expect(one.status == .ok)
            let contact = try #require(try json(one)["coordinator"] as? [String: Any])
            #expect(contact["name"] as? String == Self.name && contact["email"] as? String == email && contact["phone"] as? String == Self.phone)

            let inbox = try await client.call(.get, "/api/v1/partner/referrals", token: world.token("partner"))
            let item = try #require(try items(inbox).first { $0["id"] as? String == sent.id })
            #expect((item["coordinator"] as? [String: Any])?["email"] as? String == email)
            let student = try #require(item["student"] as? [String: Any], "the inbox shares what the consent shares, before Accept")
            #expect(student["grade"] as? String == "7" && student["languages"] as? [String] == ["es"])
            #expect(student["age"] == nil && student["groups"] == nil && student["district_student_id"] == nil)
            #expect(item["note"] == nil)
            for body in [one.html, inbox.html] {
                #expect(!body.contains("frequent absences"), "the note is not shared")
                #expect(!body.contains("english_learner") && !body.contains(ReferralFixture.districtStudentID))
            }

            // The reply to the partner's own action carries it too; without a phone it is left out.
            try await Self.withProfile(world, phone: nil)
            let accepted = try await client.event(world, sent.id, as: "partner", #"{"action": "accept"}"#, version: 1)
            #expect(accepted.status == .ok)
            let after = try #require(try json(accepted)["coordinator"] as? [String: Any])
            #expect(after["name"] as? String == Self.name && after["phone"] == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aWaitlistOverTheAPINeedsAnExpectedWait(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let sent = try await world.sent()
            let missing = try await client.event(world, sent.id, as: "partner", #"{"action": "waitlist"}"#, version: 1)
            #expect(missing.status == .unprocessableContent)
            #expect(try json(missing)["code"] as? String == "missing_fields")
            #expect(try json(missing)["parameter"] as? String == "expected_wait_weeks")
            let both = try await client.event(world, sent.id, as: "partner",
                                              #"{"action": "waitlist", "expected_wait_weeks": 2, "expected_wait_not_known": true}"#, version: 1)
            #expect(both.status == .unprocessableContent)
            #expect(try json(both)["code"] as? String == "invalid_field")
            let weeks = try await client.event(world, sent.id, as: "partner", #"{"action": "waitlist", "expected_wait_weeks": 3}"#, version: 1)
            #expect(weeks.status == .ok)
            let events = try #require(try json(weeks)["events"] as? [[String: Any]])
            #expect(events.last?["expected_wait_weeks"] as? Int == 3)

            let other = try await world.sent(barrier: "depression")
            let unknown = try await client.event(world, other.id, as: "partner", #"{"action": "waitlist", "expected_wait_not_known": true}"#, version: 1)
            #expect(unknown.status == .ok)
            let shown = try await client.call(.get, "/api/v1/referrals/\(other.id)", token: world.token("coordinator"))
            let last = try #require((try json(shown)["events"] as? [[String: Any]])?.last)
            #expect(last["expected_wait_not_known"] as? Bool == true && last["expected_wait_weeks"] == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFirstServiceBeforeTheIntakeOverTheAPINeedsTheFlag(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let sent = try await world.sent()
            _ = try await client.event(world, sent.id, as: "partner", #"{"action": "accept"}"#, version: 1)
            _ = try await client.event(world, sent.id, as: "partner", #"{"action": "schedule", "intake_date": "2026-11-25"}"#, version: 2)
            let early = #"{"action": "confirm_connection", "first_service_date": "2026-11-23", "confirmed_by": "partner"}"#
            let refused = try await client.event(world, sent.id, as: "partner", early, version: 3)
            #expect(refused.status == .unprocessableContent)
            #expect(try json(refused)["code"] as? String == "first_service_before_intake")
            #expect(try json(refused)["parameter"] as? String == "before_intake_confirmed")
            #expect(try await world.referrals.referral(id: sent.id, visibleTo: world.users["admin"]!)?.state == .scheduled)
            let notYes = try await client.event(world, sent.id, as: "partner",
                #"{"action": "confirm_connection", "first_service_date": "2026-11-23", "confirmed_by": "partner", "before_intake_confirmed": false}"#, version: 3)
            #expect(notYes.status == .unprocessableContent)
            let confirmed = try await client.event(world, sent.id, as: "partner",
                #"{"action": "confirm_connection", "first_service_date": "2026-11-23", "confirmed_by": "partner", "before_intake_confirmed": true}"#, version: 3)
            #expect(confirmed.status == .ok)
            #expect(try json(confirmed)["state"] as? String == "connected")
        }
    }

    // MARK: pages

    @Test(arguments: TestBackend.available)
    func theInboxCardShowsWhoToCallTheNumberAndWhatTheConsentShares(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await Self.withProfile(world)
            let sent = try await world.sent()
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            let inbox = try await partner.get("/partner/inbox")
            let html = inbox.html
            #expect(html.contains(Self.name))
            #expect(html.contains(#"<a href="mailto:\#(world.email("coordinator"))">"#))
            #expect(html.contains(#"<a href="tel:5155550123">(515) 555-0123</a>"#))
            #expect(html.contains(#"Referral number <span class="referral-number">\#(sent.id)</span>"#))
            #expect(html.contains("<dt>Grade</dt><dd>7</dd>") && html.contains("<dd>Spanish</dd>"))
            // What the consent does not share is not on the card: age, groups, the district's id, the note.
            #expect(!html.contains("<dt>Age</dt>") && !html.contains("English learner") && !html.contains("Low income"))
            #expect(!html.contains(ReferralFixture.districtStudentID) && !html.contains("frequent absences"))
            #expect(html.contains(#"value="accept""#), "the partner decides on this card")

            let page = try await partner.get("/referrals/\(sent.id)")
            #expect(page.html.contains("<dt>Referral number</dt><dd>\(sent.id)</dd>"))
            #expect(page.html.contains(Self.name) && page.html.contains("tel:5155550123"))

            // A profile without a phone says so.
            try await Self.withProfile(world, phone: nil)
            let bare = try await partner.get("/partner/inbox")
            #expect(bare.html.contains("no phone listed") && !bare.html.contains("tel:"))
            #expect(try await partner.get("/referrals/\(sent.id)").html.contains("no phone listed"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aSharedNoteIsOnTheCard(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let student = try await world.fixture.registerStudent(
                NewStudent(districtStudentID: "S-NOTE-1", schoolID: world.schoolID, grade: "8", age: 13, groups: [.homeless]),
                consentingTo: [world.organizationID], sharing: [.note, .age])
            let sent = try await world.fixture.sent(studentID: student.id)
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            let html = try await partner.get("/partner/inbox").html
            #expect(html.contains("<dt>Coordinator's note</dt>"))  // catalog text, escaped by PageRenderer (no apostrophe entity)
            #expect(html.contains("frequent absences"))
            #expect(html.contains("<dt>Age</dt><dd>13</dd>"))
            #expect(!html.contains("<dt>Grade</dt><dd>8</dd>") && !html.contains("Homeless") && !html.contains("S-NOTE-1"))
            let api = try await client.call(.get, "/api/v1/partner/referrals", token: world.token("partner"))
            let item = try #require(try items(api).first { $0["id"] as? String == sent.id })
            #expect((item["note"] as? String)?.contains("frequent absences") == true)
            #expect((item["student"] as? [String: Any])?["grade"] == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func theWaitlistFormAsksForTheWait(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let sent = try await world.sent()
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            let inbox = try await partner.get("/partner/inbox")
            #expect(inbox.html.contains(#"name="expected_wait" required>"#))
            #expect(inbox.html.contains(#"<option value="not_known">Not known</option><option value="0">0 weeks</option><option value="1">1 week</option>"#))
            let none = try await partner.post("/referrals/\(sent.id)/actions", [("action", "waitlist"), ("version", "1"), ("return_to", "/partner/inbox")])
            #expect(none.status == .unprocessableContent)
            #expect(none.html.contains("fill in the expected wait (weeks, or “not known”)"))
            let typo = try await partner.post("/referrals/\(sent.id)/actions", [("action", "waitlist"), ("version", "1"), ("expected_wait", "three")])
            #expect(typo.status == .unprocessableContent && typo.html.contains("the expected wait must be a number of weeks or “not known”"))
            let done = try await partner.post("/referrals/\(sent.id)/actions", [
                ("action", "waitlist"), ("version", "1"), ("expected_wait", "3"), ("return_to", "/partner/inbox"),
            ])
            #expect(done.status == .seeOther)
            let after = try await partner.get("/partner/inbox")
            #expect(after.html.contains("<dt>Expected wait</dt><dd>about 3 weeks</dd>"))
            #expect(try await partner.get("/referrals/\(sent.id)").html.contains("<dt>Expected wait</dt><dd>about 3 weeks</dd>"))

            let other = try await world.sent(barrier: "depression")
            _ = try await partner.get("/partner/inbox")
            #expect(try await partner.post("/referrals/\(other.id)/actions", [
                ("action", "waitlist"), ("version", "1"), ("expected_wait", "not_known"),
            ]).status == .seeOther)
            #expect(try await partner.get("/referrals/\(other.id)").html.contains("<dt>Expected wait</dt><dd>not known</dd>"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aFirstServiceBeforeTheIntakeIsConfirmedOnTheWay(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let sent = try await world.sent()
            let partnerUser = world.users["partner"]!
            _ = try await world.referrals.apply(ReferralCommand(.accept), toReferral: sent.id, expectedVersion: 1, by: partnerUser, now: WebWorld.now)
            _ = try await world.referrals.apply(ReferralCommand(.schedule, intakeDate: CalendarDate("2026-11-30")), toReferral: sent.id,
                                                expectedVersion: 2, by: partnerUser, now: WebWorld.now)
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            _ = try await partner.get("/partner/inbox")
            let asked = try await partner.post("/referrals/\(sent.id)/actions", [
                ("action", "confirm_connection"), ("version", "3"), ("first_service_date", "2026-11-23"), ("confirmed_by", "family"),
                ("note", "came early"), ("return_to", "/partner/inbox"),
            ])
            #expect(asked.status == .unprocessableContent)
            #expect(asked.html.contains("The intake was scheduled for 2026-11-30; record a first service on 2026-11-23 anyway?"))
            #expect(asked.html.contains(#"<input type="hidden" name="before_intake_confirmed" value="yes">"#))
            #expect(asked.html.contains(#"<input type="hidden" name="confirmed_by" value="family">"#))
            #expect(try await world.referrals.referral(id: sent.id, visibleTo: partnerUser)?.state == .scheduled, "nothing recorded before the answer")

            let yes = try await partner.post("/referrals/\(sent.id)/actions", [
                ("action", "confirm_connection"), ("version", "3"), ("first_service_date", "2026-11-23"), ("confirmed_by", "family"),
                ("note", "came early"), ("before_intake_confirmed", "yes"), ("return_to", "/partner/inbox"),
            ])
            #expect(yes.status == .seeOther && yes.location == "/partner/inbox?notice=confirm_connection")
            let connected = try #require(try await world.referrals.referral(id: sent.id, visibleTo: partnerUser))
            #expect(connected.state == .connected && connected.history.firstServiceDate?.description == "2026-11-23")
            #expect(connected.history.confirmedBy == .family && connected.events.last?.note == "came early")
        }
    }

    @Test(arguments: TestBackend.available)
    func peopleEditTheirOwnProfileAndAnAdminAnyones(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let form = try await coordinator.get("/account/profile")
            #expect(form.status == .ok && form.html.contains(#"name="phone""#))
            let saved = try await coordinator.post("/account/profile", [("name", "  Dana  Okafor "), ("phone", "515-555-0123")])
            #expect(saved.status == .seeOther && saved.location == "/account/profile?notice=saved")
            let shown = try await coordinator.get(saved.location!)
            #expect(shown.html.contains("Profile saved.") && shown.html.contains(#"value="Dana Okafor""#) && shown.html.contains(#"value="515-555-0123""#))
            let bad = try await coordinator.post("/account/profile", [("name", "Dana"), ("phone", "call the office")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("Not saved: ") && bad.html.contains(#"value="call the office""#), "what was typed stays")
            #expect(try await world.fixture.accounts.profile(userID: world.users["coordinator"]!.id)?.phone == "515-555-0123")
            // Only an admin uses the admin page's form.
            #expect(try await coordinator.post("/admin/users/\(world.users["partner"]!.id)/profile", [("name", "X")]).status == .forbidden)

            let admin = PageBrowser(client)
            _ = try await admin.login(world.email("admin"))
            let partnerID = world.users["partner"]!.id
            let page = try await admin.get("/admin/users/\(partnerID)")
            #expect(page.html.contains("<dt>Phone</dt><dd>no phone listed</dd>"))
            let set = try await admin.post("/admin/users/\(partnerID)/profile", [("name", "Lee Park"), ("phone", "")])
            #expect(set.status == .seeOther)
            let after = try await admin.get(set.location!)
            #expect(after.html.contains("<dt>Name</dt><dd>Lee Park</dd>") && after.html.contains("Profile saved"))
            #expect(try await admin.get("/admin/users").html.contains("<td>Lee Park</td>"))
            let refused = try await admin.post("/admin/users/\(partnerID)/profile", [("name", "Lee Park"), ("phone", "12")])
            #expect(refused.status == .unprocessableContent && refused.html.contains(#"value="12""#))
        }
    }
}

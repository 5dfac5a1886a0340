import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Storage
import Testing
import TestSupport

/// Where the JSON API and the pages used to answer the same request differently: each test asks
/// both, and both must now give the one answer the use case decides (see docs/ARCHITECTURE.md).
@Suite("API and pages agree")
struct FrontEndAgreementTests {
    /// An API token for one of the web world's users' roles and scopes.
    static func token(_ world: WebWorld, role: Role, organizationID: String? = nil, schoolIDs: [String] = []) async throws -> String {
        try await AccountStore(database: world.store.database).addUser(
            email: "api-\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.org", role: role, organizationID: organizationID,
            schoolIDs: schoolIDs).token
    }

    static func patch(_ client: any TestClientProtocol, _ world: WebWorld, token: String, _ body: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/services/\(world.serviceID)/availability", method: .patch,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body)) { $0 }
    }

    static func enrollment(_ world: WebWorld) async throws -> Enrollment {
        try #require(try await world.store.service(id: world.serviceID)).enrollment
    }

    @Test(arguments: TestBackend.available)
    func testOtherOrganizationsServiceIsForbiddenOnApiAndWeb(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let before = try await Self.enrollment(world)
            let otherPartner = try await Self.token(world, role: .partner, organizationID: world.otherOrganizationID)
            let api = try await Self.patch(client, world, token: otherPartner, #"{"enrollment": "closed"}"#)
            #expect(api.status == .forbidden)
            #expect(try json(api)["code"] as? String == "forbidden")

            let page = PageBrowser(client)
            _ = try await page.login(world.email("other_partner"))
            _ = try await page.get("/partner/services")
            let web = try await page.post("/partner/services/\(world.serviceID)/availability", [("enrollment", "closed")])
            #expect(web.status == .forbidden)
            #expect(web.html.contains("belongs to another organization"), "the page says why, as the problem's detail does")
            #expect(try await Self.enrollment(world) == before, "nothing was written by either")

            // A service that does not exist is still "not found" on both.
            #expect(try await client.execute(
                uri: "/api/v1/services/nowhere:1/availability", method: .patch,
                headers: [.authorization: "Bearer \(otherPartner)", .contentType: "application/json"],
                body: ByteBuffer(string: "{}")) { $0 }.status == .notFound)
            #expect(try await page.post("/partner/services/nowhere:1/availability", [("enrollment", "closed")]).status == .notFound)
        }
    }

    @Test(arguments: TestBackend.available)
    func testAvailabilityKeepsWhatIsNotSentAndClearsWhatIsSentEmptyOnApiAndWeb(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let partner = try await Self.token(world, role: .partner, organizationID: world.organizationID)
            let page = PageBrowser(client)
            _ = try await page.login(world.email("partner"))
            _ = try await page.get("/partner/services")
            let uri = "/partner/services/\(world.serviceID)/availability"

            // API: keys left out are kept.
            #expect(try await Self.patch(client, world, token: partner, #"{"enrollment": "waitlist", "waitlist_weeks": 4, "capacity": 2}"#).status == .ok)
            #expect(try await Self.patch(client, world, token: partner, #"{"enrollment": "waitlist"}"#).status == .ok)
            #expect(try await Self.enrollment(world).waitlistWeeks == 4)
            #expect(try await Self.enrollment(world).capacity == 2)
            // Web: a form without those inputs keeps them too (it used to clear them).
            #expect(try await page.post(uri, [("enrollment", "waitlist")]).status == .seeOther)
            #expect(try await Self.enrollment(world).waitlistWeeks == 4)
            #expect(try await Self.enrollment(world).capacity == 2)

            // Web: the real form's inputs left blank clear them; API: null clears them.
            #expect(try await page.post(uri, [("enrollment", "waitlist"), ("waitlist_weeks", ""), ("capacity", "")]).status == .seeOther)
            #expect(try await Self.enrollment(world).waitlistWeeks == nil)
            #expect(try await Self.enrollment(world).capacity == nil)
            #expect(try await Self.patch(client, world, token: partner, #"{"waitlist_weeks": 5, "capacity": 1}"#).status == .ok)
            #expect(try await Self.patch(client, world, token: partner, #"{"waitlist_weeks": null, "capacity": null}"#).status == .ok)
            #expect(try await Self.enrollment(world) == Enrollment(status: .waitlist, intakeMethods: try await Self.enrollment(world).intakeMethods))

            // Intake methods: the API keeps them unless sent; the real form lists its checkboxes, so
            // unticking them all clears them, while a form without them keeps them.
            #expect(try await Self.patch(client, world, token: partner, #"{"intake_methods": ["phone", "online"]}"#).status == .ok)
            let form = try await page.get("/partner/services")
            #expect(form.html.contains(#"name="intake_methods_listed" value="yes""#))
            #expect(try await page.post(uri, [("enrollment", "waitlist")]).status == .seeOther)
            #expect(try await Self.enrollment(world).intakeMethods == [.online, .phone].sorted())
            #expect(try await page.post(uri, [("enrollment", "waitlist"), ("intake_methods_listed", "yes")]).status == .seeOther)
            #expect(try await Self.enrollment(world).intakeMethods.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func testWaitlistWeeksBesideAnotherStatusAreDroppedOnApiAndWeb(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let partner = try await Self.token(world, role: .partner, organizationID: world.organizationID)
            let api = try await Self.patch(client, world, token: partner, #"{"enrollment": "open", "waitlist_weeks": 3}"#)
            #expect(api.status == .ok)
            #expect((try json(api)["enrollment"] as? [String: Any])?["waitlist_weeks"] == nil)
            #expect(try await Self.enrollment(world).waitlistWeeks == nil)

            let page = PageBrowser(client)
            _ = try await page.login(world.email("partner"))
            _ = try await page.get("/partner/services")
            let web = try await page.post("/partner/services/\(world.serviceID)/availability", [("enrollment", "open"), ("waitlist_weeks", "3")])
            #expect(web.status == .seeOther)
            #expect(try await Self.enrollment(world).waitlistWeeks == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func testMatchesOnApiAndWebAreJudgedAtTheClockAndBothRecordTheirGaps(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let api = try await client.execute(
                uri: "/api/v1/match", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"barriers": ["career_readiness", "bullying"], "tier": 1, "age": 0}"#)) { $0 }
            #expect(api.status == .ok)
            let apiGaps = try #require(try json(api)["gaps"] as? [[String: Any]])
            #expect(!apiGaps.isEmpty)

            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let page = try await coordinator.get("/coordinator/match?barrier=career_readiness&barrier=bullying&tier=1&age=0")
            #expect(page.status == .ok)

            // The gaps report flushes the recorder: each front end's match counted once, at the application's clock.
            let district = try await Self.token(world, role: .district)
            let report = try await client.execute(
                uri: "/api/v1/reports/gaps?from=2026-08-01&to=2026-12-01", method: .get, headers: [.authorization: "Bearer \(district)"]) { $0 }
            #expect(report.status == .ok)
            let tallies = try await ReportStore(database: world.store.database).matchGaps(from: .distantPast, to: .distantFuture)
            #expect(Set(tallies.map(\.barrier)) == Set(apiGaps.compactMap { $0["barrier"] as? String }))
            #expect(tallies.allSatisfy { $0.occurrences == 2 }, "\(tallies)")
            #expect(tallies.allSatisfy { $0.lastSeen == WebWorld.now }, "\(tallies.map(\.lastSeen))")
        }
    }

    @Test(arguments: TestBackend.available)
    func testConsentDayAndWhoGaveItAreJudgedAlikeOnApiAndWeb(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinator = try await Self.token(world, role: .coordinator, schoolIDs: [world.schoolID])
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/students/\(world.studentID)/consents", method: .post,
                    headers: [.authorization: "Bearer \(coordinator)", .contentType: "application/json"], body: ByteBuffer(string: body)) { $0 }
            }
            let organization = world.otherOrganizationID
            // The API can now record consent given on paper on an earlier day; left out, it is today.
            let earlier = try await post(#"{"organization_ids": ["\#(organization)"], "given_by": "father", "method": "written", "shared_fields": ["grade"], "given_on": "2026-11-20"}"#)
            #expect(earlier.status == .created, "\(String(buffer: earlier.body))")
            #expect(try json(earlier)["given_on"] as? String == "2026-11-20")
            let today = try await post(#"{"organization_ids": ["\#(organization)"], "given_by": "father", "method": "written", "shared_fields": []}"#)
            #expect(try json(today)["given_on"] as? String == "2026-11-23")
            // Who gave it must be said, on both (the API used to store a blank).
            let nobody = try await post(#"{"organization_ids": ["\#(organization)"], "given_by": " ", "method": "written", "shared_fields": []}"#)
            #expect(nobody.status == .unprocessableContent)
            #expect(try json(nobody)["parameter"] as? String == "given_by")
            let future = try await post(#"{"organization_ids": ["\#(organization)"], "given_by": "father", "method": "written", "shared_fields": [], "given_on": "2026-12-01"}"#)
            #expect(future.status == .unprocessableContent)

            let page = PageBrowser(client)
            _ = try await page.login(world.email("coordinator"))
            _ = try await page.get("/coordinator/students/\(world.studentID)")
            let uri = "/coordinator/students/\(world.studentID)/consents"
            let blank = try await page.post(uri, [
                ("organization_id", organization), ("consent_given_by", ""), ("consent_method", "written"), ("consent_given_on", "2026-11-20"),
            ])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.html.contains("say who gave consent"))
            let futureOnWeb = try await page.post(uri, [
                ("organization_id", organization), ("consent_given_by", "father"), ("consent_method", "written"), ("consent_given_on", "2026-12-01"),
            ])
            #expect(futureOnWeb.status == .unprocessableContent)
            #expect(try await page.post(uri, [
                ("organization_id", organization), ("consent_given_by", "father"), ("consent_method", "written"), ("consent_given_on", "2026-11-20"),
            ]).status == .seeOther)
            let stored = try await world.referrals.consents(studentID: world.studentID).filter { $0.consent.organizationIDs == [organization] }
            #expect(stored.map(\.consent.givenOn.description) == ["2026-11-20", "2026-11-23", "2026-11-20"])
        }
    }

    @Test(arguments: TestBackend.available)
    func testOverlongNotesAreRefusedOnApiAndWeb(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let long = String(repeating: "a", count: 2001)
            let coordinator = try await Self.token(world, role: .coordinator, schoolIDs: [world.schoolID])
            let api = try await client.execute(
                uri: "/api/v1/referrals", method: .post, headers: [.authorization: "Bearer \(coordinator)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"student_id": "\#(world.studentID)", "service_id": "\#(world.serviceID)", "barrier": "anxiety", "note": "\#(long)"}"#)) { $0 }
            #expect(api.status == .unprocessableContent)
            #expect(try json(api)["parameter"] as? String == "note")

            let page = PageBrowser(client)
            _ = try await page.login(world.email("coordinator"))
            _ = try await page.get("/coordinator/referrals/new?service=\(world.serviceID)&student=\(world.studentID)")
            let web = try await page.post("/coordinator/referrals", [
                ("student_id", world.studentID), ("service_id", world.serviceID), ("barrier", "anxiety"), ("tier", "2"), ("note", long),
            ])
            #expect(web.status == .unprocessableContent, "the pages used to cut the note to 2000 characters and save it")
            #expect(web.html.contains("keep it to 2000"))
            #expect(try await world.referrals.referrals(ReferralFilter(), visibleTo: world.users["coordinator"]!, now: WebWorld.now).isEmpty)

            // An action's note is held to the same limit.
            let draft = try await world.draft()
            let action = try await page.post("/referrals/\(draft.id)/actions", [("action", "cancel"), ("confirm", "yes"), ("version", "0"), ("note", long)])
            #expect(action.status == .unprocessableContent)
            #expect(action.html.contains("keep it to 2000"))
            #expect(try await world.referrals.referral(id: draft.id, visibleTo: world.users["admin"]!)?.state == .draft)
        }
    }

    @Test(arguments: TestBackend.available)
    func testAdminsReadThePartnerInboxOnApiAndWebInOneOrder(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let older = try await world.sent(barrier: "anxiety")
            let newer = try await world.sent(barrier: "depression")
            _ = try await world.referrals.apply(ReferralCommand(.accept), toReferral: older.id, expectedVersion: 1, by: world.users["partner"]!,
                                                now: WebWorld.now)
            for role in [Role.admin, .partner] {
                let token = try await Self.token(world, role: role, organizationID: role == .partner ? world.organizationID : nil)
                let inbox = try await client.execute(uri: "/api/v1/partner/referrals", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }
                #expect(inbox.status == .ok, "\(role)")
                #expect(try items(inbox).compactMap { $0["id"] as? String } == [newer.id, older.id], "waiting for an answer first (\(role))")
            }
            let page = PageBrowser(client)
            _ = try await page.login(world.email("admin"))
            let html = try await page.get("/partner/inbox")
            #expect(html.status == .ok)
            let newerAt = try #require(html.html.range(of: "/referrals/\(newer.id)"))
            let olderAt = try #require(html.html.range(of: "/referrals/\(older.id)"))
            #expect(newerAt.lowerBound < olderAt.lowerBound)
        }
    }

    /// The API's `?overdue=true` and `/followups` list the longest overdue first, as the CLI's `--overdue` (CLITests).
    @Test(arguments: TestBackend.available)
    func testOverdueListsAreLongestOverdueFirstOnApiAndWeb(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinator = world.users["coordinator"]!
            let earlier = WebWorld.now.addingTimeInterval(-60 * 86_400)
            _ = try await world.referrals.addConsent(
                Consent(organizationIDs: [world.organizationID], givenBy: "mother", method: .written, sharedFields: [], givenOn: CalendarDate(earlier)),
                studentID: world.studentID, by: coordinator, now: earlier)
            var sent: [String] = []
            for (days, barrier) in [(40, "anxiety"), (20, "depression")] {
                let at = WebWorld.now.addingTimeInterval(-Double(days) * 86_400)
                let draft = try await world.referrals.createReferral(
                    NewReferral(studentID: world.studentID, serviceID: world.serviceID, barrier: barrier,
                                duplicateReason: ReferralFixture.repeatReason), by: coordinator, now: at)
                _ = try await world.referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinator, now: at)
                sent.append(draft.id)
            }
            let token = try await Self.token(world, role: .coordinator, schoolIDs: [world.schoolID])
            func ids(_ uri: String) async throws -> [String] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }
                #expect(response.status == .ok)
                return try items(response).compactMap { ($0["id"] as? String) ?? (($0["referral"] as? [String: Any])?["id"] as? String) }
            }
            #expect(try await ids("/api/v1/referrals?overdue=true") == sent)
            #expect(try await ids("/api/v1/referrals?overdue=true&limit=1") == [sent[0]])
            #expect(try await ids("/api/v1/followups") == sent)

            let page = PageBrowser(client)
            _ = try await page.login(world.email("coordinator"))
            let html = try await page.get("/coordinator/followups").html
            let first = try #require(html.range(of: "/referrals/\(sent[0])")), second = try #require(html.range(of: "/referrals/\(sent[1])"))
            #expect(first.lowerBound < second.lowerBound)
        }
    }

    @Test func testOverlongKeywordsAndARadiusWithoutAPlaceAreRefusedOnApiAndWeb() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let long = String(repeating: "k", count: 201)
            let api = try await client.get("/api/v1/services?q=\(long)")
            #expect(api.status == .badRequest)
            #expect(try json(api)["parameter"] as? String == "q")
            let radius = try await client.get("/api/v1/services?radius_km=5")
            #expect(try json(radius)["parameter"] as? String == "radius_km")

            let page = PageBrowser(client)
            _ = try await page.login(world.email("coordinator"))
            let web = try await page.get("/coordinator/services?q=\(long)")
            #expect(web.html.contains("Check the filters: the keyword is longer than 200 characters."), "the page used to cut it to 200")
            #expect(web.html.contains("Results (0)"))
            let webRadius = try await page.get("/coordinator/services?radius_km=5")
            #expect(webRadius.html.contains("a radius needs a place to measure from"), "the page used to ignore it")
        }
    }

    /// Values outside a vocabulary: the API refuses them; the pages used to drop them silently and go on.
    @Test func testUnknownVocabularyValuesAreRefusedOnApiAndWeb() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let api = try await client.execute(
                uri: "/api/v1/match", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"barriers": ["anxiety"], "tier": 2, "insurance": "gold"}"#)) { $0 }
            #expect(api.status == .badRequest)
            let coordinator = try await Self.token(world, role: .coordinator, schoolIDs: [world.schoolID])
            let student = try await client.execute(
                uri: "/api/v1/students", method: .post, headers: [.authorization: "Bearer \(coordinator)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"district_student_id": "S-5001", "school_id": "\#(world.schoolID)", "groups": ["astronaut"]}"#)) { $0 }
            #expect(student.status == .badRequest)

            let page = PageBrowser(client)
            _ = try await page.login(world.email("coordinator"))
            let match = try await page.get("/coordinator/match?barrier=anxiety&tier=2&insurance=gold")
            #expect(match.html.contains("&#39;gold&#39; is not a valid insurance") || match.html.contains("'gold' is not a valid insurance"))
            #expect(!match.html.contains("<h2>Suggestions</h2>"))
            _ = try await page.get("/coordinator/students/new")
            let registered = try await page.post("/coordinator/students", [
                ("district_student_id", "S-5001"), ("school_id", world.schoolID), ("group", "astronaut"),
            ])
            #expect(registered.status == .unprocessableContent)
            #expect(try await world.referrals.students(visibleTo: world.users["coordinator"]!, districtIDPrefix: "S-5001").isEmpty)
        }
    }

    /// A refused referral action has the same status on the page as on the API (the page answered 422 to all).
    @Test func testRefusedActionsHaveOneStatusOnApiAndWeb() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let referral = try await world.sent()
            let coordinator = try await Self.token(world, role: .coordinator, schoolIDs: [world.schoolID])
            // A coordinator may not accept for the partner: 403. Sending again is not allowed from referred: 409.
            for (action, status) in [("accept", HTTPResponse.Status.forbidden), ("send", .conflict)] {
                let api = try await client.execute(
                    uri: "/api/v1/referrals/\(referral.id)/events", method: .post,
                    headers: [.authorization: "Bearer \(coordinator)", .contentType: "application/json", .ifMatch: "\"1\""],
                    body: ByteBuffer(string: #"{"action": "\#(action)"}"#)) { $0 }
                #expect(api.status == status, "API \(action)")
                let page = PageBrowser(client)
                _ = try await page.login(world.email("coordinator"))
                _ = try await page.get("/referrals/\(referral.id)")
                let web = try await page.post("/referrals/\(referral.id)/actions", [("action", action), ("version", "1")])
                #expect(web.status == status, "page \(action)")
                #expect(web.html.contains("Nothing was changed"))
            }
        }
    }
}

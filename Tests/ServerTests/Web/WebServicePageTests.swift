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
import Workflows

/// The service page, the family handout and the short text (issue 22, item 1): every fact a family
/// needs, "not listed — ask" for what the agency does not say, escaped, and linked from search,
/// match, referral and inbox pages.
@Suite("Web pages: a page for every service")
struct WebServicePageTests {
    static let verified = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    /// A service that states every fact, at one site with an address and coordinates.
    static func stated(organizationID: String) -> DirectorySnapshot {
        let provenance = Provenance(source: "county", externalID: "full", lastVerifiedAt: verified)
        let service = Service(
            id: "county:full", organizationID: organizationID, name: "Teen <Counseling> & Care",
            description: "Counseling for teens <b>and</b> families.", url: "javascript:alert(1)", email: "intake@care.example",
            domains: [.socialEmotional], intensity: .earlyIntervention, ages: AgeRange(min: 12, max: 18),
            settings: [.community, .virtual], transportation: .transitAccessible,
            languages: [LanguageCode(rawValue: "es")!], interpreterAvailable: true,
            cost: Cost(kind: .slidingScale, insurance: [.medicaid]),
            enrollment: Enrollment(status: .waitlist, waitlistWeeks: 1, intakeMethods: [.phone, .walkIn]),
            hours: Weekday.allCases.filter { !$0.isWeekend }.map { OpeningHours(weekday: $0, opens: TimeOfDay(hour: 9)!, closes: TimeOfDay(hour: 17)!) }
                + [OpeningHours(weekday: .saturday, opens: TimeOfDay(hour: 10)!, closes: TimeOfDay(hour: 14)!)],
            serviceArea: ServiceArea(postalCodes: ["02118", "02119"]),
            phones: [Phone(number: "617-555-0100")], provenance: provenance)
        let site = Location(
            id: "county:full-site", organizationID: organizationID, name: "Main office",
            address: Address(address1: "12 Elm St", city: "Boston", region: "MA", postalCode: "02118"),
            coordinates: Coordinates(lat: 42.34, lon: -71.07), coordinatesPrecision: .stated, provenance: provenance)
        return DirectorySnapshot(locations: [site], services: [service],
                                 servicesAtLocation: [ServiceAtLocation(id: "county:full-at", serviceID: service.id, locationID: site.id)])
    }

    @Test(arguments: TestBackend.available)
    func theServicePageShowsEveryFactEscapedAndIsPublic(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await world.store.save(Self.stated(organizationID: world.organizationID))
            // No sign-in: the directory is public, as the catalog API is.
            let page = try await PageBrowser(client).get("/services/county:full")
            #expect(page.status == .ok)
            let html = page.html
            #expect(html.contains("<h1>Teen &lt;Counseling&gt; &amp; Care</h1>"))
            #expect(html.contains("Counseling for teens &lt;b&gt;and&lt;/b&gt; families."))
            #expect(!html.contains("<b>and</b>") && !html.contains("<Counseling>"))
            #expect(html.contains("12 Elm St, Boston, MA 02118"))
            #expect(html.contains(#"href="https://www.openstreetmap.org/?mlat=42.34000&amp;mlon=-71.07000#map=17/42.34000/-71.07000""#))
            #expect(html.contains(#"<a href="tel:6175550100">617-555-0100</a>"#))
            #expect(html.contains("Mon–Fri 09:00–17:00; Sat 10:00–14:00"))
            #expect(html.contains("<dt>How to apply</dt><dd>Call, walk in</dd>"))
            #expect(html.contains("Ages 12 to 18 years; Area served: ZIP codes 02118, 02119"))
            #expect(html.contains("Spanish (interpreter available)"))
            #expect(html.contains("Sliding scale; accepts Medicaid"))
            // "1 week", not "1 weeks".
            #expect(html.contains("Waitlist, about 1 week<") && !html.contains("1 weeks"))
            #expect(html.contains("<dt>Last checked by the agency</dt><dd>2026-09-21</dd>"))
            // A feed's javascript: URL is shown, never linked.
            #expect(!html.contains(#"href="javascript:"#))
            #expect(html.contains(#"href="mailto:intake@care.example""#))
            #expect(html.contains(#"href="/services/county:full/handout""#) && html.contains(#"href="/services/county:full/text""#))
            // Anonymous readers get no "refer" link; a coordinator does.
            #expect(!html.contains("/coordinator/referrals/new"))
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let signedIn = try await coordinator.get("/services/county:full")
            #expect(signedIn.html.contains(#"href="/coordinator/referrals/new?service=county:full""#))
            #expect(signedIn.html.contains(#"<nav aria-label="Main">"#))
        }
    }

    @Test func aServiceThatStatesNothingSaysNotListedForEachFact() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            try await world.store.save(DirectorySnapshot(services: [WebNotStatedTests.blank(organizationID: world.organizationID)]))
            let page = try await PageBrowser(client).get("/services/county:quiet")
            #expect(page.status == .ok)
            for fact in ["Hours", "How to apply", "Who can go", "Languages", "Cost", "Availability", "Where it happens",
                         "Transportation", "Last checked by the agency"] {
                #expect(page.html.contains("<dt>\(fact)</dt><dd class=\"not-listed\">not listed — ask</dd>"), "\(fact)")
            }
            #expect(page.html.contains("<p>not listed — ask</p>"))
            #expect(!page.html.contains("<dd>Free</dd>") && !page.html.contains("<dd>Open</dd>"))
            let text = try await PageBrowser(client).get("/services/county:quiet/text")
            #expect(text.html.contains("Hours: not listed — ask"))
            // Once: the text read "Cost: Cost not listed — ask".
            #expect(text.html.contains("Cost: not listed — ask"))
        }
    }

    @Test func theHandoutIsOnePrintablePageWithoutNavigation() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            try await world.store.save(Self.stated(organizationID: world.organizationID))
            let browser = PageBrowser(client)
            _ = try await browser.login(world.email("coordinator"))
            let handout = try await browser.get("/services/county:full/handout")
            #expect(handout.status == .ok)
            #expect(handout.headers[.contentType] == "text/html; charset=utf-8")
            #expect(handout.html.contains(#"<html lang="en">"#) && handout.html.contains(#"<body class="handout">"#))
            #expect(!handout.html.contains("<nav") && !handout.html.contains("Sign out"))
            #expect(handout.html.contains("<h1>Teen &lt;Counseling&gt; &amp; Care</h1>"))
            #expect(handout.html.contains("12 Elm St, Boston, MA 02118") && handout.html.contains("617-555-0100"))
            #expect(handout.html.contains(#"<p class="no-print"><a href="/services/county:full">"#))
            let css = try await browser.get("/static/closeloop.css")
            #expect(css.html.contains("@media print"))
            #expect(css.html.contains(".site-header, footer, .skip-link, .no-print, nav, form { display: none !important; }"))
        }
    }

    @Test func theShortTextIsPlainAndUnder600Characters() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            var snapshot = Self.stated(organizationID: world.organizationID)
            let text = try await PageBrowser(client).get("/services/county:full/text")
            #expect(text.status == .notFound)
            try await world.store.save(snapshot)
            let short = try await PageBrowser(client).get("/services/county:full/text")
            #expect(short.status == .ok)
            #expect(short.headers[.contentType] == "text/plain; charset=utf-8")
            let body = short.html
            #expect(body.hasPrefix("Teen <Counseling> & Care — "))
            #expect(body.contains("Address: 12 Elm St, Boston, MA 02118\nPhone: 617-555-0100\nHours: Mon–Fri 09:00–17:00; Sat 10:00–14:00\n"))
            #expect(body.contains("How to apply: Call, walk in") && body.contains("Availability: Waitlist, about 1 week"))
            #expect(body.count <= 601)
            // A name of 1000 characters is cut, and the text still holds 600 at most.
            snapshot.services[0].name = String(repeating: "Long name ", count: 100)
            try await world.store.save(snapshot)
            let cut = try await PageBrowser(client).get("/services/county:full/text").html
            #expect(cut.trimmingCharacters(in: .newlines).count <= 600)
            #expect(cut.contains("…"))
            // The service page shows the same text to copy.
            let page = try await PageBrowser(client).get("/services/county:full")
            #expect(page.html.contains(#"<pre class="message">"#))
        }
    }

    @Test func anUnknownServiceIsANotFoundPage() async throws {
        try await withWebWorld(.sqlite) { _, client async throws in
            for path in ["/services/no-such-service", "/services/no-such-service/handout", "/services/no-such-service/text"] {
                let page = try await PageBrowser(client).get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.html.contains("There is no service with id no-such-service"))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func searchMatchReferralAndInboxLinkToTheServicePage(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let link = #"href="/services/\#(world.serviceID)""#
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let service = try #require(try await world.store.service(id: world.serviceID))
            let search = try await coordinator.get("/coordinator/services?q=\(PageBrowser.encode([("", service.name)]).dropFirst())")
            #expect(search.html.contains(link), "search")
            let referral = try await world.sent()
            #expect(try await coordinator.get("/referrals/\(referral.id)").html.contains(link), "referral page")
            let match = try await coordinator.get("/coordinator/match?run=1&barrier=anxiety&tier=2")
            #expect(match.html.contains(#"href="/services/"#), "match")
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            #expect(try await partner.get("/partner/inbox").html.contains(link), "inbox")
        }
    }
}

/// Item 6's page fixes: Match jumps to its results and refuses an empty profile, Cancel asks for
/// confirmation, and pages say words instead of codes.
@Suite("Web pages: fixes for real use")
struct WebPageFixTests {
    @Test func matchJumpsToItsResultsAndRefusesNoBarrier() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let form = try await coordinator.get("/coordinator/match")
            #expect(form.html.contains(#"action="/coordinator/match#results""#))
            #expect(!form.html.contains(#"role="alert""#))
            // A student link only fills the form in; a submitted form without a barrier is an error.
            #expect(!(try await coordinator.get("/coordinator/match?student=\(world.studentID)")).html.contains(#"role="alert""#))
            let empty = try await coordinator.get("/coordinator/match?run=1&tier=2")
            #expect(empty.html.contains("The profile cannot be matched: choose at least one barrier."))
            let ran = try await coordinator.get("/coordinator/match?run=1&barrier=anxiety&tier=2")
            #expect(ran.html.contains(#"<h2 id="results" tabindex="-1">Suggestions</h2>"#))
        }
    }

    @Test func findServicesNearASchoolListsTheNearestFirst() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let page = try await coordinator.get("/coordinator/services?near_school=\(world.schoolID)&radius_km=25")
            #expect(page.status == .ok)
            #expect(page.html.contains("Nearest first."))
            // The distances as the cards show them, in page order.
            let distances = page.html.components(separatedBy: "<dt>Distance</dt><dd>").dropFirst()
                .compactMap { Double($0.prefix { $0 != " " }) }
            #expect(distances.count > 2)
            #expect(distances == distances.sorted())
            if page.html.contains("Next page of results") {
                #expect(page.html.contains("from=25"))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func cancelAsksForConfirmation(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let page = try await coordinator.get("/referrals/\(referral.id)")
            #expect(page.html.contains(#"name="confirm" value="yes" required> Yes, cancel this referral"#))
            #expect(!page.html.contains("(version "))
            let unconfirmed = try await coordinator.post("/referrals/\(referral.id)/actions", [("action", "cancel"), ("version", "1")])
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.html.contains("Nothing was changed: tick “Yes, cancel this referral” to confirm."))
            #expect(try await world.referrals.referral(id: referral.id, visibleTo: world.users["admin"]!)?.state == .referred)
            let confirmed = try await coordinator.post("/referrals/\(referral.id)/actions", [("action", "cancel"), ("confirm", "yes"), ("version", "1")])
            #expect(confirmed.status == .seeOther)
            #expect(try await world.referrals.referral(id: referral.id, visibleTo: world.users["admin"]!)?.state == .cancelled)
        }
    }

    @Test func refusalsNameFieldsInWords() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let referral = try await world.sent()
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            _ = try await partner.get("/partner/inbox")
            _ = try await partner.post("/referrals/\(referral.id)/actions", [("action", "accept"), ("version", "1")])
            let noDate = try await partner.post("/referrals/\(referral.id)/actions", [("action", "schedule"), ("version", "2")])
            #expect(noDate.status == .unprocessableContent)
            #expect(noDate.html.contains("Nothing was changed: fill in the intake date."))
            #expect(!noDate.html.contains("intake_date</") && !noDate.html.contains("missing required fields"))
        }
    }
}

/// Item 7: a store with no users says how to create the first administrator.
@Suite("Web pages: first run")
struct WebFirstRunTests {
    @Test(arguments: TestBackend.available)
    func theLoginPageSaysHowToCreateTheFirstAdministratorUntilThereIsAUser(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            try await testApplication(store, clock: WebWorld.now).trackedTest(.router) { client async throws in
                let first = try await PageBrowser(client).get("/login")
                #expect(first.status == .ok)
                #expect(first.html.contains(#"<p class="notice" id="first-run">No one can sign in yet: this store has no users."#))
                #expect(first.html.contains("closeloop user add --role admin --email ADMIN_EMAIL --password-stdin &lt; password.txt"))
                _ = try await AccountStore(database: store.database).addUser(
                    email: "first@district.example", role: .admin, organizationID: nil, schoolIDs: [], password: WebWorld.password)
                let later = try await PageBrowser(client).get("/login")
                #expect(!later.html.contains("first-run"))
            }
        }
    }

    @Test func theInstructionsNameTheRealCommand() {
        // `closeloop user add` reads a password with --password-stdin; there is no --password option.
        #expect(FirstRun.command.hasPrefix("closeloop user add --role admin"))
        #expect(FirstRun.command.contains("--password-stdin") && !FirstRun.command.contains("--password "))
    }
}

/// Issue 22, item 6: the coordinator's list of all referrals, and the partner's inbox search and pages.
@Suite("Web pages: referral lists")
struct WebReferralListTests {
    @Test(arguments: TestBackend.available)
    func aCoordinatorListsEveryReferralFilteredByState(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let sent = try await world.sent(barrier: "anxiety")
            let draft = try await world.draft(barrier: "depression")
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let all = try await coordinator.get("/coordinator/referrals")
            #expect(all.status == .ok)
            #expect(all.html.contains(#"<a href="/coordinator/referrals" aria-current="page">Referrals</a>"#))
            #expect(all.html.contains("/referrals/\(sent.id)") && all.html.contains("/referrals/\(draft.id)"))
            #expect(all.html.contains(#"<h2 id="list">2 referrals</h2>"#))
            let referred = try await coordinator.get("/coordinator/referrals?state=referred")
            #expect(referred.html.contains("/referrals/\(sent.id)") && !referred.html.contains("/referrals/\(draft.id)"))
            #expect(referred.html.contains(#"value="referred" checked"#))
            #expect(referred.html.contains(#"<h2 id="list">1 referral</h2>"#))
            let bad = try await coordinator.get("/coordinator/referrals?state=lost")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("&#39;lost&#39; is not a referral state") || bad.html.contains("'lost' is not a referral state"))
            // Partners and district staff do not get it.
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            #expect(try await partner.get("/coordinator/referrals").status == .forbidden)
        }
    }

    @Test func thePartnerInboxSearchesAndPages() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            var ids: [String] = []
            for _ in 0..<23 { ids.append(try await world.sent(barrier: "anxiety").id) }
            let other = try await world.sent(barrier: "depression")
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            let first = try await partner.get("/partner/inbox")
            #expect(first.html.contains("Referrals 1–20 of 24"))
            #expect(first.html.contains("Referral number "))
            #expect(first.html.contains(#"<a href="/partner/inbox?page=2">Next page</a>"#))
            let second = try await partner.get("/partner/inbox?page=2")
            #expect(second.html.contains("Referrals 21–24 of 24") && second.html.contains(#"href="/partner/inbox">Previous page"#) == false)
            #expect(second.html.contains("Previous page"))
            // Search by referral number: one card.
            let found = try await partner.get("/partner/inbox?q=\(other.id)")
            #expect(found.html.contains("Referrals 1–1 of 1") && found.html.contains("/referrals/\(other.id)"))
            #expect(found.html.contains(#"name="q" value="\#(other.id)""#))
            let none = try await partner.get("/partner/inbox?q=nothing-like-this")
            #expect(none.html.contains("No referrals here."))
        }
    }
}

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

@Suite("Web pages: district dashboard")
struct WebDashboardTests {
    /// Twelve students sent one referral each, ten connected 3 days later: the figures show those
    /// numbers, the charts draw them, and an eleventh connection moves them (all in October: the month in progress is not counted).
    @Test(arguments: TestBackend.available)
    func theDashboardShowsTheReportAndMovesWithANewConnection(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinator = world.users["coordinator"]!, partner = world.users["partner"]!
            // Sent in October: reports count months that are over, and November is in progress.
            let sentAt = WebWorld.now.addingTimeInterval(-40 * 86_400)
            func sentReferral(_ index: Int) async throws {
                let student = try await world.referrals.createStudent(
                    NewStudent(districtStudentID: "D-\(index)", schoolID: world.schoolID), by: coordinator, now: sentAt)
                _ = try await world.referrals.addConsent(
                    Consent(organizationIDs: [world.organizationID], givenBy: "parent", method: .written, sharedFields: [],
                            givenOn: CalendarDate(sentAt)), studentID: student.id, by: coordinator, now: sentAt)
                let draft = try await world.referrals.createReferral(
                    NewReferral(studentID: student.id, serviceID: world.serviceID, barrier: "anxiety"), by: coordinator, now: sentAt)
                _ = try await world.referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinator, now: sentAt)
            }
            for index in 0..<12 { try await sentReferral(index) }
            // Ten of them: accepted the next day, connected on the third.
            let open = try await world.referrals.referrals(ReferralFilter(states: [.referred]), visibleTo: world.users["admin"]!)
            for (position, due) in open.enumerated() where position < 10 {
                let acceptedAt = sentAt.addingTimeInterval(86_400)
                _ = try await world.referrals.apply(ReferralCommand(.accept), toReferral: due.referral.id, expectedVersion: 1, by: partner, now: acceptedAt)
                let connectedAt = sentAt.addingTimeInterval(3 * 86_400)
                _ = try await world.referrals.apply(
                    ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate(connectedAt), confirmedBy: .partner),
                    toReferral: due.referral.id, expectedVersion: 2, by: partner, now: connectedAt)
            }

            let district = PageBrowser(client)
            _ = try await district.login(world.email("district"))
            let path = "/district?from=2026-10-01&through=2026-10-31"
            var page = try await district.get(path)
            #expect(page.status == .ok)
            #expect(page.html.contains(#"<li id="figure-sent"><span class="value">12</span> referrals sent</li>"#))
            #expect(page.html.contains(#"<li id="figure-connected"><span class="value">10</span> connections confirmed</li>"#))
            #expect(page.html.contains(#"<li id="figure-rate"><span class="value">83%</span>"#))
            #expect(page.html.contains(#"<li id="figure-median-days"><span class="value">3</span>"#))
            #expect(page.html.components(separatedBy: #"<svg class="chart""#).count - 1 == 5)
            // The funnel's connected bar is 10/12 of the 300 px sent bar; the 0–7 day bin holds all ten.
            #expect(page.html.contains(##"width="250" height="18" fill="#0b57d0"/><text x="476" y="129">10</text>"##))
            #expect(page.html.contains(#"<tr><th scope="row">0–7</th><td>10</td></tr>"#))
            #expect(page.html.contains(#"<tr><th scope="row">8–14</th><td>0</td></tr>"#))

            // One more connection through the pages (of an October referral) moves the figures.
            let sent = open[10].referral
            let partnerBrowser = PageBrowser(client)
            _ = try await partnerBrowser.login(world.email("partner"))
            _ = try await partnerBrowser.get("/partner/inbox")  // the session's CSRF token comes with a page
            #expect(try await partnerBrowser.post("/referrals/\(sent.id)/actions", [("action", "accept"), ("version", "1")]).status == .seeOther)
            _ = try await partnerBrowser.post("/referrals/\(sent.id)/actions", [
                ("action", "confirm_connection"), ("version", "2"), ("first_service_date", "2026-11-23"), ("confirmed_by", "partner"),
            ])
            page = try await district.get(path)
            #expect(page.html.contains(#"<li id="figure-sent"><span class="value">12</span>"#))
            #expect(page.html.contains(#"<li id="figure-connected"><span class="value">11</span>"#))
            #expect(page.html.contains(#"<li id="figure-rate"><span class="value">92%</span>"#))

            // A school with no referrals in the period: every cell is suppressed, nothing has a length.
            let empty = try await district.get("/district?from=2026-10-01&through=2026-10-31&school=\(try await world.store.schools()[1].id)")
            // In words on the page (issue 22, item 6); rates and times of hidden counts read "—".
            #expect(empty.html.contains(#"<li id="figure-sent"><span class="value">fewer than 10 (hidden for privacy)</span>"#))
            #expect(empty.html.contains(#"<li id="figure-rate"><span class="value">—</span>"#))
            #expect(!empty.html.contains(#"<td>&lt;10</td>"#))
            #expect(!empty.html.contains(#"<rect class="bar""#))
            #expect(empty.html.components(separatedBy: #"<rect class="suppressed""#).count - 1 == 6 + 6)  // funnel stages + day bins

            // An unknown school id is refused, not shown as a school without referrals.
            let unknown = try await district.get("/district?from=2026-10-01&through=2026-10-31&school=no-such-school")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.html.contains("There is no school with id “no-such-school”") && !unknown.html.contains("figure-sent"))
            #expect(try await district.get("/district/reports/connections.csv?from=2026-10-01&through=2026-10-31&school=no-such-school").status
                    == .badRequest)
            let csv = try await district.get("/district/reports/connections.csv?from=2026-10-01&through=2026-10-31&group_by=school")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="closeloop-connections-by-school-2026-10-01-to-2026-10-31.csv""#)
            let lines = csv.html.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasPrefix("group_key,group_label,sent,accepted,") == true)
            #expect(lines.last?.hasPrefix(",Total,12,") == true)

            let coordinatorBrowser = PageBrowser(client)
            _ = try await coordinatorBrowser.login(world.email("coordinator"))
            #expect(try await coordinatorBrowser.get("/district/reports/connections.csv").status == .forbidden)
        }
    }

    @Test
    func aBadPeriodFallsBackToTheSchoolYearWithAMessage() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let district = PageBrowser(client)
            _ = try await district.login(world.email("district"))
            let page = try await district.get("/district?from=2026-11-30&through=2026-11-01")
            #expect(page.status == .ok)
            #expect(page.html.contains("Showing the school year so far instead: the period ends before it starts."))
            #expect(page.html.contains(#"id="from" name="from" value="2026-08-01""#))
            #expect(page.html.contains(#"id="through" name="through" value="2026-11-23""#))
        }
    }
}

import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// Pages show a fact the service does not state as "not listed — ask", never as a default.
@Suite("Pages: facts not stated")
struct WebNotStatedTests {
    static func blank(organizationID: String) -> Service {
        Service(
            id: "county:quiet", organizationID: organizationID, name: "Quietly listed program", domains: [], intensity: nil,
            provenance: Provenance(source: "county", externalID: "quiet"))
    }

    @Test func serviceSearchSaysNotListed() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            try await world.store.save(DirectorySnapshot(services: [Self.blank(organizationID: world.organizationID)]))
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let page = try await coordinator.get("/coordinator/services?q=quietly")
            #expect(page.status == .ok)
            for fact in ["Domains", "Level", "Ages", "Languages", "Enrollment"] {
                #expect(page.html.contains("<dt>\(fact)</dt><dd>not listed — ask</dd>"), "\(fact)")
            }
            #expect(page.html.contains("<dt>Cost</dt><dd>Cost not listed — ask</dd>"))
            #expect(!page.html.contains("0–99") && !page.html.contains("<dd>Free</dd>") && !page.html.contains("<dd>Open</dd>"))
        }
    }

    @Test func partnerAvailabilityKeepsAnUnknownStatusUnlessOneIsChosen() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            try await world.store.save(DirectorySnapshot(services: [Self.blank(organizationID: world.organizationID)]))
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            let page = try await partner.get("/partner/services")
            #expect(page.html.contains(#"<option value="" selected>Not listed — choose one</option>"#))
            // Saving places without choosing a status leaves the status unknown, not "open".
            let saved = try await partner.post("/partner/services/county:quiet/availability", [("enrollment", ""), ("capacity", "4")])
            #expect(saved.status == .seeOther)
            let service = try #require(try await world.store.service(id: "county:quiet"))
            #expect(service.enrollment.status == nil && service.enrollment.capacity == 4)
            _ = try await partner.get("/partner/services")
            _ = try await partner.post("/partner/services/county:quiet/availability", [("enrollment", "open")])
            #expect(try await world.store.service(id: "county:quiet")?.enrollment.status == .open)
        }
    }
}

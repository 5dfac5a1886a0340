import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Localization
import Notifications
import Referrals
import Storage
import Testing
import TestSupport

@testable import Server

/// Admin pages show words, not codes: every outbox kind and channel has a label in each catalog, a
/// family check-in reads "Family check-in" (not `family.check_in`), users' scopes are organization
/// and school names, and the tokens table's caption stays above its sideways-scrolling box.
@Suite("Admin pages: words for codes")
struct AdminWordsTests {
    /// A kind added to `NotificationEvent` (and so to `OutboxEventKind`) without words fails here.
    @Test(arguments: ["en", "es"])
    func everyOutboxKindAndChannelHasALabelInEachCatalog(language: String) {
        let catalog = Catalogs.shipped.words(language).catalog
        for kind in OutboxEventKind.allCases {
            #expect(catalog.entries[OutboxRow.labelKey(kind)] != nil, "\(language): no label for \(kind.rawValue)")
            #expect(OutboxEventKind(rawValue: kind.rawValue) == kind)
        }
        #expect(OutboxEventKind.allCases.contains(.familyCheckIn))
        for channel in NotificationChannel.allCases {
            #expect(catalog.entries["admin.outbox.channel.\(channel.rawValue)"] != nil, "\(language): no label for \(channel)")
        }
    }

    /// A family whose consent shares a phone gets a check-in text, held in the outbox: the admin
    /// reads its kind and channel in words.
    @Test(arguments: TestBackend.available)
    func aCheckInTextIsLabelledOnTheOutboxPage(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let consent = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
                {"organization_ids": ["\(world.organizationID)"], "given_by": "Maria Lopez (mother)", "method": "written",
                 "shared_fields": ["grade"], "family_contact": {"channel": "phone", "address": "515-555-0199", "language": "es"}}
                """)
            #expect(consent.status == .created, "\(String(buffer: consent.body))")
            _ = try await world.sent()
            let kinds = try await OutboxStore(database: world.store.database).messages(status: .pending, limit: 50).map(\.event)
            try #require(kinds.contains(OutboxEventKind.familyCheckIn.rawValue), "\(kinds)")
            let admin = PageBrowser(client)
            try await admin.login(world.email("admin"))
            let english = try await admin.get("/admin/outbox", headers: [.acceptLanguage: "en"])
            #expect(english.html.contains("<td>Family check-in</td>") && english.html.contains("<td>Text message (SMS)</td>"))
            #expect(!english.html.contains("family.check_in"))
            let spanish = try await admin.get("/admin/outbox", headers: [.acceptLanguage: "es"])
            #expect(spanish.html.contains("<td>Consulta a la familia</td>") && spanish.html.contains("<td>Mensaje de texto (SMS)</td>"))
            #expect(!spanish.html.contains("family.check_in") && !spanish.html.contains("<td>Webhook</td>"))
        }
    }

    @Test(arguments: TestBackend.available)
    func theUsersTableNamesOrganizationsAndSchools(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let organization = try #require(try await world.store.organization(id: world.organizationID))
            let school = try #require(try await world.store.schools().first { $0.id == world.schoolID })
            let admin = PageBrowser(client)
            try await admin.login(world.email("admin"))
            let users = try await admin.get("/admin/users")
            #expect(users.status == .ok)
            let escapedOrganization = organization.name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            let escapedSchool = school.name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(users.html.contains("<td>\(escapedOrganization)</td>"), "the partner's organization by name")
            #expect(users.html.contains(escapedSchool), "the coordinator's school by name")
            #expect(!users.html.contains("<td>\(world.organizationID)</td>") && !users.html.contains("<td>\(world.schoolID)"))
            let partner = try await admin.get("/admin/users/\(world.users["partner"]!.id)")
            #expect(partner.html.contains("<dd>\(escapedOrganization)</dd>"))
        }
    }

    /// The caption is a paragraph above the scroll box that names the table and the box, so at
    /// 390 px it is never cut with the table's overflow.
    @Test(arguments: TestBackend.available)
    func theTokensCaptionIsOutsideItsScrollBox(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let admin = PageBrowser(client)
            try await admin.login(world.email("admin"))
            let page = try await admin.get("/admin/users/\(world.users["partner"]!.id)")
            #expect(page.status == .ok)
            let caption = try #require(page.html.range(of: #"<p id="tokens-caption" class="table-caption">"#))
            let box = try #require(page.html.range(of: #"<div class="table-scroll" role="region" aria-labelledby="tokens-caption" tabindex="0">"#))
            #expect(caption.upperBound < box.lowerBound)
            #expect(page.html.contains(#"<table aria-labelledby="tokens-caption">"#))
            #expect(!page.html.contains("<caption>Every token issued"))
        }
    }
}

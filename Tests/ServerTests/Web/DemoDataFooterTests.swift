import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// The footer says the data is synthetic only when it is (issue 22): a store the demo seed filled
/// records so (`DemoDataMarker`); a store started with `--no-seed` and filled by a district's
/// import does not, and its pages make no such claim, in English or in Spanish.
@Suite("Web pages: the demo-data notice")
struct DemoDataFooterTests {
    static let notice = #"id="demo-data-notice""#

    @Test(arguments: TestBackend.available)
    func aStoreTheDemoSeedFilledSaysSoOnEveryPage(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            #expect(try await store.holdsDemoData())
            try await testApplication(store).trackedTest(.router) { client async throws in
                let browser = PageBrowser(client)
                let login = try await browser.get("/login", headers: [.acceptLanguage: "en"])
                #expect(login.html.contains(Self.notice) && login.html.contains("demo data"))
                #expect(login.html.contains("a referral is done when the family reaches the service."))
                let spanish = try await browser.get("/login", headers: [.acceptLanguage: "es"])
                #expect(spanish.html.contains(Self.notice) && spanish.html.contains("datos de demostración"))
                // Error pages are drawn in the same frame.
                let missing = try await browser.get("/coordinator/no-such-page", headers: [.accept: "text/html"])
                #expect(missing.status == .notFound || missing.status == .seeOther)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aNoSeedStoreWithAnImportedFeedMakesNoSuchClaim(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            // A district's feed, imported as `closeloop import` writes it (one service of its own source).
            let seed = try loadSeed().directory
            var service = try #require(seed.services.first)
            var organization = try #require(seed.organizations.first { $0.id == service.organizationID })
            organization.id = "district-211:org-1"
            organization.provenance = Provenance(source: "district-211", externalID: "org-1")
            service.id = "district-211:1001"
            service.organizationID = organization.id
            service.provenance = Provenance(source: "district-211", externalID: "1001", lastVerifiedAt: Date())
            let snapshot = DirectorySnapshot(organizations: [organization], services: [service])
            _ = try await store.importFeed(.init(source: "district-211")) { writer in
                try await writer.write(snapshot)
                return true
            }
            #expect(try await store.counts().services == 1)
            #expect(try await !store.holdsDemoData())
            // `closeloop seed` on a store that holds services only brings the barriers up to date: no demo data, no marker.
            if case .loadedDirectory = try await store.seed(try loadSeed()) { Issue.record("the seed loaded its directory into an imported store") }
            #expect(try await !store.holdsDemoData())

            try await testApplication(store).trackedTest(.router) { client async throws in
                let browser = PageBrowser(client)
                for language in ["en", "es"] {
                    let login = try await browser.get("/login", headers: [.acceptLanguage: language])
                    #expect(login.status == .ok)
                    #expect(login.html.contains("<footer>"))
                    #expect(!login.html.contains(Self.notice))
                    #expect(!login.html.contains("synthetic") && !login.html.contains("ficticios"))
                }
            }
        }
    }
}

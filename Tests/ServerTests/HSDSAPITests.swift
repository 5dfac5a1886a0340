import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import OpenReferral
@testable import Server
import Storage
import Testing
import TestSupport

@Suite("HSDS 3.1 API (/hsds/)")
struct HSDSAPITests {
    @Test(arguments: TestBackend.available)
    func rootNamesTheVersionAndTheSpec(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, _ in
            for uri in ["/hsds", "/hsds/"] {
                let body = try json(try await client.hsds(uri, .about, backend: backend))
                #expect(body["version"] as? String == "3.1")
                #expect((body["openapi_url"] as? String)?.hasPrefix("https://") == true)
                #expect((body["profile"] as? String)?.hasPrefix("https://") == true)
            }
        }
    }

    /// First, middle and last pages of every list, each record's `{id}` read back.
    @Test(arguments: TestBackend.available)
    func pagesReachEveryServiceOnceAndEachIdResolves(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, store in
            let counts = try await store.counts()
            let pages = try await client.hsdsPages("/hsds/services", perPage: 50, .servicePage, backend: backend)
            #expect(pages.count == (counts.services + 49) / 50 && pages.count >= 3, "first, middle and last")
            for (index, page) in pages.enumerated() {
                #expect(page["page_number"] as? Int == index + 1)
                #expect(page["total_items"] as? Int == counts.services)
                #expect(page["total_pages"] as? Int == pages.count)
                #expect(page["first_page"] as? Bool == (index == 0))
                #expect(page["last_page"] as? Bool == (index == pages.count - 1))
                #expect(page["empty"] as? Bool == false)
                #expect(page["size"] as? Int == (page["contents"] as? [Any])?.count)
            }
            let services = contents(pages)
            let ids = services.compactMap { $0["id"] as? String }
            #expect(ids.count == counts.services && Set(ids).count == ids.count, "no repeats, no gaps")
            #expect(services.allSatisfy { $0["phones"] == nil && $0["capacities"] == nil }, "list pages carry one-to-one fields")

            let past = try json(try await client.get("/hsds/services?per_page=50&page=\(pages.count + 1)"))
            #expect(past["empty"] as? Bool == true && past["size"] as? Int == 0 && past["last_page"] as? Bool == true)

            var nested = 0
            for id in ids {
                let service = try json(try await client.hsds("/hsds/services/\(id)", .service, backend: backend))
                #expect(service["id"] as? String == id)
                #expect(service["organization"] is [String: Any])
                if let sites = service["service_at_locations"] as? [[String: Any]], sites.contains(where: { $0["location"] is [String: Any] }) {
                    nested += 1
                }
            }
            #expect(nested > 0, "services nest their sites with the location")
        }
    }

    @Test(arguments: TestBackend.available)
    func organizationsAndServicesAtLocationPageAndResolve(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, store in
            let counts = try await store.counts()
            let organizations = contents(try await client.hsdsPages("/hsds/organizations", perPage: 40, .organizationPage, backend: backend))
            #expect(organizations.count == counts.organizations)
            for organization in organizations {
                let id = try #require(organization["id"] as? String)
                let full = try json(try await client.hsds("/hsds/organizations/\(id)", .organization, backend: backend))
                #expect(full["services"] is [[String: Any]])
            }
            let first = try #require(organizations.first?["id"] as? String)
            let withServices = try json(try await client.hsds("/hsds/organizations/\(first)?full_service=true", .organization, backend: backend))
            #expect(((withServices["services"] as? [[String: Any]])?.first)?["attributes"] != nil || (withServices["services"] as? [Any])?.isEmpty == true)
            _ = try await client.hsds("/hsds/organizations?full=true&per_page=5", .organizationFullPage, backend: backend)

            let sites = contents(try await client.hsdsPages("/hsds/service_at_locations", perPage: 100, .serviceAtLocationPage, backend: backend))
            let seed = try loadSeed()
            #expect(sites.count == seed.directory.servicesAtLocation.count)
            for site in sites {
                let id = try #require(site["id"] as? String)
                #expect(site["location"] is [String: Any] && site["service"] is [String: Any])
                let full = try json(try await client.hsds("/hsds/service_at_locations/\(id)", .serviceAtLocation, backend: backend))
                #expect((full["service"] as? [String: Any])?["schedules"] != nil, "the one record is fully nested")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func filtersCombineWithAnd(backend: TestBackend) async throws {
        try await withHSDSClient(backend, terms: try describedSeedTerms()) { client, _ in
            let all = contents(try await client.hsdsPages("/hsds/services?full=true", perPage: 200, .serviceFullPage, backend: backend))
            // organization_id
            let organization = try #require(all.first?["organization_id"] as? String)
            let ofOrganization = contents(try await client.hsdsPages("/hsds/services?organization_id=\(organization)", perPage: 200, .servicePage, backend: backend))
            #expect(!ofOrganization.isEmpty)
            #expect(ofOrganization.count == all.filter { $0["organization_id"] as? String == organization }.count)
            // taxonomy_term_id
            func terms(_ service: [String: Any]) -> [String] {
                ((service["attributes"] as? [[String: Any]]) ?? []).compactMap { $0["taxonomy_term_id"] as? String }
            }
            let term = try #require(all.lazy.flatMap(terms).first)
            let withTerm = contents(try await client.hsdsPages("/hsds/services?taxonomy_term_id=\(term)", perPage: 200, .servicePage, backend: backend))
            #expect(Set(withTerm.compactMap { $0["id"] as? String }) == Set(all.filter { terms($0).contains(term) }.compactMap { $0["id"] as? String }))
            // taxonomy_id: services with a term of that taxonomy (only the described terms name one)
            let taxonomy = try #require(contents([try json(try await client.hsds("/hsds/taxonomies", .taxonomyPage, backend: backend))]).first?["id"] as? String)
            let described = Set(try describedSeedTerms().map { HSDSMapping.taxonomyTermID(source: "seed", code: $0.code).uuidString.lowercased() })
            let inTaxonomy = contents(try await client.hsdsPages("/hsds/services?taxonomy_id=\(taxonomy)", perPage: 200, .servicePage, backend: backend))
            #expect(!inTaxonomy.isEmpty)
            #expect(Set(inTaxonomy.compactMap { $0["id"] as? String }) == Set(all.filter { !described.isDisjoint(with: terms($0)) }.compactMap { $0["id"] as? String }))
            let otherTaxonomy = try json(try await client.get("/hsds/services?taxonomy_id=\(UUID().uuidString)"))
            #expect(otherTaxonomy["total_items"] as? Int == 0)
            // search
            let searched = contents(try await client.hsdsPages("/hsds/services?search=counsel", perPage: 200, .servicePage, backend: backend))
            #expect(!searched.isEmpty && searched.count < all.count)
            // AND: each filter narrows the other
            let both = contents(try await client.hsdsPages("/hsds/services?search=counsel&taxonomy_term_id=\(term)", perPage: 200, .servicePage, backend: backend))
            #expect(Set(both.compactMap { $0["id"] as? String })
                == Set(searched.compactMap { $0["id"] as? String }).intersection(withTerm.compactMap { $0["id"] as? String }))
            // the same filters on service_at_locations
            let sites = contents(try await client.hsdsPages("/hsds/service_at_locations?organization_id=\(organization)", perPage: 200, .serviceAtLocationPage, backend: backend))
            #expect(!sites.isEmpty && sites.allSatisfy { ($0["service"] as? [String: Any])?["organization_id"] as? String == organization })
            // organizations by term
            let organizations = contents(try await client.hsdsPages("/hsds/organizations?taxonomy_term_id=\(term)", perPage: 200, .organizationPage, backend: backend))
            #expect(Set(organizations.compactMap { $0["id"] as? String }) == Set(all.filter { terms($0).contains(term) }.compactMap { $0["organization_id"] as? String }))
        }
    }

    @Test(arguments: TestBackend.available)
    func modifiedAfterSeesAnAvailabilityUpdate(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, store in
            let since = "2030-01-01T00:00:00Z"
            let before = try json(try await client.hsds("/hsds/services?modified_after=\(since)", .servicePage, backend: backend))
            #expect(before["total_items"] as? Int == 0, "the seed was last modified in 2026")
            let service = try #require(try await store.snapshot().services.first)
            let reported = try #require(ISO8601DateFormatter().date(from: "2030-02-01T09:30:00Z"))
            _ = try await store.updateAvailability(serviceID: service.id, enrollment: Enrollment(status: .open, capacity: 7), at: reported)

            let after = contents([try json(try await client.hsds("/hsds/services?modified_after=\(since)", .servicePage, backend: backend))])
            let id = HSDSMapping.serviceID(service).uuidString.lowercased()
            #expect(after.compactMap { $0["id"] as? String } == [id])
            #expect(after.first?["last_modified"] as? String == "2030-02-01T09:30:00Z")
            let record = try json(try await client.hsds("/hsds/services/\(id)", .service, backend: backend))
            let capacity = try #require((record["capacities"] as? [[String: Any]])?.first)
            #expect(capacity["available"] as? Int == 7)
            #expect(capacity["updated"] as? String == "2030-02-01T09:30:00Z")
            #expect((capacity["unit"] as? [String: Any])?["name"] as? String == HSDSMapping.placeUnit.name)
            let sites = try json(try await client.hsds("/hsds/service_at_locations?modified_after=\(since)&per_page=100", .serviceAtLocationPage, backend: backend))
            #expect(sites["total_items"] as? Int == (try await store.locations(ofServices: [service.id])[service.id]?.count ?? 0))
            // A date alone is its midnight (UTC).
            let byDate = try json(try await client.get("/hsds/services?modified_after=2030-02-01"))
            #expect(byDate["total_items"] as? Int == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func ndjsonStreamsEveryMatchOneALine(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, store in
            let response = try await client.hsds("/hsds/services?format=ndjson", .serviceNDJSON, backend: backend)
            #expect(response.headers[.contentType] == "application/x-ndjson")
            let lines = String(buffer: response.body).split(separator: "\n")
            #expect(lines.count == (try await store.counts()).services)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["id"] is String && object["name"] is String)
            }
            let narrowed = try await client.get("/hsds/services?format=ndjson&search=counsel")
            let paged = try json(try await client.get("/hsds/services?search=counsel&per_page=1"))
            #expect(String(buffer: narrowed.body).split(separator: "\n").count == paged["total_items"] as? Int)
        }
    }

    @Test(arguments: TestBackend.available)
    func minimalAndFullShapeTheRecords(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, _ in
            let minimal = contents([try json(try await client.hsds("/hsds/services?minimal=true&per_page=20", .serviceMinimalPage, backend: backend))])
            #expect(!minimal.isEmpty && minimal.allSatisfy { Set($0.keys).isSubset(of: ["id", "name", "status", "last_modified"]) })
            let full = contents([try json(try await client.hsds("/hsds/services?full=true&per_page=20", .serviceFullPage, backend: backend))])
            #expect(full.allSatisfy { $0["schedules"] is [Any] && $0["organization"] is [String: Any] })
        }
    }

    @Test(arguments: TestBackend.available)
    func postcodeAndProximity(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, _ in
            let centroids = try PostalCodeCentroids.load(contentsOf: try Seed.locate().appendingPathComponent(PostalCodeCentroids.fileName))
            let seed = try loadSeed()
            let site = try #require(seed.directory.locations.first { $0.address != nil && $0.coordinates != nil })
            let postcode = try #require(site.address?.postalCode)
            let centre = try #require(centroids.centroid(forPostalCode: postcode))

            let inPostcode = contents(try await client.hsdsPages("/hsds/service_at_locations?postcode=\(postcode)", perPage: 200, .serviceAtLocationPage, backend: backend))
            #expect(!inPostcode.isEmpty)
            let near = contents(try await client.hsdsPages("/hsds/service_at_locations?postcode=\(postcode)&proximity=5000", perPage: 200, .serviceAtLocationPage, backend: backend))
            #expect(!near.isEmpty)
            for record in near {
                let location = try #require(record["location"] as? [String: Any])
                let point = Coordinates(lat: try #require(location["latitude"] as? Double), lon: try #require(location["longitude"] as? Double))
                #expect(point.distanceKm(to: centre) <= 5.0)
            }
            let wider = try json(try await client.get("/hsds/service_at_locations?postcode=\(postcode)&proximity=50000&per_page=1"))
            #expect((wider["total_items"] as? Int ?? 0) >= near.count)
        }
    }

    @Test(arguments: TestBackend.available)
    func unknownIdsAreNotFound(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, _ in
            for kind in ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"] {
                for id in [UUID().uuidString.lowercased(), "svc-0001"] {
                    let response = try await client.get("/hsds/\(kind)/\(id)")
                    #expect(response.status == .notFound, "\(kind)/\(id)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(try json(response)["code"] as? String == "not_found")
                }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func badParametersAreProblemsNamingTheParameter(backend: TestBackend) async throws {
        try await withHSDSClient(backend) { client, _ in
            let cases: [(String, String)] = [
                ("/hsds/services?page=0", "page"), ("/hsds/services?page=two", "page"), ("/hsds/services?per_page=0", "per_page"),
                ("/hsds/services?per_page=1001", "per_page"), ("/hsds/services?format=xml", "format"),
                ("/hsds/services?modified_after=yesterday", "modified_after"), ("/hsds/services?taxonomy_term_id=BD-1800", "taxonomy_term_id"),
                ("/hsds/services?organization_id=org-0001", "organization_id"), ("/hsds/services?minimal=yes", "minimal"),
                ("/hsds/services?minimal=true&full=true", "minimal"), ("/hsds/services?postcode=50316", "postcode"),
                ("/hsds/service_at_locations?proximity=1000", "proximity"), ("/hsds/service_at_locations?postcode=00000&proximity=1000", "postcode"),
                ("/hsds/service_at_locations?postcode=50316&proximity=-5", "proximity"), ("/hsds/services?search=", "search"),
                ("/hsds/taxonomy_terms?organization_id=\(UUID().uuidString)", "organization_id"),
                ("/hsds/taxonomy_terms?parent_id=BD", "parent_id"), ("/hsds/taxonomy_terms?top_only=1", "top_only"),
            ]
            for (uri, parameter) in cases {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri)")
                let problem = try json(response)
                #expect(problem["code"] as? String == "invalid_parameter", "\(uri)")
                #expect(problem["parameter"] as? String == parameter, "\(uri): \(problem)")
            }
        }
    }

    /// Taxonomies and terms as the store has them: described terms with their names, the rest
    /// under `TaxonomyTerm`'s rule; each term's id resolves, and services nest their terms.
    @Test(arguments: TestBackend.available)
    func taxonomiesAndTermsPageAndResolve(backend: TestBackend) async throws {
        let described = try describedSeedTerms()
        try await withHSDSClient(backend, terms: described) { client, store in
            let stored = try await store.taxonomyTerms()
            let taxonomies = contents([try json(try await client.hsds("/hsds/taxonomies", .taxonomyPage, backend: backend))])
            #expect(taxonomies.compactMap { $0["name"] as? String } == ["AIRS/211"])
            let taxonomyID = try #require(taxonomies.first?["id"] as? String)
            _ = try await client.hsds("/hsds/taxonomies/\(taxonomyID)", .taxonomy, backend: backend)

            let pages = try await client.hsdsPages("/hsds/taxonomy_terms", perPage: 25, .taxonomyTermPage, backend: backend)
            #expect(pages.count >= 3, "first, middle and last")
            let terms = contents(pages)
            #expect(terms.count == stored.count)
            for term in terms {
                let id = try #require(term["id"] as? String)
                let record = try json(try await client.hsds("/hsds/taxonomy_terms/\(id)", .taxonomyTerm, backend: backend))
                let code = try #require(record["code"] as? String)
                let source = try #require(stored.first { $0.code.uppercased() == code.uppercased() })
                #expect(record["name"] as? String == source.publishedName && record["description"] as? String == source.publishedDescription)
            }
            let first = try #require(terms.first { $0["code"] as? String == described[0].code })
            #expect(first["name"] as? String == "Described term 0" && first["description"] as? String == "What it covers")
            let inTaxonomy = contents(try await client.hsdsPages("/hsds/taxonomy_terms?taxonomy_id=\(taxonomyID)", perPage: 25, .taxonomyTermPage, backend: backend))
            #expect(Set(inTaxonomy.compactMap { $0["code"] as? String }) == Set(described.map(\.code)))
            let top = try json(try await client.get("/hsds/taxonomy_terms?top_only=true&per_page=1"))
            #expect(top["total_items"] as? Int == terms.filter { $0["parent_id"] == nil }.count)

            // A service with a described code nests the term with its name.
            let termID = HSDSMapping.taxonomyTermID(source: "seed", code: described[0].code).uuidString.lowercased()
            let service = try #require(contents([try json(try await client.get("/hsds/services?taxonomy_term_id=\(termID)&per_page=1"))]).first?["id"] as? String)
            let record = try json(try await client.hsds("/hsds/services/\(service)", .service, backend: backend))
            let nested = (record["attributes"] as? [[String: Any]])?.first { $0["taxonomy_term_id"] as? String == termID }?["taxonomy_term"] as? [String: Any]
            #expect(nested?["name"] as? String == "Described term 0")
        }
    }

    @Test func theCatalogRateLimitCoversHSDS() {
        #expect(CatalogRateLimit.isCatalog("/hsds/services"))
        #expect(CatalogRateLimit.isCatalog("/hsds"))
        #expect(!CatalogRateLimit.isCatalog("/hsdsx"))
    }
}

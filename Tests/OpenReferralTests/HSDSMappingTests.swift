import Directory
import Foundation
import OpenReferral
import Testing

@Suite("HSDS 3.1 mapping")
struct HSDSMappingTests {
    static let imported = Date(timeIntervalSince1970: 1_780_000_000)
    static let verified = Date(timeIntervalSince1970: 1_790_000_000)

    static func service(
        enrollment: Enrollment = Enrollment(), importedAt: Date? = imported, verifiedAt: Date? = nil, codes: [String] = []
    ) -> Service {
        Service(
            id: "svc-1", organizationID: "org-1", name: "Tutoring", domains: [], intensity: nil, enrollment: enrollment,
            taxonomyCodes: codes, provenance: Provenance(source: "feed-a", externalID: "S1", importedAt: importedAt, lastVerifiedAt: verifiedAt))
    }

    static let organization = Organization(id: "org-1", name: "Library", provenance: Provenance(source: "feed-a", externalID: "O1"))
    static let site = Location(
        id: "loc-1", organizationID: "org-1", name: "Branch",
        address: Address(address1: "1 Main St", city: "Ames", region: "IA", postalCode: "50010"),
        coordinates: Coordinates(lat: 42.0, lon: -93.6), provenance: Provenance(source: "feed-a", externalID: "L1"))

    static func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    @Test func unstatedFactsLeaveTheirKeysOut() throws {
        let record = HSDSMapping.service(Self.service(), organization: nil, sites: [])
        let json = try Self.object(record)
        for key in ["description", "url", "email", "interpretation_services", "application_process", "wait_time", "minimum_age", "maximum_age", "organization_id", "organization"] {
            #expect(json[key] == nil, "\(key) was not stated")
        }
        #expect(json["status"] as? String == "active")
        #expect((json["capacities"] as? [Any])?.isEmpty == true, "no room was reported")
        #expect((json["cost_options"] as? [Any])?.isEmpty == true)
        #expect(json.values.allSatisfy { !($0 is NSNull) }, "no null: the schemas type these fields as strings and numbers")
    }

    @Test func capacitiesAreOnlyWhatThePartnerReported() throws {
        let places = HSDSMapping.service(
            Self.service(enrollment: Enrollment(status: .open, capacity: 4), verifiedAt: Self.verified), organization: nil, sites: [])
        let capacity = try #require(places.capacities?.first)
        #expect(capacity.available == 4)
        #expect(capacity.unit == HSDSMapping.placeUnit && capacity.unitID == HSDSMapping.placeUnit.id)
        #expect(capacity.updated == HSDSMapping.timestamp(Self.verified), "the report's time, not the import's")

        let waitlist = HSDSMapping.service(Self.service(enrollment: Enrollment(status: .waitlist, waitlistWeeks: 6)), organization: nil, sites: [])
        #expect(waitlist.capacities?.map(\.available) == [0])
        #expect(waitlist.capacities?.first?.description == "Waitlist: about 6 weeks (waitlist)")
        #expect(waitlist.waitTime == "About 6 weeks (waitlist)")

        let openWithoutCount = HSDSMapping.service(Self.service(enrollment: Enrollment(status: .open)), organization: nil, sites: [])
        #expect(openWithoutCount.capacities == [], "open without a count states no number of places")

        let undated = HSDSMapping.service(
            Self.service(enrollment: Enrollment(capacity: 2), importedAt: nil), organization: nil, sites: [])
        #expect(undated.capacities == [], "`updated` is required and unknown")
    }

    @Test func idsAreStableAndChildrenNamedUnderTheirParent() throws {
        let first = HSDSMapping.service(Self.service(codes: ["bd-1800"]), organization: Self.organization, sites: [Self.site])
        var renamed = Self.service(codes: ["bd-1800"])
        renamed.id = "svc-renumbered"
        renamed.name = "Homework help"
        let second = HSDSMapping.service(renamed, organization: Self.organization, sites: [Self.site])
        #expect(first.id == second.id, "the id is the feed's source and id, not our row id or the name")
        #expect(first.id == HSDSIdentifier.id(.service, source: "feed-a", externalID: "S1").uuidString.lowercased())
        #expect(first.serviceAtLocations?.map(\.id) == second.serviceAtLocations?.map(\.id))
        let site = try #require(first.serviceAtLocations?.first)
        #expect(site.locationID == HSDSMapping.locationID(Self.site).uuidString.lowercased())
        #expect(site.location?.addresses?.first?.stateProvince == "IA")
        #expect(first.organization?.id == HSDSMapping.organizationID(Self.organization).uuidString.lowercased())
        let attribute = try #require(first.attributes?.first)
        #expect(attribute.taxonomyTermID == HSDSMapping.taxonomyTermID(source: "feed-a", code: "BD-1800").uuidString.lowercased(), "a code is one term whatever its case")
        #expect(attribute.taxonomyTerm == nil, "the term is not known: only its id is published")
    }

    @Test func termsAreTheStoresWithTheOneNamingRule() throws {
        let terms = HSDSTermNames([
            TaxonomyTerm(source: "feed-a", code: "BD-1800", name: "Food", description: "Food programs", taxonomy: TaxonomyTerm.airsTaxonomy),
            TaxonomyTerm(source: "feed-a", code: "BD", name: "Basic Needs", taxonomy: TaxonomyTerm.airsTaxonomy),
            TaxonomyTerm(source: "feed-a", code: "LR-6500"),
            TaxonomyTerm(source: "feed-b", code: "BD-1800", name: "Groceries", taxonomy: TaxonomyTerm.airsTaxonomy),
        ])
        let record = HSDSMapping.service(Self.service(codes: ["BD-1800", "LR-6500"]), organization: nil, sites: [], terms: terms)
        let food = try #require(record.attributes?.first { $0.value == "BD-1800" }?.taxonomyTerm)
        #expect(food.name == "Food" && food.description == "Food programs", "the service's own source's wording")
        #expect(food.parentID == HSDSMapping.taxonomyTermID(source: "feed-a", code: "BD").uuidString.lowercased())
        #expect(food.taxonomyID == HSDSMapping.taxonomyID(name: "AIRS/211").uuidString.lowercased())
        #expect(food.taxonomyDetail?.name == "AIRS/211" && food.taxonomyDetail?.description == "AIRS/211")
        let unnamed = try #require(record.attributes?.first { $0.value == "LR-6500" }?.taxonomyTerm)
        #expect(unnamed.name == "LR-6500" && unnamed.description == "LR-6500", "TaxonomyTerm's rule: the code, then the name shown")
        #expect(unnamed.taxonomyID == nil && unnamed.parentID == nil, "no taxonomy was named, so none is given")
        #expect(terms.all.count == 4 && terms.taxonomies.map(\.name) == ["AIRS/211"])
        #expect(terms.term(id: food.id) == food)
        #expect(terms.term(source: "feed-b", code: "bd-1800")?.name == "Groceries")
    }

    @Test func listFormCarriesOneToOneFieldsOnly() throws {
        let record = HSDSMapping.service(Self.service(), organization: Self.organization, sites: [Self.site])
        let json = try Self.object(record.listForm)
        for key in ["phones", "schedules", "service_areas", "service_at_locations", "languages", "organization", "cost_options", "capacities", "attributes"] {
            #expect(json[key] == nil, "\(key)")
        }
        #expect(Set(try Self.object(record.minimalForm).keys) == ["id", "name", "status", "last_modified"])
    }

    @Test func pageFlagsAtTheEdges() {
        let first = HSDSPage(contents: [1, 2], totalItems: 5, pageNumber: 1, perPage: 2)
        #expect(first.totalPages == 3 && first.firstPage && !first.lastPage && first.size == 2 && !first.empty)
        let last = HSDSPage(contents: [5], totalItems: 5, pageNumber: 3, perPage: 2)
        #expect(!last.firstPage && last.lastPage && last.size == 1)
        let none = HSDSPage<Int>(contents: [], totalItems: 0, pageNumber: 1, perPage: 2)
        #expect(none.totalPages == 0 && none.firstPage && none.lastPage && none.empty)
    }

    @Test func replacingAServiceUpdatesItsSitesToo() throws {
        let snapshot = DirectorySnapshot(
            organizations: [Self.organization], locations: [Self.site], services: [Self.service()],
            servicesAtLocation: [ServiceAtLocation(id: "sal-1", serviceID: "svc-1", locationID: "loc-1")])
        var directory = HSDSDirectory(snapshot: snapshot)
        let id = HSDSMapping.serviceID(Self.service()).uuidString.lowercased()
        #expect(directory.service(id: id)?.record.capacities == [])
        directory.replace(services: [Self.service(enrollment: Enrollment(status: .open, capacity: 3), verifiedAt: Self.verified)])
        #expect(directory.service(id: id)?.record.capacities?.map(\.available) == [3])
        #expect(directory.service(id: id.uppercased())?.modified == Self.verified, "ids are matched case-insensitively")
        let site = try #require(directory.servicesAtLocation.first)
        let record = directory.record(of: site, fullService: false)
        #expect(record.service?.lastModified == HSDSMapping.timestamp(Self.verified))
        #expect(record.location?.id == HSDSMapping.locationID(Self.site).uuidString.lowercased())
        #expect(record.id == site.id && directory.serviceAtLocation(id: site.id) != nil)
        #expect(directory.organization(id: HSDSMapping.organizationID(Self.organization).uuidString)?.locations?.count == 1)
    }
}

import Directory
import Foundation
import OpenReferral
import Testing

/// The CSV export (`HSDSExporter` in Feeds) flattens these records by their JSON keys: a scalar key
/// that is no column of its table in the spec's tabular package would be dropped without a word.
/// Every scalar key the mapping writes must be a column of the 3.1 datapackage.json.
/// shared/specs/hsds-3.1/datapackage.json, found by looking up from this file.
enum SpecPackage {
    static let url: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/specs/hsds-3.1/datapackage.json")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()
}

@Suite("HSDS records as tables", .enabled(if: SpecPackage.url != nil, "shared/specs is not beside the repository"))
struct HSDSTabularKeysTests {

    /// resource → its columns, from the spec's package.
    static func columns() throws -> [String: Set<String>] {
        let data = try Data(contentsOf: try #require(SpecPackage.url))
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var columns: [String: Set<String>] = [:]
        for resource in try #require(package["resources"] as? [[String: Any]]) {
            let fields = ((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]]) ?? []
            columns[resource["name"] as? String ?? ""] = Set(fields.compactMap { $0["name"] as? String })
        }
        return columns
    }

    /// The scalar keys of a record as JSON.
    static func scalarKeys(_ record: some Encodable) throws -> Set<String> {
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any])
        return Set(object.filter { !($0.value is [Any]) && !($0.value is [String: Any]) }.keys)
    }

    @Test func everyScalarKeyIsAColumnOfItsTable() throws {
        let columns = try Self.columns()
        let provenance = Provenance(source: "county", externalID: "1", importedAt: Date(timeIntervalSince1970: 1_790_000_000))
        let organization = Organization(id: "county:o", name: "Agency", description: "Helps.", url: "https://a.example", email: "a@a.example",
                                        phones: [Phone(number: "555-0100", language: LanguageCode(rawValue: "es"))], provenance: provenance)
        let location = Location(id: "county:l", organizationID: "county:o", name: "Office",
                                address: Address(address1: "1 Main St", city: "Town", region: "IA", postalCode: "50316", country: "US"),
                                coordinates: Coordinates(lat: 41.6, lon: -93.6), transitAccessible: true, provenance: provenance)
        let service = Service(
            id: "county:s", organizationID: "county:o", name: "Tutoring", description: "After school.", url: "https://s.example",
            email: "s@s.example", domains: [.academic], intensity: .prevention, ages: AgeRange(min: 5, max: 18),
            languages: ["en", "es"].compactMap(LanguageCode.init(rawValue:)), interpreterAvailable: true, cost: Cost(kind: .free, insurance: [.medicaid]),
            enrollment: Enrollment(status: .waitlist, waitlistWeeks: 3, capacity: 0, intakeMethods: [.phone]),
            hours: [OpeningHours(weekday: .monday, opens: try #require(TimeOfDay("09:00")), closes: try #require(TimeOfDay("17:00")))],
            serviceArea: ServiceArea(postalCodes: ["50316"], radiusKm: 5), taxonomyCodes: ["BD-1800.2000"],
            phones: [Phone(number: "555-0101", kind: .hotline)], provenance: provenance)
        let terms = HSDSTermNames([TaxonomyTerm(
            source: "county", code: "BD-1800.2000", name: "Food Pantries", description: "Food.", taxonomy: TaxonomyTerm.airsTaxonomy)])
        let record = HSDSMapping.service(service, organization: organization, sites: [location], terms: terms)

        var checked: [(String, any Encodable)] = [("service", record.listForm), ("organization", HSDSMapping.organization(organization))]
        for phone in record.phones ?? [] { checked.append(("phone", phone)) }
        for schedule in record.schedules ?? [] { checked.append(("schedule", schedule)) }
        for area in record.serviceAreas ?? [] { checked.append(("service_area", area)) }
        for language in record.languages ?? [] { checked.append(("language", language)) }
        for option in record.costOptions ?? [] { checked.append(("cost_option", option)) }
        for attribute in record.attributes ?? [] { checked.append(("attribute", attribute)) }
        let sites: [HSDSServiceAtLocation] = record.serviceAtLocations ?? []
        for site in sites {
            var link = site
            link.location = nil
            checked.append(("service_at_location", link))
            if let place = site.location {
                checked.append(("location", place))
                for address in place.addresses ?? [] { checked.append(("address", address)) }
            }
        }
        for term in terms.all { checked.append(("taxonomy_term", term)) }
        for taxonomy in terms.taxonomies { checked.append(("taxonomy", taxonomy)) }
        #expect(terms.taxonomies.count == 1)
        #expect(checked.count > 12)
        for (resource, part) in checked {
            let keys = try Self.scalarKeys(part)
            let known = try #require(columns[resource], "\(resource)")
            #expect(keys.isSubset(of: known), "\(resource): \(keys.subtracting(known).sorted()) are no columns of \(resource)")
        }
    }
}

import Directory
@testable import Feeds
import Foundation
import Testing

/// Seeded random AIRS feeds in which every optional element (fees, ages, languages, interpretation,
/// hours, intake, transit, coordinates, verification date) is left out at random. Whatever a feed
/// omits must read as not stated everywhere it goes: the Directory model (nil / []), the JSON the API
/// writes for a service and its location (the models' own `Codable`, with the server's encoder
/// settings: `null` / `[]`), and the HSDS export (an empty cell, no row in a linked table).
@Suite("AIRS reader: omitted fields stay unknown (property)")
struct AIRSOmittedFieldsPropertyTests {
    /// Which optional elements one generated service (and its site) carries.
    struct Included {
        var fees = false, eligibility = false, ages = false, languages = false, interpretation = false
        var serviceHours = false, siteHours = false, intake = false, transit = false, coordinates = false
        var serviceVerified = false, siteVerified = false, agencyVerified = false
    }

    struct GeneratedFeed {
        var xml = ""
        /// Service key → what it (with its site and agency) includes.
        var included: [String: Included] = [:]
        /// Service key → its site's key.
        var siteOf: [String: String] = [:]
    }

    /// The description and names state nothing, so every fact can only come from its element.
    static func feed(seed: UInt64) -> GeneratedFeed {
        var random = SeededRandom(seed: seed)
        func coin() -> Bool { Bool.random(using: &random) }
        var feed = GeneratedFeed()
        let agencyVerified = coin()
        var xml = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n<Source SchemaVersion=\"3.0\" SoftwareVendor=\"iCarol\">\n"
        xml += "  <Agency>\n    <Key>A\(seed)</Key>\n    <Name>Agency \(seed)</Name>\n"
        xml += "    <AgencyDescription>Support for families.</AgencyDescription>\n"
        for siteNumber in 1...Int.random(in: 1...2, using: &random) {
            let siteKey = "S\(seed)-\(siteNumber)"
            let transit = coin(), coordinates = coin(), siteHours = coin(), siteVerified = coin()
            xml += "    <Site>\n      <Key>\(siteKey)</Key>\n      <Name>Site \(siteNumber)</Name>\n"
            xml += "      <PhysicalAddress><Line1>\(siteNumber)00 Main St</Line1><City>Riverton</City><State>IA</State></PhysicalAddress>\n"
            if coordinates {
                xml += "      <SpatialLocation><Latitude>41.\(siteNumber)5</Latitude><Longitude>-93.6</Longitude></SpatialLocation>\n"
            }
            if transit { xml += "      <BusServiceAccess>Routes 7 and 12</BusServiceAccess>\n" }
            if siteHours { xml += "      <TimeOpen><Tuesday>10:00am-2:00pm</Tuesday></TimeOpen>\n" }
            for serviceNumber in 1...Int.random(in: 2...4, using: &random) {
                let key = "SS\(seed)-\(siteNumber)-\(serviceNumber)"
                let included = Included(
                    fees: coin(), eligibility: coin(), ages: coin(), languages: coin(), interpretation: coin(),
                    serviceHours: coin(), siteHours: siteHours, intake: coin(), transit: transit, coordinates: coordinates,
                    serviceVerified: coin(), siteVerified: siteVerified, agencyVerified: agencyVerified)
                xml += "      <SiteService>\n        <Key>\(key)</Key>\n        <Name>Program \(serviceNumber)</Name>\n"
                xml += "        <Description>Support for families.</Description>\n"
                xml += "        <Taxonomy><Code>RP-1400.8000</Code></Taxonomy>\n"
                if included.fees {
                    let fee = ["Sliding scale, $0.00 - $120.00", "no charge", "$25 per visit"].randomElement(using: &random)!
                    xml += "        <FeeStructure>\(fee)</FeeStructure>\n"
                }
                if included.eligibility { xml += "        <Eligibility>Medicaid accepted</Eligibility>\n" }
                if included.ages {
                    xml += ["        <AgeRequirements><MinimumAge>5</MinimumAge><MaximumAge>18</MaximumAge></AgeRequirements>\n",
                            "        <AgeRequirements><Description>grades 9-12</Description></AgeRequirements>\n",
                            "        <AgeRequirements><Description>Ages 0-5</Description></AgeRequirements>\n",
                    ].randomElement(using: &random)!
                }
                if included.languages { xml += "        <Languages><Name>English</Name><Name>Haitian Creole</Name></Languages>\n" }
                if included.interpretation {
                    xml += "        <InterpretationServices>Language line available</InterpretationServices>\n"
                }
                if included.serviceHours { xml += "        <TimeOpen><Monday>9:00am-5:00pm</Monday></TimeOpen>\n" }
                if included.intake {
                    let intake = ["Walk in or call.", "Currently accepting new clients; call to enroll."].randomElement(using: &random)!
                    xml += "        <ApplicationProcess>\(intake)</ApplicationProcess>\n"
                }
                if included.serviceVerified { xml += "        <ResourceInfo DateLastVerified=\"2026-05-08\" />\n" }
                xml += "      </SiteService>\n"
                feed.included[key] = included
                feed.siteOf[key] = siteKey
            }
            if siteVerified { xml += "      <ResourceInfo DateLastVerified=\"2025-11-02\" />\n" }
            xml += "    </Site>\n"
        }
        if agencyVerified { xml += "    <ResourceInfo AvailableForDirectory=\"true\" DateLastVerified=\"2024-01-15\" />\n" }
        xml += "  </Agency>\n</Source>\n"
        feed.xml = xml
        return feed
    }

    /// The server's encoder settings (`JSONCoding.encoder`): the API's service body is the model's own encoding.
    static func json<T: Encodable>(_ value: T) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try #require(try JSONSerialization.jsonObject(with: try encoder.encode(value)) as? [String: Any])
    }

    /// An exported table as rows keyed by column.
    static func table(_ name: String, in folder: URL) throws -> [[String: String]] {
        let rows = try CSVFixtures.rows(folder.appendingPathComponent(name).path).rows
        guard let header = rows.first?.fields else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(24)))
    func whatAFeedOmitsIsUnknownInTheModelTheAPIAndTheExport(seed: UInt64) throws {
        let generated = Self.feed(seed: seed)
        let read = try AIRSShapes.withTemporaryFile(Data(generated.xml.utf8)) { try AIRSShapes.read(path: $0, source: "rand") }
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.services.count == generated.included.count)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("airs-property-\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HSDSExporter(directory: DirectorySnapshot(
            organizations: read.organizations, locations: read.locations, services: read.services,
            servicesAtLocation: read.links)).write(to: folder)
        // An HSDS 3.1 row (UUID id) with its Closeloop row (x_closeloop_*.csv), by the Closeloop id.
        func rows(_ table: String, _ closeloopTable: String) throws -> [String: [String: String]] {
            let closeloop = Dictionary(uniqueKeysWithValues: try Self.table(closeloopTable, in: folder).map { ($0["id"]!, $0) })
            return Dictionary(uniqueKeysWithValues: try Self.table(table, in: folder).map { row in
                let own = closeloop[row["id"]!] ?? [:]
                return (own["x_closeloop_id"] ?? "", row.merging(own) { hsds, _ in hsds })
            })
        }
        let serviceRows = try rows("services.csv", "x_closeloop_services.csv")
        let locationRows = try rows("locations.csv", "x_closeloop_locations.csv")
        let languageRows = try Self.table("languages.csv", in: folder)
        let scheduleRows = try Self.table("schedules.csv", in: folder)
        let costRows = try Self.table("cost_options.csv", in: folder)

        for (key, included) in generated.included.sorted(by: { $0.key < $1.key }) {
            let service = try read.service(key, source: "rand")
            let location = try read.location(try #require(generated.siteOf[key]), source: "rand")
            let api = try Self.json(service), apiLocation = try Self.json(location)
            let row = try #require(serviceRows[service.id]), locationRow = try #require(locationRows[location.id])
            let serviceUUID = row["id"]
            let context = "seed \(seed), \(key)"
            // Nothing is inferred from a description that states nothing.
            #expect(service.provenance.inferred == [], "\(context)")

            let cost = try #require(api["cost"] as? [String: Any])
            if included.fees {
                #expect(service.cost.kind != nil, "\(context)")
            } else {
                #expect(service.cost.kind == nil, "\(context)")
                #expect(cost["kind"] is NSNull, "\(context)")
                #expect(row["x_closeloop_cost"] == "", "\(context)")
            }
            if !included.fees && !included.eligibility {
                #expect(service.cost.insurance == [] && (cost["insurance"] as? [Any])?.isEmpty == true, "\(context)")
                #expect(row["x_closeloop_insurance"] == "", "\(context)")
                #expect(!costRows.contains { $0["service_id"] == serviceUUID }, "\(context)")
            }

            let ages = try #require(api["ages"] as? [String: Any])
            if included.ages {
                #expect(service.ages.isStated, "\(context)")
            } else {
                #expect(service.ages == AgeRange(), "\(context)")
                #expect(ages["min"] is NSNull && ages["max"] is NSNull, "\(context)")
                #expect(row["minimum_age"] == "" && row["maximum_age"] == "", "\(context)")
            }

            if included.languages {
                #expect(service.languages == [.english, LanguageCode(rawValue: "ht")!], "\(context)")
            } else {
                #expect(service.languages == [], "\(context)")
                #expect((api["languages"] as? [Any])?.isEmpty == true, "\(context)")
                #expect(!languageRows.contains { $0["service_id"] == serviceUUID }, "\(context)")
            }

            if included.interpretation {
                #expect(service.interpreterAvailable == true, "\(context)")
            } else {
                #expect(service.interpreterAvailable == nil, "\(context)")
                #expect(api.keys.contains("interpreter_available") && api["interpreter_available"] is NSNull, "\(context)")
                #expect(row["interpretation_services"] == "" && row["x_closeloop_interpreter"] == "", "\(context)")
            }

            if included.serviceHours || included.siteHours {
                #expect(!service.hours.isEmpty, "\(context)")
            } else {
                #expect(service.hours == [] && (api["hours"] as? [Any])?.isEmpty == true, "\(context)")
                #expect(!scheduleRows.contains { $0["service_id"] == serviceUUID }, "\(context)")
            }

            let enrollment = try #require(api["enrollment"] as? [String: Any])
            if included.intake {
                #expect(!service.enrollment.intakeMethods.isEmpty, "\(context)")
            } else {
                #expect(service.enrollment == Enrollment(), "\(context)")
                #expect(enrollment.keys.contains("status") && enrollment["status"] is NSNull, "\(context)")
                #expect(row["x_closeloop_enrollment"] == "" && row["application_process"] == "", "\(context)")
                #expect(row["wait_time"] == "", "\(context)")
            }

            if included.transit {
                #expect(location.transitAccessible == true && service.transportation == .transitAccessible, "\(context)")
            } else {
                #expect(location.transitAccessible == nil && service.transportation == nil, "\(context)")
                #expect(api.keys.contains("transportation") && api["transportation"] is NSNull, "\(context)")
                #expect(row["x_closeloop_transportation"] == "", "\(context)")
                #expect(locationRow["x_closeloop_transit_accessible"] == "" && locationRow["transportation"] == "", "\(context)")
            }

            if included.coordinates {
                #expect(location.coordinates != nil, "\(context)")
            } else {
                #expect(location.coordinates == nil && location.coordinatesPrecision == nil, "\(context)")
                #expect(apiLocation["coordinates"] == nil || apiLocation["coordinates"] is NSNull, "\(context)")
                #expect(locationRow["latitude"] == "" && locationRow["longitude"] == "", "\(context)")
                #expect(locationRow["x_closeloop_coordinates_precision"] == "", "\(context)")
            }

            if included.serviceVerified || included.siteVerified || included.agencyVerified {
                #expect(service.provenance.lastVerifiedAt != nil, "\(context)")
            } else {
                #expect(service.provenance.lastVerifiedAt == nil, "\(context)")
                let provenance = try #require(api["provenance"] as? [String: Any])
                #expect(provenance["last_verified_at"] == nil || provenance["last_verified_at"] is NSNull, "\(context)")
                // HSDS's last_modified is the import time here; Closeloop's own cell keeps "never verified".
                #expect(row["x_closeloop_last_verified_at"] == "", "\(context)")
            }

            // No setting is named anywhere, so none is stated.
            #expect(service.settings == [] && (api["settings"] as? [Any])?.isEmpty == true && row["x_closeloop_settings"] == "")
        }
    }
}

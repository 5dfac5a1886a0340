import Directory
import Foundation

extension HSDSImport {
    /// Streams locations.csv, with the address loaded from (physical_)addresses.csv.
    func readLocations(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws {
        try withTable(.locations) { csv in
            let id = csv.column("id"), organizationID = csv.column("organization_id")
            let name = csv.column("name"), alternateName = csv.column("alternate_name")
            let latitude = csv.column("latitude", "lat"), longitude = csv.column("longitude", "lon", "lng")
            let transportation = csv.column("transportation")
            let dates = HSDSVerificationColumns(csv)
            var seen: Set<String> = []
            seen.reserveCapacity(Self.estimatedRows(csv))
            let closeloopColumns = extensionColumns(csv)
            while let row = csv.next() {
                countRecord(in: csv, progress: progress)
                guard let feedID = checkedID(row, column: id, in: csv, seen: &seen) else { continue }
                guard let ownerID = owner(ofLocation: feedID, row.value(organizationID), csv: csv, line: row.line) else { continue }
                guard case .success(let coordinates) = coordinates(row, latitude, longitude, in: csv, recordID: feedID),
                      case .success(let verified) = verification(row, dates, in: csv, recordID: feedID) else { continue }
                let address = linked.addresses[feedID]?.address
                let location = Location(
                    id: directoryID(feedID), organizationID: directoryID(ownerID),
                    name: Self.firstNonEmpty(row.value(name), row.value(alternateName), address?.address1 ?? "", "Location \(feedID)"),
                    address: address, coordinates: coordinates, coordinatesPrecision: coordinates == nil ? nil : .stated,
                    transitAccessible: Self.mentionsTransit(row.value(transportation)) ? true : nil,
                    provenance: provenance(feedID: feedID, lastVerifiedAt: verified))
                try emit(extended(.location(location), row: row, columns: closeloopColumns))
                emittedLocations.insert(feedID)
            }
        }
    }

    /// The location's organization. HSDS 3.0 makes `location.organization_id` optional; then the owner
    /// is the organization of a service offered there, found by a light scan of the link and service tables.
    private func owner(ofLocation feedID: String, _ stated: String, csv: CSVTable, line: Int) -> String? {
        let ownerID = stated.isEmpty ? locationOwners()[feedID] : stated
        guard let ownerID else {
            log.error(csv.fileName, line: line, field: "organization_id", recordID: feedID,
                      "the location names no organization and no service is offered there; skipped")
            return nil
        }
        guard emittedOrganizations.contains(ownerID) else {
            log.error(csv.fileName, line: line, field: "organization_id", recordID: feedID,
                      "organization '\(ownerID)' is not in organizations.csv (or was skipped); location skipped")
            return nil
        }
        return ownerID
    }

    /// location id → organization id via services_at_location and services, built once, on first need.
    private func locationOwners() -> [String: String] {
        if let owners = inferredLocationOwners { return owners }
        var serviceOwners: [String: String] = [:]
        var owners: [String: String] = [:]
        if let path = package.tables[.services], let services = try? CSVTable(path: path) {
            let id = services.column("id"), organizationID = services.column("organization_id")
            while let row = services.next() { serviceOwners[row.value(id)] = row.value(organizationID) }
        }
        if let path = package.tables[.servicesAtLocation], let links = try? CSVTable(path: path) {
            let serviceID = links.column("service_id"), locationID = links.column("location_id")
            while let row = links.next() {
                if let owner = serviceOwners[row.value(serviceID)], !owner.isEmpty, owners[row.value(locationID)] == nil {
                    owners[row.value(locationID)] = owner
                }
            }
        }
        inferredLocationOwners = owners
        return owners
    }

    /// Both coordinates or neither; "north" or 123° is an error that skips the location.
    private func coordinates(
        _ row: CSVRow, _ latitude: Int?, _ longitude: Int?, in csv: CSVTable, recordID: String
    ) -> Result<Coordinates?, ImportProblem> {
        if row.isBlank(latitude) && row.isBlank(longitude) { return .success(nil) }
        var values: [Double] = []
        for (column, name, limit) in [(latitude, "latitude", 90.0), (longitude, "longitude", 180.0)] {
            let text = row.value(column)
            guard let value = Double(text), abs(value) <= limit else {
                let problem = ImportProblem(
                    file: csv.fileName, line: row.line, field: name, recordID: recordID,
                    message: text.isEmpty
                        ? "\(name) is missing while the other coordinate is given; location skipped"
                        : "'\(text)' is not a \(name) (decimal degrees between -\(Int(limit)) and \(Int(limit))); location skipped")
                log.record(problem)
                return .failure(problem)
            }
            values.append(value)
        }
        return .success(Coordinates(lat: values[0], lon: values[1]))
    }

    /// HSDS `transportation` is free text ("On the Number 41 bus route"); whole words only, so
    /// "business parking" is not a bus. Text that names no transit says nothing about it.
    static func mentionsTransit(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let lowered = LowercasedText(text)
        return transitWords.contains(where: lowered.containsWord)
    }

    private static let transitWords = ["bus", "buses", "transit", "metro", "subway", "train", "rail", "streetcar", "tram", "trolley", "autobús", "autobus"]
}

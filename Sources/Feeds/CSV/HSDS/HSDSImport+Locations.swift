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
                let coordinates = coordinates(row, latitude, longitude, in: csv, recordID: feedID)
                let verified = verification(row, dates, in: csv, recordID: feedID)
                let address = linked.addresses[feedID]?.address
                let location = Location(
                    id: directoryID(feedID), organizationID: directoryID(ownerID),
                    name: Self.firstNonEmpty(
                        FeedPlainText.singleLine(row.value(name)), FeedPlainText.singleLine(row.value(alternateName)),
                        address?.address1 ?? "", "Location \(feedID)"),
                    address: address, coordinates: coordinates, coordinatesPrecision: coordinates == nil ? nil : .stated,
                    transitAccessible: transitTexts[row.value(transportation)],
                    provenance: provenance(feedID: feedID, lastVerifiedAt: verified))
                try emit(extended(.location(location), row: row, columns: closeloopColumns, companion: .closeloopLocations, feedID: feedID))
                emittedLocations.insert(feedID)
            }
        }
    }

    /// The location's organization. HSDS 3.0 makes `location.organization_id` optional; then the owner
    /// is the organization of a service offered there, found by a light scan of the link and service
    /// tables. A location naming an organization the feed lacks is filed, with a warning, under the
    /// organization of a service offered there: real exports get the column wrong, and dropping the
    /// location would drop its address and coordinates with it.
    private func owner(ofLocation feedID: String, _ stated: String, csv: CSVTable, line: Int) -> String? {
        if !stated.isEmpty, emittedOrganizations.contains(stated) { return stated }
        let viaService = locationOwners()[feedID].flatMap { emittedOrganizations.contains($0) ? $0 : nil }
        switch (stated.isEmpty, viaService) {
        case (true, let owner?):
            return owner
        case (false, let owner?):
            log.warning(csv.fileName, line: line, field: "organization_id", recordID: feedID, kind: .locationReattached,
                        "organization '\(stated)' is not in organizations.csv (or was skipped); the location is kept under '\(owner)', the organization of a service offered there")
            return owner
        case (true, nil):
            log.error(csv.fileName, line: line, field: "organization_id", recordID: feedID, kind: .brokenReference,
                      "the location names no organization and no service is offered there; skipped")
            return nil
        case (false, nil):
            log.error(csv.fileName, line: line, field: "organization_id", recordID: feedID, kind: .brokenReference,
                      "organization '\(stated)' is not in organizations.csv (or was skipped) and no service is offered there; location skipped")
            return nil
        }
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

    /// Both coordinates or neither. A pair that cannot be read ("north", 100°, one of the two
    /// blank) is a warning; the location is kept without coordinates.
    private func coordinates(_ row: CSVRow, _ latitude: Int?, _ longitude: Int?, in csv: CSVTable, recordID: String) -> Coordinates? {
        if row.isBlank(latitude) && row.isBlank(longitude) { return nil }
        var values: [Double] = []
        for (column, name, limit) in [(latitude, "latitude", 90.0), (longitude, "longitude", 180.0)] {
            let text = row.value(column)
            guard let value = Double(text), value.isFinite, abs(value) <= limit else {
                log.warning(csv.fileName, line: row.line, field: name, recordID: recordID, kind: .unreadableCoordinates,
                            text.isEmpty
                                ? "\(name) is missing while the other coordinate is given; the location is kept without coordinates"
                                : "'\(text)' is not a \(name) (decimal degrees between -\(Int(limit)) and \(Int(limit))); the location is kept without coordinates")
                return nil
            }
            values.append(value)
        }
        return Coordinates(lat: values[0], lon: values[1])
    }
}

import Directory

extension HSDSImport {
    /// Streams services_at_location.csv; both ends must have been emitted.
    func readServicesAtLocation(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws {
        try withTable(.servicesAtLocation) { csv in
            let id = csv.column("id"), serviceID = csv.column("service_id"), locationID = csv.column("location_id")
            var seen: Set<String> = []
            seen.reserveCapacity(Self.estimatedRows(csv))
            while let row = csv.next() {
                countRecord(in: csv, progress: progress)
                let service = row.value(serviceID), location = row.value(locationID)
                // Some exports leave the link's own id blank; the pair identifies it just as well.
                let feedID = row.isBlank(id) ? "\(service)@\(location)" : row.value(id)
                guard seen.insert(feedID).inserted else {
                    log.error(csv.fileName, line: row.line, field: "id", recordID: feedID, kind: .duplicateRecord,
                              "id '\(feedID)' appears earlier in \(csv.fileName); this record was skipped")
                    continue
                }
                guard emittedServices.contains(service) else {
                    log.error(csv.fileName, line: row.line, field: "service_id", recordID: feedID, kind: .brokenReference,
                              "service '\(service)' is not in services.csv (or was skipped); link skipped")
                    continue
                }
                guard emittedLocations.contains(location) else {
                    log.error(csv.fileName, line: row.line, field: "location_id", recordID: feedID, kind: .brokenReference,
                              "location '\(location)' is not in locations.csv (or was skipped); link skipped")
                    continue
                }
                try emit(extended(.serviceAtLocation(ServiceAtLocation(
                    id: directoryID(feedID), serviceID: directoryID(service), locationID: directoryID(location))),
                    row: nil, columns: nil, companion: .closeloopServicesAtLocation, feedID: feedID))
            }
        }
    }
}

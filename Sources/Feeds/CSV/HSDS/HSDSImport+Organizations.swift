import Directory

extension HSDSImport {
    /// Streams organizations.csv. 3.0 renamed `url` to `website`; both are read.
    func readOrganizations(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws {
        try withTable(.organizations) { csv in
            let id = csv.column("id"), name = csv.column("name"), description = csv.column("description")
            let url = csv.column("website", "url"), email = csv.column("email")
            let dates = HSDSVerificationColumns(csv)
            var seen: Set<String> = []
            seen.reserveCapacity(Self.estimatedRows(csv))
            let closeloopColumns = extensionColumns(csv)
            while let row = csv.next() {
                countRecord(in: csv, progress: progress)
                guard let feedID = checkedID(row, column: id, in: csv, seen: &seen) else { continue }
                // The name as it will be shown: a cell of markup only ("<b></b>") is no name either.
                let organizationName = FeedPlainText.singleLine(row.value(name))
                guard !organizationName.isEmpty else {
                    log.error(csv.fileName, line: row.line, field: "name", recordID: feedID, kind: .missingName,
                              Self.noName("organization", cell: row.value(name)))
                    continue
                }
                let verified = verification(row, dates, in: csv, recordID: feedID)
                let organization = Organization(
                    id: directoryID(feedID), name: organizationName,
                    description: FeedPlainText.plainText(row.value(description)),
                    url: row.isBlank(url) ? nil : row.value(url), email: row.isBlank(email) ? nil : row.value(email),
                    phones: linked.organizationPhones[feedID] ?? [],
                    provenance: provenance(feedID: feedID, lastVerifiedAt: verified))
                try emit(extended(.organization(organization), row: row, columns: closeloopColumns, companion: .closeloopOrganizations, feedID: feedID))
                emittedOrganizations.insert(feedID)
            }
        }
    }
}

import Foundation

/// Checks shared by the four core tables.
extension HSDSImport {
    /// The row's feed id, or nil (after recording an error) when it is blank or repeats an earlier row's.
    func checkedID(_ row: CSVRow, column: Int?, in csv: CSVTable, seen: inout Set<String>) -> String? {
        let text = row.value(column)
        guard !text.isEmpty else {
            log.error(csv.fileName, line: row.line, field: "id", "the record has no id; skipped")
            return nil
        }
        // The copy the linked tables already keep, so the id sets of a large feed hold no second copy.
        let id = linked.shared(id: text)
        guard seen.insert(id).inserted else {
            log.error(csv.fileName, line: row.line, field: "id", recordID: id,
                      "id '\(id)' appears earlier in \(csv.fileName); this record was skipped")
            return nil
        }
        return id
    }

    /// Counts a core record and reports progress when it is time.
    func countRecord(in csv: CSVTable, progress: (ReadProgress) -> Void) {
        log.countRecordRead()
        if let report = meter.tick(records: log.summary.recordsRead, currentFileBytes: csv.tokenizer.bytesRead) {
            progress(report)
        }
    }

    /// Provenance's `lastVerifiedAt` from `assured_date` (when the record was last checked) or
    /// `last_modified`. An unreadable date is recorded as an error and returned as a failure.
    func verification(
        _ row: CSVRow, _ columns: HSDSVerificationColumns, in csv: CSVTable, recordID: String
    ) -> Result<Date?, ImportProblem> {
        for (column, name) in [(columns.assuredDate, "assured_date"), (columns.lastModified, "last_modified")] {
            guard !row.isBlank(column) else { continue }
            let text = row.value(column)
            guard let date = FeedDate.parse(text) else {
                let problem = ImportProblem(
                    file: csv.fileName, line: row.line, field: name, recordID: recordID,
                    message: "'\(text)' is not a date (expected YYYY-MM-DD or an ISO 8601 date-time); skipped")
                log.record(problem)
                return .failure(problem)
            }
            return .success(date)
        }
        return .success(nil)
    }
}

/// Where a table keeps the dates that say how fresh a record is.
struct HSDSVerificationColumns {
    let assuredDate: Int?
    let lastModified: Int?

    init(_ csv: CSVTable) {
        assuredDate = csv.column("assured_date", "last_verified", "last_verified_at")
        lastModified = csv.column("last_modified", "updated_at")
    }
}

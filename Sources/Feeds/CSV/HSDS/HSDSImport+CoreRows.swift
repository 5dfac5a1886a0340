import Foundation

/// Checks shared by the four core tables.
extension HSDSImport {
    /// The row's feed id, or nil (after recording an error) when it is blank or repeats an earlier row's.
    func checkedID(_ row: CSVRow, column: Int?, in csv: CSVTable, seen: inout Set<String>) -> String? {
        let text = row.value(column)
        guard !text.isEmpty else {
            log.error(csv.fileName, line: row.line, field: "id", kind: .missingID, "the record has no id; skipped")
            return nil
        }
        // The copy the linked tables already keep, so the id sets of a large feed hold no second copy.
        let id = linked.shared(id: text)
        guard seen.insert(id).inserted else {
            log.error(csv.fileName, line: row.line, field: "id", recordID: id, kind: .duplicateRecord,
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
    /// `last_modified`. A date that cannot be read is left unknown with a warning; the record is kept.
    func verification(_ row: CSVRow, _ columns: HSDSVerificationColumns, in csv: CSVTable, recordID: String) -> Date? {
        for (column, name) in [(columns.assuredDate, "assured_date"), (columns.lastModified, "last_modified")] {
            guard !row.isBlank(column) else { continue }
            let text = row.value(column)
            switch dates[text] {
            case .success(let date?): return date
            case .success(nil): continue
            case .failure(let unreadable):
                log.warning(csv.fileName, line: row.line, field: name, recordID: recordID, kind: .unreadableDate,
                            "\(unreadable) (expected a date such as 2024-05-08, 5/8/2024 or 5/8/12 8:45); verification date left unknown")
            }
        }
        return nil
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

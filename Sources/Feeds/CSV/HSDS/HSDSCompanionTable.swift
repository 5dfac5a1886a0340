/// A Closeloop companion table (`x_closeloop_services.csv`…) read in step with the HSDS table it
/// extends: the export writes one row per record of that table, in the same order, so a record's row
/// is the next row, and no table is held in memory (an export of 100,000 services has a million
/// extension cells).
///
/// When the HSDS table skipped a record (a broken row), its companion row is passed over: the lookup
/// looks one row further. A row is applied only to the record of the same HSDS id.
final class HSDSCompanionTable {
    let csv: CSVTable
    let columns: HSDSCloseloopExtensions.Columns
    private let id: Int?
    private var pending: CSVRow?
    private let log: CSVImportLog
    private var warned = false

    init(csv: CSVTable, log: CSVImportLog) {
        self.csv = csv
        self.columns = HSDSCloseloopExtensions.Columns(csv)
        self.id = csv.column("id")
        self.log = log
    }

    /// The row of the record with this HSDS id, or nil when the table has none in its place.
    func row(for recordID: String) -> CSVRow? {
        guard let first = pending ?? csv.next() else { return nil }
        pending = nil
        if first.value(id) == recordID { return first }
        guard let second = csv.next() else { return nil }
        if second.value(id) == recordID { return second }
        pending = second
        if !warned {
            warned = true
            log.warning(csv.fileName, line: first.line, field: "id", recordID: recordID, kind: .brokenReference,
                        "\(csv.fileName) is not in the order of the table it extends (no row for '\(recordID)' in its place); such records are read as plain HSDS")
        }
        return nil
    }
}

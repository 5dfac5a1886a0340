/// Decides when a reader reports progress: every 1,000 records, and once at the end so a progress
/// bar reaches 100%. Bytes are those of the CSV files read so far.
struct CSVProgressMeter {
    static let interval = 1_000

    let totalBytes: Int64
    /// Bytes of files already finished.
    private(set) var finishedBytes: Int64 = 0
    private var lastReportedRecords = 0

    init(totalBytes: Int64) {
        self.totalBytes = totalBytes
    }

    mutating func finishFile(bytes: Int64) { finishedBytes += bytes }

    /// The progress to report after `records` records, or nil when it is not yet time.
    mutating func tick(records: Int, currentFileBytes: Int64) -> ReadProgress? {
        guard records - lastReportedRecords >= Self.interval else { return nil }
        lastReportedRecords = records
        return ReadProgress(records: records, bytesRead: finishedBytes + currentFileBytes, totalBytes: totalBytes)
    }

    /// The closing report, unless the last one already said the same.
    mutating func finish(records: Int) -> ReadProgress? {
        guard records != lastReportedRecords || records == 0 else { return nil }
        lastReportedRecords = records
        return ReadProgress(records: records, bytesRead: finishedBytes, totalBytes: totalBytes)
    }
}

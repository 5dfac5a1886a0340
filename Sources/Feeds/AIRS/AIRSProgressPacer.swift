/// Decides when an AIRS read reports progress: after every 1,000 records read, and once at the end
/// so a progress bar reaches 100%.
struct AIRSProgressPacer {
    static let interval = 1_000

    let totalBytes: Int64
    private var lastReported = 0

    init(totalBytes: Int64) {
        self.totalBytes = totalBytes
    }

    /// The report due after `records` records with `bytesRead` bytes parsed, or nil when it is not yet time.
    mutating func tick(records: Int, bytesRead: Int64) -> ReadProgress? {
        guard records - lastReported >= Self.interval else { return nil }
        lastReported = records
        return ReadProgress(records: records, bytesRead: bytesRead, totalBytes: totalBytes)
    }

    /// The closing report, unless the last one already said the same.
    mutating func finish(records: Int, bytesRead: Int64) -> ReadProgress? {
        guard records != lastReported || records == 0 else { return nil }
        lastReported = records
        return ReadProgress(records: records, bytesRead: bytesRead, totalBytes: totalBytes)
    }
}

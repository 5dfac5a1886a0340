import Reports
import Storage

/// One bin of the days from sent to connected, as the dashboard charts it.
public struct ConnectionTimeBin: Sendable, Hashable {
    public var label: String
    /// nil when the bin is suppressed.
    public var referrals: Int?

    public var text: String { referrals.map(String.init) ?? ReportValue.suppressedText }
}

extension DistrictReporting {
    public static let connectionTimeBins: [(label: String, upTo: Int?)] = [
        ("0–7", 7), ("8–14", 14), ("15–30", 30), ("31–60", 60), ("61–90", 90), ("91+", nil),
    ]

    /// The report's histogram of whole days from sent to connected (counted in the database), in
    /// bins. A bin is shown only when its referral count proves at least 10 students (count ≥ 10 ×
    /// the most referrals any student has) or it is empty; otherwise it reads "<10" — never less
    /// private than the report's own cells. Every bin is suppressed when the connected count is.
    public func connectionTimeBins(of report: ConnectionReport) async throws -> [ConnectionTimeBin] {
        let perStudent = max(1, try await ReportStore(database: reports.database).maxReferralsPerStudent())
        let bins = Self.connectionTimeBins
        var counts = Array(repeating: 0, count: bins.count)
        for bucket in report.totalDaysToConnect {
            let index = bins.firstIndex { $0.upTo.map { bucket.units <= $0 } ?? true } ?? bins.count - 1
            counts[index] += bucket.referrals
        }
        let hidden = report.total[ReportCount.connected].isSuppressed
        return zip(bins, counts).map { bin, count in
            let shown = !hidden && (count == 0 || count >= Suppression.minimumStudents * perStudent)
            return ConnectionTimeBin(label: bin.label, referrals: shown ? count : nil)
        }
    }
}

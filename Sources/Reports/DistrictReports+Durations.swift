import Foundation
import Storage

extension DistrictReports {
    /// One interval's histograms as a report sums them: each group's over its shown month cells,
    /// the total's over its shown months (once per way of choosing them, `totalShows`).
    struct ShownHistograms: Sendable {
        var groups: [String?: [DurationBucket]] = [:]
        var totals: [[DurationBucket]]
    }

    /// A duration's histogram per month cell and per month of the total, read before the cells are decided.
    func histogramsPerCell(_ duration: ReportDuration, _ query: ReportQuery) async throws -> CellHistograms {
        let fine = query.monthCells
        // Groups that do not partition the referrals (a service in two domains) have the total read on its own.
        async let separateTotal = fine.partitionsReferrals ? nil : store.durationHistogram(duration, query.filter, by: query.months)
        let cells = try await store.durationHistogram(duration, query.filter, by: fine)
        var months: [String: [DurationBucket]] = [:]
        if let byMonth = try await separateTotal {
            for (key, buckets) in byMonth { months[key ?? ""] = buckets }
        } else {
            for (key, buckets) in cells { months[query.groupAndMonth(key).month, default: []] += buckets }
        }
        return CellHistograms(cells: cells, months: months)
    }

    /// Read once the cells are decided, so the store adds up each group's shown months itself and
    /// sends a row per group and bucket, not per month cell and bucket (a tenth of the rows by
    /// school: docs/PERFORMANCE.md, "Reports, two phases"). The cells it keeps apart, month by
    /// month, are the hidden ones and, when the total is the groups' sum, those of a month some
    /// total does not show; the rest are folded into their group. Added up here instead when the
    /// histograms per cell are `read` already, or when the rows are the months.
    func shownHistograms(
        _ duration: ReportDuration, _ decided: DecidedCells, _ query: ReportQuery, read known: CellHistograms? = nil,
        shows: ([ReportCount: ReportValue]) -> Bool, totalShows: [([ReportCount: ReportValue]) -> Bool]
    ) async throws -> ShownHistograms {
        let fine = query.monthCells
        // Per way of choosing: the total's months it shows.
        let totalMonths = totalShows.map { totalShows in Set(decided.total.filter { totalShows($0.cells) }.map { $0.key ?? "" }) }
        var result = ShownHistograms(totals: totalShows.map { _ in [] })
        func addTotals(_ buckets: [DurationBucket], month: String) {
            for index in totalMonths.indices where totalMonths[index].contains(month) { result.totals[index] += buckets }
        }

        var perCell = known
        if perCell == nil, case .month = query.grouping {
            // The rows are the months (and the total's months too).
            let byMonth = try await store.durationHistogram(duration, query.filter, by: fine)
            perCell = CellHistograms(cells: byMonth, months: Dictionary(byMonth.map { ($0.key ?? "", $0.value) }, uniquingKeysWith: +))
        }
        if let perCell {
            for cell in decided.fine where shows(cell.cells) {
                result.groups[query.groupAndMonth(cell.key).group, default: []] += perCell.cells[cell.key] ?? []
            }
            for (month, buckets) in perCell.months { addTotals(buckets, month: month) }
            return result
        }

        let partition = fine.partitionsReferrals
        var folding: [String?] = [], apart: [String?] = [], shown: Set<String?> = []
        for cell in decided.fine {
            guard shows(cell.cells) else { apart.append(cell.key); continue }
            shown.insert(cell.key)
            let month = query.groupAndMonth(cell.key).month
            if !partition || totalMonths.allSatisfy({ $0.contains(month) }) { folding.append(cell.key) } else { apart.append(cell.key) }
        }
        // Groups that do not partition the referrals (a service in two domains) have the total read on its own.
        async let separateTotal = partition ? nil : store.durationHistogram(duration, query.filter, by: query.months)
        let read = try await store.durationHistogram(duration, query.filter, by: fine, folding: folding, apart: apart)
        for (group, buckets) in read.folded { result.groups[group, default: []] += buckets }
        for (key, buckets) in read.apart where shown.contains(key) { result.groups[query.groupAndMonth(key).group, default: []] += buckets }
        if let byMonth = try await separateTotal {
            for (key, buckets) in byMonth { addTotals(buckets, month: key ?? "") }
        } else {
            // Folded cells are in months every total shows.
            let folded = read.folded.values.flatMap { $0 }
            for index in result.totals.indices { result.totals[index] = folded }
            for (key, buckets) in read.apart { addTotals(buckets, month: query.groupAndMonth(key).month) }
        }
        return result
    }
}

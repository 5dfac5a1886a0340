import Directory
import Foundation
import Referrals
import Storage

/// The district's reports, computed for one user's scope: coordinators see their schools, partners
/// their organization, district and admin users everything. Entry point for the API, the CLI and
/// the dashboard.
public struct DistrictReports: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    var store: ReportStore { ReportStore(database: database) }

    /// The default period, in the district's time zone: August 1 of this school year through today.
    public func schoolYearToDate(now: Date = Date()) async throws -> (from: CalendarDate, to: CalendarDate) {
        let zone = try await ReferralStore(database: database).followUpPolicy().timeZone
        return ConnectionReportRequest.schoolYearToDate(today: CalendarDate(now, in: zone))
    }

    /// The connection report: funnel, connection rate, time to connection and to first response,
    /// overdue follow-ups, per group and in total. Counted over the whole months of the period that
    /// are over, each group's figures the sum of its month cells that have 10 students or more
    /// (`Suppression`). Narrowed to one school, its cells are decided beside the unnarrowed report's
    /// too (`NarrowedSuppression`), so the two cannot be subtracted to a small group.
    public func connections(_ asked: ConnectionReportRequest, for user: User, now: Date = Date()) async throws -> ConnectionReport {
        try asked.validate()
        let policy = try await ReferralStore(database: database).followUpPolicy()
        let request = asked.completeMonths(before: CalendarDate(now, in: policy.timeZone))
        let query = try ReportQuery(request: request, user: user, policy: policy, now: now)

        // First the cells: counts alone decide what is shown. A report narrowed to one school is
        // decided beside its unnarrowed parent (`narrow`), read at the same time.
        async let parentCells = decidedCells(ifAny: query.unnarrowed)
        let afterCells = query.durationsAfterCells
        async let responseCells = afterCells ? nil : histogramsPerCell(.sentToFirstResponse, query)
        var narrowed = try await decidedCells(query, withDays: !afterCells)
        if let parent = try await parentCells { try await narrow(&narrowed, under: parent, query) }
        let decided = narrowed
        // Then the intervals, each summed over the shown months only (`shownHistograms`), read now or already.
        async let connectRead = shownHistograms(.sentToConnected, decided, query, read: decided.connectDays, shows: Self.showsConnection,
                                                totalShows: [Self.showsConnection, Self.showsConnected])
        let responsePerCell = try await responseCells
        async let responseRead = shownHistograms(.sentToFirstResponse, decided, query, read: responsePerCell, shows: Self.showsResponse,
                                                 totalShows: [Self.showsResponse])
        let connect = try await connectRead, response = try await responseRead
        let totalMonths = decided.total.map { cell in MonthCell(cells: cell.cells, referrals: decided.totalCounts[cell.key ?? ""] ?? [:]) }

        // Each group's month cells, groups in the order the store gave them.
        var groupOrder: [String?] = [], groupMonths: [String?: [MonthCell]] = [:]
        let referralCounts = Dictionary(decided.counts.map { ($0.key, $0.counts) }, uniquingKeysWith: { first, _ in first })
        for cell in decided.fine {
            let group = query.groupAndMonth(cell.key).group
            if groupMonths[group] == nil { groupOrder.append(group) }
            groupMonths[group, default: []].append(MonthCell(cells: cell.cells, referrals: referralCounts[cell.key] ?? [:]))
        }

        let labels = try await GroupLabels.load(request.groupBy, keys: groupOrder, database: database)
        var keys = groupOrder
        if case .month(_, let months) = query.grouping { keys = months }  // every month, with referrals or not
        var rows = keys.map { key in
            Self.row(key: key, label: labels.label(for: key), months: groupMonths[key] ?? [],
                     connect: connect.groups[key] ?? [], response: response.groups[key] ?? [])
        }
        rows.sort(by: labels.ordersBefore)
        let totalRow = Self.row(key: nil, label: "Total", months: totalMonths, connect: connect.totals[0], response: response.totals[0])
        return ConnectionReport(request: request, requested: asked, timeZone: policy.timeZone.identifier, generatedAt: now, rows: rows, total: totalRow,
                                totalDaysToConnect: connect.totals[1])
    }

    /// One report's month cells as suppression decided them, the groups' and the total's, with the
    /// referral counts they were decided from.
    struct DecidedCells: Sendable {
        var counts: [ReportGroupCounts]
        /// Each group's month cells (for `month` the months themselves).
        var fine: [RowCells]
        /// The total's month cells, keyed by month label, and what they count.
        var total: [RowCells]
        var totalCounts: [String: [ReportCount: Int]]
        /// The most referrals of one student (`Suppression.isSettled`).
        var bound: Int
        /// Days to connection per cell and per month of the total, when read with the counts (`withDays`).
        var connectDays: CellHistograms?
    }

    /// A duration's histogram per month cell and per month of the total.
    struct CellHistograms: Sendable {
        var cells: [String?: [DurationBucket]]
        var months: [String: [DurationBucket]]
    }

    func decidedCells(ifAny query: ReportQuery?) async throws -> DecidedCells? {
        guard let query else { return nil }
        return try await decidedCells(query, withDays: false)
    }

    /// The month cells of `query`, each shown or hidden by `Suppression` and complementary suppression;
    /// `withDays`: with the days to connection of every cell from the counting scans (`ReportQuery.durationsAfterCells`).
    func decidedCells(_ query: ReportQuery, withDays: Bool) async throws -> DecidedCells {
        let fine = query.monthCells, byMonth = query.months
        let partition = fine.partitionsReferrals
        async let fineRead = store.referralCounts(query.filter, by: fine, overdue: query.overdue, daysToConnect: withDays)
        async let separateTotal = partition ? nil : store.referralCounts(query.filter, by: byMonth, overdue: query.overdue, daysToConnect: withDays)
        async let maxPerStudent = store.maxReferralsPerStudent()

        let (counts, fineDays) = try await fineRead
        let bound = try await maxPerStudent
        var fineCells = try await cells(counts, query, grouping: fine, bound: bound)
        if case .month = query.grouping {} else if partition {
            // The month's total is shown beside its groups: hide more so it cannot be subtracted to one small cell.
            fineCells = Self.complemented(fineCells, referrals: counts, monthOf: { query.groupAndMonth($0).month })
        }
        let totalRead = try await separateTotal

        // The total's month cells: read on their own, or the month cells of every group added up.
        var totalCounts: [String: [ReportCount: Int]] = [:], totalDays: [String: [DurationBucket]] = [:]
        if let totalRead {
            for row in totalRead.counts { totalCounts[row.key ?? ""] = row.counts }
            for (key, buckets) in totalRead.daysToConnect { totalDays[key ?? ""] = buckets }
        } else {
            for row in counts {
                let month = query.groupAndMonth(row.key).month
                for (count, value) in row.counts { totalCounts[month, default: [:]][count, default: 0] += value }
            }
            for (key, buckets) in fineDays { totalDays[query.groupAndMonth(key).month, default: []] += buckets }
        }
        let totalCells: [RowCells]
        if case .month = query.grouping {
            totalCells = fineCells  // the rows are the months
        } else {
            totalCells = try await cells(totalCounts.map { ReportGroupCounts(key: $0.key, counts: $0.value) }, query,
                                         grouping: byMonth, bound: bound)
        }
        return DecidedCells(counts: counts, fine: fineCells, total: totalCells, totalCounts: totalCounts, bound: bound,
                            connectDays: withDays ? CellHistograms(cells: fineDays, months: totalDays) : nil)
    }

    /// Complementary suppression: within one month the groups partition the total, so the total minus
    /// the shown groups is the hidden groups' sum. Where that sum is 1–9 referrals (one small school
    /// beside large ones), the smallest shown cells of that month and count are hidden too until the
    /// hidden sum is 10 or more. Decided per month from that month's cells alone, like the cells.
    static func complemented(_ cells: [RowCells], referrals: [ReportGroupCounts], monthOf: (String?) -> String) -> [RowCells] {
        var result = cells
        let counts = Dictionary(referrals.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let byMonth = Dictionary(grouping: result.indices, by: { monthOf(result[$0].key) })
        for month in byMonth.keys.sorted() {
            let indices = byMonth[month]!
            for count in ReportCount.allCases {
                func referralsOf(_ index: Int) -> Int { counts[result[index].key]?[count] ?? 0 }
                var hidden = indices.filter { result[$0].cells[count]?.count == nil }.reduce(0) { $0 + referralsOf($1) }
                guard hidden > 0, hidden < Suppression.minimumStudents else { continue }
                // Smallest first (then by key, so every report of this month hides the same cells).
                let shown = indices.filter { result[$0].cells[count]?.count != nil }
                    .sorted { (referralsOf($0), result[$0].key ?? "") < (referralsOf($1), result[$1].key ?? "") }
                for index in shown where hidden < Suppression.minimumStudents {
                    result[index].cells[count] = .suppressed
                    hidden += referralsOf(index)
                }
            }
        }
        return result
    }

    /// One group's counts in one month, as read and as suppression decided them.
    struct MonthCell: Sendable {
        var cells: [ReportCount: ReportValue]
        var referrals: [ReportCount: Int]
    }

    // MARK: cells

    /// A row's referral counts with the suppression decided for each.
    struct RowCells: Sendable {
        var key: String?
        var cells: [ReportCount: ReportValue]
    }

    /// Each row's counts with suppression decided: by the referral count where it can, by distinct
    /// students (counted only for the rows that need it) where it cannot — see `Suppression`.
    func cells(_ counts: [ReportGroupCounts], _ query: ReportQuery, grouping: ReportGrouping, bound: Int) async throws -> [RowCells] {
        // Per count, the rows whose referral count cannot settle it.
        var unsettled: [ReportCount: [String?]] = [:]
        for row in counts {
            for count in ReportCount.allCases where !Suppression.isSettled(referrals: row[count], maxReferralsPerStudent: bound) {
                unsettled[count, default: []].append(row.key)
            }
        }
        var students: [String?: ReportGroupCounts] = [:]
        if !unsettled.isEmpty {
            // Naming thousands of keys (or every row) would cost more than counting every row.
            let needed = unsettled.mapValues { keys in keys.count <= 500 && keys.count < counts.count ? keys : nil }
            for row in try await store.studentCounts(query.filter, by: grouping, overdue: query.overdue, needed: needed) {
                students[row.key] = row
            }
        }
        return counts.map { row in
            var cells: [ReportCount: ReportValue] = [:]
            for count in ReportCount.allCases {
                // Exact students where the referral count cannot settle the cell (and only there were they counted).
                let settled = Suppression.isSettled(referrals: row[count], maxReferralsPerStudent: bound)
                cells[count] = Suppression.cell(referrals: row[count], students: settled ? nil : students[row.key].map { $0[count] })
            }
            return RowCells(key: row.key, cells: cells)
        }
    }

    /// A row from its month cells: each count the sum of its shown months (`Suppression.sum`); the
    /// rate and the times over the months whose connected (responded) cell is shown
    /// (`showsConnection`, `showsResponse`), so no hidden month's referrals move them: `connect` and
    /// `response` are the histograms of those months alone (`shownHistograms`).
    static func row(key: String?, label: String, months: [MonthCell], connect: [DurationBucket], response: [DurationBucket]) -> ConnectionReportRow {
        var cells: [ReportCount: ReportValue] = [:]
        for count in ReportCount.allCases {
            cells[count] = Suppression.sum(months.map { (cell: $0.cells[count] ?? .suppressed, referrals: $0.referrals[count] ?? 0) })
        }
        let connectedMonths = months.filter { showsConnection($0.cells) }
        let respondedMonths = months.filter { showsResponse($0.cells) }
        let sent = connectedMonths.reduce(0) { $0 + ($1.cells[.sent]?.count ?? 0) }
        let connected = connectedMonths.reduce(0) { $0 + ($1.cells[.connected]?.count ?? 0) }
        let rate: ReportValue = sent > 0 ? .measure((Double(connected) / Double(sent) * 1000).rounded() / 1000) : .suppressed
        func measure(_ shown: [MonthCell], _ histogram: [DurationBucket], _ percent: Int) -> ReportValue {
            guard !shown.isEmpty else { return .suppressed }
            return Percentile.of(histogram, percent).map { .measure(Double($0)) } ?? .none
        }
        return ConnectionReportRow(
            key: key, label: label, counts: cells, connectionRate: rate,
            medianDaysToConnect: measure(connectedMonths, connect, 50),
            p90DaysToConnect: measure(connectedMonths, connect, 90),
            medianHoursToFirstResponse: measure(respondedMonths, response, 50),
            p90HoursToFirstResponse: measure(respondedMonths, response, 90))
    }

    /// A month's days to connection count in its row (and the rate) when its connected and sent cells are shown.
    static func showsConnection(_ cells: [ReportCount: ReportValue]) -> Bool {
        cells[.connected]?.count != nil && cells[.sent]?.count != nil
    }

    /// The total's days-to-connection bins (`totalDaysToConnect`) take the months whose connected cell is shown.
    static func showsConnected(_ cells: [ReportCount: ReportValue]) -> Bool {
        cells[.connected]?.count != nil
    }

    /// A month's hours to first response count in its row when its responded cell is shown.
    static func showsResponse(_ cells: [ReportCount: ReportValue]) -> Bool {
        cells[.responded]?.count != nil
    }
}

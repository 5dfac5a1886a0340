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
    /// overdue follow-ups, per group and in total, suppressed below 10 students.
    public func connections(_ asked: ConnectionReportRequest, for user: User, now: Date = Date()) async throws -> ConnectionReport {
        try asked.validate()
        let request = asked.wholeMonths
        let policy = try await ReferralStore(database: database).followUpPolicy()
        let query = try ReportQuery(request: request, user: user, policy: policy, now: now)

        // Every read starts at once: on PostgreSQL each runs on its own backend, on SQLite on its own connection.
        let partition = query.grouping.partitionsReferrals
        async let groupTallies = store.referralTallies(query.filter, by: query.grouping, overdue: query.overdue)
        async let separateTotal = partition ? nil : store.referralTallies(query.filter, by: .all, overdue: query.overdue)
        async let responseTimes = store.durationHistogram(.sentToFirstResponse, query.filter, by: query.grouping)
        async let separateResponse = partition ? nil : store.durationHistogram(.sentToFirstResponse, query.filter, by: .all)
        async let maxPerStudent = store.maxReferralsPerStudent()

        let tallies = try await groupTallies, bound = try await maxPerStudent
        let counts = tallies.counts
        let groups = try await cells(counts, query, grouping: query.grouping, bound: bound)
        // For partitions the total is the rows added up; otherwise it was read on its own.
        let totalTallies = try await separateTotal
        let total = try await cells(totalTallies?.counts ?? [Self.sum(counts)], query, grouping: .all, bound: bound)
        let connect = tallies.daysToConnect, response = try await responseTimes
        let totalConnect = totalTallies.map { $0.daysToConnect[nil] ?? [] } ?? Array(connect.values.joined())
        let totalResponse = try await separateResponse?[nil] ?? Array(response.values.joined())

        let labels = try await GroupLabels.load(request.groupBy, keys: groups.map(\.key), database: database)
        var keys = groups.map(\.key)
        if case .month(_, let months) = query.grouping { keys = months }  // every month, with referrals or not
        var rows = keys.map { key in
            Self.row(key: key, label: labels.label(for: key), cells: groups.first { $0.key == key }?.cells ?? [:],
                     connect: connect[key] ?? [], response: response[key] ?? [])
        }
        rows.sort(by: labels.ordersBefore)
        let totalRow = Self.row(key: nil, label: "Total", cells: total.first?.cells ?? [:], connect: totalConnect, response: totalResponse)
        return ConnectionReport(request: request, requested: asked, timeZone: policy.timeZone.identifier, generatedAt: now, rows: rows, total: totalRow,
                                totalDaysToConnect: totalConnect)
    }

    // MARK: cells

    /// A row's referral counts with the suppression decided for each.
    struct RowCells: Sendable {
        var key: String?
        var cells: [ReportCount: ReportValue]
    }

    /// One total row from rows that partition the referrals.
    static func sum(_ rows: [ReportGroupCounts]) -> ReportGroupCounts {
        var sums: [ReportCount: Int] = [:]
        for row in rows { for (count, value) in row.counts { sums[count, default: 0] += value } }
        return ReportGroupCounts(key: nil, counts: sums)
    }

    /// Each row's counts with suppression decided: by the referral count where it can, by distinct
    /// students (counted only for the rows that need it) where it cannot — see `Suppression`.
    func cells(_ counts: [ReportGroupCounts], _ query: ReportQuery, grouping: ReportGrouping, bound: Int) async throws -> [RowCells] {
        let unsettled = counts.filter { row in
            ReportCount.allCases.contains { !Suppression.isSettled(referrals: row[$0], maxReferralsPerStudent: bound) }
        }.map(\.key)
        var students: [String?: ReportGroupCounts] = [:]
        if !unsettled.isEmpty {
            // Naming thousands of keys would cost more than counting every row.
            let only = unsettled.count <= 500 ? unsettled : nil
            for row in try await store.studentCounts(query.filter, by: grouping, overdue: query.overdue, onlyKeys: only) {
                students[row.key] = row
            }
        }
        return counts.map { row in
            var cells: [ReportCount: ReportValue] = [:]
            for count in ReportCount.allCases {
                cells[count] = Suppression.cell(referrals: row[count], students: students[row.key].map { $0[count] })
            }
            return RowCells(key: row.key, cells: cells)
        }
    }

    static func row(
        key: String?, label: String, cells: [ReportCount: ReportValue], connect: [DurationBucket], response: [DurationBucket]
    ) -> ConnectionReportRow {
        var cells = cells
        for count in ReportCount.allCases where cells[count] == nil { cells[count] = .suppressed }  // no referrals at all
        let sent = cells[.sent]!, connected = cells[.connected]!, responded = cells[.responded]!
        let rate: ReportValue = switch (sent, connected) {
        case (.count(let total), .count(let done)) where total > 0: .measure((Double(done) / Double(total) * 1000).rounded() / 1000)
        case (.count, .count): .none
        default: .suppressed
        }
        func measure(_ histogram: [DurationBucket], _ percent: Int, hiddenWith cell: ReportValue) -> ReportValue {
            guard !cell.isSuppressed else { return .suppressed }
            return Percentile.of(histogram, percent).map { .measure(Double($0)) } ?? .none
        }
        return ConnectionReportRow(
            key: key, label: label, counts: cells, connectionRate: rate,
            medianDaysToConnect: measure(connect, 50, hiddenWith: connected),
            p90DaysToConnect: measure(connect, 90, hiddenWith: connected),
            medianHoursToFirstResponse: measure(response, 50, hiddenWith: responded),
            p90HoursToFirstResponse: measure(response, 90, hiddenWith: responded))
    }
}

import Foundation
import Localization
import Referrals
import Reports
import Storage
import Workflows

/// Everything the dashboard shows for one period and school, computed from the Reports module.
/// Suppressed cells stay suppressed here: a bar for a "<10" cell is an outline, never a length.
struct DashboardContent: Sendable {
    struct Figure: Sendable {
        let id: String
        let value: String
        let label: String
    }

    struct TableRow: Sendable {
        let header: String
        let cells: [String]
    }

    struct Chart: Sendable {
        let id: String
        let caption: String
        let svg: String
        let columns: [String]
        let rows: [TableRow]
        let note: String?
    }

    let figures: [Figure]
    let charts: [Chart]
    let noCapacity: [TableRow]
    let hasNoCapacity: Bool
    let longWaitlists: [TableRow]
    let hasLongWaitlists: Bool

    static func load(
        period: DashboardPeriod, user: User, reporting: DistrictReporting, now: Date
    ) async throws -> DashboardContent {
        let bySchool = try await reporting.connections(
            ConnectionReportRequest(from: period.from, to: period.to, groupBy: .school, schoolID: period.schoolID), for: user, now: now)
        let byBarrier = try await reporting.connections(
            ConnectionReportRequest(from: period.from, to: period.to, groupBy: .barrier, schoolID: period.schoolID), for: user, now: now)
        let gaps = try await reporting.gaps(GapsReportRequest(from: period.from, to: period.to, schoolID: period.schoolID), for: user, now: now)
        let total = bySchool.total
        let distribution = ConnectionTimes.chart(try await reporting.connectionTimeBins(of: bySchool))

        let figures = [
            Figure(id: "figure-sent", value: cell(total[ReportCount.sent]), label: w.t("figure.sent")),
            Figure(id: "figure-connected", value: cell(total[ReportCount.connected]), label: w.t("figure.connected")),
            Figure(id: "figure-rate", value: percent(total.connectionRate), label: w.t("figure.rate")),
            Figure(id: "figure-median-days", value: days(total.medianDaysToConnect), label: w.t("figure.median_days")),
            Figure(id: "figure-p90-days", value: days(total.p90DaysToConnect), label: w.t("figure.p90_days")),
            Figure(id: "figure-response-hours", value: hours(total.medianHoursToFirstResponse), label: w.t("figure.response_hours")),
            Figure(id: "figure-open", value: cell(total[ReportCount.open]), label: w.t("figure.open")),
            Figure(id: "figure-overdue", value: cell(total[ReportCount.overdue]), label: w.t("figure.overdue")),
        ]
        return DashboardContent(
            figures: figures,
            charts: [funnel(total), distribution.chart, rateChart(bySchool, id: "rate-by-school", what: "school"),
                     rateChart(byBarrier, id: "rate-by-barrier", what: "barrier"), unmetNeeds(gaps)],
            noCapacity: gaps.noCapacity.map { TableRow(header: Labels.barrier($0.barrier, $0.barrierLabel), cells: [cell($0.declinedReferrals)]) },
            hasNoCapacity: !gaps.noCapacity.isEmpty,
            longWaitlists: gaps.longWaitlists.map {
                TableRow(header: Labels.barrier($0.barrier, $0.barrierLabel), cells: [Labels.count($0.longestWaitWeeks, "week"), $0.services.map(\.name).prefix(3).joined(separator: "; "),
                                                          cell($0.waitlistedReferrals)])
            },
            hasLongWaitlists: !gaps.longWaitlists.isEmpty)
    }

    /// How far referrals got: each stage counts the period's referrals that ever reached it.
    static func funnel(_ total: ConnectionReportRow) -> Chart {
        let stages: [(ReportCount, String)] = [
            (.sent, w.t("funnel.sent")), (.responded, w.t("funnel.responded")), (.accepted, w.t("funnel.accepted")),
            (.scheduled, w.t("funnel.scheduled")), (.connected, w.t("funnel.connected")), (.closed, w.t("funnel.closed")),
        ]
        let bars = stages.map { SVGCharts.Bar(label: $0.1, value: total[$0.0].shownCount.map(Double.init), text: total[$0.0].text) }
        return Chart(
            id: "funnel", caption: w.t("chart.funnel"),
            svg: SVGCharts.horizontalBars(id: "funnel", title: w.t("chart.funnel"),
                                          description: stages.map { "\($0.1): \(total[$0.0].text)" }.joined(separator: "; "), bars: bars,
                                          maxValue: total[ReportCount.sent].shownCount.map(Double.init)),
            columns: [w.t("chart.stage"), w.t("chart.referrals")], rows: stages.map { TableRow(header: $0.1, cells: [cell(total[$0.0])]) }, note: nil)
    }

    /// Connection rate per school or barrier, as a percentage of referrals sent.
    static func rateChart(_ report: ConnectionReport, id: String, what: String) -> Chart {
        // Barrier rows in the page's language (the report itself keeps the vocabulary's labels).
        let rows = report.rows.filter { $0[ReportCount.sent] != .count(0) }.map { row in
            var row = row
            if what == "barrier", let key = row.key { row.label = Labels.barrier(key, row.label) }
            return row
        }
        let bars = rows.map { row in
            SVGCharts.Bar(label: row.label, value: row.connectionRate.measure.map { $0 * 100 },
                          text: row.connectionRate.measure.map { _ in w.t("chart.rate_of", ["rate": percent(row.connectionRate), "sent": row[ReportCount.sent].text]) }
                              ?? row.connectionRate.text.nonEmpty ?? "—")
        }
        return Chart(
            id: id, caption: w.t("chart.rate_by_\(what)"),
            svg: SVGCharts.horizontalBars(id: id, title: w.t("chart.rate_by_\(what)"),
                                          description: rows.map { "\($0.label): \(percent($0.connectionRate))" }.joined(separator: "; "),
                                          bars: bars, maxValue: 100),
            columns: [w.t("chart.\(what)"), w.t("funnel.sent"), w.t("funnel.connected"), w.t("chart.rate"), w.t("chart.median_days")],
            rows: rows.map { TableRow(header: $0.label, cells: [cell($0[ReportCount.sent]), cell($0[ReportCount.connected]), percent($0.connectionRate), days($0.medianDaysToConnect)]) },
            note: w.t("chart.rate_note"))
    }

    /// Barriers for which coordinators' matches found no eligible provider in the period.
    static func unmetNeeds(_ gaps: GapsReport) -> Chart {
        let needs = gaps.unmetNeeds.sorted { ($0.matches, $1.barrierLabel) > ($1.matches, $0.barrierLabel) }
        let bars = needs.prefix(12).map {
            SVGCharts.Bar(label: Labels.barrier($0.barrier, $0.barrierLabel), value: Double($0.matches), text: Labels.count($0.matches, "search", plural: "searches"))
        }
        return Chart(
            id: "unmet-needs", caption: w.t("chart.unmet"),
            svg: SVGCharts.horizontalBars(id: "unmet-needs", title: w.t("chart.unmet_title"),
                                          description: needs.map { "\(Labels.barrier($0.barrier, $0.barrierLabel)): \($0.matches)" }.joined(separator: "; "),
                                          bars: Array(bars), color: "#8a4b00"),
            columns: [w.t("col.barrier"), w.t("chart.searches"), w.t("chart.why")],
            rows: needs.map { TableRow(header: Labels.barrier($0.barrier, $0.barrierLabel), cells: [String($0.matches), $0.reason]) },
            note: w.t("chart.unmet_note"))
    }

    /// The words a hidden count reads on the pages (the CSV and the API keep "<10").
    static var hiddenCount: String { w.t("cell.hidden", ["min": String(Suppression.minimumStudents)]) }

    /// The request's words (`PageLanguage`).
    static var w: Words { PageLanguage.words }

    /// A count cell: a true zero is 0, a suppressed count says why it is hidden, nothing is "—".
    static func cell(_ value: ReportValue) -> String {
        switch value {
        case .count(let number): String(number)
        case .atLeast(let number): w.t("cell.at_least", ["count": String(number), "min": String(Suppression.minimumStudents)])
        case .measure: value.text
        case .suppressed: hiddenCount
        case .none: "—"
        }
    }

    /// A rate: suppressed or without referrals, "—" (a rate cannot be "fewer than 10").
    static func percent(_ value: ReportValue) -> String {
        switch value {
        case .measure(let rate): String(format: "%.0f%%", rate * 100)
        default: "—"
        }
    }

    /// Days or hours: suppressed or not measurable, "—".
    static func days(_ value: ReportValue) -> String {
        value.measure.map { ReportValue.measure($0).text } ?? "—"
    }

    static func hours(_ value: ReportValue) -> String { days(value) }
}

/// The days from sent to connected, as `DistrictReporting.connectionTimeBins` bins and suppresses them.
enum ConnectionTimes {
    struct Result {
        let chart: DashboardContent.Chart
    }

    static func chart(_ bins: [ConnectionTimeBin]) -> Result {
        let bars = bins.map { SVGCharts.Bar(label: $0.label, value: $0.referrals.map(Double.init), text: $0.text) }
        let w = PageLanguage.words
        let chart = DashboardContent.Chart(
            id: "time-to-connection", caption: w.t("chart.days_to_connect"),
            svg: SVGCharts.columns(id: "time-to-connection", title: w.t("chart.days_to_connect"),
                                   description: bars.map { w.t("chart.bin_days", ["bin": $0.label, "count": $0.text]) }.joined(separator: "; "), bars: bars),
            columns: [w.t("chart.days"), w.t("chart.referrals")],
            rows: bins.map { DashboardContent.TableRow(header: $0.label, cells: [$0.referrals.map(String.init) ?? DashboardContent.hiddenCount]) },
            note: w.t("chart.bin_note"))
        return Result(chart: chart)
    }
}

import Foundation
import Hummingbird
import Referrals
import Reports
import Storage
import Workflows

/// The district dashboard: the connection report for a period and school as figures and
/// server-drawn SVG charts (funnel, time to connection, connection rate by school and by barrier,
/// unmet needs), each with its numbers in a table, and the report as CSV.
struct DistrictPages: Sendable {
    let services: WebServices
    static let roles: Set<Role> = [.district, .admin]

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("district", use: dashboard)
        web.get("district/reports/connections.csv", use: csv)
    }

    @Sendable func dashboard(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let now = services.clock()
        let period = try await DashboardPeriod(form: context.queryForm(request), services: services, now: now)
        let schools = try await services.directory.schools()
        var error = period.problem
        var content: DashboardContent?
        var status = HTTPResponse.Status.ok
        if let id = period.schoolID, !schools.contains(where: { $0.id == id }) {
            // An unknown school is refused, not reported as a school with no referrals.
            error = context.words.t("dashboard.unknown_school", ["id": id])
            status = .unprocessableContent
        } else {
            do {
                content = try await DashboardContent.load(period: period, user: user, reporting: services.useCases.reporting, now: now)
            } catch let problem as ReportError {
                error = context.words.t("dashboard.cannot", ["problem": problem.description])
            }
        }
        return services.renderer.render("dashboard", DashboardPage(
            frame: PageFrame(title: context.words.t("dashboard.title"), context: context, path: request.uri.path, error: error),
            from: period.from.description, through: period.through.description,
            schools: schools.map { Option(value: $0.id, label: $0.name, selected: $0.id == period.schoolID) },
            schoolName: period.schoolID.flatMap { id in schools.first { $0.id == id }?.name } ?? context.words.t("dashboard.all_schools_lower"),
            hasContent: content != nil, content: content,
            csvBySchoolHref: period.csvHref(groupBy: .school), csvByBarrierHref: period.csvHref(groupBy: .barrier),
            csvByMonthHref: period.csvHref(groupBy: .month)), status: status)
    }

    /// The connection report as CSV, the same text `GET /api/v1/reports/connections` answers with
    /// `Accept: text/csv`, for the signed-in browser (the API itself takes bearer tokens only).
    @Sendable func csv(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let form = context.queryForm(request)
        let now = services.clock()
        let period = try await DashboardPeriod(form: form, services: services, now: now)
        if let problem = period.problem { throw WebPageError.badForm(problem) }
        if let id = period.schoolID, try await !services.directory.schools().contains(where: { $0.id == id }) {
            throw WebPageError.badForm(PageLanguage.words.t("dashboard.no_school", ["id": id]))
        }
        let groupBy = form["group_by"].flatMap(ReportGroupBy.init(rawValue:)) ?? .school
        let report: ConnectionReport
        do {
            report = try await services.useCases.reporting.connections(
                ConnectionReportRequest(from: period.from, to: period.to, groupBy: groupBy, schoolID: period.schoolID), for: user, now: now)
        } catch let problem as ReportError {
            throw WebPageError.badForm(problem.description)
        }
        let name = "closeloop-connections-by-\(groupBy.rawValue)-\(period.from)-to-\(period.through).csv"
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: report.csv)))
    }
}

/// The period and school the dashboard shows. People pick inclusive days ("from … through …");
/// reports take `[from, to)`, so `to` is the day after `through`.
struct DashboardPeriod: Sendable {
    let from: CalendarDate
    let through: CalendarDate
    let schoolID: String?
    let problem: String?

    var to: CalendarDate { through.adding(days: 1) }

    init(form: FormData, services: WebServices, now: Date) async throws {
        let defaults = try await services.useCases.reporting.period(from: nil, to: nil, now: now)
        var problems: [String] = []
        func day(_ name: String, _ fallback: CalendarDate) -> CalendarDate {
            guard let text = form[name] else { return fallback }
            guard let date = CalendarDate(text) else { problems.append(PageLanguage.words.t("form.not_a_date", ["text": text])); return fallback }
            return date
        }
        var from = day("from", defaults.from)
        var through = day("through", defaults.to.adding(days: -1))
        if through < from {
            problems.append(PageLanguage.words.t("dashboard.period_backwards"))
            (from, through) = (defaults.from, defaults.to.adding(days: -1))
        }
        self.from = from
        self.through = through
        schoolID = form["school"]
        problem = problems.isEmpty ? nil : PageLanguage.words.t("dashboard.showing_year_instead", ["problems": problems.joined(separator: "; ")])
    }

    func csvHref(groupBy: ReportGroupBy) -> String {
        "/district/reports/connections.csv" + WebPaths.query([
            ("from", from.description), ("through", through.description), ("school", schoolID), ("group_by", groupBy.rawValue),
        ])
    }
}

struct DashboardPage {
    let frame: PageFrame
    let from: String
    let through: String
    let schools: [Option]
    let schoolName: String
    let hasContent: Bool
    let content: DashboardContent?
    let csvBySchoolHref: String
    let csvByBarrierHref: String
    let csvByMonthHref: String
}

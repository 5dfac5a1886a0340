import Foundation
import HTTPTypes
import Hummingbird
import Referrals
import Reports
import Storage
import Workflows

/// District reports: `GET /api/v1/reports/connections` and `GET /api/v1/reports/gaps`. Any signed-in
/// user may ask; the figures cover only their scope (a coordinator's schools, a partner's organization).
/// The connection report is JSON, or CSV with the same rows and columns when the client sends
/// `Accept: text/csv` (or `format=csv`, for a plain download link).
struct ReportRoutes: Sendable {
    let reporting: DistrictReporting
    let clock: @Sendable () -> Date

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1/reports")
        api.get("connections", use: connections)
        api.get("gaps", use: gaps)
    }

    @Sendable func connections(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = try QueryParameters(request, allowed: ["from", "to", "group_by", "school", "format"])
        let now = clock()
        let (from, to) = try await period(parameters, now: now)
        let groupBy = try parameters.vocabulary("group_by", ReportGroupBy.self) ?? .school
        let csv = try Self.wantsCSV(request, parameters)
        let report = try await run {
            try await reporting.connections(
                ConnectionReportRequest(from: from, to: to, groupBy: groupBy, schoolID: try parameters.string("school")),
                for: user, now: now)
        }
        guard csv else { return try Idempotent.response(status: .ok, body: try Idempotent.json(report)) }
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"connections-\(groupBy.rawValue)-\(from)-\(to).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: report.csv)))
    }

    @Sendable func gaps(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let parameters = try QueryParameters(request, allowed: ["from", "to", "school", "waitlist_weeks"])
        let now = clock()
        let (from, to) = try await period(parameters, now: now)
        let weeks = try parameters.integer("waitlist_weeks", in: 1...104) ?? GapsReportRequest.defaultWaitlistWeeks
        let report = try await run {
            try await reporting.gaps(
                GapsReportRequest(from: from, to: to, schoolID: try parameters.string("school"), waitlistWeeks: weeks), for: user, now: now)
        }
        return try Idempotent.response(status: .ok, body: try Idempotent.json(report))
    }

    /// `from` and `to` (YYYY-MM-DD, `to` exclusive); by default the school year so far.
    func period(_ parameters: QueryParameters, now: Date) async throws -> (CalendarDate, CalendarDate) {
        func date(_ name: String) throws(Problem) -> CalendarDate? {
            guard let text = try parameters.string(name) else { return nil }
            guard let date = CalendarDate(text) else { throw .invalidParameter(name, "'\(text)' is not a date written YYYY-MM-DD") }
            return date
        }
        return try await reporting.period(from: try date("from"), to: try date("to"), now: now)
    }

    /// CSV when asked by `format=csv`, or by an Accept header that prefers text/csv to JSON.
    static func wantsCSV(_ request: Request, _ parameters: QueryParameters) throws(Problem) -> Bool {
        switch try parameters.string("format") {
        case "csv": return true
        case "json": return false
        case let other?: throw .invalidParameter("format", "'\(other)' is not a format; use csv or json")
        case nil:
            let accept = request.headers[.accept]?.lowercased() ?? ""
            return accept.contains("text/csv") && !accept.hasPrefix("application/json")
        }
    }

    /// Report errors as problems naming the parameter at fault; a school outside the scope is a 404.
    func run<R>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as ReportError {
            switch error {
            case .invalidPeriod(let parameter, let message): throw Problem.invalidParameter(parameter, message)
            case .schoolNotVisible(let id): throw Problem.notFound("school", id: id)
            }
        }
    }
}

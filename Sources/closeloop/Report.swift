import ArgumentParser
import Foundation
import Referrals
import Reports
import Storage
import Workflows

extension ReportGroupBy: ExpressibleByArgument {}

/// `closeloop report connections|gaps`: the district reports from a terminal, with the district's
/// whole view (the local operator, like `closeloop referral`). Suppression applies all the same.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "District reports: connections and gaps.", subcommands: [Connections.self, Gaps.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    /// The period options both reports take.
    struct Period: ParsableArguments {
        @Option(help: "First day of the period, YYYY-MM-DD (default: August 1 of this school year).")
        var from: String?

        @Option(help: "Day after the period, YYYY-MM-DD (default: tomorrow).")
        var to: String?

        @Option(help: "Only this school.")
        var school: String?

        func resolve(_ reporting: DistrictReporting) async throws -> (CalendarDate, CalendarDate) {
            func day(_ text: String?, _ name: String) throws -> CalendarDate? {
                guard let text else { return nil }
                guard let day = CalendarDate(text) else { throw ValidationError("--\(name) '\(text)' is not a date written YYYY-MM-DD") }
                return day
            }
            return try await reporting.period(from: try day(from, "from"), to: try day(to, "to"), now: Date())
        }
    }

    static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    /// Opens the store, runs `body` and closes it, turning report errors into one-line failures.
    /// No gap recorder: this process answers no matches.
    static func withReports<R>(_ database: DatabaseOptions, _ body: (DistrictReporting) async throws -> R) async throws -> R {
        try await database.withStore(logger: makeLogger()) { store in
            do {
                return try await body(DistrictReporting(database: store.database, gaps: nil))
            } catch let error as ReportError {
                throw CommandFailure(error.description)
            }
        }
    }

    struct Connections: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Referrals sent in a period: funnel, connection rate, time to connection, overdue — by group.",
            discussion: "Cells with fewer than 10 students read \"<10\"; rates and percentiles built on them are hidden too.")

        @Option(help: "school, organization, domain, barrier, tier, student_group or month.")
        var groupBy: ReportGroupBy = .school

        @OptionGroup var period: Period

        @Option(help: "table, csv or json.")
        var format: Format = .table

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await ReportCommand.withReports(database) { reporting in
                let (from, to) = try await period.resolve(reporting)
                return try await reporting.connections(
                    ConnectionReportRequest(from: from, to: to, groupBy: groupBy, schoolID: period.school),
                    for: ReferralCommandGroup.operatorUser, now: Date())
            }
            switch format {
            case .table:
                print("Connections by \(groupBy.rawValue), referrals sent \(report.request.from) to \(report.request.to) (exclusive), \(report.timeZone)")
                print(report.table)
            case .csv: print(report.csv, terminator: "")
            case .json: print(String(decoding: try ReportCommand.jsonEncoder.encode(report), as: UTF8.self))
            }
        }
    }

    struct Gaps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unmet needs: no-capacity declines, long waitlists and barriers matches found no provider for.")

        @OptionGroup var period: Period

        @Option(help: "Waitlists at least this many weeks long are listed.")
        var waitlistWeeks = GapsReportRequest.defaultWaitlistWeeks

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let report = try await ReportCommand.withReports(database) { reporting in
                let (from, to) = try await period.resolve(reporting)
                return try await reporting.gaps(
                    GapsReportRequest(from: from, to: to, schoolID: period.school, waitlistWeeks: waitlistWeeks),
                    for: ReferralCommandGroup.operatorUser, now: Date())
            }
            print(String(decoding: try ReportCommand.jsonEncoder.encode(report), as: UTF8.self))
        }
    }
}

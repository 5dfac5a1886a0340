import ArgumentParser
import BenchSupport
import Directory
import Foundation
import Referrals
import Reports
import Storage
import TextFormats

/// `closeloop-bench reports`: the connection report over a district-sized store — a school year of
/// demo referrals (1,000,000 by default, about five events each) — on SQLite and PostgreSQL, run
/// several times per engine; prints the median. Not a test: it prints measurements.
struct BenchReports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "The connection report over a million demo referrals on SQLite and PostgreSQL (p50 of several runs).")

    @Option(help: "Demo referrals to build (bulk writer).")
    var referrals = 1_000_000

    @Option(help: "Report runs per engine.")
    var runs = 5

    @Option(help: "The grouping timed in the main table.")
    var groupBy: ReportGroupBy = .school

    @Option(help: "Narrow the report to one school (its id), as `school=` does: timed against its unnarrowed parent.")
    var school: String?

    @Flag(help: "Also time every other grouping (one line each).")
    var everyGrouping = false

    @Option(help: "PostgreSQL server for the second engine (a scratch database is created, and dropped unless --keep).")
    var postgres: String?

    @Flag(help: "Keep the built databases and print where they are.")
    var keep = false

    @Option(help: "Time an SQLite store built by an earlier --keep run instead of building one.")
    var reuseSqlite: String?

    @Option(help: "Time a PostgreSQL database built by an earlier --keep run instead of building one.")
    var reusePostgres: String?

    /// The demo's clock: the end of the 2026–27 school year, so referrals span all of it.
    static let schoolYearEnd = ISO8601DateFormatter().date(from: "2027-06-30T22:00:00Z")!
    static let period = (from: CalendarDate("2026-08-01")!, to: CalendarDate("2027-07-01")!)
    static let reader = User(id: "bench", email: "bench@localhost", role: .district)

    func run() async throws {
        print("closeloop-bench reports — \(BenchMachine.summary)")
        print("connection report by \(groupBy.rawValue)\(school.map { " at school \($0)" } ?? ""), referrals sent \(Self.period.from) to \(Self.period.to) (exclusive), \(runs) runs per engine\n")
        var table = TextTable([
            ("engine", .left), ("referrals", .right), ("events", .right), ("build s", .right), ("p50 s", .right),
            ("min s", .right), ("max s", .right), ("goal <1 s", .left),
        ])
        var extra = TextTable([("engine", .left), ("group by", .left), ("rows", .right), ("p50 s", .right)])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-bench-reports-\(UUID().uuidString)")
        if reuseSqlite == nil { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

        let sqlite = try reuseSqlite.map { try DatabaseLocation(parsing: $0) } ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
        table.append(try await measure(engine: "sqlite", location: sqlite, build: reuseSqlite == nil, extra: &extra))
        if let reusePostgres {
            table.append(try await measure(engine: "postgres", location: try DatabaseLocation(parsing: reusePostgres), build: false, extra: &extra))
        } else if let postgres {
            let kept = try await ScratchPostgres.with(on: postgres, for: "reports", keep: keep) { scratch in
                do {
                    table.append(try await measure(engine: "postgres", location: scratch.location, build: true, extra: &extra))
                } catch {
                    throw BenchFailure("postgres: \(String(reflecting: error))")
                }
                return scratch.location
            }
            if keep { print("kept PostgreSQL database: \(kept)") }
        } else {
            print("(no --postgres URL: PostgreSQL skipped)")
        }
        if keep || reuseSqlite != nil {
            if reuseSqlite == nil { print("kept SQLite store: \(sqlite)") }
        } else {
            try? FileManager.default.removeItem(at: folder)
        }
        print("\n" + table.text)
        if everyGrouping { print("\n" + extra.text) }
    }

    private func measure(engine: String, location: DatabaseLocation, build: Bool, extra: inout TextTable) async throws -> [String] {
        try await Database.withOpen(location, logger: BenchMatch.quietLogger) { database in
            try await measure(engine: engine, database: database, build: build, extra: &extra)
        }
    }

    private func measure(engine: String, database: Database, build: Bool, extra: inout TextTable) async throws -> [String] {
        var buildSeconds: Double?
        // A reused store gets any newer migration (an index) before it is timed.
        let started = BenchProcess.monotonicSeconds()
        try await database.migrate()
        if build {
            let store = DirectoryStore(database: database)
            try await store.seedIfEmpty(try Seed.load(from: try Seed.locate()))
            let summary = try await DemoReferrals.fill(
                store, DemoReferralOptions(referrals: referrals, seed: 42, now: Self.schoolYearEnd, writer: .bulk)
            ) { written in
                FileHandle.standardError.write(Data("  \(engine): \(written) referrals written\n".utf8))
            }
            try await database.execute(database.backend == .postgres ? "VACUUM ANALYZE" : "ANALYZE")
            buildSeconds = BenchProcess.monotonicSeconds() - started
            FileHandle.standardError.write(Data("  \(engine): \(summary.students) students, \(summary.referrals) referrals, \(summary.events) events in \(Int(buildSeconds!)) s\n".utf8))
        }
        let counts = try await ReportStore(database: database).rowCounts()
        let reports = DistrictReports(database: database)
        let times = try await time(reports, groupBy)
        if everyGrouping {
            for grouping in ReportGroupBy.allCases {
                let seconds = grouping == groupBy ? times : try await time(reports, grouping)
                let rows = try await reports.connections(request(grouping), for: Self.reader, now: Self.schoolYearEnd).rows.count
                extra.append([engine, grouping.rawValue, String(rows), String(format: "%.3f", seconds.median)])
            }
        }
        return [
            engine, counts.referrals.formatted(), counts.events.formatted(), buildSeconds.map { String(format: "%.0f", $0) } ?? "reused",
            String(format: "%.3f", times.median), String(format: "%.3f", times.min()!), String(format: "%.3f", times.max()!),
            times.median < 1 ? "met" : "missed",
        ]
    }

    private func request(_ grouping: ReportGroupBy) -> ConnectionReportRequest {
        ConnectionReportRequest(from: Self.period.from, to: Self.period.to, groupBy: grouping, schoolID: school)
    }

    /// Wall time of each run, after one untimed run that warms the page cache.
    private func time(_ reports: DistrictReports, _ grouping: ReportGroupBy) async throws -> [Double] {
        _ = try await reports.connections(request(grouping), for: Self.reader, now: Self.schoolYearEnd)
        var times: [Double] = []
        for _ in 0..<runs {
            let started = BenchProcess.monotonicSeconds()
            _ = try await reports.connections(request(grouping), for: Self.reader, now: Self.schoolYearEnd)
            times.append(BenchProcess.monotonicSeconds() - started)
        }
        return times
    }
}

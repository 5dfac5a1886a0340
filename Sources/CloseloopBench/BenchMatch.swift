import ArgumentParser
import BenchSupport
import Directory
import Foundation
import Logging
import Matching
import Server
import Storage

/// `closeloop-bench match`: the matcher's in-process latency over random needs profiles, against the
/// same hard filters as SQL queries on SQLite and PostgreSQL and, over HTTP, against a bare route.
struct BenchMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Time Matcher.match in process, against SQL filter queries (SQLite, PostgreSQL) and over HTTP with wrk.",
        discussion: """
            A synthetic directory (1–3 sites per service) with the seed's barrier vocabulary. In process: \
            Matcher.match over random needs profiles, timed one by one. SQL baseline: the same hard filters as \
            one query per (profile, barrier) on a store holding the same directory, over the first profiles. \
            HTTP: `closeloop serve` on that store as a child, loaded by wrk with the same POST bodies sent to \
            /api/v1/match and to the bare /api/v1/ping (GET /api/v1/ping without a script is shown for reference). Goals: p99 under 2 ms in process, at least 10× faster than SQL, HTTP at least \
            40% of the bare route, index memory under 300 MB.
            """)

    @Option(help: "Services in the synthetic directory.")
    var services = 100_000

    @Option(help: "Random needs profiles matched in process.")
    var profiles = 10_000

    @Option(help: "Profiles (the first ones) also run as SQL queries.")
    var sqlProfiles = 500

    @Option(help: "Seed of the random profiles.")
    var profileSeed: UInt64 = 20_240_901

    @Option(help: ArgumentHelp(
        "PostgreSQL server for the baseline, e.g. postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created there and dropped afterwards (needs CREATEDB).",
        valueName: "url"))
    var postgres: String?

    @Option(help: "Seconds of each measured wrk run.")
    var duration = 10

    @Option(help: "HTTP rounds: each runs the bare route, then the match route; the ratio is the median of the rounds' ratios.")
    var rounds = 3

    @Option(help: "wrk connections.")
    var connections = 16

    @Option(help: "wrk threads.")
    var threads = 1

    @Flag(help: "Skip the HTTP part.")
    var noHTTP = false

    @Option(help: "Where the server under load runs its request handlers (serve's --handlers).")
    var handlers: HandlerThreads = .standard

    @Option(help: "Folder for the SQLite store and wrk files (default: a new temporary folder).")
    var work: String?

    @Flag(help: "Keep the work folder (and the PostgreSQL database) instead of removing them.")
    var keep = false

    @Option(help: "The closeloop executable to measure (default: the one built beside closeloop-bench).")
    var closeloop: String?

    @Option(help: "Folder with the seed files whose barriers are matched against (default: as `serve` finds it).")
    var seedDir: String?

    static let source = "synthetic"
    static let latencyGoalMilliseconds = 2.0
    static let sqlRatioGoal = 10.0
    static let httpShareGoal = 0.40
    static let memoryGoalMB = 300.0
    /// (profile, barrier) sets compared between the index and SQL.
    static let agreementProfiles = 50

    func validate() throws {
        guard services >= 1 else { throw ValidationError("--services must be at least 1") }
        guard profiles >= 1 else { throw ValidationError("--profiles must be at least 1") }
        guard (0...profiles).contains(sqlProfiles) else { throw ValidationError("--sql-profiles must be 0…--profiles") }
        guard duration >= 1, connections >= 1, threads >= 1, rounds >= 1 else {
            throw ValidationError("--duration, --connections, --threads and --rounds must be at least 1")
        }
    }

    func run() async throws {
        let workspace = try BenchWorkspace(path: work)
        do {
            try await run(in: workspace)
        } catch {
            workspace.finish(keep: keep)
            throw error
        }
        workspace.finish(keep: keep)
    }

    private func run(in workspace: BenchWorkspace) async throws {
        let executable = try BenchProcess.closeloopExecutable(explicit: closeloop)
        progress("closeloop-bench match: \(services) services, \(profiles) profiles (\(sqlProfiles) also as SQL)")
        progress("machine: \(BenchMachine.summary)")
        if executable.contains("/debug/") {
            progress("note: this is a debug build; run `swift run -c release closeloop-bench …` for meaningful numbers")
        }
        progress("work folder: \(workspace.folder.path)\(keep ? " (kept)" : " (removed at the end)")")

        let barriers = try Seed.load(from: try Seed.locate(explicit: seedDir)).barriers
        // Verified up to today: the server matches at the wall clock's date, so records dated from
        // a fixed day would grow staler (and score and prune differently) with every day the
        // benchmark is run later. The in-process runs match at a day after it.
        let verifiedAsOf = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)  // midnight UTC
        let build = IndexBuild.measure(services: services, source: Self.source, barriers: barriers, verifiedAsOf: verifiedAsOf)
        let index = build.index
        progress(String(format: "index: %d services built in %.2f s; memory %.1f MB (RSS change, directory released) / %.1f MB (estimate from array sizes)",
                     index.serviceCount, build.seconds, build.rssDeltaMB, build.estimatedMB))

        let profiles = BenchProfiles.make(count: self.profiles, seed: profileSeed, barriers: barriers, center: SyntheticDirectory.center)
        let cpuBefore = BenchMachine.CPUTimes.now()
        let inProcess = InProcessRun.measure(profiles, index: index, now: build.now)
        let steal = BenchMachine.CPUTimes.stealPercent(since: cpuBefore)
        let loadDuringInProcess = BenchMachine.loadAverage
        progress(String(format: "in process: %d profiles, wall p50 %.3f ms, p99 %.3f ms, max %.3f ms; thread CPU p50 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f suggestions and %.2f gaps per profile; load average %@%@",
                     profiles.count, inProcess.latencies.percentile(50) * 1000, inProcess.latencies.percentile(99) * 1000,
                     (inProcess.latencies.max() ?? 0) * 1000, inProcess.cpuSeconds.percentile(50) * 1000,
                     inProcess.cpuSeconds.percentile(99) * 1000, (inProcess.cpuSeconds.max() ?? 0) * 1000,
                     inProcess.suggestionsPerProfile, inProcess.gapsPerProfile, loadDuringInProcess,
                     steal.map { String(format: "; CPU steal %.0f%%", $0) } ?? ""))

        // The stores hold the same directory, generated again (it is deterministic) now that the
        // index memory has been measured without it. The HTTP server needs the SQLite store too.
        let sqlitePath = workspace.file("match.sqlite").path
        var engines: [EngineResult] = []
        if sqlProfiles > 0 || !noHTTP {
            let directory = SyntheticDirectory.make(services: services, source: Self.source, verifiedAsOf: verifiedAsOf)
            engines.append(try await runSQLite(path: sqlitePath, directory: directory, barriers: barriers, profiles: profiles, index: index, now: build.now))
            if sqlProfiles > 0 {
                engines.append(try await runPostgres(directory: directory, barriers: barriers, profiles: profiles, index: index, now: build.now))
            }
        }
        if sqlProfiles == 0 { engines = [EngineResult(name: "SQL", skipped: "--sql-profiles 0")] }

        var http: HTTPResult?
        if noHTTP {
            progress("http: skipped (--no-http)")
        } else if let wrk = BenchProcess.which("wrk") {
            http = try await runHTTP(wrk: wrk, executable: executable, databasePath: sqlitePath, profiles: profiles, workspace: workspace)
        } else {
            progress("http: wrk is not installed (apt package wrk): skipped")
        }

        BenchMatchReport(
            services: services, build: build, inProcess: inProcess, sqlProfiles: sqlProfiles, engines: engines, http: http,
            connections: connections, threads: threads, duration: duration, loadAverage: loadDuringInProcess
        ).print()
    }

    // MARK: SQL baselines

    private func runSQLite(
        path: String, directory: DirectorySnapshot, barriers: [Barrier], profiles: [NeedsProfile], index: MatchIndex, now: Date
    ) async throws -> EngineResult {
        BenchWorkspace.removeDatabase(path)
        return try await runEngine(
            name: "SQLite", location: .sqlite(path: path), directory: directory, barriers: barriers, profiles: profiles,
            index: index, now: now)
    }

    private func runPostgres(
        directory: DirectorySnapshot, barriers: [Barrier], profiles: [NeedsProfile], index: MatchIndex, now: Date
    ) async throws -> EngineResult {
        guard let postgres else {
            progress("PostgreSQL: no --postgres URL given: baseline skipped")
            return EngineResult(name: "PostgreSQL", skipped: "no --postgres URL")
        }
        do {
            return try await ScratchPostgres.with(on: postgres, for: "match", keep: keep) { scratch in
                progress("PostgreSQL: scratch database \(scratch.name)\(keep ? " (kept)" : " (dropped at the end)")")
                return try await runEngine(
                    name: "PostgreSQL", location: scratch.location, directory: directory, barriers: barriers, profiles: profiles,
                    index: index, now: now)
            }
        } catch let error as ScratchPostgres.Unavailable {
            progress("PostgreSQL: \(error): baseline skipped")
            return EngineResult(name: "PostgreSQL", skipped: "server unavailable")
        }
    }

    private func runEngine(
        name: String, location: DatabaseLocation, directory: DirectorySnapshot, barriers: [Barrier], profiles: [NeedsProfile],
        index: MatchIndex, now: Date
    ) async throws -> EngineResult {
        try await Database.withOpen(location, logger: Self.quietLogger) { database in
            let fillStart = BenchProcess.monotonicSeconds()
            try await BenchStore.fill(database, with: directory, barriers: barriers)
            let fillSeconds = BenchProcess.monotonicSeconds() - fillStart
            progress(String(format: "%@: store filled in %.1f s", name, fillSeconds))
            let subset = Array(profiles.prefix(sqlProfiles))
            let query = SQLMatchQuery(backend: database.backend, defaultRadiusKm: MatchingWeights.standard.defaultServiceRadiusKm)
            let run = try await SQLBaselineRun.measure(
                subset, query: query, on: database, warmUp: min(20, subset.count), keepIDsFor: Self.agreementProfiles)
            let agreement = Agreement.check(run.ids, profiles: subset, index: index, now: now, directory: directory)
            progress(String(format: "%@: %d queries, p50 %.2f ms, p99 %.2f ms per query; %.0f rows per query; %@",
                         name, run.perQuery.count, run.perQuery.percentile(50) * 1000, run.perQuery.percentile(99) * 1000,
                         Double(run.rows) / Double(max(1, run.perQuery.count)), agreement.summary))
            return EngineResult(name: name, run: run, fillSeconds: fillSeconds, agreement: agreement)
        }
    }

    // MARK: HTTP

    private func runHTTP(
        wrk: String, executable: String, databasePath: String, profiles: [NeedsProfile], workspace: BenchWorkspace
    ) async throws -> HTTPResult {
        let server = try await BenchServer(
            executable: executable, databasePath: databasePath, log: workspace.file("serve.log").path,
            serveArguments: ["--handlers", handlers.rawValue])
        do {
            let result = try await runHTTP(wrk: wrk, server: server, profiles: profiles, workspace: workspace)
            server.stop()
            return result
        } catch {
            server.stop()
            throw error
        }
    }

    private func runHTTP(wrk: String, server: BenchServer, profiles: [NeedsProfile], workspace: BenchWorkspace) async throws -> HTTPResult {
        let bodies = try profiles.prefix(1000).map(BenchProfiles.json)
        // The server builds its index from the store at start-up; the first match waits for it. Keep that out of the runs.
        let buildStart = BenchProcess.monotonicSeconds()
        let first = try await server.request("POST", "/api/v1/match", body: bodies[0])
        guard first.status == 200 else {
            throw BenchFailure("POST /api/v1/match answered \(first.status): \(first.body.prefix(300))")
        }
        progress(String(format: "http: server on port %d answered its first match (index built at start-up) after %.1f s", server.port, BenchProcess.monotonicSeconds() - buildStart))

        // The bare route gets the very same requests: wrk's Lua work per request and the bytes the
        // server reads are then equal on both sides, and only the route's own cost differs.
        let script = workspace.file("match.lua"), bareScript = workspace.file("ping.lua")
        try WrkResult.postScript(path: "/api/v1/match", bodies: bodies).write(to: script, atomically: true, encoding: .utf8)
        try WrkResult.postScript(path: "/api/v1/ping", bodies: bodies).write(to: bareScript, atomically: true, encoding: .utf8)
        func load(_ name: String, path: String, script: String?, seconds: Int) throws -> WrkResult {
            try WrkResult.run(
                wrk: wrk, url: server.baseURL + path, script: script, threads: threads, connections: connections,
                seconds: seconds, output: workspace.file("wrk-\(name).out").path, errors: workspace.file("wrk-\(name).err").path)
        }
        // Short unmeasured runs first: connection set-up, JIT-free but cache- and allocator-warming.
        _ = try load("bare-warm", path: "/api/v1/ping", script: bareScript.path, seconds: 2)
        _ = try load("match-warm", path: "/api/v1/match", script: script.path, seconds: 2)
        let bareGet = try load("bare-get", path: "/api/v1/ping", script: nil, seconds: duration)
        // Bare and match runs alternate, so a slow spell of the machine (another guest's load shows as
        // CPU steal) weighs on both sides of a round's ratio rather than on one route.
        var bare: [WrkResult] = [], match: [WrkResult] = []
        for round in 1...rounds {
            bare.append(try load("bare-\(round)", path: "/api/v1/ping", script: bareScript.path, seconds: duration))
            match.append(try load("match-\(round)", path: "/api/v1/match", script: script.path, seconds: duration))
            progress(String(format: "http: round %d: match %.0f requests/s, bare %.0f requests/s: %.0f%%", round,
                            match[round - 1].requestsPerSecond, bare[round - 1].requestsPerSecond,
                            100 * match[round - 1].requestsPerSecond / max(bare[round - 1].requestsPerSecond, 1e-9)))
        }
        let rows = [("GET /api/v1/ping, no script", [bareGet]), ("POST /api/v1/ping", bare), ("POST /api/v1/match", match)]
        for (name, results) in rows {
            for result in results {
                progress(String(format: "http: %@: %.0f requests/s, p50 %@ ms, p99 %@ ms, %d failed%@", name, result.requestsPerSecond,
                                result.p50Milliseconds.map { String(format: "%.2f", $0) } ?? "?",
                                result.p99Milliseconds.map { String(format: "%.2f", $0) } ?? "?", result.failures,
                                result.stealPercent.map { String(format: ", CPU steal %.0f%%", $0) } ?? ""))
            }
        }
        return HTTPResult(handlers: handlers, bare: bare, bareGet: bareGet, match: match)
    }

    /// Prints a progress line now, even when the output goes to a file or a pipe (fully buffered).
    private func progress(_ line: String) {
        print(line)
        fflush(nil)
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "closeloop-bench")
        logger.logLevel = .error
        return logger
    }
}

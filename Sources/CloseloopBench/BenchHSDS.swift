import ArgumentParser
import BenchSupport
import Directory
import Foundation
import Storage

/// `closeloop-bench hsds`: the HSDS 3.1 API against the JSON catalog of the same server.
struct BenchHSDS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hsds",
        abstract: "GET /hsds/services against GET /api/v1/services of the same server, over a synthetic directory.",
        discussion: """
            A synthetic directory in a SQLite store, served by `closeloop serve` as a child (catalog rate limit \
            off). Alternating rounds of: wrk on GET /api/v1/services?limit=50 and GET /hsds/services?per_page=50 \
            (the first, the middle and the last page of 50), one service by id on each, reading the whole directory \
            through /api/v1/services (cursor pages of 500), and streaming it from /hsds/services?format=ndjson. \
            Medians of the rounds; the server's RSS before and after the first /hsds/ request.
            """)

    @Option(help: "Services in the synthetic directory.")
    var services = 100_000

    @Option(help: "Rounds; each runs every measurement once, in the same order.")
    var rounds = 3

    @Option(help: "Seconds of each wrk run.")
    var duration = 10

    @Option(help: "wrk connections.")
    var connections = 16

    @Option(help: "wrk threads.")
    var threads = 1

    @Option(help: "Folder for the SQLite store and wrk files (default: a new temporary folder).")
    var work: String?

    @Flag(help: "Keep the work folder.")
    var keep = false

    @Option(help: "The closeloop executable to measure (default: the one built beside closeloop-bench).")
    var closeloop: String?

    @Option(help: "Folder with the seed files (barriers), as `serve` finds it.")
    var seedDir: String?

    func validate() throws {
        guard services >= 1, rounds >= 1, duration >= 1, connections >= 1, threads >= 1 else {
            throw ValidationError("--services, --rounds, --duration, --connections and --threads must be at least 1")
        }
    }

    func run() async throws {
        let workspace = try BenchWorkspace(path: work)
        defer { workspace.finish(keep: keep) }
        let executable = try BenchProcess.closeloopExecutable(explicit: closeloop)
        guard let wrk = BenchProcess.which("wrk") else { throw BenchFailure("wrk is not installed (apt package wrk)") }
        progress("closeloop-bench hsds: \(services) services, \(rounds) rounds of \(duration) s wrk -t\(threads) -c\(connections)")
        progress("machine: \(BenchMachine.summary)")
        progress("build: \(executable.contains("/debug/") ? "debug" : "release") (\(executable))")

        let path = workspace.file("hsds.sqlite").path
        BenchWorkspace.removeDatabase(path)
        let barriers = try Seed.load(from: try Seed.locate(explicit: seedDir)).barriers
        let directory = SyntheticDirectory.make(services: services, source: "synthetic")
        try await Database.withOpen(.sqlite(path: path), logger: BenchMatch.quietLogger) { database in
            try await BenchStore.fill(database, with: directory, barriers: barriers)
        }
        progress("store filled: \(directory.services.count) services, \(directory.servicesAtLocation.count) sites")

        // The catalog's per-client rate limit would answer most of wrk's requests with 429.
        setenv("CLOSELOOP_CATALOG_RATE", "off", 1)
        let server = try await BenchServer(executable: executable, databasePath: path, log: workspace.file("serve.log").path)
        defer { server.stop() }

        let rssBefore = IndexBuild.residentBytes(pid: server.processIdentifier)
        let firstStart = BenchProcess.monotonicSeconds()
        // A debug build takes minutes over a large directory, longer than one request waits: ask again.
        var answered: (status: Int, body: String)?
        for _ in 1...15 where answered == nil {
            answered = try? await server.request("GET", "/hsds/services?per_page=1")
        }
        guard let first = answered else { throw BenchFailure("GET /hsds/services did not answer within 30 minutes") }
        guard first.status == 200 else { throw BenchFailure("GET /hsds/services answered \(first.status): \(first.body.prefix(300))") }
        progress(String(format: "first /hsds/ request (builds the HSDS records from the store): %.2f s", BenchProcess.monotonicSeconds() - firstStart))
        progress(String(format: "server RSS: %.0f MB before the first /hsds/ request, %.0f MB after it",
                        Double(rssBefore) / 1_048_576, Double(IndexBuild.residentBytes(pid: server.processIdentifier)) / 1_048_576))

        // One record by id: ours by primary key in SQL, HSDS's UUID through the publication's map.
        // The first HSDS page lists services in our id order, so its first is our smallest id.
        guard let page = try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any],
              let uuid = (page["contents"] as? [[String: Any]])?.first?["id"] as? String,
              let ourID = directory.services.map(\.id).min(), let total = page["total_items"] as? Int
        else { throw BenchFailure("the first HSDS page lists no service") }
        let lastPage = (total + 49) / 50
        // The same three pages of 50 on both: the catalog's by the cursor that starts them (taken
        // from a walk, as a client gets it), HSDS's by page number.
        let (middleCursor, lastCursor) = try await catalogCursors(server, middleOffset: lastPage * 50 / 2)
        let pages = [
            ("first", "/api/v1/services?limit=50", "/hsds/services?per_page=50"),
            ("middle", "/api/v1/services?limit=50&cursor=\(middleCursor)", "/hsds/services?per_page=50&page=\(lastPage / 2 + 1)"),
            ("last", "/api/v1/services?limit=50&cursor=\(lastCursor)", "/hsds/services?per_page=50&page=\(lastPage)"),
        ]
        var pageRates: [String: (api: [Double], hsds: [Double])] = [:]

        var apiWalk: [Double] = [], ndjson: [Double] = []
        var apiOne: [Double] = [], hsdsOne: [Double] = []
        var failures = 0
        for round in 1...rounds {
            for (name, catalogPath, hsdsPath) in pages {
                let catalog = try WrkResult.run(
                    wrk: wrk, url: server.baseURL + catalogPath, script: nil, threads: threads, connections: connections,
                    seconds: duration, output: workspace.file("wrk-api-\(name)-\(round).out").path,
                    errors: workspace.file("wrk-api-\(name)-\(round).err").path)
                let published = try WrkResult.run(
                    wrk: wrk, url: server.baseURL + hsdsPath, script: nil, threads: threads, connections: connections,
                    seconds: duration, output: workspace.file("wrk-hsds-\(name)-\(round).out").path,
                    errors: workspace.file("wrk-hsds-\(name)-\(round).err").path)
                failures += catalog.failures + published.failures
                pageRates[name, default: ([], [])].api.append(catalog.requestsPerSecond)
                pageRates[name, default: ([], [])].hsds.append(published.requestsPerSecond)
                progress(String(format: "round %d: %@ page of 50: /api/v1/services %.0f req/s, /hsds/services %.0f req/s",
                                round, name, catalog.requestsPerSecond, published.requestsPerSecond))
            }
            let catalogOne = try WrkResult.run(
                wrk: wrk, url: server.baseURL + "/api/v1/services/\(ourID)", script: nil, threads: threads, connections: connections,
                seconds: duration, output: workspace.file("wrk-api-one-\(round).out").path, errors: workspace.file("wrk-api-one-\(round).err").path)
            let publishedOne = try WrkResult.run(
                wrk: wrk, url: server.baseURL + "/hsds/services/\(uuid)", script: nil, threads: threads, connections: connections,
                seconds: duration, output: workspace.file("wrk-hsds-one-\(round).out").path, errors: workspace.file("wrk-hsds-one-\(round).err").path)
            failures += catalogOne.failures + publishedOne.failures
            apiOne.append(catalogOne.requestsPerSecond)
            hsdsOne.append(publishedOne.requestsPerSecond)

            let (walkSeconds, walked) = try await walkCatalog(server)
            apiWalk.append(walkSeconds)
            let streamStart = BenchProcess.monotonicSeconds()
            let stream = try await server.request("GET", "/hsds/services?format=ndjson")
            let streamSeconds = BenchProcess.monotonicSeconds() - streamStart
            let lines = stream.body.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            guard stream.status == 200, lines == directory.services.count, walked == directory.services.count else {
                throw BenchFailure("round \(round): ndjson gave \(lines) lines (status \(stream.status)), the catalog walk \(walked) services, of \(directory.services.count)")
            }
            ndjson.append(streamSeconds)
            progress(String(format: "round %d: one service by id: /api/v1 %.0f req/s, /hsds %.0f req/s", round, catalogOne.requestsPerSecond, publishedOne.requestsPerSecond))
            progress(String(format: "round %d: whole directory: /api/v1 pages %.2f s, /hsds ndjson %.2f s (%.1f MB)",
                            round, walkSeconds, streamSeconds,
                            Double(stream.body.utf8.count) / 1_000_000))
        }

        print("")
        print("| \(directory.services.count) services, medians of \(rounds) alternating rounds | GET /api/v1/services | GET /hsds/services | HSDS / catalog |")
        print("|---|---|---|---|")
        for (name, _, _) in pages {
            let rates = pageRates[name] ?? ([], [])
            print(String(format: "| the %@ page of 50, requests/s (wrk -t%d -c%d, %d s) | %.0f | %.0f | %.2f |",
                         name, threads, connections, duration, rates.api.median, rates.hsds.median, rates.hsds.median / rates.api.median))
        }
        print(String(format: "| one service by its id (ours / its HSDS UUID), requests/s | %.0f | %.0f | %.2f |",
                     apiOne.median, hsdsOne.median, hsdsOne.median / apiOne.median))
        print(String(format: "| the whole directory, seconds (catalog: cursor pages of 500; HSDS: format=ndjson) | %.2f | %.2f | %.2f |",
                     apiWalk.median, ndjson.median, ndjson.median / apiWalk.median))
        print("non-2xx or socket errors under wrk: \(failures)")
    }

    /// Reads every service through the catalog's cursor pages; (seconds, services read).
    private func walkCatalog(_ server: BenchServer) async throws -> (Double, Int) {
        let start = BenchProcess.monotonicSeconds()
        var count = 0
        var cursor: String?
        repeat {
            let path = "/api/v1/services?limit=\(ServiceQuery.maxLimit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try await server.request("GET", path)
            guard response.status == 200,
                  let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
                  let items = object["items"] as? [Any] else {
                throw BenchFailure("GET \(path) answered \(response.status): \(response.body.prefix(300))")
            }
            count += items.count
            cursor = object["next_cursor"] as? String
        } while cursor != nil
        return (BenchProcess.monotonicSeconds() - start, count)
    }

    /// The catalog cursors that start the page of 50 after `middleOffset` services and the last
    /// non-empty page of 50, from a walk through `next_cursor` as a client makes it.
    private func catalogCursors(_ server: BenchServer, middleOffset: Int) async throws -> (middle: String, last: String) {
        var seen = 0
        var cursor: String?, middle: String?, last: String?
        repeat {
            // Pages may hold fewer than 50 (inactive services are left out): the first page from the offset on.
            if middle == nil, seen >= middleOffset { middle = cursor }
            let path = "/api/v1/services?limit=50" + (cursor.map { "&cursor=\($0)" } ?? "")
            let response = try await server.request("GET", path)
            guard response.status == 200,
                  let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
                  let items = object["items"] as? [Any] else {
                throw BenchFailure("GET \(path) answered \(response.status): \(response.body.prefix(300))")
            }
            if !items.isEmpty { last = cursor }
            seen += items.count
            cursor = object["next_cursor"] as? String
        } while cursor != nil
        guard let middle, let last else { throw BenchFailure("the catalog walk found no middle or last page (\(seen) services)") }
        return (middle, last)
    }

    private func progress(_ line: String) {
        print(line)
        fflush(nil)
    }
}

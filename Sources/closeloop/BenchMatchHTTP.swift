import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `closeloop serve` as a child process on a store, for load tests from outside.
final class BenchServer {
    let port: Int
    private let process: Process
    private let log: String

    /// Starts the server and waits until `GET /api/v1/ping` answers.
    init(executable: String, databasePath: String, log: String, serveArguments: [String] = []) async throws {
        port = try Self.freePort()
        self.log = log
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--db", databasePath, "--host", "127.0.0.1", "--port", String(port), "--no-seed"] + serveArguments
        var environment = ProcessInfo.processInfo.environment
        // Request logging at info would measure the log writer, not the routes.
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()

        let started = BenchProcess.monotonicSeconds()
        while BenchProcess.monotonicSeconds() - started < 60 {
            guard process.isRunning else {
                throw CommandFailure("closeloop serve exited with \(process.terminationStatus): " + BenchWorkspace.tail(log))
            }
            if (try? await request("GET", "/api/v1/ping"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw CommandFailure("closeloop serve did not answer GET /api/v1/ping within 60 s: " + BenchWorkspace.tail(log))
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// SIGTERM, then wait: the server shuts down gracefully.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
        try await Self.request(baseURL: baseURL, method, path, body: body)
    }

    static func request(baseURL: String, _ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// A port nobody listens on now: bind to port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailure("cannot open a socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else { throw CommandFailure("cannot find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// One `wrk` run and what it printed.
struct WrkResult {
    var requestsPerSecond: Double
    var p50Milliseconds: Double?
    var p99Milliseconds: Double?
    var requests: Int
    /// Responses that were not 2xx/3xx, plus socket errors.
    var failures: Int
    var command: String
    /// CPU steal while wrk ran (see `BenchMeasurement.stealPercent`).
    var stealPercent: Double?

    /// Runs wrk against `url`, POSTing the script's bodies when a script is given.
    static func run(
        wrk: String, url: String, script: String?, threads: Int, connections: Int, seconds: Int, output: String,
        errors: String
    ) throws -> WrkResult {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"]
        if let script { arguments += ["-s", script] }
        arguments.append(url)
        let command = BenchCommand(executable: wrk, arguments: arguments, standardOutput: output, standardError: errors)
        let measured = try BenchProcess.measure(command)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard measured.succeeded, let rate = number(after: "Requests/sec:", in: text) else {
            throw CommandFailure("wrk exited with \(measured.exitStatus): " + BenchWorkspace.tail(errors) + " " + BenchWorkspace.tail(output))
        }
        let socketErrors = text.split(separator: "\n").first { $0.contains("Socket errors:") }.map { line in
            line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
        } ?? 0
        return WrkResult(
            requestsPerSecond: rate,
            p50Milliseconds: latency(percentile: "50%", in: text),
            p99Milliseconds: latency(percentile: "99%", in: text),
            requests: number(before: " requests in", in: text).map(Int.init) ?? 0,
            failures: Int(number(after: "Non-2xx or 3xx responses:", in: text) ?? 0) + socketErrors,
            command: command.display, stealPercent: measured.stealPercent)
    }

    private static func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        return Double(text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "." })
    }

    private static func number(before label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        return Double(String(text[..<range.lowerBound].reversed().prefix { $0.isNumber }.reversed()))
    }

    /// wrk's "     99%    1.23ms" line of the --latency distribution, in milliseconds.
    private static func latency(percentile: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 2, words[0] == percentile else { continue }
            let value = words[1]
            let digits = value.prefix { $0.isNumber || $0 == "." }
            guard let amount = Double(digits) else { return nil }
            switch value.dropFirst(digits.count) {
            case "us": return amount / 1000
            case "ms": return amount
            case "s": return amount * 1000
            case "m": return amount * 60_000
            default: return nil
            }
        }
        return nil
    }

    /// A wrk Lua script that POSTs the given JSON bodies to `path` in turn.
    static func postScript(path: String, bodies: [String]) -> String {
        // Level-3 long brackets: JSON never contains "]===]".
        let table = bodies.map { "[===[\($0)]===]" }.joined(separator: ",\n")
        return """
            -- Written by closeloop bench match: POST \(bodies.count) needs profiles to \(path) in turn.
            local bodies = {
            \(table)
            }
            local next_body = 0
            request = function()
              next_body = next_body % #bodies + 1
              return wrk.format("POST", "\(path)", { ["Content-Type"] = "application/json" }, bodies[next_body])
            end

            """
    }
}

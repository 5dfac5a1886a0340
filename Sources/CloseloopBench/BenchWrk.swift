import BenchSupport
import Foundation

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
            throw BenchFailure("wrk exited with \(measured.exitStatus): " + BenchFailure.tail(errors) + " " + BenchFailure.tail(output))
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
            -- Written by closeloop-bench match: POST \(bodies.count) needs profiles to \(path) in turn.
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

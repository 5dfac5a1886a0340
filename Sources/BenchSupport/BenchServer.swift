import ChildProcesses
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `closeloop serve` as a child process on a store, for load tests and the tests of the real
/// executable.
public final class BenchServer {
    public let port: Int
    private let process: Process
    private let log: String
    /// Signalled when the child ends (its `terminationHandler`, installed before it starts).
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the server and waits until `GET /api/v1/ping` answers.
    public init(executable: String, databasePath: String, log: String, serveArguments: [String] = []) async throws {
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
        process.terminationHandler = { [ended] _ in ended.signal() }
        try LaunchLock.run(process)

        let clock = ContinuousClock()
        let started = clock.now
        while clock.now - started < .seconds(60) {
            guard process.isRunning else {
                throw BenchFailure("closeloop serve exited with \(process.terminationStatus): " + BenchFailure.tail(log))
            }
            if (try? await request("GET", "/api/v1/ping"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw BenchFailure("closeloop serve did not answer GET /api/v1/ping within 60 s: " + BenchFailure.tail(log))
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The child's process id (to read its memory from /proc).
    public var processIdentifier: Int32 { process.processIdentifier }

    /// SIGTERM, then wait: the server shuts down gracefully. A server still running after
    /// `grace` gets SIGKILL: a child started from a thread that blocks SIGTERM inherits the block.
    /// The end is taken from `terminationHandler`; Foundation's `waitUntilExit()` spins a run loop
    /// and has been reported to hang on Linux (swiftlang/swift#79881).
    public func stop(grace: DispatchTimeInterval = .seconds(10)) {
        guard process.isRunning else { return }
        process.terminate()
        if ended.wait(timeout: .now() + grace) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
    }

    public func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
        try await Self.request(baseURL: baseURL, method, path, body: body)
    }

    public static func request(baseURL: String, _ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
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
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchFailure("cannot open a socket: \(String(cString: strerror(errno)))") }
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
        guard bound else { throw BenchFailure("cannot find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Where chromedriver and Chromium are, and whether the browser tests must run.
enum BrowserEnvironment {
    /// `CLOSELOOP_REQUIRE_BROWSER=1` (set by scripts/test): a missing chromedriver fails instead of skipping.
    static var required: Bool { ProcessInfo.processInfo.environment["CLOSELOOP_REQUIRE_BROWSER"] == "1" }

    static var chromedriver: String? {
        executable(ProcessInfo.processInfo.environment["CHROMEDRIVER"], names: ["chromedriver"], extra: ["/usr/lib/chromium/chromedriver"])
    }

    static var chromium: String? {
        executable(ProcessInfo.processInfo.environment["CHROMIUM"], names: ["chromium", "chromium-browser", "google-chrome"], extra: [])
    }

    /// Run when the tools are there, or when their absence must be reported as a failure.
    static var shouldRun: Bool { chromedriver != nil || required }

    static let skipMessage: Comment = "chromedriver not found: install Debian's chromium and chromium-driver (scripts/test does) or set CHROMEDRIVER; set CLOSELOOP_REQUIRE_BROWSER=1 to make this a failure"

    /// PNGs of each page go here (under .build, so they are never committed).
    static var screenshotDirectory: URL {
        // Tests/BrowserTests/<this file> → the package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/artifacts/screenshots", isDirectory: true)
    }

    private static func executable(_ explicit: String?, names: [String], extra: [String]) -> String? {
        if let explicit, !explicit.isEmpty { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for directory in path + ["/usr/bin"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return extra.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A TCP port nobody is listening on now (the kernel picks it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriver.Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw WebDriver.Failure(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// chromedriver as a child process for the length of a test.
final class ChromeDriverProcess: Sendable {
    let port: Int
    private let child: ChildProcess

    init(executable: String) throws {
        port = try BrowserEnvironment.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        child = try ChildProcess(starting: process)
    }

    /// Waits until chromedriver answers, up to `timeout` seconds.
    func waitUntilReady(timeout: TimeInterval = 20) async throws -> WebDriver {
        let driver = WebDriver(port: port)
        if try await waitUntil(within: .seconds(timeout), { await driver.isReady() }) != nil { return driver }
        throw WebDriver.Failure(description: "chromedriver did not start on port \(port) within \(Int(timeout)) s")
    }

    /// Stops chromedriver (SIGKILL; the browser session was ended before) and waits for it.
    func stop() async {
        await child.kill()
    }
}

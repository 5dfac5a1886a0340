import ChildProcesses
import Foundation

/// The repository's Python helpers (`scripts/smtp-sink.py`, `scripts/webhook-receiver.py`) run as
/// real servers on loopback; each writes what it received as JSON files into a fresh folder.
final class LoopbackReceiver: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// python3 on PATH; the tests that need it are skipped, saying why, without it.
    static let python: String? = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    let process = Process()
    let folder: URL
    let port: Int

    /// Starts `scripts/<script> FOLDER arguments…` and waits for its "PORT n" line.
    init(script: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        guard let python = Self.python else { throw ReceiverError("python3 is missing") }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.repository.appendingPathComponent("scripts/\(script)").path, folder.path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try LaunchLock.run(process)
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            // No waitUntilExit (it spins a run loop and has hung on Linux): once killed, the child's
            // standard error ends and says why it did not start.
            kill(process.processIdentifier, SIGKILL)
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw ReceiverError("scripts/\(script) did not start: \(stderr)")
        }
        self.port = port
    }

    /// Every record received so far, oldest first.
    func records() throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map { name in
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any] ?? [:]
        }
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: a child of Foundation's Process may start with SIGTERM blocked (seen: the
            // helpers outlived terminate() and waitUntilExit() hung). Foundation reaps it; nothing
            // here waits for that.
            kill(process.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

struct ReceiverError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A clock the test moves by hand, so backoff and leases need no waiting.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
    var function: @Sendable () -> Date { { self.now } }
}

/// The value of one header in a raw message (first match, case-insensitive).
func header(_ name: String, in message: String) -> String? {
    for line in message.components(separatedBy: "\r\n").flatMap({ $0.components(separatedBy: "\n") }) {
        if line.isEmpty { return nil }
        if line.lowercased().hasPrefix(name.lowercased() + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
    }
    return nil
}

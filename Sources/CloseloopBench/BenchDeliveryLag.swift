import ChildProcesses
import BenchSupport
import Foundation
import Notifications
import Storage

/// `scripts/smtp-sink.py` as a child process: a real SMTP server on loopback that writes each
/// message it accepts to a file in a fresh folder (the file's modification time is when it arrived).
final class BenchSMTPSink: @unchecked Sendable {
    let process = Process()
    let folder: URL
    let port: Int

    /// Starts the sink from the working directory's `scripts/` (run the bench from the repository).
    init() throws {
        let script = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("scripts/smtp-sink.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw BenchFailure("--smtp-sink needs scripts/smtp-sink.py: run closeloop-bench from the repository")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-bench-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.path]
        let output = Pipe()
        process.standardOutput = output
        try LaunchLock.run(process)
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            throw BenchFailure("scripts/smtp-sink.py did not start (is aiosmtpd installed?): '\(text)'")
        }
        self.port = port
    }

    /// Each message received so far: its delivery id (the `X-Closeloop-Delivery-Id` header) and
    /// when its file was written, in seconds since 1970.
    func arrivals() throws -> [String: Double] {
        var arrivals: [String: Double] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let path = folder.appendingPathComponent(name).path
            guard let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any],
                  let message = record["data"] as? String,
                  let header = message.split(whereSeparator: \.isNewline).first(where: { $0.lowercased().hasPrefix("x-closeloop-delivery-id:") })
            else { continue }
            var status = stat()
            guard stat(path, &status) == 0 else { continue }
            let id = header.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
            arrivals[id] = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        }
        return arrivals
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)  // as the tests do: it may start with SIGTERM blocked
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

/// Delivery lag: from the moment the API answered a transition (its event and outbox rows had
/// committed) to the moment the SMTP sink had the message on disk.
enum BenchDeliveryLag {
    /// The notification each bench step's event calls for (close calls for none).
    static let stepOfEvent = ["referral.sent": 0, "referral.accepted": 1, "referral.scheduled": 2, "referral.connected": 3]

    /// Waits until no email row is pending (or `timeout` passes), then pairs every delivered
    /// message with the answer of the transition that wrote it. Returns the lags in seconds and how
    /// many messages were still undelivered.
    static func measure(
        database: Database, sink: BenchSMTPSink, answeredAt: [String: [Double]], timeout: Double = 300
    ) async throws -> (lags: [Double], undelivered: Int) {
        let outbox = OutboxStore(database: database)
        let deadline = BenchProcess.monotonicSeconds() + timeout
        while (try await outbox.counts()[.pending] ?? 0) > 0, BenchProcess.monotonicSeconds() < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        let arrivals = try sink.arrivals()
        var lags: [Double] = []
        var undelivered = 0
        let written = try await outbox.messages(status: .delivered, limit: 1_000_000) + outbox.messages(status: .pending, limit: 1_000_000)
        for message in written where message.channel == .email {
            guard let step = stepOfEvent[message.event], let answered = answeredAt[message.referralID], step < answered.count else { continue }
            guard let arrived = arrivals[message.deliveryID] else {
                undelivered += 1
                continue
            }
            lags.append(arrived - answered[step])
        }
        return (lags, undelivered)
    }
}

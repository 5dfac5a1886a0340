import Foundation
import Notifications
import Storage
import Testing
import TestSupport

/// The real `closeloop serve`, killed with SIGKILL while its outbox worker is sending: after a
/// restart every message is delivered at least once, each under the delivery id of its row.
/// The SMTP server keeps each message before it answers 250 (`SMTP_SINK_DELAY`), so the kill
/// lands between a send and its mark: that message arrives twice, with the same id.
@Suite("Notifications: delivery across kill -9 of the server", .serialized, .timeLimit(.minutes(4)),
       .enabled(if: LoopbackReceiver.python != nil, "python3 is missing: the SMTP server is a Python script"))
struct KilledServerDeliveryTests {
    @Test(arguments: TestBackend.available)
    func everyMessageArrivesAtLeastOnceWithItsDeliveryIDAfterARestart(backend: TestBackend) async throws {
        let binary = TestFiles.closeloop
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the closeloop product first: \(binary.path)")
        try await withReferralFixture(backend) { fixture async throws in
            let smtp = try LoopbackReceiver(script: "smtp-sink.py", environment: ["SMTP_SINK_DELAY": "0.3"])
            defer { smtp.stop() }
            for _ in 0..<12 { _ = try await fixture.sent() }
            let outbox = OutboxStore(database: fixture.store.database)
            // By the server's wall clock these referrals are overdue, so its follow-up timers tell
            // their coordinator; this test is about the twelve rows above, so she asked for no email.
            try await outbox.setPreference(.off, userID: fixture.user(.coordinator).id)
            let written = try await outbox.messages(status: .pending)
            try #require(written.count == 12)

            func serve() throws -> ChildProcess {
                let process = Process()
                process.executableURL = binary
                process.arguments = ["serve", "--db", fixture.store.database.location.connectionString, "--port", "0", "--no-seed"]
                process.environment = ProcessInfo.processInfo.environment.merging([
                    "CLOSELOOP_SMTP_HOST": "127.0.0.1", "CLOSELOOP_SMTP_PORT": String(smtp.port),
                    "CLOSELOOP_SMTP_FROM": "closeloop@district.example", "CLOSELOOP_OUTBOX_LEASE_SECONDS": "2",
                    "CLOSELOOP_OUTBOX_POLL_MS": "200", "LOG_LEVEL": "error",
                ]) { $1 }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return try ChildProcess(starting: process)
            }
            func waitFor(_ what: String, seconds: Double, _ done: () async throws -> Bool) async throws {
                let start = Date()
                while try await !done() {
                    guard Date().timeIntervalSince(start) < seconds else { throw ReceiverError("timed out waiting for \(what)") }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }

            let first = try serve()
            do {
                try await waitFor("three messages", seconds: 90) { try smtp.records().count >= 3 }
            } catch {
                // Else the server outlives the test (a full run under load left one serving for an hour).
                await first.kill()
                throw error
            }
            #expect(await first.kill().reason == .uncaughtSignal)
            let pendingAtKill = try await outbox.counts()[.pending] ?? 0
            #expect(pendingAtKill > 0, "the server finished before it was killed")

            let second = try serve()
            do {
                try await waitFor("every row delivered", seconds: 90) { try await outbox.counts()[.pending] ?? 0 == 0 }
            } catch {
                await second.kill()
                throw error
            }
            await second.kill()
            #expect(try await outbox.counts() == [.delivered: 12])

            let received = try smtp.records().map { header("X-Closeloop-Delivery-Id", in: $0["data"] as? String ?? "") ?? "?" }
            #expect(Set(received) == Set(written.map(\.deliveryID)), "a message was lost or arrived under another id")
            #expect(received.count >= 12)
            // The one in flight at the kill came again, under its own id.
            #expect(received.count > Set(received).count, "no message was sent twice: the kill missed the send-to-mark window")
        }
    }
}

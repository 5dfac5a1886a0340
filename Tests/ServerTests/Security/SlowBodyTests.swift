import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing
import TestSupport

/// Issue 21 (harden2, item 5): a request body that keeps trickling in is cut off when the whole
/// request has taken longer than the idle timeout. Before, each body part counted as activity, so a
/// byte every 200 ms kept the connection open for as long as the client went on.
@Suite("Security: a slowly trickled body is timed out")
struct SlowBodyTests {
    @Test
    func aBodyTrickledByteByByteIsClosedAtTheDeadline() async throws {
        try await withSeededStore(.sqlite) { store async throws in
            var configuration = securityConfiguration(store, clients: ClientLimits(idleTimeout: .milliseconds(800)))
            configuration.host = "127.0.0.1"
            try await buildApplication(configuration).trackedTest(.live) { client async throws in
                let port = try #require(client.port)
                let slow = try RawConnection(port: port)
                let started = Date()
                try slow.send("POST /api/v1/match HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n")
                // A byte every 200 ms: never idle for the 800 ms timeout, so only a whole-request deadline ends it.
                var closed = false
                for _ in 0..<100 {
                    if (try? slow.send(" ")) == nil || slow.closedWithin(seconds: 0.2) {
                        closed = true
                        break
                    }
                }
                let elapsed = Date().timeIntervalSince(started)
                #expect(closed, "a body trickled for \(elapsed) s was still being read")
                #expect(elapsed < 10, "closed after \(elapsed) s")  // 0.8 s, with room for a loaded machine
                // (A request that arrives whole is answered as before: halfSentAndIdleConnectionsAreClosed.)
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Referrals
import Server
import Storage
import Synchronization
import Testing
import TestSupport

/// Keeps every line a logger is given, at every level, as text (message and metadata).
struct CapturingLogHandler: LogHandler {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var text: String { all.joined(separator: "\n") }
    }

    let sink: Lines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        let all = metadata.merging(extra ?? [:]) { _, new in new }
        let text = "\(level) \(message) " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.lines.withLock { $0.append(text) }
    }
}

/// Issue 21 item 9: no log level writes SQL binds, tokens, emails or identifying query strings.
/// The whole application runs with its logger at `trace`, through a handler that keeps every line.
@Suite("Privacy: logs")
struct PrivacyLogTests {
    @Test(arguments: TestBackend.available)
    func traceLogsCarryNoTokenEmailOrStudentID(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await ReferralWorld.make(store)
            let sink = CapturingLogHandler.Lines()
            var logger = Logger(label: "closeloop.log-test") { _ in CapturingLogHandler(sink: sink) }
            logger.logLevel = .trace
            let configuration = ServerConfiguration(port: 0, database: store.database.location, clock: { ReferralWorld.now }, logger: logger)
            try await buildApplication(configuration).trackedTest(.router) { client async throws in
                let created = try await client.call(.post, "/api/v1/students", token: world.token("coordinator"), json: """
                    {"district_student_id": "S-LOG-7731", "school_id": "\(world.schoolID)", "grade": "8"}
                    """)
                #expect(created.status == .created)
                let newStudent = try #require(try json(created)["id"] as? String)
                #expect(try await client.call(.get, "/api/v1/students/\(world.studentID)", token: world.token("coordinator")).status == .ok)
                #expect(try await client.call(.get, "/api/v1/referrals?student=\(world.studentID)", token: world.token("coordinator")).status == .ok)
                let id = try await client.draftReferral(world)
                #expect(try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0).status == .ok)
                #expect(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner")).status == .ok)
                // A probe is logged as a security event, still without the student.
                #expect(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("other_partner")).status == .notFound)
                #expect(try await client.call(.get, "/api/v1/referrals", token: "not-a-token-\(world.token("admin"))").status == .unauthorized)

                let text = sink.text
                #expect(text.contains("Request"), "the handler saw the request log")
                #expect(text.contains(ReferralStore.crossTenantProbe), "the probe is logged as a security event")
                var secrets = [world.studentID, newStudent, "S-LOG-7731", "S-1001"]
                secrets += world.tokens.values
                secrets += world.users.values.map(\.email)
                for secret in secrets {
                    #expect(!text.contains(secret), "a log line carries \(secret)")
                }
            }
        }
    }

    @Test func theDatabaseLoggerNeverGoesBelowInfo() {
        var logger = Logger(label: "closeloop.log-test") { _ in CapturingLogHandler(sink: CapturingLogHandler.Lines()) }
        logger.logLevel = .trace
        #expect(Database.withoutStatementLogs(logger).logLevel == .info)
        logger.logLevel = .error
        #expect(Database.withoutStatementLogs(logger).logLevel == .error)
    }
}

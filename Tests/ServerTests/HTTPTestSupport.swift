import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// The application `closeloop serve` runs (`buildApplication`), on the test store's database and
/// with its own pool, as another instance would be; `clock` fixes the time referrals are judged at.
func testApplication(
    _ store: DirectoryStore, clock: Date? = nil, web: WebConfiguration = .fromEnvironment()
) async throws -> some ApplicationProtocol {
    var configuration = ServerConfiguration(port: 0, database: store.database.location, web: web, logger: TestBackend.logger)
    if let clock { configuration.clock = { clock } }
    return try await buildApplication(configuration)
}

/// Runs `body` with a router test client over a seeded store on the given backend.
func withSeededClient(
    _ backend: TestBackend = .sqlite, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await withSeededStore(backend) { store async throws in
        try await testApplication(store).trackedTest(.router, body)
    }
}

/// The decoded JSON object of a response body.
func json(_ response: TestResponse) throws -> [String: Any] {
    let data = Data(String(buffer: response.body).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "body: \(String(buffer: response.body))")
}

func items(_ response: TestResponse) throws -> [[String: Any]] {
    try #require(try json(response)["items"] as? [[String: Any]])
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get) { $0 }
    }
}

extension ApplicationProtocol {
    /// `test(_:_:)`, with the application's whole run and the test's body counted in `InFlight`:
    /// a hung test then tells whether it waits for the services to start, in its body, or for the
    /// services to stop (the service names say which one has not).
    func trackedTest<Value>(
        _ testingSetup: TestingSetup, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await InFlight.track("test.application") {
            try await test(testingSetup) { client in
                try await InFlight.track("test.applicationBody") { try await body(client) }
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// Runs `body` with a router test client over a seeded store on the given backend.
func withSeededClient(
    _ backend: TestBackend = .sqlite, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await withSeededStore(backend) { store async throws in
        let app = Application(router: buildRouter(store: store))
        try await app.test(.router, body)
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

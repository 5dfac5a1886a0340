import Foundation
import Hummingbird

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the JSON API, anonymous. The document
/// is a resource of this target (`OpenAPI/openapi.json`, written by hand from the routes and the
/// types they encode); `OpenAPIDocumentTests` keeps it true to the router and to real replies, and
/// `scripts/test` runs schemathesis against a live server with it.
struct OpenAPIRoutes: Sendable {
    /// Read once, when the first router is built: a build without the resource fails at start
    /// rather than at the first request.
    static let document: ByteBuffer = load()

    func register(on router: Router<AppRequestContext>) {
        let document = Self.document
        router.group("api/v1").get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
    }

    private static func load() -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            preconditionFailure("openapi.json is missing from the Server target's resources (Package.swift)")
        }
        return ByteBuffer(bytes: data)
    }
}

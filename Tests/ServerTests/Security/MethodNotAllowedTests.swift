import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing
import TestSupport

/// Issue 21 (harden2, item 3): a known address asked with a method it does not take is a 405 with
/// `Allow` — problem JSON `method_not_allowed` for the API, an HTML page for a browser. Before, it
/// was the same 404 as an address that does not exist.
@Suite("Security: a wrong method is a 405 with Allow")
struct MethodNotAllowedTests {
    @Test(arguments: TestBackend.available)
    func theAPIAnswers405WithAllowAndAProblem(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let token = world.token("coordinator")
            for (method, path, allow) in [
                (HTTPRequest.Method.delete, "/api/v1/referrals", "GET, POST"),
                (.put, "/api/v1/referrals/ref-unknown", "GET"),
                (.patch, "/api/v1/services/\(world.serviceID)", "GET"),
                (.get, "/api/v1/services/\(world.serviceID)/availability", "PATCH"),
                (.post, "/api/v1/openapi.json", "GET"),
                (.get, "/api/v1/match", "POST"),
            ] {
                let response = try await client.call(method, path, token: token)
                #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(method) \(path)")
                #expect(try json(response)["code"] as? String == "method_not_allowed", "\(method) \(path)")
            }
            // An address that does not exist, and an id that does not, stay 404.
            #expect(try await client.call(.delete, "/api/v1/nothing-here", token: token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/referrals/ref-unknown", token: token).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/referrals", token: token).status == .ok)
        }
    }

    @Test(arguments: TestBackend.available)
    func aBrowserGetsAnHTMLPageWithAllow(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { _, client async throws in
            let response = try await client.execute(uri: "/login", method: .delete, headers: [.accept: "text/html"]) { $0 }
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, POST")
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: response.body).contains("Not allowed here"))
        }
    }
}

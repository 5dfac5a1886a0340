import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Server
import Storage
import Testing
import TestSupport

/// Terms a feed described for three of the seed's codes (the seed names none), in AIRS/211.
func describedSeedTerms() throws -> [TaxonomyTerm] {
    let codes = Array(Set(try loadSeed().directory.services.flatMap(\.taxonomyCodes).map { $0.uppercased() }).sorted().prefix(3))
    return codes.enumerated().map { index, code in
        TaxonomyTerm(source: "seed", code: code, name: "Described term \(index)", description: index == 0 ? "What it covers" : nil, taxonomy: TaxonomyTerm.airsTaxonomy)
    }
}

/// The router `closeloop serve` builds (with the seed's postcode centres, for `proximity`) over a
/// seeded store, without the catalog's rate limit (these tests read every page of everything).
func withHSDSClient(
    _ backend: TestBackend, terms: [TaxonomyTerm] = [], _ body: @escaping @Sendable (any TestClientProtocol, DirectoryStore) async throws -> Void
) async throws {
    let centroids = try PostalCodeCentroids.load(contentsOf: try Seed.locate().appendingPathComponent(PostalCodeCentroids.fileName))
    try await withSeededStore(backend) { store async throws in
        try await store.saveTaxonomyTerms(terms)
        let router = buildRouter(store: store, clients: ClientLimits(catalogRate: nil), postalCodes: centroids)
        try await Application(router: router).trackedTest(.router) { client in try await body(client, store) }
    }
}

/// Every HSDS body a test reads is kept for `scripts/validate-hsds-responses.py`, which validates
/// it against the spec's schemas: `$CLOSELOOP_HSDS_RESPONSES_DIR`, or `.build/artifacts/hsds-responses`
/// in the repository. The file name starts with the schema it must meet (`<kind>--…`).
enum HSDSResponses {
    enum Kind: String {
        case about
        case servicePage = "service_page"
        case serviceFullPage = "service_full_page"
        case serviceMinimalPage = "service_minimal_page"
        case service
        case serviceNDJSON = "service_ndjson"
        case organizationPage = "organization_page"
        case organizationFullPage = "organization_full_page"
        case organization
        case serviceAtLocationPage = "service_at_location_page"
        case serviceAtLocation = "service_at_location"
        case taxonomyPage = "taxonomy_page"
        case taxonomy
        case taxonomyTermPage = "taxonomy_term_page"
        case taxonomyTerm = "taxonomy_term"
    }

    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["CLOSELOOP_HSDS_RESPONSES_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/artifacts/hsds-responses")
    }()

    /// Emptied once per test process, before its first body, so the validator sees this run's only.
    static let emptied: Bool = {
        try? FileManager.default.removeItem(at: directory)
        return true
    }()

    /// Writes `response`'s body under a name made of its kind, the test backend and its URI.
    static func keep(_ response: TestResponse, _ kind: Kind, uri: String, backend: TestBackend) throws {
        _ = emptied
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let safe = String(uri.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        let suffix = kind == .serviceNDJSON ? "ndjson" : "json"
        try Data(String(buffer: response.body).utf8)
            .write(to: directory.appendingPathComponent("\(kind.rawValue)--\(backend)-\(safe).\(suffix)"))
    }
}

extension TestClientProtocol {
    /// GET, expecting 200, keeping the body for schema validation.
    func hsds(_ uri: String, _ kind: HSDSResponses.Kind, backend: TestBackend) async throws -> TestResponse {
        let response = try await get(uri)
        #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
        try HSDSResponses.keep(response, kind, uri: uri, backend: backend)
        return response
    }

    /// Every page of a list, in order, each kept; the pages' `contents` and the page objects.
    func hsdsPages(_ path: String, perPage: Int, _ kind: HSDSResponses.Kind, backend: TestBackend) async throws -> [[String: Any]] {
        var pages: [[String: Any]] = []
        var number = 1
        while number <= 1000 {
            let separator = path.contains("?") ? "&" : "?"
            let page = try json(try await hsds("\(path)\(separator)per_page=\(perPage)&page=\(number)", kind, backend: backend))
            pages.append(page)
            if page["last_page"] as? Bool == true { break }
            number += 1
        }
        return pages
    }
}

func contents(_ pages: [[String: Any]]) -> [[String: Any]] {
    pages.flatMap { ($0["contents"] as? [[String: Any]]) ?? [] }
}

import Directory
import Foundation
import Hummingbird
import OpenReferral
import Workflows

/// The directory as an Open Referral HSDS 3.1 API under `/hsds/` (`schema/openapi.json` of the
/// spec): read-only and anonymous like the catalog, and rate limited with it. The use case is
/// `HSDSPublication`; these routes read the spec's parameters and write its Page object, or one
/// JSON record a line for `format=ndjson`, written as it is encoded.
struct HSDSRoutes: Sendable {
    let publication: HSDSPublication
    /// For `proximity`: the centre of a postcode (the seed's table; nil when the server has none).
    let postalCodes: PostalCodeCentroids?

    static let specification = "https://docs.openreferral.org/en/v3.1/"
    static let openAPI = "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json"

    static let listParameters: Set<String> = ["search", "page", "per_page", "format"]
    static let filterParameters: Set<String> = ["taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "full"]

    func register(on router: Router<AppRequestContext>) {
        let hsds = router.group("hsds")
        hsds.get { _, _ in
            try Self.json(HSDSAbout(version: "3.1", profile: Self.specification, openapiURL: Self.openAPI))
        }
        hsds.get("services") { request, _ in
            let query = try Self.query(request, allowed: Self.listParameters.union(Self.filterParameters).union(["minimal"]))
            return try Self.list(try await Self.run { try await publication.services(query) }, request: request)
        }
        hsds.get("services/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let service = try await publication.service(id: id) else { throw Problem.notFound("service", id: id) }
            return try Self.json(service)
        }
        hsds.get("organizations") { request, _ in
            let query = try Self.query(request, allowed: Self.listParameters.union(["taxonomy_term_id", "taxonomy_id", "full", "full_service"]))
            return try Self.list(try await Self.run { try await publication.organizations(query) }, request: request)
        }
        hsds.get("organizations/:id") { request, context in
            let id = try context.parameters.require("id")
            let query = try Self.query(request, allowed: ["full_service"])
            guard let organization = try await publication.organization(id: id, fullServices: query.fullService) else {
                throw Problem.notFound("organization", id: id)
            }
            return try Self.json(organization)
        }
        hsds.get("service_at_locations") { request, _ in
            let query = try Self.query(request, allowed: Self.listParameters.union(Self.filterParameters).union(["postcode", "proximity"]))
            let centroid = query.postcode.flatMap { postalCodes?.centroid(forPostalCode: $0) }
            return try Self.list(try await Self.run { try await publication.servicesAtLocation(query, centroid: centroid) }, request: request)
        }
        hsds.get("service_at_locations/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let site = try await publication.serviceAtLocation(id: id) else { throw Problem.notFound("service_at_location", id: id) }
            return try Self.json(site)
        }
        hsds.get("taxonomies") { request, _ in
            let query = try Self.query(request, allowed: Self.listParameters)
            return try Self.list(try await Self.run { try await publication.taxonomies(query) }, request: request)
        }
        hsds.get("taxonomies/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let taxonomy = try await publication.taxonomy(id: id) else { throw Problem.notFound("taxonomy", id: id) }
            return try Self.json(taxonomy)
        }
        hsds.get("taxonomy_terms") { request, _ in
            let query = try Self.query(request, allowed: Self.listParameters.union(["taxonomy_id", "top_only", "parent_id"]))
            return try Self.list(try await Self.run { try await publication.taxonomyTerms(query) }, request: request)
        }
        hsds.get("taxonomy_terms/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let term = try await publication.taxonomyTerm(id: id) else { throw Problem.notFound("taxonomy_term", id: id) }
            return try Self.json(term)
        }
    }

    /// The publication's refusals as the API's problem: 400 `invalid_parameter` naming the parameter.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as HSDSQueryError {
            throw Problem.invalidParameter(error.parameter, error.message)
        }
    }

    static func query(_ request: Request, allowed: Set<String>) throws(Problem) -> HSDSQuery {
        let parameters = try QueryParameters(request, allowed: allowed)
        var query = HSDSQuery()
        query.search = try parameters.string("search")
        query.pageNumber = try parameters.integer("page") ?? 1
        query.perPage = try parameters.integer("per_page") ?? HSDSQuery.defaultPerPage
        query.taxonomyTermID = try parameters.string("taxonomy_term_id")
        query.taxonomyID = try parameters.string("taxonomy_id")
        query.organizationID = try parameters.string("organization_id")
        if let text = try parameters.string("modified_after") {
            guard let date = Self.dateTime(text) else {
                throw .invalidParameter("modified_after", "'\(text)' is not an ISO 8601 date-time such as 2026-01-31T09:00:00Z (or a date)")
            }
            query.modifiedAfter = date
        }
        query.minimal = try flag(parameters, "minimal")
        query.full = try flag(parameters, "full")
        query.fullService = try flag(parameters, "full_service")
        query.topOnly = try flag(parameters, "top_only")
        query.parentID = try parameters.string("parent_id")
        query.postcode = try parameters.string("postcode")
        query.proximityMeters = try parameters.number("proximity")
        if let format = try parameters.string("format") {
            switch format {
            case "json": break
            case "ndjson": query.pageNumber = nil
            default: throw .invalidParameter("format", "'\(format)' is not a format this API writes; use json or ndjson")
            }
        }
        return query
    }

    static func flag(_ parameters: QueryParameters, _ name: String) throws(Problem) -> Bool {
        guard let text = try parameters.string(name) else { return false }
        guard let value = Bool(text) else { throw .invalidParameter(name, "'\(text)' is not true or false") }
        return value
    }

    /// A date-time with or without fractional seconds, or a whole date (its midnight, UTC).
    static func dateTime(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }

    static func json(_ value: some Encodable) throws -> Response {
        let body = try JSONCoding.encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The Page object, or every match as newline-delimited JSON, encoded and sent a batch of
    /// records at a time rather than built whole.
    static func list<Item: Encodable & Sendable>(_ result: HSDSResult<Item>, request: Request) throws -> Response {
        guard result.pageNumber == nil, let record = result.streamed else { return try json(result.page) }
        let count = result.totalItems
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson"],
            body: ResponseBody { writer in
                let encoder = JSONCoding.encoder
                var buffer = ByteBuffer()
                for index in 0..<count {
                    buffer.writeBytes(try encoder.encode(record(index)))
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    if buffer.readableBytes >= 64 * 1024 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
                try await writer.finish(nil)
            })
    }
}

/// `GET /hsds/`: what this API publishes.
struct HSDSAbout: Encodable {
    var version: String
    var profile: String
    var openapiURL: String

    enum CodingKeys: String, CodingKey {
        case version, profile
        case openapiURL = "openapi_url"
    }
}

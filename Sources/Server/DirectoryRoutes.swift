import Directory
import Hummingbird
import Storage
import Workflows

/// The read-only catalog API: services with filters (the `ServiceSearch` use case), organizations,
/// barriers and schools.
struct DirectoryRoutes: Sendable {
    let store: DirectoryStore
    var search: ServiceSearch { ServiceSearch(directory: store) }

    static let serviceParameters: Set<String> = [
        "domain", "intensity", "age", "language", "insurance", "setting", "enrollment", "near", "radius_km", "q",
        "limit", "cursor", "include_inactive",
    ]

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("services", use: listServices)
        api.get("services/:id", use: showService)
        api.get("organizations/:id", use: showOrganization)
        api.get("barriers") { _, _ in ListResource(items: try await store.barriers()) }
        api.get("schools") { _, _ in ListResource(items: try await store.schools()) }
    }

    @Sendable func listServices(_ request: Request, context: AppRequestContext) async throws -> ServiceListResource {
        let query = try Self.serviceQuery(from: request)
        let page = try await search.search(query)
        return ServiceListResource(
            items: page.items.map { ServiceResource(service: $0.service, organizationName: $0.organizationName, distanceKm: $0.distanceKm) },
            nextCursor: page.nextAfterID.map(Cursor.encode))
    }

    static func serviceQuery(from request: Request) throws(Problem) -> ServiceQuery {
        let parameters = try QueryParameters(request, allowed: serviceParameters)
        var query = ServiceQuery(
            domain: try parameters.vocabulary("domain", Domain.self),
            intensity: try parameters.vocabulary("intensity", Intensity.self),
            age: try parameters.integer("age"),
            language: try parameters.language("language"),
            insurance: try parameters.vocabulary("insurance", Insurance.self),
            setting: try parameters.vocabulary("setting", Setting.self),
            enrollment: try parameters.vocabulary("enrollment", EnrollmentStatus.self),
            near: try parameters.coordinates("near"),
            radiusKm: try parameters.number("radius_km"),
            keyword: try parameters.string("q"),
            limit: try parameters.integer("limit", in: 1...ServiceQuery.maxLimit) ?? ServiceQuery.defaultLimit)
        if let flag = try parameters.string("include_inactive") {
            guard let value = Bool(flag) else { throw .invalidParameter("include_inactive", "'\(flag)' is not true or false") }
            query.includeInactive = value
        }
        if let cursor = try parameters.string("cursor") {
            guard let afterID = Cursor.decode(cursor) else {
                throw .invalidParameter("cursor", "the cursor is not one this server issued; use next_cursor from a previous page")
            }
            query.afterID = afterID
        }
        return query
    }

    @Sendable func showService(_ request: Request, context: AppRequestContext) async throws -> ServiceResource {
        let id = try context.parameters.require("id")
        guard let service = try await store.service(id: id) else { throw Problem.notFound("service", id: id) }
        let organization = try await store.organization(id: service.organizationID)
        let locations = try await store.locations(ofServices: [id])[id] ?? []
        return ServiceResource(service: service, organizationName: organization?.name ?? "", locations: locations)
    }

    @Sendable func showOrganization(_ request: Request, context: AppRequestContext) async throws -> OrganizationResource {
        let id = try context.parameters.require("id")
        guard let organization = try await store.organization(id: id) else { throw Problem.notFound("organization", id: id) }
        return OrganizationResource(
            organization: organization,
            services: try await store.services(ofOrganization: id),
            locations: try await store.locations(ofOrganization: id))
    }
}

import Directory
import Foundation
import Hummingbird
import Storage
import Workflows

/// Find services: the JSON API's filters as a GET form, near one of the coordinator's schools.
struct ServiceSearchPage: Sendable {
    let services: WebServices

    struct Page {
        let frame: PageFrame
        let keyword: String
        let age: String
        let radius: String
        let domains: [Option]
        let intensities: [Option]
        let languages: [Option]
        let insurances: [Option]
        let settings: [Option]
        let enrollments: [Option]
        let schools: [Option]
        let results: [ServiceRow]
        let resultCount: Int
        let hasResults: Bool
        let nextHref: String?
        /// Near a school the results are nearest first; otherwise by id.
        let nearestFirst: Bool
    }

    struct ServiceRow {
        let id: String
        let name: String
        let organization: String
        let description: String
        let domains: String
        let intensity: String
        let ages: String
        let languages: String
        let cost: String
        let enrollment: String
        let distance: String?
        let serviceHref: String
        let referHref: String
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let form = context.queryForm(request)
        let schools = try await services.directory.schools()
        var problems: [String] = []
        func vocabulary<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) -> T? where T.RawValue == String {
            guard let raw = form[name] else { return nil }
            guard let value = T(rawValue: raw) else { problems.append("'\(raw)' is not a valid \(name)"); return nil }
            return value
        }
        var query = ServiceQuery(
            domain: vocabulary("domain", Domain.self), intensity: vocabulary("intensity", Intensity.self),
            insurance: vocabulary("insurance", Insurance.self), setting: vocabulary("setting", Setting.self),
            enrollment: vocabulary("enrollment", EnrollmentStatus.self), keyword: form["q"],
            limit: 25, afterID: form["after"])
        if let text = form["age"] {
            if let age = Int(text) { query.age = age } else { problems.append("age '\(text)' is not a whole number of years") }
        }
        if let code = form["language"] {
            if let language = LanguageCode(rawValue: code) { query.language = language } else { problems.append("'\(code)' is not a language code") }
        }
        if let schoolID = form["near_school"] {
            if let school = schools.first(where: { $0.id == schoolID }) { query.near = school.coordinates } else { problems.append("unknown school '\(schoolID)'") }
        }
        if let text = form["radius_km"] {
            if let radius = Double(text) { query.radiusKm = radius } else { problems.append("radius '\(text)' is not a number of km") }
        }
        // The ranges are the use case's, as for the API. Near a school, nearest first (issue 22, item 6).
        var page = ServicePage(items: [], nextAfterID: nil)
        var nextOffset: Int?
        if let text = form["from"], Int(text) == nil { problems.append("'\(text)' is not a position in the results") }
        if problems.isEmpty {
            do {
                let search = ServiceSearch(directory: services.directory)
                if query.near != nil {
                    let nearest = try await search.nearestFirst(query, offset: form["from"].flatMap(Int.init) ?? 0)
                    page = ServicePage(items: nearest.items, nextAfterID: nil)
                    nextOffset = nearest.nextOffset
                } else {
                    page = try await search.search(query)
                }
            } catch let error as ServiceSearchError {
                problems.append(error.message)
            }
        }
        let rows = page.items.map { item in
            let service = item.service
            return ServiceRow(
                id: service.id, name: service.name, organization: item.organizationName, description: service.description,
                domains: Labels.domains(service.domains),
                intensity: Labels.intensity(stated: service.intensity), ages: Labels.ages(service.ages),
                languages: Labels.languages(service),
                cost: Labels.cost(service.cost), enrollment: Labels.enrollment(service.enrollment),
                distance: item.distanceKm.map { Labels.distance(km: $0) }, serviceHref: WebPaths.service(service.id),
                referHref: "/coordinator/referrals/new?service=\(WebPaths.queryEscaped(service.id))")
        }
        // Schools the coordinator works at first: that is where "near" usually means.
        let mine = Set(user.schoolIDs)
        let orderedSchools = schools.filter { mine.contains($0.id) } + schools.filter { !mine.contains($0.id) }
        var nextHref: String?
        let kept = form.pairs.filter { $0.name != "after" && $0.name != "from" && !$0.value.isEmpty }.map { ($0.name, Optional($0.value)) }
        if let after = page.nextAfterID {
            nextHref = request.uri.path + WebPaths.query(kept + [("after", after)])
        } else if let nextOffset {
            nextHref = request.uri.path + WebPaths.query(kept + [("from", String(nextOffset))])
        }
        return services.renderer.render("services", Page(
            frame: PageFrame(title: context.words.t("nav.find_services"), context: context, path: request.uri.path,
                           error: problems.isEmpty ? nil : context.words.t("services.check", ["problems": problems.joined(separator: "; ")])),
            keyword: form["q"] ?? "", age: form["age"] ?? "", radius: form["radius_km"] ?? "",
            domains: Option.list(Domain.self, chosen: form.all("domain")) { Labels.humanized($0.rawValue) },
            intensities: Option.list(Intensity.self, chosen: form.all("intensity"), label: Labels.intensity),
            languages: Labels.languageOptions(chosen: form.all("language")),
            insurances: Option.list(Insurance.self, chosen: form.all("insurance"), label: Labels.insurance),
            settings: Option.list(Setting.self, chosen: form.all("setting")) { Labels.humanized($0.rawValue) },
            enrollments: Option.list(EnrollmentStatus.self, chosen: form.all("enrollment")) { Labels.humanized($0.rawValue) },
            schools: orderedSchools.map { Option(value: $0.id, label: $0.name, selected: $0.id == form["near_school"]) },
            results: rows, resultCount: rows.count, hasResults: !rows.isEmpty, nextHref: nextHref,
            nearestFirst: query.near != nil && problems.isEmpty))
    }
}

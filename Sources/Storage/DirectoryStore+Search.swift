import Directory
import Foundation
import SQLKit

extension DirectoryStore {
    /// Answers `GET /api/v1/services` in SQL: every filter is an indexed predicate, pages are keyset
    /// pages ordered by id (stable under concurrent writes, no OFFSET scans).
    public func services(matching query: ServiceQuery) async throws -> ServicePage {
        var select = sql.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("s")))
            .column(SQLColumn("name", table: "o"), as: "organization_name")
            .from(SQLAlias(SQLIdentifier("services"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("organizations"), as: SQLIdentifier("o")),
                  on: SQLColumn("organization_id", table: "s"), .equal, SQLColumn("id", table: "o"))

        for predicate in Self.predicates(for: query) {
            select = select.where(predicate)
        }
        let rows = try await select
            .orderBy(SQLColumn("id", table: "s"))
            .limit(query.limit + 1)
            .all()

        var items = try rows.prefix(query.limit).map { row in
            ServicePage.Item(
                service: try row.decode(model: ServiceRow.self).model(),
                organizationName: try row.decode(column: "organization_name", as: String.self))
        }
        if let near = query.near {
            let sites = try await locations(ofServices: items.map(\.service.id))
            for index in items.indices {
                items[index].distanceKm = sites[items[index].service.id]?
                    .compactMap { $0.coordinates?.distanceKm(to: near) }.min()
            }
        }
        let hasMore = rows.count > query.limit
        return ServicePage(items: items, nextAfterID: hasMore ? items.last?.service.id : nil)
    }

    static func predicates(for query: ServiceQuery) -> [SQLQueryString] {
        var predicates: [SQLQueryString] = []
        if !query.includeInactive {
            predicates.append("s.active = 1")
        }
        if let afterID = query.afterID {
            predicates.append("s.id > \(bind: afterID)")
        }
        if let domain = query.domain {
            predicates.append(facet("service_domains", "domain", domain.rawValue))
        }
        if let intensity = query.intensity {
            predicates.append("s.intensity = \(bind: intensity.rawValue)")
        }
        // A filter matches what a service states, never a facet it leaves unknown (NULL, no facet rows).
        if let age = query.age {
            // An end not stated does not limit ("19 and over"), but a range with neither end says nothing.
            predicates.append("""
                (s.age_min IS NOT NULL OR s.age_max IS NOT NULL) AND (s.age_min IS NULL OR s.age_min <= \(bind: age)) \
                AND (s.age_max IS NULL OR s.age_max >= \(bind: age))
                """)
        }
        if let language = query.language {
            predicates.append(facet("service_languages", "language", language.rawValue))
        }
        if let insurance = query.insurance {
            // As `Cost.accepts`: free services serve every family, a sliding scale uninsured ones.
            let slidingScale: SQLQueryString = insurance == .uninsured ? " OR s.cost_kind = 'sliding_scale'" : ""
            predicates.append("(s.cost_kind = 'free' OR \(facet("service_insurance", "insurance", insurance.rawValue))\(slidingScale))")
        }
        if let setting = query.setting {
            predicates.append(facet("service_settings", "setting", setting.rawValue))
        }
        if let enrollment = query.enrollment {
            predicates.append("s.enrollment_status = \(bind: enrollment.rawValue)")
        }
        if let near = query.near {
            predicates.append(withinRadius(of: near, km: query.effectiveRadiusKm))
        }
        if let keyword = query.keyword.map(SearchText.normalize), !keyword.isEmpty {
            predicates.append("s.search_text LIKE \(bind: "%" + escapeLike(keyword) + "%") ESCAPE '!'")
        }
        return predicates
    }

    private static func facet(_ table: String, _ column: String, _ value: String) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: table) f WHERE f.service_id = s.id AND f.\(ident: column) = \(bind: value))"
    }

    /// A site within the radius. A bounding box on (lat, lon) uses the index; inside it an
    /// equirectangular distance (plain arithmetic, no trigonometry in SQL, so both engines agree)
    /// is exact to well under 1% at city scales.
    private static func withinRadius(of center: Coordinates, km radius: Double) -> SQLQueryString {
        let kmPerDegree = 111.19492664455873
        let dLat = radius / kmPerDegree
        let lonScale = max(cos(center.lat * .pi / 180), 0.01)
        let dLon = dLat / lonScale
        let limit = dLat * dLat
        return """
            EXISTS (SELECT 1 FROM services_at_location sl JOIN locations l ON l.id = sl.location_id \
            WHERE sl.service_id = s.id AND l.lat BETWEEN \(bind: center.lat - dLat) AND \(bind: center.lat + dLat) \
            AND l.lon BETWEEN \(bind: center.lon - dLon) AND \(bind: center.lon + dLon) \
            AND (l.lat - \(bind: center.lat)) * (l.lat - \(bind: center.lat)) \
            + (l.lon - \(bind: center.lon)) * (l.lon - \(bind: center.lon)) * \(bind: lonScale * lonScale) <= \(bind: limit))
            """
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "!", with: "!!")
            .replacingOccurrences(of: "%", with: "!%")
            .replacingOccurrences(of: "_", with: "!_")
    }
}

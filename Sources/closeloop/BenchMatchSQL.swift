import Directory
import Foundation
import Matching
import SQLKit
import Storage

/// The baseline a design without an in-memory index would use: the matcher's hard filters (and its
/// barrier membership) as one SQL query per (profile, barrier) over the store's facet tables,
/// returning the ids of the eligible services. It does not rank, explain or look up names, so it
/// does less work than `Matcher.match`; the comparison favours SQL.
///
/// Every predicate is written so an index can drive it: taxonomy prefixes become ranges on
/// `service_taxonomy (code, service_id)` rather than LIKE patterns, facets are `EXISTS` lookups on
/// the join tables' primary keys. Distances are equirectangular (no trigonometry in SQLite, as in
/// `DirectoryStore.services(matching:)`), so services within metres of a service area's edge may
/// differ from the index's great-circle test; `BenchSQLCheck` reports how many.
struct SQLMatchQuery {
    let backend: Backend
    /// The whole vocabulary: a service reaches a barrier through its domains only when none of its
    /// codes names any barrier.
    let barriers: [Barrier]
    let defaultRadiusKm: Double

    static let kilometresPerDegree = 111.19492664455873

    func sql(_ profile: NeedsProfile, barrier: Barrier) -> SQLQueryString {
        var predicates: [SQLQueryString] = ["s.active = 1", "s.id IN (\(membership(barrier)))"]
        if let age = profile.age {
            predicates.append("s.age_min <= \(bind: age) AND s.age_max >= \(bind: age)")
        }
        if !profile.languages.isEmpty {
            let codes: [any Encodable & Sendable] = Array(Set(profile.languages.map(\.rawValue))).sorted()
            predicates.append("""
                (s.interpreter_available = 1 OR EXISTS (SELECT 1 FROM service_languages sl \
                WHERE sl.service_id = s.id AND sl.language IN (\(binds: codes))))
                """)
        }
        if let coverage = profile.insurance {
            // Uninsured families also fit sliding-scale fees (see IndexedService.usableCoverage).
            let slidingScale: SQLQueryString = coverage == .uninsured ? " OR s.cost_kind = 'sliding_scale'" : ""
            predicates.append("""
                (s.cost_kind = 'free'\(slidingScale) OR EXISTS (SELECT 1 FROM service_insurance si \
                WHERE si.service_id = s.id AND si.insurance = \(bind: coverage.rawValue)))
                """)
        }
        predicates.append("s.enrollment_status <> 'closed'")
        if let home = profile.home, home.isValid {
            predicates.append(serviceArea(home))
        }
        return "SELECT s.id FROM services s WHERE " + predicates.joined(separator: " AND ")
    }

    /// Services tied to the barrier by a taxonomy code, or by domain and intensity when no code of
    /// theirs names any barrier (`Array<Barrier>.positions(serving:)`).
    private func membership(_ barrier: Barrier) -> SQLQueryString {
        var branches: [SQLQueryString] = []
        if !barrier.taxonomyPrefixes.isEmpty {
            branches.append("SELECT t.service_id FROM service_taxonomy t WHERE \(Self.codeUnder(barrier.taxonomyPrefixes, column: "t.code"))")
        }
        let allPrefixes = Array(Set(barriers.flatMap(\.taxonomyPrefixes))).sorted()
        if !barrier.domains.isEmpty, !barrier.intensities.isEmpty {
            let domains: [any Encodable & Sendable] = barrier.domains.map(\.rawValue)
            let intensities: [any Encodable & Sendable] = barrier.intensities.map(\.rawValue)
            let unclaimed: SQLQueryString = allPrefixes.isEmpty ? "" : """
                 AND NOT EXISTS (SELECT 1 FROM service_taxonomy u WHERE u.service_id = d.service_id \
                AND \(Self.codeUnder(allPrefixes, column: "u.code")))
                """
            branches.append("""
                SELECT d.service_id FROM service_domains d JOIN services f ON f.id = d.service_id \
                WHERE d.domain IN (\(binds: domains)) AND f.intensity IN (\(binds: intensities))\(unclaimed)
                """)
        }
        return branches.isEmpty ? "SELECT NULL WHERE 1 = 0" : branches.joined(separator: " UNION ")
    }

    /// `Taxonomy.code(_:isUnder:)` as ranges on the upper-cased codes the store keeps: the prefix
    /// itself, or the prefix followed by "-" or "." (0x2D, 0x2E, so below "/"), or for a one-letter
    /// top level by a letter.
    static func codeUnder(_ prefixes: [String], column: String) -> SQLQueryString {
        let clauses: [SQLQueryString] = prefixes.map { raw in
            let prefix = raw.uppercased()
            let (low, high) = prefix.count == 1 ? (prefix + "A", prefix + "[") : (prefix + "-", prefix + "/")
            return "\(unsafeRaw: column) = \(bind: prefix) OR (\(unsafeRaw: column) >= \(bind: low) AND \(unsafeRaw: column) < \(bind: high))"
        }
        return "(" + clauses.joined(separator: " OR ") + ")"
    }

    /// Virtual services, services without a located site, and services with a site within their
    /// stated radius (else the default) of the home pass, as in `PreparedProfile.place`.
    private func serviceArea(_ home: Coordinates) -> SQLQueryString {
        let radius: SQLQueryString = switch backend {
        case .sqlite: "COALESCE(json_extract(s.service_area, '$.radius_km'), \(literal: defaultRadiusKm))"
        case .postgres: "COALESCE((s.service_area::json->>'radius_km')::float8, \(literal: defaultRadiusKm))"
        }
        let latScale = Self.kilometresPerDegree
        let lonScale = Self.kilometresPerDegree * cos(home.lat * .pi / 180)
        let located: SQLQueryString = "l.active = 1 AND l.lat BETWEEN -90 AND 90 AND l.lon BETWEEN -180 AND 180"
        return """
            (EXISTS (SELECT 1 FROM service_settings v WHERE v.service_id = s.id AND v.setting = 'virtual') \
            OR NOT EXISTS (SELECT 1 FROM services_at_location a JOIN locations l ON l.id = a.location_id \
            WHERE a.service_id = s.id AND \(located)) \
            OR EXISTS (SELECT 1 FROM services_at_location a JOIN locations l ON l.id = a.location_id \
            WHERE a.service_id = s.id AND \(located) \
            AND ((l.lat - \(bind: home.lat)) * \(bind: latScale)) * ((l.lat - \(bind: home.lat)) * \(bind: latScale)) \
            + ((l.lon - \(bind: home.lon)) * \(bind: lonScale)) * ((l.lon - \(bind: home.lon)) * \(bind: lonScale)) \
            <= \(radius) * \(radius)))
            """
    }
}

/// One engine's baseline run: each (profile, barrier) query timed from send to the last row decoded,
/// all on one connection so the pool's checkout is not measured.
struct SQLBaselineRun {
    /// Per profile: the summed time of its barriers' queries, seconds.
    var perProfile: [Double] = []
    /// Per query, seconds.
    var perQuery: [Double] = []
    var rows = 0
    /// Per (profile, barrier), the ids returned, for the agreement check.
    var ids: [[Set<String>]] = []

    static func measure(
        _ profiles: [NeedsProfile], query: SQLMatchQuery, on database: Database, warmUp: Int, keepIDsFor: Int
    ) async throws -> SQLBaselineRun {
        let barriersByID = Dictionary(query.barriers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try await database.transaction { db in
            // Warm caches and the planner on the first profiles, then measure every profile.
            for profile in profiles.prefix(warmUp) {
                for code in profile.barriers { _ = try await db.raw(query.sql(profile, barrier: barriersByID[code]!)).all() }
            }
            var run = SQLBaselineRun()
            for (number, profile) in profiles.enumerated() {
                var total = 0.0
                var profileIDs: [Set<String>] = []
                for code in profile.barriers {
                    let sql = query.sql(profile, barrier: barriersByID[code]!)
                    let start = BenchProcess.monotonicSeconds()
                    let rows = try await db.raw(sql).all()
                    let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
                    let elapsed = BenchProcess.monotonicSeconds() - start
                    total += elapsed
                    run.perQuery.append(elapsed)
                    run.rows += ids.count
                    if number < keepIDsFor { profileIDs.append(Set(ids)) }
                }
                run.perProfile.append(total)
                if number < keepIDsFor { run.ids.append(profileIDs) }
            }
            return run
        }
    }
}

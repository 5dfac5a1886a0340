import Directory
import Foundation
import Matching
import SQLKit
import Storage

/// The baseline a design without an in-memory index would use: the matcher's hard filters as one
/// SQL query per (profile, barrier) over the store's facet tables, returning the ids of the eligible
/// services. It does not rank, explain or look up names, so it does less work than
/// `Matcher.match`; the comparison favours SQL.
///
/// Such a design would keep barrier membership and the service radius in columns written at import
/// rather than classify taxonomy codes on every request, so the benchmark writes them into a table
/// of its own, `bench_match_candidates`, with the matcher's rule (`positions(serving:)`); every other
/// predicate reads the store's own tables through their indexes. Distances are equirectangular (no
/// trigonometry in SQLite, as in `DirectoryStore.services(matching:)`), so a service within metres of
/// a service area's edge may land on the other side of the index's great-circle test; `Agreement`
/// reports how many.
struct SQLMatchQuery {
    let backend: Backend
    let defaultRadiusKm: Double

    static let kilometresPerDegree = 111.19492664455873
    static let candidatesTable = "bench_match_candidates"

    func sql(_ profile: NeedsProfile, barrier: String) -> SQLQueryString {
        // As the matcher: a facet the service does not state (NULL, no facet rows) passes its filter.
        var predicates: [SQLQueryString] = ["c.barrier = \(bind: barrier)", "s.active = 1"]
        if let age = profile.age {
            predicates.append("(s.age_min IS NULL OR s.age_min <= \(bind: age)) AND (s.age_max IS NULL OR s.age_max >= \(bind: age))")
        }
        if !profile.languages.isEmpty {
            let codes: [any Encodable & Sendable] = Array(Set(profile.languages.map(\.rawValue))).sorted()
            predicates.append("""
                (s.interpreter_available = 1 OR NOT EXISTS (SELECT 1 FROM service_languages sl WHERE sl.service_id = s.id) \
                OR EXISTS (SELECT 1 FROM service_languages sl WHERE sl.service_id = s.id AND sl.language IN (\(binds: codes))))
                """)
        }
        if let coverage = profile.insurance {
            // `Cost.accepts` is not false: free, the coverage listed, uninsured at a sliding scale, or
            // the cost or the coverage not stated.
            let slidingScale: SQLQueryString = coverage == .uninsured ? " OR s.cost_kind = 'sliding_scale'" : ""
            predicates.append("""
                (s.cost_kind IS NULL OR s.cost_kind = 'free'\(slidingScale) \
                OR NOT EXISTS (SELECT 1 FROM service_insurance si WHERE si.service_id = s.id) \
                OR EXISTS (SELECT 1 FROM service_insurance si WHERE si.service_id = s.id AND si.insurance = \(bind: coverage.rawValue)))
                """)
        }
        predicates.append("(s.enrollment_status IS NULL OR s.enrollment_status <> 'closed')")
        if let home = profile.home, home.isValid {
            predicates.append(serviceArea(home))
        }
        return "SELECT s.id FROM \(ident: Self.candidatesTable) c JOIN services s ON s.id = c.service_id WHERE "
            + predicates.joined(separator: " AND ")
    }

    /// Virtual services, services without a located site, and services with a site within their
    /// stated radius (else the default) of the home pass, as in `PreparedProfile.place`.
    private func serviceArea(_ home: Coordinates) -> SQLQueryString {
        let radius: SQLQueryString = "COALESCE(c.radius_km, \(literal: defaultRadiusKm))"
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

    /// Writes `bench_match_candidates (barrier, service_id, radius_km)`: one row per active service
    /// and barrier it may serve, with its stated radius (NULL when none).
    static func writeCandidates(_ directory: DirectorySnapshot, barriers: [Barrier], on database: Database) async throws {
        let id = database.backend == .postgres ? #"TEXT COLLATE "C""# : "TEXT"
        try await database.execute("""
            CREATE TABLE \(candidatesTable) (barrier \(id) NOT NULL, service_id \(id) NOT NULL, radius_km DOUBLE PRECISION, \
            PRIMARY KEY (barrier, service_id))
            """)
        var rows: [(String, String, Double?)] = []
        for service in directory.services where service.active {
            for position in barriers.positions(serving: service) {
                rows.append((barriers[position].id, service.id, service.serviceArea.radiusKm))
            }
        }
        let batches = stride(from: 0, to: rows.count, by: 500).map { Array(rows[$0..<min($0 + 500, rows.count)]) }
        try await database.transaction { db in
            for batch in batches {
                try await batch.reduce(db.insert(into: candidatesTable).columns("barrier", "service_id", "radius_km")) {
                    $0.values($1.0, $1.1, $1.2)
                }.run()
            }
        }
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
        let backend = query.backend
        return try await database.transaction { db in
            // PostgreSQL's default JIT compiles these plans for longer (~0.7 s) than they run; an
            // OLTP deployment turns it off, and so does the baseline, to compare with SQL at its best.
            if backend == .postgres { try await db.raw("SET LOCAL jit = off").run() }
            // Warm caches and the planner on the first profiles, then measure every profile.
            for profile in profiles.prefix(warmUp) {
                for code in profile.barriers { _ = try await db.raw(query.sql(profile, barrier: code)).all() }
            }
            var run = SQLBaselineRun()
            for (number, profile) in profiles.enumerated() {
                var total = 0.0
                var profileIDs: [Set<String>] = []
                for code in profile.barriers {
                    let sql = query.sql(profile, barrier: code)
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

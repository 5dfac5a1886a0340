import Foundation
import Referrals
import SQLKit

extension ReferralStore {
    /// Students in the user's schools, newest first, optionally those whose district id starts with
    /// `districtIDPrefix` in any case — what a coordinator picks from on the web pages. Partners get none: they
    /// reach students only through a referral, redacted. (A `%` or `_` typed into the prefix acts as
    /// a wildcard; that only widens the list within the user's own scope.)
    /// One audit line per list (`student.list`, with the count); district users are refused.
    public func students(
        visibleTo user: User, districtIDPrefix: String? = nil, limit: Int = 100, now: Date = Date()
    ) async throws -> [Student] {
        try AccessPolicy(user).require(.readStudentRecords)
        var query = sql.select().column("id").from("students")
        switch AccessScope(user) {
        case .everything: break
        case .schools(let schools): query = query.where("school_id", .in, Array(schools))
        case .organization: return []
        }
        if let prefix = districtIDPrefix?.trimmingCharacters(in: .whitespaces), !prefix.isEmpty {
            // Lower-cased on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not,
            // so "s-44" found "S-4410" on one engine only.
            query = query.where(SQLFunction("LOWER", args: SQLIdentifier("district_student_id")), .like, SQLBind(prefix.lowercased() + "%"))
        }
        let ids = try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all()
            .map { try $0.decode(column: "id", as: String.self) }
        let byID = try await students(ids: ids, visibleTo: user)
        let found = ids.compactMap { byID[$0] }
        try await auditListRead("student.list", count: found.count, by: user, now: now)
        return found
    }

    /// The students among `ids` the user may see, by id (for labelling lists of referrals).
    public func students(ids: [String], visibleTo user: User) async throws -> [String: Student] {
        let policy = AccessPolicy(user)
        try policy.require(.readStudentRecords)
        var found: [String: Student] = [:]
        for id in Set(ids) {
            if let student = try await student(id: id), policy.maySee(student) { found[id] = student }
        }
        return found
    }
}

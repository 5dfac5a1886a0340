import Foundation
import Referrals
import SQLKit

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var at: Date
    public var actorID: String
    public var role: String
    public var action: String
    public var studentID: String?
    public var referralID: String?
    public var organizationID: String?
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case sequence, at, role, action, detail
        case actorID = "actor_id"
        case studentID = "student_id"
        case referralID = "referral_id"
        case organizationID = "organization_id"
    }
}

extension ReferralStore {
    /// Appends to the audit log; called inside the transaction of what it records, so a rolled-back
    /// write leaves no audit line and a committed one always has its line.
    static func audit(
        on db: any SQLDatabase, at now: Date, actor: User, action: String, studentID: String? = nil,
        referralID: String? = nil, organizationID: String? = nil, detail: String
    ) async throws {
        try await db.insert(into: "audit_log")
            .columns("at", "actor_id", "role", "action", "student_id", "referral_id", "organization_id", "detail")
            .values(SQLBind(Clock.seconds(now)!), SQLBind(actor.id), SQLBind(actor.role.rawValue), SQLBind(action),
                    SQLBind(studentID), SQLBind(referralID), SQLBind(organizationID), SQLBind(detail))
            .run()
    }

    /// The audit trail, newest last, optionally for one student. Admins only.
    public func auditLog(studentID: String? = nil, by user: User, limit: Int = 1000) async throws -> [AuditEntry] {
        try AccessPolicy(user).require(.readAuditLog)
        var query = sql.select().column("*").from("audit_log")
        if let studentID { query = query.where("student_id", .equal, studentID) }
        return try await query.orderBy("seq").limit(limit).all().map { row in
            AuditEntry(
                sequence: try row.decode(column: "seq", as: Int64.self), at: Clock.date(try row.decode(column: "at", as: Int.self))!,
                actorID: try row.decode(column: "actor_id", as: String.self), role: try row.decode(column: "role", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                studentID: try row.decode(column: "student_id", as: String?.self),
                referralID: try row.decode(column: "referral_id", as: String?.self),
                organizationID: try row.decode(column: "organization_id", as: String?.self),
                detail: try row.decode(column: "detail", as: String.self))
        }
    }
}

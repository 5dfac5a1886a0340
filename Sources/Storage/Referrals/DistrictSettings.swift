import Foundation
import Referrals
import SQLKit

/// District-wide settings kept in the store, with the defaults DESIGN.md names.
public enum DistrictSetting: String, Sendable, CaseIterable {
    case partnerResponseBusinessDays = "followup.partner_response_business_days"
    case intakeGraceDays = "followup.intake_grace_days"
    case waitlistRecheckDays = "followup.waitlist_recheck_days"
    case timeZone = "district.time_zone"
}

extension ReferralStore {
    public func setting(_ key: DistrictSetting) async throws -> String? {
        try await sql.select().column("value").from("district_settings").where("key", .equal, key.rawValue).first()
            .map { try $0.decode(column: "value", as: String.self) }
    }

    public func setSetting(_ key: DistrictSetting, to value: String) async throws {
        try await database.transaction { db in
            try await db.delete(from: "district_settings").where("key", .equal, key.rawValue).run()
            try await db.insert(into: "district_settings").columns("key", "value").values(SQLBind(key.rawValue), SQLBind(value)).run()
            if key == .timeZone { try await ReportMonths.write(zone: TimeZone(identifier: value) ?? .gmt, on: db, backend: database.backend) }
        }
    }

    /// The follow-up timers as the district set them (defaults: 5 business days, 3 days, 14 days).
    public func followUpPolicy() async throws -> FollowUpPolicy {
        var policy = FollowUpPolicy()
        let rows = try await sql.select().columns("key", "value").from("district_settings").all()
        for row in rows {
            let value = try row.decode(column: "value", as: String.self)
            switch DistrictSetting(rawValue: try row.decode(column: "key", as: String.self)) {
            case .partnerResponseBusinessDays: policy.partnerResponseBusinessDays = Int(value) ?? policy.partnerResponseBusinessDays
            case .intakeGraceDays: policy.intakeGraceDays = Int(value) ?? policy.intakeGraceDays
            case .waitlistRecheckDays: policy.waitlistRecheckDays = Int(value) ?? policy.waitlistRecheckDays
            case .timeZone: policy.timeZone = TimeZone(identifier: value) ?? policy.timeZone
            case nil: break
            }
        }
        return policy
    }
}

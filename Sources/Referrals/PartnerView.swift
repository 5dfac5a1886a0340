import Foundation

/// What a partner organization may see of a student: only what the family consented to share.
public enum PartnerView {
    /// Keeps the fields the consent shares and drops the rest. Does not check that the consent
    /// covers anyone; use `redact(_:under:for:on:in:)` when serving a partner.
    public static func redact(_ student: StudentRecord, under consent: Consent) -> StudentRecord {
        let shared = consent.sharedFields
        return StudentRecord(
            districtStudentID: shared.contains(.districtStudentID) ? student.districtStudentID : nil,
            schoolID: shared.contains(.school) ? student.schoolID : nil,
            grade: shared.contains(.grade) ? student.grade : nil,
            age: shared.contains(.age) ? student.age : nil,
            languages: shared.contains(.languages) ? student.languages : nil,
            groups: shared.contains(.groups) ? student.groups : nil)
    }

    /// The partner's view, or nil when the consent does not cover that organization at that moment
    /// (expired, revoked, or given for someone else) — then the partner sees nothing at all.
    public static func redact(
        _ student: StudentRecord, under consent: Consent, for organizationID: String, on instant: Date,
        in timeZone: TimeZone = .gmt
    ) -> StudentRecord? {
        guard consent.covers(organizationID: organizationID, on: instant, in: timeZone) else { return nil }
        return redact(student, under: consent)
    }
}

import Foundation
import Referrals
import Storage

/// Registering a student and reading one back. The rules (a coordinator's own schools, an id not
/// yet registered, an age 0–25) are the store's, in the transaction that writes; every read of a
/// student is audited there too.
public struct StudentRegistration: Sendable {
    public let referrals: ReferralStore

    public init(referrals: ReferralStore) {
        self.referrals = referrals
    }

    /// Throws `ReferralStoreError`: forbidden for a role that does not register students, an invalid
    /// field (school not the user's, blank id, age out of range), or a duplicate district id.
    public func register(
        _ input: NewStudent, by user: User, now: Date, idempotency: IdempotentWrite<Student>? = nil
    ) async throws -> Student {
        try InputLimits.check(input.districtStudentID, field: "district_student_id", atMost: InputLimits.districtStudentIDLength)
        try InputLimits.check(input.schoolID, field: "school_id", atMost: InputLimits.idLength)
        try InputLimits.check(input.grade, field: "grade", atMost: InputLimits.gradeLength)
        try InputLimits.check(input.languages, field: "languages", atMost: InputLimits.languagesPerProfile) { $0.rawValue }
        return try await referrals.createStudent(input, by: user, now: now, idempotency: idempotency)
    }

    /// The student, when `user` may see them; `ReferralStoreError.notFound` otherwise (another
    /// school's student is answered as missing, so ids cannot be probed).
    public func student(id: String, visibleTo user: User, now: Date) async throws -> Student {
        guard let student = try await referrals.student(id: id, visibleTo: user, now: now) else {
            throw ReferralStoreError.notFound(kind: "student", id: id)
        }
        return student
    }

    /// The student's consents, newest last, when `user` may see the student.
    public func consents(ofStudent id: String, visibleTo user: User, now: Date) async throws -> [StoredConsent] {
        _ = try await student(id: id, visibleTo: user, now: now)
        return try await referrals.consents(studentID: id)
    }
}

import Referrals

/// What can go wrong writing referrals; each maps to one HTTP status and a stable code.
public enum ReferralStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(kind: String, id: String)
    /// The caller's version is not the current one; nothing was written.
    case versionConflict(expected: Int, current: Int)
    /// A change asked for without the version the caller last saw (no If-Match, no version field):
    /// refused on every engine alike rather than left to how each one serializes writers (428).
    case versionRequired
    case transition(TransitionError)
    /// A field that names something that does not exist or is out of range (422).
    case invalidField(name: String, message: String)
    case duplicate(name: String, message: String)
    /// The student already has an open referral to this service (409 with its id); a second one
    /// needs a `duplicate_reason`.
    case openReferralExists(id: String)
    /// A role that may never do this (403), e.g. a partner creating a student.
    case forbidden(String)
    /// A district user asking for student-level records: their role reads aggregates only (403,
    /// code `aggregates_only`).
    case aggregatesOnly
    /// The Idempotency-Key was used before for a different request.
    case idempotencyKeyReused(String)

    public var description: String {
        switch self {
        case .notFound(let kind, let id): "no \(kind) with id '\(id)'"
        case .versionConflict(let expected, let current):
            "the referral is at version \(current), not \(expected); reload it and try again"
        case .versionRequired:
            "say which version of the referral you last saw (If-Match: \"3\", the ETag of GET /api/v1/referrals/{id}); nothing was changed"
        case .transition(let error): error.message
        case .invalidField(_, let message), .duplicate(_, let message): message
        case .forbidden(let message): message
        case .aggregatesOnly: Permission.readStudentRecords.refusal
        case .openReferralExists(let id):
            "the student already has an open referral to this service (\(id)); say why another one is needed in duplicate_reason, or work on that one"
        case .idempotencyKeyReused(let key): "Idempotency-Key '\(key)' was already used for a different request"
        }
    }
}

extension AccessPolicy {
    /// Throws the permission's refusal (a 403) unless the user's role has it.
    public func require(_ permission: Permission) throws(ReferralStoreError) {
        guard allows(permission) else {
            throw permission == .readStudentRecords ? .aggregatesOnly : .forbidden(permission.refusal)
        }
    }
}

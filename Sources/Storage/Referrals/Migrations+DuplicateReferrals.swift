import Referrals

extension Migrations {
    /// At most one open referral of a student to a service, unless the coordinator gave a reason
    /// for another (`duplicate_reason`). The partial unique index is what makes ten simultaneous
    /// creates end in one referral on both engines: a check before the insert alone is a race on
    /// PostgreSQL. "Open" is every state the machine does not call terminal (a connected referral
    /// is still the student's ongoing one).
    ///
    /// Referrals already open twice in an existing store keep working: the later ones are given a
    /// reason saying they predate the guard, so the index can be built.
    static let duplicateReferralGuard = Migration(version: 13, name: "duplicate_referral_guard") { _ in
        let terminal = ReferralStore.terminalStatesSQL
        return [
            "ALTER TABLE referrals ADD COLUMN duplicate_reason TEXT",
            """
            UPDATE referrals SET duplicate_reason = '\(ReferralStore.reasonBeforeTheGuard)'
            WHERE state NOT IN (\(terminal)) AND EXISTS (
                SELECT 1 FROM referrals earlier
                WHERE earlier.student_id = referrals.student_id AND earlier.service_id = referrals.service_id
                  AND earlier.state NOT IN (\(terminal))
                  AND (earlier.created_at < referrals.created_at OR (earlier.created_at = referrals.created_at AND earlier.id < referrals.id)))
            """,
            """
            CREATE UNIQUE INDEX \(ReferralStore.oneOpenReferralIndex) ON referrals (student_id, service_id)
            WHERE duplicate_reason IS NULL AND state NOT IN (\(terminal))
            """,
        ]
    }
}

extension ReferralStore {
    static let oneOpenReferralIndex = "referrals_one_open_per_service"
    static let reasonBeforeTheGuard = "open before the duplicate-referral guard"

    /// The machine's terminal states as an SQL list; fixed when the index is made.
    static var terminalStatesSQL: String {
        ReferralState.allCases.filter(\.isTerminal).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// Whether `error` is the one-open-referral index refusing an insert (SQLite names the columns,
    /// PostgreSQL the index).
    static func isOpenReferralConflict(_ error: any Error) -> Bool {
        if case StoreError.uniqueViolation(let constraint) = error {
            return constraint == oneOpenReferralIndex || constraint == "referrals.student_id, referrals.service_id"
        }
        let text = String(reflecting: error)
        return text.contains(oneOpenReferralIndex)
            || text.contains("UNIQUE constraint failed: referrals.student_id, referrals.service_id")
    }
}

extension Migrations {
    /// Issue 22 item 3, the timers' notifications:
    /// - `followup_notices`: one row per follow-up occurrence (referral, kind, the day it came due),
    ///   written with the owner's outbox row in one transaction. The primary key is what makes "told
    ///   once" hold across restarts and across instances; the claim (`FOR UPDATE SKIP LOCKED` on the
    ///   referral) only keeps two instances from doing the same work at once.
    /// - `notification_digests`: one row per user and district day, the claim of that day's digest
    ///   (written even when nothing happened and no email goes), and the span it covered, so the
    ///   next digest starts where this one ended.
    /// A digest's outbox row names no referral: its `referral_id` is the empty string.
    static let digest = Migration(version: 21, name: "digest") { backend in
        let id = backend.idType
        return [
            """
            CREATE TABLE followup_notices (
                referral_id \(id) NOT NULL REFERENCES referrals (id), kind TEXT NOT NULL, due_since TEXT NOT NULL,
                owner_id \(id) NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (referral_id, kind, due_since))
            """,
            "CREATE INDEX followup_notices_owner ON followup_notices (owner_id, created_at)",
            """
            CREATE TABLE notification_digests (
                user_id \(id) NOT NULL, day TEXT NOT NULL, since_at BIGINT NOT NULL, until_at BIGINT NOT NULL,
                items BIGINT NOT NULL, PRIMARY KEY (user_id, day))
            """,
        ]
    }
}

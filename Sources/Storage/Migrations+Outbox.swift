extension Migrations {
    /// Notifications through a transactional outbox: a row per message, written in the transaction of
    /// the referral event it tells about, delivered later by a worker (at least once: `delivery_id`
    /// is what receivers deduplicate by). `next_attempt_at` is also the claim's lease: a worker that
    /// dies between sending and marking leaves the row due again when the lease runs out.
    /// Organizations may have a webhook (URL and signing secret); each user a notification preference.
    static let outbox = Migration(version: 15, name: "outbox") { backend in
        let id = backend.idType
        return [
            """
            CREATE TABLE outbox_messages (
                id \(backend.serialPrimaryKey), delivery_id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
                recipient TEXT NOT NULL, user_id \(id), organization_id \(id), event_kind TEXT NOT NULL,
                referral_id \(id) NOT NULL, subject TEXT, body TEXT NOT NULL, status TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, last_error TEXT,
                created_at BIGINT NOT NULL, delivered_at BIGINT)
            """,
            "CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at, id)",
            """
            CREATE TABLE organization_webhooks (
                organization_id \(id) PRIMARY KEY REFERENCES organizations (id), url TEXT NOT NULL,
                secret TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "ALTER TABLE users ADD COLUMN notification_preference TEXT NOT NULL DEFAULT 'immediately'",
        ]
    }
}

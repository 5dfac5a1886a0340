import Referrals

extension Migrations {
    /// The family in the loop:
    /// - the family's preferred contact on each consent (channel, address or number, language, best
    ///   time); NULL when the family did not share one;
    /// - `referral_events.family_answer`, what a family answered on a check-in (`family_reported`);
    /// - `referrals.connection_confirmed_by`, who confirmed the connection, kept by a trigger on the
    ///   events as the reached flags are, so reports count family-confirmed connections apart;
    /// - `check_in_tokens`: one row per check-in link sent, so "used once" holds across restarts and
    ///   instances (the nonce is the key; `used_at` is set by the one answer that counts).
    static let familyContact = Migration(version: 18, name: "family_contact") { backend in
        let id = backend.idType
        return [
            "ALTER TABLE consents ADD COLUMN family_contact_channel TEXT",
            "ALTER TABLE consents ADD COLUMN family_contact_address TEXT",
            "ALTER TABLE consents ADD COLUMN family_contact_language TEXT",
            "ALTER TABLE consents ADD COLUMN family_contact_best_time TEXT",
            "ALTER TABLE referral_events ADD COLUMN family_answer TEXT",
            "ALTER TABLE referrals ADD COLUMN connection_confirmed_by TEXT",
            ConnectionConfirmedBy.backfill,
            """
            CREATE TABLE check_in_tokens (
                nonce TEXT PRIMARY KEY, referral_id \(id) NOT NULL REFERENCES referrals (id), purpose TEXT NOT NULL,
                channel TEXT NOT NULL, language TEXT NOT NULL, expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL,
                used_at BIGINT, answer TEXT, delivery_id TEXT NOT NULL, UNIQUE (referral_id, purpose))
            """,
        ] + ConnectionConfirmedBy.trigger(backend)
    }
}

/// `referrals.connection_confirmed_by`: set from the event that moved the referral to `connected`.
enum ConnectionConfirmedBy {
    static let update = "UPDATE referrals SET connection_confirmed_by = NEW.confirmed_by WHERE id = NEW.referral_id"

    static func trigger(_ backend: Backend) -> [String] {
        RowTrigger(
            name: "referral_events_confirmed_by", table: "referral_events",
            when: "NEW.to_state = '\(ReferralState.connected.rawValue)' AND NEW.from_state <> '\(ReferralState.connected.rawValue)'",
            statement: update
        ).ddl(backend)
    }

    static let backfill = """
        UPDATE referrals SET connection_confirmed_by = (SELECT e.confirmed_by FROM referral_events e
            WHERE e.referral_id = referrals.id AND e.to_state = 'connected' AND e.from_state <> 'connected'
            ORDER BY e.sequence DESC LIMIT 1)
        WHERE connected_at IS NOT NULL
        """
}

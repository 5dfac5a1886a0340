extension Migrations {
    /// Issue 22 item 2, people reaching each other:
    /// - `display_name` and `phone` on users: the profile a partner reaches the coordinator by (NULL
    ///   is "not stated": the partner reads "no phone listed", never an invented number).
    /// - `expected_wait_weeks` on referral events: the wait a partner states when it waitlists. A
    ///   waitlist event with NULL here is "not known" (said on purpose since this migration, not
    ///   asked before it).
    static let contacts = Migration(version: 17, name: "contacts") { _ in
        [
            "ALTER TABLE users ADD COLUMN display_name TEXT",
            "ALTER TABLE users ADD COLUMN phone TEXT",
            "ALTER TABLE referral_events ADD COLUMN expected_wait_weeks BIGINT",
        ]
    }
}

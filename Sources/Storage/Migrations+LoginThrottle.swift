extension Migrations {
    /// Failed sign-ins, counted in the store so every server instance on one database sees the same
    /// counts and a restart forgets nothing (`LoginThrottleStore`): one row per account and one per
    /// client address, each under a keyed hash (`LoginThrottleStore.stored`: never the email or the
    /// address itself), with the failures since the
    /// count was last forgotten, the last failure and the end of the wait it set, in milliseconds.
    /// `login_failures_last` finds the rows forgotten a day after their last failure, to sweep them.
    static let loginFailures = Migration(version: 23, name: "login_failures") { _ in
        [
            """
            CREATE TABLE login_failures (
                kind TEXT NOT NULL, key TEXT NOT NULL, failures BIGINT NOT NULL, last_failure_ms BIGINT NOT NULL,
                wait_until_ms BIGINT NOT NULL, PRIMARY KEY (kind, key))
            """,
            "CREATE INDEX login_failures_last ON login_failures (last_failure_ms)",
        ]
    }
}

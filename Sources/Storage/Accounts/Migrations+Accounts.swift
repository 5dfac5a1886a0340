extension Migrations {
    /// Access that can be taken back: a user can be disabled (and enabled again), a token has an id
    /// to be named by and the first characters of its text to be recognised by, and the last sign-in
    /// is kept for the administrator's list.
    ///
    /// Tokens issued before this migration get an id made from their hash (so each can still be
    /// revoked on its own) and no prefix, since only their hash was ever stored.
    static let accountsRevocation = Migration(version: 14, name: "accounts_revocation") { _ in
        [
            "ALTER TABLE users ADD COLUMN disabled_at BIGINT",
            "ALTER TABLE users ADD COLUMN last_login_at BIGINT",
            "ALTER TABLE api_tokens ADD COLUMN id TEXT",
            "ALTER TABLE api_tokens ADD COLUMN prefix TEXT",
            "UPDATE api_tokens SET id = 'tok_' || substr(token_hash, 1, 20)",
            "CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id)",
            "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
            "CREATE INDEX web_sessions_by_user ON web_sessions (user_id)",
        ]
    }
}

extension Migrations {
    /// `password_change_required` on users: set when an administrator sets someone else's password,
    /// cleared when the user sets their own. While set, a signed-in browser is sent to the password
    /// page and nothing else opens (`PasswordChangePage`), so the password an administrator knows
    /// stops working at the user's next sign-in.
    static let passwordChange = Migration(version: 16, name: "password_change_required") { _ in
        ["ALTER TABLE users ADD COLUMN password_change_required BIGINT NOT NULL DEFAULT 0"]
    }
}

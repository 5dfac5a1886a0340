extension Migrations {
    /// `language` on users: the language the person chose on their account page (a catalog's code,
    /// "es"), used for their pages and their notification emails. NULL: not chosen, so the
    /// browser's `Accept-Language` decides the pages and English the emails.
    static let userLanguage = Migration(version: 19, name: "user_language") { _ in
        ["ALTER TABLE users ADD COLUMN language TEXT"]
    }
}

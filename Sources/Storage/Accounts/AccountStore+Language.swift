import SQLKit

extension AccountStore {
    /// The language the user chose (a catalog code), or nil for "as my browser asks".
    public func language(userID: String) async throws -> String? {
        try await sql.select().column("language").from("users").where("id", .equal, userID).first()
            .flatMap { try $0.decode(column: "language", as: String?.self) }
    }

    /// Sets (or, with nil, clears) the user's language. The caller checks the code against the
    /// loaded catalogs; the store keeps any short code so a district's added language works.
    public func setLanguage(userID: String, to language: String?) async throws {
        try await sql.update("users").set("language", to: SQLBind(language)).where("id", .equal, userID).run()
    }
}

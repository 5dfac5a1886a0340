import SQLKit

extension DirectoryStore {
    /// Every active organization's id and name, by name — what a consent form offers to share with.
    public func organizationList() async throws -> [(id: String, name: String)] {
        try await sql.select().columns("id", "name").from("organizations").where("active", .equal, 1)
            .orderBy("name").orderBy("id").all()
            .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "name", as: String.self)) }
    }
}

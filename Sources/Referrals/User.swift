/// A person who signs in: a coordinator (scoped to schools), a partner (scoped to one
/// organization), district staff or an admin.
public struct User: Sendable, Hashable, Codable {
    public var id: String
    public var email: String
    public var role: Role
    public var organizationID: String?
    public var schoolIDs: [String]

    public init(id: String, email: String, role: Role, organizationID: String? = nil, schoolIDs: [String] = []) {
        self.id = id
        self.email = email
        self.role = role
        self.organizationID = organizationID
        self.schoolIDs = schoolIDs
    }

    enum CodingKeys: String, CodingKey {
        case id, email, role
        case organizationID = "organization_id"
        case schoolIDs = "school_ids"
    }
}

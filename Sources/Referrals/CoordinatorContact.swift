/// The people a referral puts in touch: the coordinator who made it, as their profile states them.
public struct CoordinatorContact: Sendable, Hashable, Codable {
    public var userID: String
    /// Nil when the coordinator has not stated a display name.
    public var name: String?
    /// The address the coordinator signs in with: a district work address.
    public var email: String
    /// Nil when the profile lists no phone.
    public var phone: String?

    public init(userID: String, name: String?, email: String, phone: String?) {
        self.userID = userID
        self.name = name
        self.email = email
        self.phone = phone
    }

    enum CodingKeys: String, CodingKey { case name, email, phone }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(email, forKey: .email)
        try container.encodeIfPresent(phone, forKey: .phone)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(userID: "", name: try container.decodeIfPresent(String.self, forKey: .name),
                  email: try container.decode(String.self, forKey: .email), phone: try container.decodeIfPresent(String.self, forKey: .phone))
    }
}

/// What a user says about themselves for others to reach them. Nil is "not stated".
public struct UserProfile: Sendable, Hashable {
    public var displayName: String?
    public var phone: String?

    public init(displayName: String? = nil, phone: String? = nil) {
        self.displayName = displayName
        self.phone = phone
    }
}

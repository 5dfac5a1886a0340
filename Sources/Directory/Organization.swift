/// A community partner agency (HSDS `organization`).
public struct Organization: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String
    public var url: String?
    public var email: String?
    public var phones: [Phone]
    public var provenance: Provenance
    /// False once a full re-import of its source no longer contains it; never deleted.
    public var active: Bool

    public init(
        id: String, name: String, description: String = "", url: String? = nil, email: String? = nil,
        phones: [Phone] = [], provenance: Provenance, active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.phones = phones
        self.provenance = provenance
        self.active = active
    }
}

public struct Phone: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case voice, text, fax, hotline
    }

    public var number: String
    public var kind: Kind
    public var language: LanguageCode?

    public init(number: String, kind: Kind = .voice, language: LanguageCode? = nil) {
        self.number = number
        self.kind = kind
        self.language = language
    }
}

import Foundation

/// Where a record came from, so re-imports can find it again and coordinators can judge freshness.
public struct Provenance: Sendable, Hashable {
    /// The feed it came from, e.g. "seed", "211-metro-airs".
    public var source: String
    /// The record's id in that feed.
    public var externalID: String
    public var importedAt: Date?
    /// When the partner last confirmed the record (availability updates stamp this).
    public var lastVerifiedAt: Date?
    /// Facets the importer read from free text rather than from fields that state them; `[]` when none.
    public var inferred: [InferredFact]

    public init(
        source: String, externalID: String, importedAt: Date? = nil, lastVerifiedAt: Date? = nil, inferred: [InferredFact] = []
    ) {
        self.source = source
        self.externalID = externalID
        self.importedAt = importedAt
        self.lastVerifiedAt = lastVerifiedAt
        self.inferred = inferred
    }
}

extension Provenance: Codable {
    enum CodingKeys: String, CodingKey {
        case source, inferred
        case externalID = "external_id"
        case importedAt = "imported_at"
        case lastVerifiedAt = "last_verified_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            source: try container.decode(String.self, forKey: .source),
            externalID: try container.decode(String.self, forKey: .externalID),
            importedAt: try container.decodeIfPresent(Date.self, forKey: .importedAt),
            lastVerifiedAt: try container.decodeIfPresent(Date.self, forKey: .lastVerifiedAt),
            inferred: try container.decodeIfPresent([InferredFact].self, forKey: .inferred) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(externalID, forKey: .externalID)
        try container.encodeIfPresent(importedAt, forKey: .importedAt)
        try container.encodeIfPresent(lastVerifiedAt, forKey: .lastVerifiedAt)
        try container.encode(inferred, forKey: .inferred)
    }
}

import Foundation

/// Where a record came from, so re-imports can find it again and coordinators can judge freshness.
public struct Provenance: Codable, Sendable, Hashable {
    /// The feed it came from, e.g. "seed", "211-metro-airs".
    public var source: String
    /// The record's id in that feed.
    public var externalID: String
    public var importedAt: Date?
    /// When the partner last confirmed the record (availability updates stamp this).
    public var lastVerifiedAt: Date?

    public init(source: String, externalID: String, importedAt: Date? = nil, lastVerifiedAt: Date? = nil) {
        self.source = source
        self.externalID = externalID
        self.importedAt = importedAt
        self.lastVerifiedAt = lastVerifiedAt
    }

    enum CodingKeys: String, CodingKey {
        case source
        case externalID = "external_id"
        case importedAt = "imported_at"
        case lastVerifiedAt = "last_verified_at"
    }
}

import Crypto
import Foundation

/// The UUIDs under which the directory is published as HSDS 3.1 (API and CSV).
///
/// HSDS 3.1 wants UUIDs; our records keep the id their feed gave them. A UUIDv5 (RFC 9562, SHA-1
/// name-based) of the record's kind, source and feed id is the same on every re-import and every
/// server, so a reader's stored ids stay valid; a record without a feed of its own (a phone, a
/// schedule) is named under its parent's UUID.
public enum HSDSIdentifier {
    /// The kinds of records that get an id. The raw value is part of the hashed name.
    public enum Kind: String, Sendable, CaseIterable {
        case organization, service, location
        case serviceAtLocation = "service_at_location"
        case taxonomy
        case taxonomyTerm = "taxonomy_term"
        case phone, schedule, address, language, capacity, unit
        case serviceArea = "service_area"
        case costOption = "cost_option"
        case attribute, contact, url
    }

    /// Closeloop's namespace for every name below (itself a UUIDv5 of "closeloop.hsds" in the
    /// RFC's URL namespace, fixed here so it never changes).
    public static let namespace = UUID(uuidString: "79791829-741f-588c-95ae-431e94227053")!

    /// A record that came from a feed: `kind` + its provenance.
    public static func id(_ kind: Kind, source: String, externalID: String) -> UUID {
        uuidV5(namespace: namespace, name: "\(kind.rawValue)\u{1F}\(source)\u{1F}\(externalID)")
    }

    /// A record known only inside its parent (a service's phone, a location's address): `key` tells
    /// it apart from its siblings and must not depend on their order when the feed gives none.
    public static func id(_ kind: Kind, parent: UUID, key: String) -> UUID {
        uuidV5(namespace: parent, name: "\(kind.rawValue)\u{1F}\(key)")
    }

    /// RFC 9562 §5.5: SHA-1 of namespace bytes + name, version 5, variant 10.
    public static func uuidV5(namespace: UUID, name: String) -> UUID {
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hasher.update(bufferPointer: $0) }
        hasher.update(data: Data(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

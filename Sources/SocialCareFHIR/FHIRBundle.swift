import Foundation

/// FHIR R4 `Bundle` of type `collection`: one referral's resources, each with a `urn:uuid:` full URL
/// that the others reference (so the bundle resolves on its own, wherever it is stored).
public struct FHIRBundle: Codable, Sendable, Hashable {
    public var resourceType: String = "Bundle"
    public var id: String?
    public var meta: FHIRMeta?
    public var type: String = "collection"
    public var timestamp: String?
    public var entry: [Entry]

    public init(id: String?, meta: FHIRMeta?, timestamp: String?, entry: [Entry]) {
        self.id = id
        self.meta = meta
        self.timestamp = timestamp
        self.entry = entry
    }

    public struct Entry: Codable, Sendable, Hashable {
        public var fullUrl: String
        public var resource: FHIRResource

        public init(fullUrl: String, resource: FHIRResource) {
            self.fullUrl = fullUrl
            self.resource = resource
        }
    }

    public var task: FHIRTask? {
        entry.lazy.compactMap { if case .task(let task) = $0.resource { task } else { nil } }.first
    }

    public var serviceRequest: FHIRServiceRequest? {
        entry.lazy.compactMap { if case .serviceRequest(let request) = $0.resource { request } else { nil } }.first
    }

    public var consent: FHIRConsent? {
        entry.lazy.compactMap { if case .consent(let consent) = $0.resource { consent } else { nil } }.first
    }

    public var patient: FHIRPatient? {
        entry.lazy.compactMap { if case .patient(let patient) = $0.resource { patient } else { nil } }.first
    }

    public var practitioner: FHIRPractitioner? {
        entry.lazy.compactMap { if case .practitioner(let practitioner) = $0.resource { practitioner } else { nil } }.first
    }

    public var practitionerRole: FHIRPractitionerRole? {
        entry.lazy.compactMap { if case .practitionerRole(let role) = $0.resource { role } else { nil } }.first
    }
}

/// A resource in a bundle, told apart by its `resourceType`.
public enum FHIRResource: Codable, Sendable, Hashable {
    case task(FHIRTask)
    case serviceRequest(FHIRServiceRequest)
    case consent(FHIRConsent)
    case patient(FHIRPatient)
    case practitioner(FHIRPractitioner)
    case practitionerRole(FHIRPractitionerRole)

    enum TypeKey: String, CodingKey { case resourceType }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .resourceType)
        switch type {
        case "Task": self = .task(try FHIRTask(from: decoder))
        case "ServiceRequest": self = .serviceRequest(try FHIRServiceRequest(from: decoder))
        case "Consent": self = .consent(try FHIRConsent(from: decoder))
        case "Patient": self = .patient(try FHIRPatient(from: decoder))
        case "Practitioner": self = .practitioner(try FHIRPractitioner(from: decoder))
        case "PractitionerRole": self = .practitionerRole(try FHIRPractitionerRole(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .resourceType, in: try decoder.container(keyedBy: TypeKey.self), debugDescription: "unexpected resourceType \(type)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .task(let resource): try resource.encode(to: encoder)
        case .serviceRequest(let resource): try resource.encode(to: encoder)
        case .consent(let resource): try resource.encode(to: encoder)
        case .patient(let resource): try resource.encode(to: encoder)
        case .practitioner(let resource): try resource.encode(to: encoder)
        case .practitionerRole(let resource): try resource.encode(to: encoder)
        }
    }
}

/// FHIR JSON: sorted keys (stable output for tests and diffs), no escaped slashes in URLs.
public enum FHIRJSON {
    public static let mediaType = "application/fhir+json"

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}

import Foundation

// The FHIR R4 data types the referral exchange fills (https://hl7.org/fhir/R4/datatypes.html), with
// only the elements we use. Every element is optional in Swift so that an absent element is left
// out of the JSON, as FHIR requires (no nulls, no empty arrays).

public struct FHIRCoding: Codable, Sendable, Hashable {
    public var system: String?
    public var code: String?
    public var display: String?

    public init(system: String?, code: String?, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }
}

public struct FHIRCodeableConcept: Codable, Sendable, Hashable {
    public var coding: [FHIRCoding]?
    public var text: String?
    /// Only for `data-absent-reason` (a value withheld for privacy: `masked`).
    public var `extension`: [FHIRExtension]?

    public init(coding: [FHIRCoding]? = nil, text: String? = nil, extension: [FHIRExtension]? = nil) {
        self.coding = coding
        self.text = text
        self.extension = `extension`
    }

    public init(_ coding: FHIRCoding, text: String? = nil) {
        self.init(coding: [coding], text: text)
    }

    /// A concept withheld from this reader (http://hl7.org/fhir/StructureDefinition/data-absent-reason,
    /// code `masked`: "not available due to security, privacy or related reasons").
    public static let masked = FHIRCodeableConcept(extension: [FHIRExtension(
        url: "http://hl7.org/fhir/StructureDefinition/data-absent-reason", valueCode: "masked")])

    /// The codes of the codings in `system`.
    public func codes(in system: String) -> [String] {
        (coding ?? []).filter { $0.system == system }.compactMap(\.code)
    }
}

public struct FHIRExtension: Codable, Sendable, Hashable {
    public var url: String
    public var valueCode: String?

    public init(url: String, valueCode: String?) {
        self.url = url
        self.valueCode = valueCode
    }
}

public struct FHIRIdentifier: Codable, Sendable, Hashable {
    public var system: String?
    public var value: String?

    public init(system: String?, value: String?) {
        self.system = system
        self.value = value
    }
}

/// A reference to a resource in the bundle (`reference`, a `urn:uuid:`), or a logical one to
/// something we do not send (`type` + `identifier`: the receiving organization, the service).
public struct FHIRReference: Codable, Sendable, Hashable {
    public var reference: String?
    public var type: String?
    public var identifier: FHIRIdentifier?
    public var display: String?

    public init(reference: String? = nil, type: String? = nil, identifier: FHIRIdentifier? = nil, display: String? = nil) {
        self.reference = reference
        self.type = type
        self.identifier = identifier
        self.display = display
    }
}

/// A period of days or instants; `start`/`end` are FHIR `dateTime` text ("2026-11-25" or a full instant).
public struct FHIRPeriod: Codable, Sendable, Hashable {
    public var start: String?
    public var end: String?

    public init(start: String? = nil, end: String? = nil) {
        self.start = start
        self.end = end
    }
}

public struct FHIRMeta: Codable, Sendable, Hashable {
    public var versionId: String?
    public var lastUpdated: String?
    public var profile: [String]?

    public init(versionId: String? = nil, lastUpdated: String? = nil, profile: [String]? = nil) {
        self.versionId = versionId
        self.lastUpdated = lastUpdated
        self.profile = profile
    }
}

public struct FHIRAnnotation: Codable, Sendable, Hashable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// An attachment described, not carried: the family's signed form stays with the school.
public struct FHIRAttachment: Codable, Sendable, Hashable {
    public var title: String?
    /// FHIR `dateTime`: when the attachment was made.
    public var creation: String?

    public init(title: String?, creation: String? = nil) {
        self.title = title
        self.creation = creation
    }
}

public struct FHIRHumanName: Codable, Sendable, Hashable {
    public var text: String?

    public init(text: String?) {
        self.text = text
    }
}

public struct FHIRContactPoint: Codable, Sendable, Hashable {
    /// phone | fax | email | pager | url | sms | other
    public var system: String?
    public var value: String?

    public init(system: String?, value: String?) {
        self.system = system
        self.value = value
    }
}

/// FHIR `dateTime`/`instant` text for a stored instant: UTC, whole seconds (FHIR allows the
/// fraction, but a stable form keeps `lastModified >= authoredOn` comparisons plain).
public enum FHIRInstant {
    public static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}

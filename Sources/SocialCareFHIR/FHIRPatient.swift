/// FHIR R4 `Patient`, minimal: identifiers (the student id for school staff, the organization's
/// pseudonym for a partner, the district's student number when shared) and the family's languages
/// when shared. No name, birth date or address: the referral loop never holds them.
public struct FHIRPatient: Codable, Sendable, Hashable {
    public var resourceType: String = "Patient"
    public var id: String?
    public var identifier: [FHIRIdentifier]?
    public var communication: [Communication]?

    public init() {}

    public struct Communication: Codable, Sendable, Hashable {
        public var language: FHIRCodeableConcept

        public init(language: FHIRCodeableConcept) {
            self.language = language
        }
    }
}

/// FHIR R4 `Practitioner`: the coordinator who made the referral, by the name their profile states.
public struct FHIRPractitioner: Codable, Sendable, Hashable {
    public var resourceType: String = "Practitioner"
    public var id: String?
    public var name: [FHIRHumanName]?
    public var telecom: [FHIRContactPoint]?

    public init() {}
}

/// FHIR R4 `PractitionerRole`: the coordinator as the referral's requester (TaskForReferralManagement
/// allows a PractitionerRole or an Organization there, not a bare Practitioner), with how to reach
/// them; every reader sees it, as in the JSON reply.
public struct FHIRPractitionerRole: Codable, Sendable, Hashable {
    public var resourceType: String = "PractitionerRole"
    public var id: String?
    public var practitioner: FHIRReference?
    public var code: [FHIRCodeableConcept]?
    public var telecom: [FHIRContactPoint]?

    public init() {}
}

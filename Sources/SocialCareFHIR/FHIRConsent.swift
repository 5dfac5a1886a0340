/// FHIR R4 `Consent` (SDOHCC Consent): what the family agreed to share, with whom, until when.
public struct FHIRConsent: Codable, Sendable, Hashable {
    public var resourceType: String = "Consent"
    public var id: String?
    public var meta: FHIRMeta?
    /// draft | proposed | active | rejected | inactive | entered-in-error
    public var status: String?
    public var scope: FHIRCodeableConcept?
    public var category: [FHIRCodeableConcept]?
    public var patient: FHIRReference?
    public var dateTime: String?
    public var performer: [FHIRReference]?
    /// The custodian: who holds the consent (the school or, when the reader may not see the school, the district).
    public var organization: [FHIRReference]?
    /// The consent form, described (SDOHCC Consent requires a source).
    public var sourceAttachment: FHIRAttachment?
    public var policyRule: FHIRCodeableConcept?
    public var provision: Provision?

    public init() {}

    public struct Provision: Codable, Sendable, Hashable {
        /// deny | permit
        public var type: String?
        public var period: FHIRPeriod?
        public var actor: [Actor]?
        /// The student fields released, in `FHIRSystem.sharedField`.
        public var code: [FHIRCodeableConcept]?

        public init(type: String? = nil, period: FHIRPeriod? = nil, actor: [Actor]? = nil, code: [FHIRCodeableConcept]? = nil) {
            self.type = type
            self.period = period
            self.actor = actor
            self.code = code
        }
    }

    public struct Actor: Codable, Sendable, Hashable {
        public var role: FHIRCodeableConcept
        public var reference: FHIRReference

        public init(role: FHIRCodeableConcept, reference: FHIRReference) {
            self.role = role
            self.reference = reference
        }
    }
}

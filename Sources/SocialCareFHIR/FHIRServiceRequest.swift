/// FHIR R4 `ServiceRequest` (SDOHCC ServiceRequest): the need referred, for the student, to the service.
public struct FHIRServiceRequest: Codable, Sendable, Hashable {
    public var resourceType: String = "ServiceRequest"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    /// draft | active | on-hold | revoked | completed | entered-in-error | unknown
    public var status: String?
    public var intent: String?
    public var category: [FHIRCodeableConcept]?
    public var code: FHIRCodeableConcept?
    public var subject: FHIRReference?
    public var authoredOn: String?
    public var requester: FHIRReference?
    public var performer: [FHIRReference]?
    public var note: [FHIRAnnotation]?

    public init() {}
}

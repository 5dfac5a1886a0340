/// FHIR R4 `Task` as the SDOHCC TaskForReferralManagement profile uses it: the referral as work the
/// receiving organization is asked to do (intent `order`, code `fulfill`, focus the ServiceRequest).
public struct FHIRTask: Codable, Sendable, Hashable {
    public var resourceType: String = "Task"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var status: String?
    public var statusReason: FHIRCodeableConcept?
    public var businessStatus: FHIRCodeableConcept?
    public var intent: String?
    public var code: FHIRCodeableConcept?
    public var focus: FHIRReference?
    public var `for`: FHIRReference?
    public var executionPeriod: FHIRPeriod?
    public var authoredOn: String?
    public var lastModified: String?
    public var requester: FHIRReference?
    public var owner: FHIRReference?
    public var note: [FHIRAnnotation]?
    public var output: [Output]?

    public init() {}

    /// One `Task.output`: a `type` from `FHIRSystem.taskOutput` and one value.
    public struct Output: Codable, Sendable, Hashable {
        public var type: FHIRCodeableConcept
        public var valueInteger: Int?
        public var valueBoolean: Bool?
        public var valueCode: String?

        public init(_ code: TaskOutputCode, integer: Int? = nil, boolean: Bool? = nil, code value: String? = nil) {
            type = FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.taskOutput, code: code.rawValue))
            valueInteger = integer
            valueBoolean = boolean
            valueCode = value
        }

        public var code: TaskOutputCode? {
            type.codes(in: FHIRSystem.taskOutput).lazy.compactMap(TaskOutputCode.init(rawValue:)).first
        }
    }

    /// The output of that type, when the Task carries one.
    public func output(_ code: TaskOutputCode) -> Output? {
        output?.first { $0.code == code }
    }
}

/// The profiles the bundle's resources claim in `meta.profile` (HL7 SDOH Clinical Care IG, STU 2,
/// http://hl7.org/fhir/us/sdoh-clinicalcare). The Patient and the coordinator's Practitioner claim
/// none: US Core Patient requires a name and gender, which a referral never carries.
public enum FHIRProfile {
    public static let taskForReferralManagement =
        "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement"
    public static let serviceRequest = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest"
    public static let consent = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Consent"
}

/// Code systems: HL7's where one exists, otherwise Closeloop's own (`urn:closeloop:…`), whose
/// codes are exactly the JSON API's wire values so the two front ends read alike.
public enum FHIRSystem {
    /// HL7 Task codes (`fulfill`).
    public static let taskCode = "http://hl7.org/fhir/CodeSystem/task-code"
    /// The SDOH categories of the SDOHCC ValueSet SDOH Category.
    public static let sdohCategory = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes"
    public static let consentScope = "http://terminology.hl7.org/CodeSystem/consentscope"
    public static let loinc = "http://loinc.org"
    public static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    public static let participationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
    public static let bcp47 = "urn:ietf:bcp:47"

    /// A coordinator's barrier code (`seed/barriers.json`), e.g. `food_insecurity`.
    public static let barrier = "urn:closeloop:barrier"
    /// `DeclineReason` wire values (`no_capacity`, …).
    public static let declineReason = "urn:closeloop:decline-reason"
    /// `ReferralState` wire values, in `Task.businessStatus` where `Task.status` alone is ambiguous.
    public static let referralState = "urn:closeloop:referral-state"
    /// `SharedField` wire values, in `Consent.provision.code`.
    public static let sharedField = "urn:closeloop:shared-field"
    /// What an agency reports back on the Task (`Task.output.type`): see `TaskOutputCode`.
    public static let taskOutput = "urn:closeloop:task-output"

    public static let referralID = "urn:closeloop:referral"
    public static let studentID = "urn:closeloop:student"
    public static let districtStudentID = "urn:closeloop:district-student-id"
    public static let organizationID = "urn:closeloop:organization"
    public static let schoolID = "urn:closeloop:school"
    public static let serviceID = "urn:closeloop:service"

    /// A student's pseudonym is per organization, so its system names the organization.
    public static func pseudonym(organizationID: String) -> String { "urn:closeloop:pseudonym:\(organizationID)" }
}

/// `Task.output.type` codes in `FHIRSystem.taskOutput`: what the agency states with a status
/// change that `Task` has no element for.
public enum TaskOutputCode: String, CaseIterable, Sendable {
    /// on-hold: the family's expected wait, `valueInteger` weeks.
    case expectedWaitWeeks = "expected-wait-weeks"
    /// on-hold: `valueBoolean: true` when nobody knows the wait (said on purpose).
    case expectedWaitNotKnown = "expected-wait-not-known"
    /// completed: who vouched that the family came, `valueCode` partner | family | coordinator.
    case confirmedBy = "confirmed-by"
    /// completed: `valueBoolean: true` to record a first service dated before the scheduled intake.
    case beforeIntakeConfirmed = "before-intake-confirmed"
}

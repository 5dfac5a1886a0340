import Directory
import Foundation
import Hummingbird
import Referrals
import Storage

struct StudentResource: ResponseEncodable {
    let id: String
    let districtStudentID: String
    let schoolID: String
    let grade: String?
    let age: Int?
    let languages: [LanguageCode]
    let groups: [StudentGroup]

    init(_ student: Student) {
        id = student.id
        districtStudentID = student.districtStudentID
        schoolID = student.schoolID
        grade = student.grade
        age = student.age
        languages = student.languages
        groups = student.groups.sorted { $0.rawValue < $1.rawValue }
    }

    enum CodingKeys: String, CodingKey {
        case id, grade, age, languages, groups
        case districtStudentID = "district_student_id"
        case schoolID = "school_id"
    }
}

struct ConsentResource: ResponseEncodable {
    let id: String
    let studentID: String
    let consent: Consent

    init(_ stored: StoredConsent) {
        id = stored.id
        studentID = stored.studentID
        consent = stored.consent
    }

    enum CodingKeys: String, CodingKey { case id, studentID = "student_id" }

    func encode(to encoder: any Encoder) throws {
        try consent.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(studentID, forKey: .studentID)
    }
}

/// A referral as the caller may see it (`ReferralView`): state, version, events, the actions the
/// caller's role may take next, the follow-up due, and the student fields the caller may read. For a
/// partner, `student_id` is the student's pseudonym at its organization, and the school, the need,
/// the note and the school's event notes appear only as the family's consent in force allows
/// (`PartnerView`); `previous_referral_id` never does. `coordinator` (name, email, phone from the
/// profile of whoever made the referral) is there for every reader: it is how the partner reaches the school.
struct ReferralResource: ResponseEncodable {
    let view: ReferralView
    let allowedActions: [ReferralAction]
    let followUp: FollowUp?
    let includeEvents: Bool

    enum CodingKeys: String, CodingKey {
        case id, state, version, barrier, tier, note, events, student, coordinator
        case fhirStatus = "fhir_status"
        case studentID = "student_id"
        case serviceID = "service_id"
        case organizationID = "organization_id"
        case schoolID = "school_id"
        case previousReferralID = "previous_referral_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case sentAt = "sent_at"
        case allowedActions = "allowed_actions"
        case followUp = "follow_up"
        case familyContact = "family_contact"
    }

    func encode(to encoder: any Encoder) throws {
        let referral = view.referral
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(referral.id, forKey: .id)
        try container.encode(referral.state, forKey: .state)
        try container.encode(referral.state.fhirTaskStatus, forKey: .fhirStatus)
        try container.encode(referral.version, forKey: .version)
        try container.encode(view.studentKey, forKey: .studentID)
        try container.encode(referral.serviceID, forKey: .serviceID)
        try container.encode(referral.organizationID, forKey: .organizationID)
        try container.encodeIfPresent(view.schoolID, forKey: .schoolID)
        try container.encodeIfPresent(view.barrier, forKey: .barrier)
        try container.encodeIfPresent(view.tier, forKey: .tier)
        try container.encodeIfPresent(view.note, forKey: .note)
        try container.encodeIfPresent(view.previousReferralID, forKey: .previousReferralID)
        try container.encode(referral.createdAt, forKey: .createdAt)
        try container.encode(referral.updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(referral.sentAt, forKey: .sentAt)
        try container.encode(allowedActions, forKey: .allowedActions)
        try container.encodeIfPresent(followUp, forKey: .followUp)
        try container.encodeIfPresent(view.student, forKey: .student)
        try container.encodeIfPresent(view.coordinator, forKey: .coordinator)
        try container.encodeIfPresent(view.familyContact, forKey: .familyContact)
        if includeEvents { try container.encode(view.events, forKey: .events) }
    }
}

struct ReferralListResource: ResponseEncodable {
    let items: [ReferralResource]
}

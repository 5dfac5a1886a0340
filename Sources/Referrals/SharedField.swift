/// A student field a family's consent may release to a partner; anything not listed stays with the school.
public enum SharedField: String, Codable, CaseIterable, Sendable, Hashable {
    case districtStudentID = "district_student_id"
    case grade
    case age
    case languages
    case groups
    case school
    /// The coordinator's free-text note on the referral, and the school's notes on its events. Notes
    /// are where names and circumstances end up, so they travel only when the family says so.
    case note
    /// The family's preferred contact (channel, number or address, language, best time).
    case familyContact = "family_contact"
}

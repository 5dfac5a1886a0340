/// A student field a family's consent may release to a partner; anything not listed stays with the school.
public enum SharedField: String, Codable, CaseIterable, Sendable, Hashable {
    case districtStudentID = "district_student_id"
    case grade
    case age
    case languages
    case groups
    case school
}

import Directory

/// The student facts a referral can carry to a partner. Every field is optional so that a redacted
/// copy is the same type with the unshared fields absent. Names and contact details are deliberately not here.
public struct StudentRecord: Codable, Sendable, Hashable {
    public var districtStudentID: String?
    public var schoolID: String?
    /// As the district writes it: "PK", "K", "1" … "12".
    public var grade: String?
    public var age: Int?
    public var languages: [LanguageCode]?
    public var groups: Set<StudentGroup>?

    public init(
        districtStudentID: String? = nil, schoolID: String? = nil, grade: String? = nil, age: Int? = nil,
        languages: [LanguageCode]? = nil, groups: Set<StudentGroup>? = nil
    ) {
        self.districtStudentID = districtStudentID
        self.schoolID = schoolID
        self.grade = grade
        self.age = age
        self.languages = languages
        self.groups = groups
    }

    enum CodingKeys: String, CodingKey {
        case grade, age, languages, groups
        case districtStudentID = "district_student_id"
        case schoolID = "school_id"
    }
}

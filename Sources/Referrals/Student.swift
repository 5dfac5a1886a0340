import Directory
import Foundation

/// A student as the referral loop knows them: no name, only what routing and reporting need.
public struct Student: Sendable, Hashable, Codable {
    public var id: String
    public var districtStudentID: String
    public var schoolID: String
    public var grade: String?
    public var age: Int?
    public var languages: [LanguageCode]
    public var groups: Set<StudentGroup>

    public init(
        id: String, districtStudentID: String, schoolID: String, grade: String? = nil, age: Int? = nil,
        languages: [LanguageCode] = [], groups: Set<StudentGroup> = []
    ) {
        self.id = id
        self.districtStudentID = districtStudentID
        self.schoolID = schoolID
        self.grade = grade
        self.age = age
        self.languages = languages
        self.groups = groups
    }

    /// The record a consent's shared fields are cut from.
    public var record: StudentRecord {
        StudentRecord(districtStudentID: districtStudentID, schoolID: schoolID, grade: grade, age: age,
                      languages: languages, groups: groups)
    }
}

/// A consent as recorded for one student.
public struct StoredConsent: Sendable, Hashable {
    public var id: String
    public var studentID: String
    public var consent: Consent
    public var recordedBy: String

    public init(id: String, studentID: String, consent: Consent, recordedBy: String) {
        self.id = id
        self.studentID = studentID
        self.consent = consent
        self.recordedBy = recordedBy
    }
}

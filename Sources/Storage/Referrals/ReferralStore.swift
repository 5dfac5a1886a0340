import Directory
import Foundation
import Referrals
import SQLKit

/// Students, consents, referrals and their events, follow-ups and the audit log: the closed loop's
/// persistence, one implementation for SQLite and PostgreSQL like the directory's.
public struct ReferralStore: Sendable {
    public let database: Database
    public let machine: ReferralMachine
    var sql: any SQLDatabase { database.sql }

    public init(database: Database, machine: ReferralMachine = ReferralMachine()) {
        self.database = database
        self.machine = machine
    }
}

/// What a coordinator sends to register a student.
public struct NewStudent: Sendable, Hashable {
    public var districtStudentID: String
    public var schoolID: String
    public var grade: String?
    public var age: Int?
    public var languages: [LanguageCode]
    public var groups: Set<StudentGroup>

    public init(districtStudentID: String, schoolID: String, grade: String? = nil, age: Int? = nil,
                languages: [LanguageCode] = [], groups: Set<StudentGroup> = []) {
        self.districtStudentID = districtStudentID
        self.schoolID = schoolID
        self.grade = grade
        self.age = age
        self.languages = languages
        self.groups = groups
    }
}

extension ReferralStore {
    // MARK: students

    public func createStudent(
        _ input: NewStudent, by user: User, now: Date = Date(), idempotency: IdempotentWrite<Student>? = nil
    ) async throws -> Student {
        let policy = AccessPolicy(user)
        try policy.require(.registerStudents)
        guard policy.scope.covers(schoolID: input.schoolID) else {
            throw ReferralStoreError.invalidField(name: "school_id", message: "school '\(input.schoolID)' is not one of yours")
        }
        let districtID = input.districtStudentID.trimmingCharacters(in: .whitespaces)
        guard !districtID.isEmpty else {
            throw ReferralStoreError.invalidField(name: "district_student_id", message: "district_student_id is empty")
        }
        if let age = input.age, !(0...25).contains(age) {
            throw ReferralStoreError.invalidField(name: "age", message: "age \(age) is outside 0–25")
        }
        let student = Student(id: TokenHash.newID(prefix: "stu"), districtStudentID: districtID, schoolID: input.schoolID,
                              grade: input.grade, age: input.age, languages: input.languages, groups: input.groups)
        return try await transaction(idempotency) { db in
            guard try await db.select().column("id").from("schools").where("id", .equal, input.schoolID).first() != nil else {
                throw ReferralStoreError.invalidField(name: "school_id", message: "no school with id '\(input.schoolID)'")
            }
            guard try await db.select().column("id").from("students").where("district_student_id", .equal, districtID).first() == nil else {
                throw ReferralStoreError.duplicate(name: "district_student_id", message: "student \(districtID) is already registered")
            }
            try await db.insert(into: "students")
                .columns("id", "district_student_id", "school_id", "grade", "age", "languages", "groups", "created_by", "created_at")
                .values(SQLBind(student.id), SQLBind(districtID), SQLBind(student.schoolID), SQLBind(student.grade),
                        SQLBind(student.age), SQLBind(JSONColumn.encode(codes: student.languages)),
                        SQLBind(JSONColumn.encode(codes: student.groups.map(\.rawValue).sorted())), SQLBind(user.id),
                        SQLBind(Clock.seconds(now)!))
                .run()
            for group in student.groups {
                try await db.insert(into: "student_groups").columns("student_id", "group_name")
                    .values(SQLBind(student.id), SQLBind(group.rawValue)).run()
            }
            try await Self.audit(on: db, at: now, actor: user, action: "student.create", studentID: student.id,
                                 detail: "school \(student.schoolID)")
            return student
        }
    }

    /// A student the user may see; reading is audited. District users are refused
    /// (`aggregatesOnly`); another school's student is nil, and the probe is recorded.
    public func student(id: String, visibleTo user: User, now: Date = Date()) async throws -> Student? {
        let policy = AccessPolicy(user)
        try policy.require(.readStudentRecords)
        guard let student = try await student(id: id) else { return nil }
        guard policy.maySee(student) else {
            try await recordProbe(by: user, kind: "student", studentID: id, referralID: nil, organizationID: nil, now: now)
            return nil
        }
        try await Self.audit(on: sql, at: now, actor: user, action: "student.read", studentID: id, detail: "")
        return student
    }

    func student(id: String, on db: (any SQLDatabase)? = nil) async throws -> Student? {
        guard let row = try await (db ?? sql).select().column("*").from("students").where("id", .equal, id).first() else { return nil }
        let languages = try JSONColumn.decode([LanguageCode].self, from: try row.decode(column: "languages", as: String.self), column: "languages")
        let groups = try JSONColumn.decode([String].self, from: try row.decode(column: "groups", as: String.self), column: "groups")
        return Student(
            id: id, districtStudentID: try row.decode(column: "district_student_id", as: String.self),
            schoolID: try row.decode(column: "school_id", as: String.self), grade: try row.decode(column: "grade", as: String?.self),
            age: try row.decode(column: "age", as: Int?.self), languages: languages,
            groups: Set(groups.compactMap(StudentGroup.init(rawValue:))))
    }

    // MARK: consents

    public func addConsent(
        _ consent: Consent, studentID: String, by user: User, now: Date = Date(),
        idempotency: IdempotentWrite<StoredConsent>? = nil
    ) async throws -> StoredConsent {
        let policy = AccessPolicy(user)
        try policy.require(.recordConsent)
        guard try await visibleStudent(id: studentID, to: user, now: now) != nil else {
            throw ReferralStoreError.notFound(kind: "student", id: studentID)
        }
        guard !consent.organizationIDs.isEmpty else {
            throw ReferralStoreError.invalidField(name: "organization_ids", message: "a consent names at least one organization")
        }
        if let expires = consent.expiresOn, expires <= consent.givenOn {
            throw ReferralStoreError.invalidField(name: "expires_on", message: "expires_on \(expires) is not after the day it is given (\(consent.givenOn))")
        }
        let stored = StoredConsent(id: TokenHash.newID(prefix: "con"), studentID: studentID, consent: consent, recordedBy: user.id)
        return try await transaction(idempotency) { db in
            let known = try await db.select().column("id").from("organizations").where("id", .in, consent.organizationIDs).all()
                .map { try $0.decode(column: "id", as: String.self) }
            if let unknown = consent.organizationIDs.first(where: { !known.contains($0) }) {
                throw ReferralStoreError.invalidField(name: "organization_ids", message: "no organization with id '\(unknown)'")
            }
            try await db.insert(into: "consents")
                .columns("id", "student_id", "organization_ids", "given_by", "method", "shared_fields", "given_on",
                         "expires_on", "revoked_at", "recorded_by", "created_at", "family_contact_channel",
                         "family_contact_address", "family_contact_language", "family_contact_best_time")
                .values(SQLBind(stored.id), SQLBind(studentID), SQLBind(JSONColumn.encode(codes: consent.organizationIDs)),
                        SQLBind(consent.givenBy), SQLBind(consent.method.rawValue),
                        SQLBind(JSONColumn.encode(codes: consent.sharedFields.map(\.rawValue).sorted())),
                        SQLBind(consent.givenOn.description), SQLBind(consent.expiresOn?.description),
                        SQLBind(Clock.seconds(consent.revokedAt)), SQLBind(user.id), SQLBind(Clock.seconds(now)!),
                        SQLBind(consent.familyContact?.channel.rawValue), SQLBind(consent.familyContact?.address),
                        SQLBind(consent.familyContact?.language.rawValue), SQLBind(consent.familyContact?.bestTime))
                .run()
            try await Self.audit(on: db, at: now, actor: user, action: "consent.create", studentID: studentID,
                                 detail: "organizations \(consent.organizationIDs.joined(separator: ",")); \(consent.method.rawValue); "
                                    + "shares \(consent.sharedFields.map(\.rawValue).sorted().joined(separator: ","))")
            return stored
        }
    }

    public func consents(studentID: String, on db: (any SQLDatabase)? = nil) async throws -> [StoredConsent] {
        try await (db ?? sql).select().column("*").from("consents").where("student_id", .equal, studentID).orderBy("created_at").all()
            .map(Self.storedConsent(from:))
    }

    static func storedConsent(from row: any SQLRow) throws -> StoredConsent {
        let studentID = try row.decode(column: "student_id", as: String.self)
        let fields = try JSONColumn.decode([String].self, from: try row.decode(column: "shared_fields", as: String.self), column: "shared_fields")
        guard let method = ConsentMethod(rawValue: try row.decode(column: "method", as: String.self)),
              let givenOn = CalendarDate(try row.decode(column: "given_on", as: String.self)) else {
            throw StoreError.integrity("consent row for student \(studentID) is unreadable")
        }
        let consent = Consent(
            organizationIDs: try JSONColumn.decode([String].self, from: try row.decode(column: "organization_ids", as: String.self), column: "organization_ids"),
            givenBy: try row.decode(column: "given_by", as: String.self), method: method,
            sharedFields: Set(fields.compactMap(SharedField.init(rawValue:))), givenOn: givenOn,
            expiresOn: try row.decode(column: "expires_on", as: String?.self).flatMap(CalendarDate.init),
            revokedAt: Clock.date(try row.decode(column: "revoked_at", as: Int?.self)),
            familyContact: try familyContact(from: row))
        return StoredConsent(id: try row.decode(column: "id", as: String.self), studentID: studentID, consent: consent,
                             recordedBy: try row.decode(column: "recorded_by", as: String.self))
    }

    /// The contact columns of a consent row; nil when the family shared none (all NULL).
    static func familyContact(from row: any SQLRow) throws -> FamilyContact? {
        guard let channelText = try row.decode(column: "family_contact_channel", as: String?.self) else { return nil }
        guard let channel = FamilyContactChannel(rawValue: channelText),
              let address = try row.decode(column: "family_contact_address", as: String?.self),
              let language = try row.decode(column: "family_contact_language", as: String?.self).flatMap(LanguageCode.init(rawValue:)) else {
            throw StoreError.integrity("a consent's family contact is unreadable")
        }
        return FamilyContact(channel: channel, address: address, language: language,
                             bestTime: try row.decode(column: "family_contact_best_time", as: String?.self))
    }

    /// The consent in force for this organization now, the newest if several are.
    func consentCovering(organizationID: String, studentID: String, now: Date, on db: any SQLDatabase) async throws -> Consent? {
        try await consents(studentID: studentID, on: db).reversed()
            .first { $0.consent.covers(organizationID: organizationID, on: now, in: machine.timeZone) }?.consent
    }
}

extension ReferralStore {
    /// The student fields this user may read on a referral: everything for school staff, and for
    /// the receiving partner only what a consent in force for its organization shares (nothing
    /// without one).
    public func studentView(of referral: Referral, for user: User, now: Date = Date()) async throws -> StudentRecord? {
        try await view(of: referral, for: user, now: now).student
    }
}

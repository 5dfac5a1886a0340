import Directory
import Foundation
import Referrals
import Storage

/// A small district for referral tests: two schools, two partner organizations with one service
/// each (the first also has a withdrawn one), one user of each role, and a student at the first
/// school whose family consented to share grade and languages with the first organization.
///
/// It writes its own schools, organizations and services (ids start with `fx-`, so they sit beside
/// the repository seed without touching it) and the seed's barrier vocabulary, so it works on a
/// fresh store (`withFreshStore`) and on a seeded one (`withSeededStore`) alike.
public struct ReferralFixture: Sendable {
    /// Monday 23 November 2026, 15:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_795_446_000)

    public static let schoolID = "fx-sch-hoover-ms"
    public static let otherSchoolID = "fx-sch-lakeview-hs"
    public static let organizationID = "fx-org-family-counseling"
    public static let otherOrganizationID = "fx-org-eastside-food-pantry"
    public static let serviceID = "fx-svc-youth-counseling"
    public static let otherServiceID = "fx-svc-weekend-backpacks"
    /// The first organization's service that is no longer in the directory (`active` false).
    public static let withdrawnServiceID = "fx-svc-parenting-class"
    /// The student's district id, as the district's student information system writes it.
    public static let districtStudentID = "100234567"

    /// The people of the fixture, one per role and scope.
    public enum Person: String, Sendable, CaseIterable {
        /// Coordinator at `schoolID`.
        case coordinator
        /// Coordinator at `otherSchoolID` only.
        case otherCoordinator = "other_coordinator"
        /// Partner at `organizationID`.
        case partner
        /// Partner at `otherOrganizationID`.
        case otherPartner = "other_partner"
        case district
        case admin
    }

    public let store: DirectoryStore
    public let referrals: ReferralStore
    public let accounts: AccountStore
    public let users: [Person: User]
    /// Each person's API token, as `addUser` returned it (shown once).
    public let tokens: [Person: String]
    /// The student at `schoolID` with consent for `organizationID`.
    public let studentID: String

    public func user(_ person: Person) -> User { users[person]! }
    public func token(_ person: Person) -> String { tokens[person]! }

    /// Writes the fixture into `store`. The student is registered and the consent recorded at `now`;
    /// the consent is given on `consentFrom`'s day and runs a year. With a `password` every person
    /// can also sign in to the pages (bcrypt makes that cost time, so only page tests ask for it).
    public static func make(_ store: DirectoryStore, consentFrom: Date = now, password: String? = nil) async throws -> ReferralFixture {
        try await store.saveBarriers(try loadSeed().barriers)
        try await store.saveSchools(schools)
        try await store.save(directory)
        let accounts = AccountStore(database: store.database)
        let people = Person.allCases.map { TestAccount($0.rawValue, $0.role, organization: $0.organizationID, schools: $0.schoolIDs) }
        let (users, tokens) = try await accounts.addTestAccounts(people, domain: emailDomain, password: password)
        let fixture = ReferralFixture(
            store: store, referrals: ReferralStore(database: store.database), accounts: accounts,
            users: byPerson(users), tokens: byPerson(tokens), studentID: "")
        let student = try await fixture.registerStudent(
            NewStudent(districtStudentID: districtStudentID, schoolID: schoolID, grade: "7", age: 12,
                       languages: [.spanish], groups: [.englishLearner, .lowIncome]),
            consentingTo: [organizationID], sharing: [.grade, .languages], from: consentFrom)
        return ReferralFixture(store: store, referrals: fixture.referrals, accounts: accounts, users: fixture.users, tokens: fixture.tokens,
                               studentID: student.id)
    }

    private static func byPerson<Value>(_ named: [String: Value]) -> [Person: Value] {
        Dictionary(uniqueKeysWithValues: Person.allCases.map { ($0, named[$0.rawValue]!) })
    }

    /// Where the people's email addresses are: `coordinator@fixture.example.org` and so on.
    public static let emailDomain = "fixture.example.org"

    /// A person's email address (their sign-in name on the pages).
    public static func email(_ person: Person) -> String { "\(person.rawValue)@\(emailDomain)" }

    /// Registers a student as the coordinator of its school (the admin for a school no coordinator
    /// has) and, unless `organizations` is empty, records the family's written consent for them.
    @discardableResult
    public func registerStudent(
        _ input: NewStudent, consentingTo organizations: [String] = [], sharing fields: Set<SharedField> = [.grade],
        from consentFrom: Date = now, at instant: Date = now
    ) async throws -> Student {
        let given = CalendarDate(consentFrom)
        return try await referrals.registerConsentingStudent(
            input, by: registrar(for: input.schoolID), at: instant, consentingTo: organizations, sharing: fields,
            givenBy: "Maria Lopez (mother)", givenOn: given, expiresOn: given.adding(days: 365))
    }

    /// Fixtures refer one student to one service many times; the duplicate guard has its own tests.
    public static let repeatReason = "another need of the same student (test fixture)"

    /// A draft referral of the fixture's student (or `studentID`) to `serviceID`, made by the coordinator.
    public func draft(
        studentID: String? = nil, serviceID: String = ReferralFixture.serviceID, barrier: String = "anxiety",
        at instant: Date = now, duplicateReason: String? = ReferralFixture.repeatReason
    ) async throws -> Referral {
        let student = studentID ?? self.studentID
        let school = try await referrals.students(ids: [student], visibleTo: user(.admin))[student]?.schoolID
        return try await referrals.createReferral(
            NewReferral(studentID: student, serviceID: serviceID, barrier: barrier, tier: 2,
                        note: "Teacher reports <b>frequent absences</b> since October; family asked for Spanish-speaking counselor.",
                        duplicateReason: duplicateReason),
            by: registrar(for: school ?? Self.schoolID), now: instant)
    }

    /// A draft referral that has been sent (state `referred`, version 1).
    public func sent(
        studentID: String? = nil, serviceID: String = ReferralFixture.serviceID, barrier: String = "anxiety",
        at instant: Date = now
    ) async throws -> Referral {
        let draft = try await draft(studentID: studentID, serviceID: serviceID, barrier: barrier, at: instant.addingTimeInterval(-3_600))
        return try await referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0,
                                         by: registrar(for: draft.schoolID), now: instant)
    }

    private func registrar(for schoolID: String) -> User {
        Person.allCases.first { $0.role == .coordinator && $0.schoolIDs == [schoolID] }.map(user) ?? user(.admin)
    }
}

extension ReferralFixture.Person {
    public var role: Role {
        switch self {
        case .coordinator, .otherCoordinator: .coordinator
        case .partner, .otherPartner: .partner
        case .district: .district
        case .admin: .admin
        }
    }

    public var organizationID: String? {
        switch self {
        case .partner: ReferralFixture.organizationID
        case .otherPartner: ReferralFixture.otherOrganizationID
        default: nil
        }
    }

    public var schoolIDs: [String] {
        switch self {
        case .coordinator: [ReferralFixture.schoolID]
        case .otherCoordinator: [ReferralFixture.otherSchoolID]
        default: []
        }
    }
}

extension ReferralFixture {
    static let schools = [
        School(id: schoolID, name: "Herbert Hoover Middle School", level: .middle, gradeMin: 6, gradeMax: 8,
               address: Address(address1: "4801 Aurora Ave", city: "Cedar Valley", region: "IA", postalCode: "50310"),
               coordinates: Coordinates(lat: 41.6271, lon: -93.6925)),
        School(id: otherSchoolID, name: "Lakeview High School", level: .high, gradeMin: 9, gradeMax: 12,
               address: Address(address1: "1200 E Lake Dr", city: "Millbrook", region: "IA", postalCode: "50317"),
               coordinates: Coordinates(lat: 41.6120, lon: -93.5571)),
    ]

    static var directory: DirectorySnapshot {
        let verified = Date(timeIntervalSince1970: 1_793_000_000)
        func provenance(_ id: String) -> Provenance {
            Provenance(source: "fixture", externalID: id, importedAt: verified, lastVerifiedAt: verified)
        }
        let organizations = [
            Organization(id: organizationID, name: "Cedar Valley Family Counseling Center",
                         description: "<p>Outpatient counseling for children, teens and families. Se habla español.</p>",
                         phones: [Phone(number: "515-555-0142")], provenance: provenance("agency-4417")),
            Organization(id: otherOrganizationID, name: "Eastside Food Pantry", description: "Food pantry & weekend meals",
                         phones: [Phone(number: "(515) 555-0187")], provenance: provenance("agency-5120")),
        ]
        let services = [
            Service(id: serviceID, organizationID: organizationID, name: "Youth Counseling (ages 10-17)",
                    description: "Individual and family therapy; school-based sessions available.",
                    domains: [.socialEmotional, .family], intensity: .earlyIntervention, ages: AgeRange(min: 10, max: 17),
                    languages: [.english, .spanish], provenance: provenance("program-88213")),
            Service(id: withdrawnServiceID, organizationID: organizationID, name: "Parenting Class (Spring 2024 cohort)",
                    domains: [.family], intensity: .prevention, provenance: provenance("program-88214"), active: false),
            Service(id: otherServiceID, organizationID: otherOrganizationID, name: "Weekend Backpack Program",
                    description: "Food for the weekend, packed for students; pick up at school Fridays.",
                    domains: [.family, .health], intensity: .prevention, ages: AgeRange(min: 5, max: 18),
                    provenance: provenance("program-90001")),
        ]
        return DirectorySnapshot(organizations: organizations, services: services)
    }
}

/// A fresh, migrated store on one backend holding a `ReferralFixture` (and nothing of the seed).
public func withReferralFixture<R>(_ backend: TestBackend, _ body: (ReferralFixture) async throws -> R) async throws -> R {
    try await withFreshStore(backend) { store async throws in
        try await body(try await ReferralFixture.make(store))
    }
}

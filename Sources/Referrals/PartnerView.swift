import Foundation

/// What a partner organization may see of a student and of a referral sent to it: only what the
/// family consented to share, and after the consent ends only what the partner needs for its own
/// record (state, dates, its own notes).
public enum PartnerView {
    /// Keeps the fields the consent shares and drops the rest. Does not check that the consent
    /// covers anyone; use `redact(_:under:for:on:in:)` when serving a partner.
    public static func redact(_ student: StudentRecord, under consent: Consent) -> StudentRecord {
        let shared = consent.sharedFields
        return StudentRecord(
            districtStudentID: shared.contains(.districtStudentID) ? student.districtStudentID : nil,
            schoolID: shared.contains(.school) ? student.schoolID : nil,
            grade: shared.contains(.grade) ? student.grade : nil,
            age: shared.contains(.age) ? student.age : nil,
            languages: shared.contains(.languages) ? student.languages : nil,
            groups: shared.contains(.groups) ? student.groups : nil)
    }

    /// The partner's view, or nil when the consent does not cover that organization at that moment
    /// (expired, revoked, or given for someone else) — then the partner sees nothing at all.
    public static func redact(
        _ student: StudentRecord, under consent: Consent, for organizationID: String, on instant: Date,
        in timeZone: TimeZone = .gmt
    ) -> StudentRecord? {
        guard consent.covers(organizationID: organizationID, on: instant, in: timeZone) else { return nil }
        return redact(student, under: consent)
    }

    /// The consent that governs what `organizationID` sees at `instant`, or nil when none covers it
    /// then. When several are in force, each authorizes what it names, so the partner sees the
    /// fields any of them shares (the newest one's other terms are kept); revoking one takes away
    /// what only it shared. Also keeps the answer independent of the order consents recorded in the
    /// same second come back in.
    public static func covering(
        _ consents: [Consent], organizationID: String, on instant: Date, in timeZone: TimeZone = .gmt
    ) -> Consent? {
        let inForce = consents.filter { $0.covers(organizationID: organizationID, on: instant, in: timeZone) }
        guard var governing = inForce.last else { return nil }
        governing.sharedFields = inForce.reduce(into: Set<SharedField>()) { $0.formUnion($1.sharedFields) }
        // The newest contact a consent in force shares; none when none shares one.
        governing.familyContact = inForce.last { $0.sharedFamilyContact != nil }?.familyContact
        return governing
    }

    /// The referral as the receiving partner sees it under `consent` (the covering one, nil when
    /// none covers it now).
    ///
    /// - Always: the student is `pseudonym`, never the stable id; `previous_referral_id` is gone
    ///   (it would reveal a decline at another organization).
    /// - With a consent in force: the need (barrier, tier), the school only when shared, the
    ///   coordinator's note and the school's event notes only when `note` is shared, the student
    ///   fields the consent names.
    /// - Without one (expired, revoked): state, dates and the partner's own event notes; nothing of
    ///   the student, the need, the school or the school's notes.
    public static func view(
        of referral: Referral, student: StudentRecord?, under consent: Consent?, pseudonym: String
    ) -> ReferralView {
        guard let consent else {
            return ReferralView(
                referral: referral, studentKey: pseudonym, schoolID: nil, barrier: nil, tier: nil, note: nil,
                previousReferralID: nil, events: referral.events.map(ownNotesOnly), student: nil, coveredByConsent: false)
        }
        let shared = consent.sharedFields
        return ReferralView(
            referral: referral, studentKey: pseudonym, schoolID: shared.contains(.school) ? referral.schoolID : nil,
            barrier: referral.barrier, tier: referral.tier, note: shared.contains(.note) ? referral.note : nil,
            previousReferralID: nil, events: shared.contains(.note) ? referral.events : referral.events.map(ownNotesOnly),
            student: student.map { redact($0, under: consent) }, coveredByConsent: true,
            familyContact: consent.sharedFamilyContact)
    }

    /// An event with its note only when the partner wrote it.
    static func ownNotesOnly(_ event: ReferralEvent) -> ReferralEvent {
        guard event.role != .partner else { return event }
        var redacted = event
        redacted.note = nil
        return redacted
    }
}

/// One referral as one reader may see it; front ends render this, not the stored `Referral`'s
/// student-facing fields. School staff and admins get it whole (`whole`); a partner gets
/// `PartnerView.view(of:student:under:pseudonym:)`.
public struct ReferralView: Sendable, Hashable {
    /// The stored referral, for what every reader who may see it is shown: id, state, version,
    /// dates, service and organization, and for judging actions. Its student, school, note and
    /// events are not to be shown from here.
    public let referral: Referral
    /// The student id for school staff; the organization's pseudonym for a partner.
    public let studentKey: String
    public let schoolID: String?
    /// The need referred; nil for a partner whose consent has ended.
    public let barrier: String?
    public let tier: Int?
    public let note: String?
    public let previousReferralID: String?
    /// Oldest first, with the notes this reader may read.
    public let events: [ReferralEvent]
    /// The student fields this reader may read; nil for none.
    public let student: StudentRecord?
    /// False for a partner whose family consent has expired or been revoked (its view is then cut
    /// to its own record); true for everyone else.
    public let coveredByConsent: Bool
    /// Who made the referral and how to reach them (their profile). Not a student fact: every reader,
    /// the partner included, sees it whatever the consent says. Nil until the store fills it in.
    public var coordinator: CoordinatorContact?
    /// The family's preferred contact, for a partner only when the consent in force shares it.
    public let familyContact: FamilyContact?

    public init(
        referral: Referral, studentKey: String, schoolID: String?, barrier: String?, tier: Int?, note: String?,
        previousReferralID: String?, events: [ReferralEvent], student: StudentRecord?, coveredByConsent: Bool,
        familyContact: FamilyContact? = nil
    ) {
        self.familyContact = familyContact
        self.referral = referral
        self.studentKey = studentKey
        self.schoolID = schoolID
        self.barrier = barrier
        self.tier = tier
        self.note = note
        self.previousReferralID = previousReferralID
        self.events = events
        self.student = student
        self.coveredByConsent = coveredByConsent
    }

    /// The referral whole, for school staff and admins.
    public static func whole(_ referral: Referral, student: StudentRecord?) -> ReferralView {
        ReferralView(
            referral: referral, studentKey: referral.studentID, schoolID: referral.schoolID, barrier: referral.barrier,
            tier: referral.tier, note: referral.note, previousReferralID: referral.previousReferralID, events: referral.events,
            student: student, coveredByConsent: true)
    }
}

/// How one reader sees referrals: whole (school staff, admins), or as a partner through the consent
/// in force for its organization (nil when none is) and the student's pseudonym there. Worked out
/// once per referral by the store, then applied without I/O (replies are encoded synchronously).
public enum ReferralLens: Sendable, Hashable {
    case whole
    case partner(consent: Consent?, pseudonym: String)

    public func view(of referral: Referral, student: StudentRecord?) -> ReferralView {
        switch self {
        case .whole: ReferralView.whole(referral, student: student)
        case .partner(let consent, let pseudonym): PartnerView.view(of: referral, student: student, under: consent, pseudonym: pseudonym)
        }
    }
}

import Foundation
import Referrals
import Storage

/// What a coordinator records when a family agrees to share with organizations.
public struct ConsentInput: Sendable, Hashable {
    public var organizationIDs: [String]
    public var givenBy: String
    public var method: ConsentMethod
    public var sharedFields: Set<SharedField>
    /// nil: today, in the district's time zone.
    public var givenOn: CalendarDate?
    public var expiresOn: CalendarDate?
    /// The family's preferred contact, when it agreed to share it; `family_contact` must then be
    /// among the shared fields (and is added when only the contact is given).
    public var familyContact: FamilyContact?

    public init(
        organizationIDs: [String], givenBy: String, method: ConsentMethod, sharedFields: Set<SharedField>,
        givenOn: CalendarDate? = nil, expiresOn: CalendarDate? = nil, familyContact: FamilyContact? = nil
    ) {
        self.familyContact = familyContact
        self.organizationIDs = organizationIDs
        self.givenBy = givenBy
        self.method = method
        self.sharedFields = sharedFields
        self.givenOn = givenOn
        self.expiresOn = expiresOn
    }
}

/// Recording a family's consent (FERPA) for a student.
///
/// Decisions where the API and the pages used to differ:
/// - The day consent was given: the pages took it from the form (prefilled with today in UTC), the
///   API always used today in the district's zone and could not record consent given on paper
///   yesterday. Both now take an optional day (`given_on`) and default to today in the district's
///   zone; a day that has not come yet is refused.
/// - Who gave it must be said: the pages required it, the API stored an empty `given_by`.
public struct ConsentRecording: Sendable {
    public let referrals: ReferralStore

    public init(referrals: ReferralStore) {
        self.referrals = referrals
    }

    /// Today in the district's time zone: the default day consent was given.
    public func today(_ now: Date) -> CalendarDate {
        CalendarDate(now, in: referrals.machine.timeZone)
    }

    /// Throws `ReferralStoreError`: not found for a student outside the user's scope, forbidden for
    /// a role that does not record consent, an invalid field otherwise.
    public func record(
        _ input: ConsentInput, forStudent studentID: String, by user: User, now: Date,
        idempotency: IdempotentWrite<StoredConsent>? = nil
    ) async throws -> StoredConsent {
        try InputLimits.checkIDs(input.organizationIDs, field: "organization_ids", atMost: InputLimits.organizationsPerConsent)
        try InputLimits.check(input.givenBy, field: "given_by", atMost: InputLimits.nameLength)
        let today = today(now)
        let givenBy = input.givenBy.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !givenBy.isEmpty else {
            throw ReferralStoreError.invalidField(name: "given_by", message: "say who gave consent (e.g. mother, guardian)")
        }
        let givenOn = input.givenOn ?? today
        guard givenOn <= today else {
            throw ReferralStoreError.invalidField(name: "given_on", message: "consent cannot be given on \(givenOn), a day that has not come yet")
        }
        var sharedFields = input.sharedFields
        var contact = input.familyContact
        if var given = contact {
            given.address = given.address.trimmingCharacters(in: .whitespacesAndNewlines)
            given.bestTime = given.bestTime?.trimmingCharacters(in: .whitespacesAndNewlines)
            if given.bestTime?.isEmpty == true { given.bestTime = nil }
            try InputLimits.check(given.address, field: "family_contact.address", atMost: InputLimits.nameLength)
            try InputLimits.check(given.bestTime ?? "", field: "family_contact.best_time", atMost: InputLimits.nameLength)
            if let problem = given.problem {
                throw ReferralStoreError.invalidField(name: "family_contact.address", message: problem)
            }
            sharedFields.insert(.familyContact)
            contact = given
        } else if sharedFields.contains(.familyContact) {
            throw ReferralStoreError.invalidField(
                name: "family_contact", message: "record the family's preferred contact (channel, number or address, language) to share it")
        }
        let consent = Consent(organizationIDs: input.organizationIDs, givenBy: givenBy, method: input.method,
                              sharedFields: sharedFields, givenOn: givenOn, expiresOn: input.expiresOn, familyContact: contact)
        return try await referrals.addConsent(consent, studentID: studentID, by: user, now: now, idempotency: idempotency)
    }

    /// Revokes a student's consent, effective at once: from `now` the partners it named read only
    /// their own record of the referrals it covered (state, dates, their own notes), and nothing
    /// more can be sent under it. Audited (`consent.revoke`); revoking twice keeps the first moment.
    /// Throws `ReferralStoreError`: forbidden for a role that does not record consent, not found
    /// for a student outside the user's scope or a consent that is not theirs.
    public func revoke(
        consent consentID: String, ofStudent studentID: String, by user: User, now: Date,
        idempotency: IdempotentWrite<StoredConsent>? = nil
    ) async throws -> StoredConsent {
        try await referrals.revokeConsent(id: consentID, studentID: studentID, by: user, now: now, idempotency: idempotency)
    }

    /// Whether `consent` lets the school share with any of its organizations on `now`, judged in the
    /// district's time zone.
    public func isInForce(_ consent: Consent, now: Date) -> Bool {
        consent.organizationIDs.contains { consent.covers(organizationID: $0, on: now, in: referrals.machine.timeZone) }
    }

    /// The newest consent in force for `organizationID` on `now`, if any.
    public func inForce(forStudent studentID: String, organizationID: String, now: Date) async throws -> StoredConsent? {
        try await referrals.consents(studentID: studentID).last {
            $0.consent.covers(organizationID: organizationID, on: now, in: referrals.machine.timeZone)
        }
    }
}

import Foundation

/// A family's consent to share education records with named organizations (FERPA).
public struct Consent: Codable, Sendable, Hashable {
    public var organizationIDs: [String]
    /// Who gave it (the parent or guardian, or the eligible student), as the school recorded them.
    public var givenBy: String
    public var method: ConsentMethod
    public var sharedFields: Set<SharedField>
    /// The first day the consent covers.
    public var givenOn: CalendarDate
    /// The day the consent expires: it covers the days before this one, not this day itself.
    public var expiresOn: CalendarDate?
    public var revokedAt: Date?
    /// The family's preferred contact, when it agreed to share it (`SharedField.familyContact`); nil otherwise.
    public var familyContact: FamilyContact?

    public init(
        organizationIDs: [String], givenBy: String, method: ConsentMethod, sharedFields: Set<SharedField>,
        givenOn: CalendarDate, expiresOn: CalendarDate? = nil, revokedAt: Date? = nil,
        familyContact: FamilyContact? = nil
    ) {
        self.organizationIDs = organizationIDs
        self.givenBy = givenBy
        self.method = method
        self.sharedFields = sharedFields
        self.givenOn = givenOn
        self.expiresOn = expiresOn
        self.revokedAt = revokedAt
        self.familyContact = familyContact
    }

    /// Whether sharing with `organizationID` is allowed at `instant`; days are judged in `timeZone`.
    public func covers(organizationID: String, on instant: Date, in timeZone: TimeZone = .gmt) -> Bool {
        guard organizationIDs.contains(organizationID) else { return false }
        if let revokedAt, revokedAt <= instant { return false }
        let day = CalendarDate(instant, in: timeZone)
        guard day >= givenOn else { return false }
        if let expiresOn, day >= expiresOn { return false }
        return true
    }

    /// The family's contact as this consent shares it: nil unless recorded and shared.
    public var sharedFamilyContact: FamilyContact? {
        sharedFields.contains(.familyContact) ? familyContact : nil
    }

    enum CodingKeys: String, CodingKey {
        case method
        case organizationIDs = "organization_ids"
        case givenBy = "given_by"
        case sharedFields = "shared_fields"
        case givenOn = "given_on"
        case expiresOn = "expires_on"
        case revokedAt = "revoked_at"
        case familyContact = "family_contact"
    }
}

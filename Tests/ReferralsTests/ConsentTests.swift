import Directory
import Foundation
import Testing

@testable import Referrals

@Suite("Consent and partner view")
struct ConsentTests {
    static let consent = Consent(
        organizationIDs: ["org-tutoring", "org-clinic"], givenBy: "guardian of synthetic student S-1",
        method: .written, sharedFields: [.grade, .languages], givenOn: Fixtures.day("2025-06-01"),
        expiresOn: Fixtures.day("2025-09-01"))

    static let student = StudentRecord(
        districtStudentID: "S-000123", schoolID: "school-lincoln-ms", grade: "7", age: 12,
        languages: [.spanish, .english], groups: [.englishLearner, .lowIncome])

    @Test func coversOnlyNamedOrganizationsWhileValid() {
        let consent = Self.consent
        #expect(consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2025-06-10T12:00:00Z")))
        #expect(consent.covers(organizationID: "org-clinic", on: Fixtures.instant("2025-06-01T00:00:00Z")))
        #expect(!consent.covers(organizationID: "org-food-bank", on: Fixtures.instant("2025-06-10T12:00:00Z")))
        #expect(
            !consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2025-05-31T23:59:59Z")),
            "before given")
    }

    @Test func expiresOnTheExpiryDay() {
        let consent = Self.consent
        #expect(consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2025-08-31T23:59:59Z")))
        #expect(!consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2025-09-01T00:00:00Z")))
        #expect(!consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2026-01-01T00:00:00Z")))
        // Still August 31 in Chicago.
        #expect(
            consent.covers(
                organizationID: "org-tutoring", on: Fixtures.instant("2025-09-01T03:00:00Z"), in: Fixtures.chicago))
        var open = consent
        open.expiresOn = nil
        #expect(open.covers(organizationID: "org-tutoring", on: Fixtures.instant("2030-01-01T00:00:00Z")))
    }

    @Test func revocationEndsCoverageFromThatMoment() {
        var consent = Self.consent
        consent.revokedAt = Fixtures.instant("2025-06-15T12:00:00Z")
        #expect(consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2025-06-15T11:59:59Z")))
        #expect(!consent.covers(organizationID: "org-tutoring", on: Fixtures.instant("2025-06-15T12:00:00Z")))
        #expect(!consent.covers(organizationID: "org-clinic", on: Fixtures.instant("2025-07-01T12:00:00Z")))
    }

    @Test func redactionKeepsOnlySharedFields() throws {
        let view = PartnerView.redact(Self.student, under: Self.consent)
        #expect(view == StudentRecord(grade: "7", languages: [.spanish, .english]))

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(view), as: UTF8.self)
        #expect(json == #"{"grade":"7","languages":["es","en"]}"#)

        var everything = Self.consent
        everything.sharedFields = Set(SharedField.allCases)
        #expect(PartnerView.redact(Self.student, under: everything) == Self.student)

        var nothing = Self.consent
        nothing.sharedFields = []
        #expect(PartnerView.redact(Self.student, under: nothing) == StudentRecord())

        var idAndSchool = Self.consent
        idAndSchool.sharedFields = [.districtStudentID, .school, .groups, .age]
        #expect(
            PartnerView.redact(Self.student, under: idAndSchool)
                == StudentRecord(
                    districtStudentID: "S-000123", schoolID: "school-lincoln-ms", age: 12,
                    groups: [.englishLearner, .lowIncome]))
    }

    @Test func partnerSeesNothingWithoutCoveringConsent() {
        let during = Fixtures.instant("2025-06-10T12:00:00Z")
        #expect(
            PartnerView.redact(Self.student, under: Self.consent, for: "org-clinic", on: during)
                == StudentRecord(grade: "7", languages: [.spanish, .english]))
        #expect(PartnerView.redact(Self.student, under: Self.consent, for: "org-food-bank", on: during) == nil)
        #expect(
            PartnerView.redact(
                Self.student, under: Self.consent, for: "org-clinic", on: Fixtures.instant("2025-10-01T12:00:00Z"))
                == nil)
        var revoked = Self.consent
        revoked.revokedAt = Fixtures.instant("2025-06-05T00:00:00Z")
        #expect(PartnerView.redact(Self.student, under: revoked, for: "org-clinic", on: during) == nil)
    }

    @Test func consentCodesWithSnakeCaseKeys() throws {
        var consent = Self.consent
        consent.sharedFields = [.grade]
        consent.revokedAt = Fixtures.instant("2025-06-15T12:00:00Z")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(consent), as: UTF8.self)
        #expect(
            json
                == #"{"expires_on":"2025-09-01","given_by":"guardian of synthetic student S-1","given_on":"2025-06-01","method":"written","organization_ids":["org-tutoring","org-clinic"],"revoked_at":"2025-06-15T12:00:00Z","shared_fields":["grade"]}"#
        )
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Consent.self, from: Data(json.utf8)) == consent)
    }
}

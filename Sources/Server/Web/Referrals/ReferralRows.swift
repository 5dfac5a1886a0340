import Directory
import Foundation
import Referrals
import Storage

/// One referral as a row of a list page: names instead of ids, the state written out.
struct ReferralRow: Sendable {
    let id: String
    let href: String
    /// The district's student id; empty for partners, who see student fields only on the referral page.
    let studentLabel: String
    let barrier: String
    let service: String
    /// The service's page (address, hours, how to apply).
    let serviceHref: String
    let organization: String
    let school: String
    let state: String
    let stateClass: String
    let created: String
    let sent: String
    let intakeDate: String?
    let followUpMessage: String?
    let followUpSince: String?
    /// Who made the referral and how to reach them (issue 22 item 2).
    let coordinator: ContactLine?
    /// The wait the partner stated when it waitlisted the referral.
    let expectedWait: String?
    /// With `withStudents` only (the partner's inbox cards): the student fields and the note as the
    /// consent in force shares them, so the partner can decide before Accept.
    var studentFacts: [ReferralPages.Fact] = []
    /// Stored: templates read stored properties only (Mirror).
    var hasStudentFacts = false
    var note: String?
    /// A card under a consent in force that shares no student field says so.
    var nothingShared = false
    /// With `withStudents` only: the family's preferred contact when the consent in force shares it,
    /// so the partner can reach the family from the card (issue 22 item 2).
    var familyContact: [ReferralPages.Fact] = []
    var hasFamilyContact = false
}

/// Loads the names a list of referrals is shown with, in a handful of queries for the whole list.
struct ReferralRowBuilder: Sendable {
    let services: WebServices

    /// A partner's rows carry only what the consent in force shares (`PartnerView`): the need and
    /// the school may be withheld, and after the consent ends only state and dates remain.
    /// `withStudents`: with the student fields and the note the reader may read (the inbox's cards).
    func rows(_ due: [DueReferral], for user: User, withStudents: Bool = false) async throws -> [ReferralRow] {
        let referrals = due.map(\.referral)
        let names = try await Names.load(for: referrals, user: user, services: services)
        let views = try await services.referrals.views(of: referrals, for: user, now: services.clock(), withStudents: withStudents)
        return zip(due, views).map { item, view in
            let referral = item.referral
            var row = ReferralRow(
                id: referral.id, href: "/referrals/\(referral.id)",
                studentLabel: names.students[referral.studentID]?.districtStudentID ?? "",
                barrier: view.barrier.map { names.barriers[$0] ?? $0 } ?? PageLanguage.words.t("row.consent_ended"),
                service: names.services[referral.serviceID] ?? referral.serviceID, serviceHref: WebPaths.service(referral.serviceID),
                organization: names.organizations[referral.organizationID] ?? referral.organizationID,
                school: view.schoolID.map { names.schools[$0] ?? $0 } ?? PageLanguage.words.t("row.not_shared"),
                state: Labels.state(referral.state), stateClass: "state-\(referral.state.rawValue)",
                created: Labels.day(referral.createdAt), sent: Labels.day(referral.sentAt),
                intakeDate: referral.history.intakeDate?.description,
                followUpMessage: item.followUp.map(Labels.followUp), followUpSince: item.followUp?.dueSince.description,
                coordinator: view.coordinator.map(ContactLine.init),
                expectedWait: referral.state == .waitlisted ? referral.history.expectedWait.map(Labels.wait) : nil)
            if withStudents {
                row.studentFacts = ReferralPages.studentFacts(view.student, schools: names.schools)
                row.hasStudentFacts = !row.studentFacts.isEmpty
                row.note = view.note
                row.nothingShared = view.coveredByConsent && row.studentFacts.isEmpty
                row.familyContact = ReferralPages.contactFacts(view.familyContact)
                row.hasFamilyContact = !row.familyContact.isEmpty
            }
            return row
        }
    }

    /// Ids to words for everything a referral names.
    struct Names: Sendable {
        var students: [String: Student] = [:]
        var barriers: [String: String] = [:]
        var services: [String: String] = [:]
        var organizations: [String: String] = [:]
        var schools: [String: String] = [:]

        static func load(for referrals: [Referral], user: User, services web: WebServices) async throws -> Names {
            var names = Names()
            // Partners never get student rows here; what they may read comes redacted on the referral page.
            if AccessPolicy(user).readsStudentsInFull {
                names.students = try await web.referrals.students(ids: referrals.map(\.studentID), visibleTo: user)
            }
            names.barriers = Dictionary(try await web.directory.barriers().map { ($0.id, Labels.barrier($0.id, $0.label)) }, uniquingKeysWith: { a, _ in a })
            names.schools = Dictionary(try await web.directory.schools().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let serviceIDs = Array(Set(referrals.map(\.serviceID)))
            names.services = Dictionary(try await web.directory.services(ids: serviceIDs).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            names.organizations = try await web.directory.organizationNames(Array(Set(referrals.map(\.organizationID))))
            return names
        }
    }
}

import Directory
import Foundation
import Referrals
import SocialCareFHIR
import Testing
import TestSupport

/// Referrals in every state, made by the state machine itself (so the histories are ones the
/// store could hold), as school staff and as the receiving partner see them.
enum Sample {
    static let now = Date(timeIntervalSince1970: 1_795_446_000)  // Monday 23 November 2026, 15:00 UTC
    static let organizationID = "org-harbor"
    static let studentID = "stu_0001"
    static let pseudonym = "pst_0123456789abcdef0123456789abcdef"
    static let student = StudentRecord(
        districtStudentID: "D-7781", schoolID: "sch-hoover", grade: "7", age: 12, languages: [.spanish, .english], groups: [])
    static let consent = Consent(
        organizationIDs: [organizationID, "org-other"], givenBy: "Rosa Example (mother)", method: .written,
        sharedFields: [.grade, .languages], givenOn: CalendarDate("2026-11-01")!, expiresOn: CalendarDate("2027-11-01")!)

    /// The commands that bring a new draft to `state`, by whom.
    static func path(to state: ReferralState) -> [(ReferralCommand, Role)] {
        let send = (ReferralCommand(.send), Role.coordinator)
        let accept = (ReferralCommand(.accept, note: "we have room"), Role.partner)
        let schedule = (ReferralCommand(.schedule, intakeDate: CalendarDate("2026-11-20")!), Role.partner)
        let confirm = (ReferralCommand(.confirmConnection, firstServiceDate: CalendarDate("2026-11-21")!, confirmedBy: .partner), Role.partner)
        let attempt = (ReferralCommand(.contactAttempt), Role.partner)
        switch state {
        case .draft: return []
        case .referred: return [send]
        case .accepted: return [send, accept]
        case .waitlisted: return [send, (ReferralCommand(.waitlist, expectedWait: .weeks(6)), .partner)]
        case .scheduled: return [send, accept, schedule]
        case .connected: return [send, accept, schedule, confirm]
        case .closed: return [send, accept, schedule, confirm, (ReferralCommand(.close), .coordinator)]
        case .declined: return [send, (ReferralCommand(.decline, reason: .noCapacity), .partner)]
        case .cancelled: return [send, (ReferralCommand(.cancel), .coordinator)]
        case .unreachable: return [send, attempt, attempt, attempt, (ReferralCommand(.markUnreachable), .partner)]
        case .enteredInError: return [send, (ReferralCommand(.markEnteredInError), .admin)]
        }
    }

    static func referral(in state: ReferralState) throws -> Referral {
        let referral = try referral(through: path(to: state))
        #expect(referral.state == state)
        return referral
    }

    static func referral(through path: [(ReferralCommand, Role)]) throws -> Referral {
        var history = ReferralHistory()
        let machine = ReferralMachine()
        for (offset, (command, role)) in path.enumerated() {
            let event = try machine.decide(
                command, history: history, role: role, actorID: "user-\(role.rawValue)", consentCoversOrganization: true,
                now: now.addingTimeInterval(Double(offset - 20) * 3600))
            history = history.appending(event)
        }
        return Referral(
            id: "ref_00000000000000000042", studentID: studentID, serviceID: "svc-harbor-counseling", organizationID: organizationID,
            schoolID: "sch-hoover", barrier: "food_insecurity", tier: 2, state: history.state, version: history.version,
            note: "Family asked for evening hours.", createdBy: "user-coordinator", createdAt: now.addingTimeInterval(-30 * 3600),
            updatedAt: history.events.last?.at ?? now.addingTimeInterval(-30 * 3600), events: history.events)
    }

    static let coordinator = CoordinatorContact(userID: "user-coordinator", name: "Dana Coordinator", email: "dana@district.example", phone: nil)

    static func schoolView(_ referral: Referral) -> ReferralView {
        var view = ReferralView.whole(referral, student: student)
        view.coordinator = coordinator
        return view
    }

    static func partnerView(_ referral: Referral, consent: Consent?) -> ReferralView {
        var view = PartnerView.view(of: referral, student: student, under: consent, pseudonym: pseudonym)
        view.coordinator = coordinator
        return view
    }

    /// The bundle, recorded for `scripts/validate-fhir.py`, and its JSON text.
    static func bundle(_ view: ReferralView, forPartner: Bool, consent: Consent?, name: String) throws -> (FHIRBundle, String) {
        let bundle = ReferralBundle.make(.init(view: view, forPartner: forPartner, consent: consent, now: now))
        let data = try FHIRJSON.encode(bundle)
        try FHIROutput.record(data, name: "unit-\(name)")
        return (bundle, String(decoding: data, as: UTF8.self))
    }
}

@Suite("FHIR referral bundle")
struct ReferralBundleTests {
    @Test(arguments: ReferralState.allCases)
    func everyStateMapsToATaskStatusAndBack(state: ReferralState) throws {
        let referral = try Sample.referral(in: state)
        let (bundle, _) = try Sample.bundle(
            Sample.schoolView(referral), forPartner: false, consent: Sample.consent, name: "state-\(state.rawValue)")
        let task = try #require(bundle.task)
        #expect(task.status == state.fhirTaskStatus.rawValue)
        let status = try #require(task.status.flatMap(FHIRTaskStatus.init(rawValue:)))
        #expect(ReferralStatusMapping.state(status: status, businessStatus: task.businessStatus) == state)
        #expect(task.meta?.versionId == String(referral.version))
    }

    @Test func theMappingIsDesignMdsTable() {
        let expected: [ReferralState: String] = [
            .draft: "draft", .referred: "requested", .accepted: "accepted", .waitlisted: "on-hold", .scheduled: "in-progress",
            .connected: "completed", .closed: "completed", .declined: "rejected", .cancelled: "cancelled", .unreachable: "failed",
            .enteredInError: "entered-in-error",
        ]
        for state in ReferralState.allCases {
            #expect(state.fhirTaskStatus.rawValue == expected[state], "\(state)")
        }
        // Without a businessStatus, completed reads as connected (the state a completed Task first reaches).
        #expect(ReferralStatusMapping.state(status: .completed) == .connected)
    }

    @Test func declinesScheduledAndWaitlistedCarryTheirDetail() throws {
        let declined = try #require(ReferralBundle.make(.init(
            view: Sample.schoolView(try Sample.referral(in: .declined)), forPartner: false, consent: nil, now: Sample.now)).task)
        #expect(declined.statusReason?.coding?.first?.system == FHIRSystem.declineReason)
        #expect(declined.statusReason?.coding?.first?.code == "no_capacity")
        #expect(declined.statusReason?.text == "No capacity")

        let scheduled = try #require(ReferralBundle.make(.init(
            view: Sample.schoolView(try Sample.referral(in: .scheduled)), forPartner: false, consent: nil, now: Sample.now)).task)
        #expect(scheduled.businessStatus?.codes(in: FHIRSystem.referralState) == ["scheduled"])
        #expect(scheduled.executionPeriod?.start == "2026-11-20")
        #expect(scheduled.statusReason == nil)

        let waitlisted = try #require(ReferralBundle.make(.init(
            view: Sample.schoolView(try Sample.referral(in: .waitlisted)), forPartner: false, consent: nil, now: Sample.now)).task)
        #expect(waitlisted.businessStatus?.codes(in: FHIRSystem.referralState) == ["waitlisted"])
        #expect(waitlisted.output(.expectedWaitWeeks)?.valueInteger == 6)

        let connected = try #require(ReferralBundle.make(.init(
            view: Sample.schoolView(try Sample.referral(in: .connected)), forPartner: false, consent: nil, now: Sample.now)).task)
        #expect(connected.executionPeriod?.start == "2026-11-21")
        #expect(connected.output(.confirmedBy)?.valueCode == "partner")
        #expect(connected.businessStatus?.codes(in: FHIRSystem.referralState) == ["connected"])
    }

    /// TaskForReferralManagement, SDOHCC ServiceRequest and SDOHCC Consent (STU 2): the elements
    /// each profile makes mandatory, and references that resolve inside the bundle.
    @Test func eachResourceHasItsProfilesRequiredElements() throws {
        let referral = try Sample.referral(in: .accepted)
        let (bundle, _) = try Sample.bundle(Sample.schoolView(referral), forPartner: false, consent: Sample.consent, name: "school-accepted")
        #expect(bundle.type == "collection")
        let urls = Set(bundle.entry.map(\.fullUrl))
        #expect(urls.count == bundle.entry.count)
        #expect(urls.allSatisfy { $0.hasPrefix("urn:uuid:") })
        for entry in bundle.entry {
            let id: String? = switch entry.resource {
            case .task(let r): r.id
            case .serviceRequest(let r): r.id
            case .consent(let r): r.id
            case .patient(let r): r.id
            case .practitioner(let r): r.id
            case .practitionerRole(let r): r.id
            }
            #expect(entry.fullUrl == "urn:uuid:\(id ?? "")")
            // FHIR ids: [A-Za-z0-9\-\.]{1,64}
            #expect(id?.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") } == true)
        }

        let task = try #require(bundle.task)
        #expect(task.meta?.profile == [FHIRProfile.taskForReferralManagement])
        #expect(task.status == "accepted")
        #expect(task.intent == "order")
        #expect(task.code?.coding?.first?.system == "http://hl7.org/fhir/CodeSystem/task-code")
        #expect(task.code?.coding?.first?.code == "fulfill")
        #expect(task.focus?.reference.map(urls.contains) == true)
        #expect(task.for?.reference.map(urls.contains) == true)
        #expect(task.requester?.reference.map(urls.contains) == true)
        #expect(task.authoredOn == FHIRInstant.text(referral.createdAt))
        #expect(task.owner?.type == "Organization")
        #expect(task.owner?.identifier?.value == Sample.organizationID)
        #expect(task.identifier?.first?.value == referral.id)
        #expect(task.lastModified! >= task.authoredOn!)

        let request = try #require(bundle.serviceRequest)
        #expect(task.focus?.reference == bundle.entry.first { if case .serviceRequest = $0.resource { true } else { false } }?.fullUrl)
        #expect(request.meta?.profile == [FHIRProfile.serviceRequest])
        #expect(request.status == "active")
        #expect(request.intent == "order")
        #expect(request.category?.first?.coding?.first == FHIRCoding(
            system: "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes", code: "food-insecurity",
            display: "Food Insecurity"))
        #expect(request.code?.codes(in: FHIRSystem.barrier) == ["food_insecurity"])
        #expect(request.subject?.reference == task.for?.reference)
        #expect(request.note?.first?.text == "Family asked for evening hours.")

        let consent = try #require(bundle.consent)
        #expect(consent.meta?.profile == [FHIRProfile.consent])
        #expect(consent.status == "active")
        #expect(consent.scope?.coding?.first?.code == "patient-privacy")
        #expect(consent.category?.first?.coding?.first?.code == "59284-0")
        #expect(consent.patient?.reference == task.for?.reference)
        #expect(consent.dateTime == "2026-11-01")
        #expect(consent.policyRule != nil)
        #expect(consent.provision?.type == "permit")
        #expect(consent.provision?.period == FHIRPeriod(start: "2026-11-01", end: "2027-10-31"))
        #expect(consent.provision?.actor?.compactMap(\.reference.identifier?.value) == [Sample.organizationID, "org-other"])
        #expect(consent.provision?.code?.flatMap { $0.codes(in: FHIRSystem.sharedField) } == ["grade", "languages"])
        #expect(consent.performer?.first?.display == "Rosa Example (mother)")
        #expect(consent.organization?.first?.identifier == FHIRIdentifier(system: FHIRSystem.schoolID, value: "sch-hoover"))
        #expect(consent.sourceAttachment?.title == "Family consent (written) recorded by the school")

        let patient = try #require(bundle.patient)
        #expect(patient.identifier?.first == FHIRIdentifier(system: FHIRSystem.studentID, value: Sample.studentID))
        #expect(patient.identifier?.contains(FHIRIdentifier(system: FHIRSystem.districtStudentID, value: "D-7781")) == true)
        #expect(patient.communication?.compactMap { $0.language.coding?.first?.code } == ["es", "en"])

        // The requester is a PractitionerRole (the profile allows that or an Organization) of the coordinator.
        let role = try #require(bundle.practitionerRole)
        #expect(task.requester?.type == "PractitionerRole")
        #expect(task.requester?.reference == bundle.entry.first { if case .practitionerRole = $0.resource { true } else { false } }?.fullUrl)
        #expect(request.requester == task.requester)
        #expect(role.telecom?.first == FHIRContactPoint(system: "email", value: "dana@district.example"))
        let practitioner = try #require(bundle.practitioner)
        #expect(role.practitioner?.reference == bundle.entry.first { if case .practitioner = $0.resource { true } else { false } }?.fullUrl)
        #expect(practitioner.name == [FHIRHumanName(text: "Dana Coordinator")])
    }

    @Test func aPartnerSeesItsPseudonymAndOnlyTheConsentedFields() throws {
        let referral = try Sample.referral(in: .referred)
        let covering = PartnerView.covering([Sample.consent], organizationID: Sample.organizationID, on: Sample.now)
        let (bundle, text) = try Sample.bundle(
            Sample.partnerView(referral, consent: covering), forPartner: true, consent: covering, name: "partner-referred")
        #expect(!text.contains(Sample.studentID))
        #expect(!text.contains("D-7781"))  // not shared
        #expect(!text.contains("Rosa Example"))  // who signed: school staff only
        #expect(!text.contains("org-other"))  // the family's other recipients are not this partner's business
        #expect(!text.contains("evening hours"))  // the note is not shared
        let patient = try #require(bundle.patient)
        #expect(patient.identifier == [FHIRIdentifier(
            system: FHIRSystem.pseudonym(organizationID: Sample.organizationID), value: Sample.pseudonym)])
        #expect(patient.communication?.count == 2)  // languages are shared
        let consent = try #require(bundle.consent)
        #expect(consent.provision?.actor?.compactMap(\.reference.identifier?.value) == [Sample.organizationID])
        #expect(consent.performer == nil)
        #expect(!text.contains("sch-hoover"))  // the school is not shared: the custodian is named generically
        #expect(consent.organization?.first?.display == "The student's school district")
        #expect(bundle.serviceRequest?.code?.codes(in: FHIRSystem.barrier) == ["food_insecurity"])
    }

    @Test func aPartnerWhoseConsentEndedSeesTheTaskButNotTheNeed() throws {
        let referral = try Sample.referral(in: .scheduled)
        let (bundle, text) = try Sample.bundle(
            Sample.partnerView(referral, consent: nil), forPartner: true, consent: nil, name: "partner-consent-ended")
        #expect(bundle.consent == nil)
        #expect(!text.contains("food"))
        #expect(bundle.serviceRequest?.code == .masked)
        #expect(bundle.serviceRequest?.category == nil)
        #expect(bundle.patient?.communication == nil)
        #expect(bundle.task?.status == "in-progress")
        #expect(bundle.task?.executionPeriod?.start == "2026-11-20")
    }

    /// A family's "yes, we started" on the check-in page: completed like any connection, and the
    /// Task says the family confirmed it (reports count those apart).
    @Test func aFamilyConfirmedConnectionIsCompletedAndSaysWhoConfirmedIt() throws {
        let referral = try Sample.referral(through: Sample.path(to: .accepted) + [
            (ReferralCommand(.familyConfirmConnection, firstServiceDate: CalendarDate("2026-11-21")!, confirmedBy: .family), .family)
        ])
        #expect(referral.state == .connected)
        let (bundle, _) = try Sample.bundle(Sample.schoolView(referral), forPartner: false, consent: Sample.consent, name: "family-confirmed")
        let task = try #require(bundle.task)
        #expect(task.status == "completed")
        #expect(task.output(.confirmedBy)?.valueCode == "family")
        #expect(task.executionPeriod?.start == "2026-11-21")
        #expect(task.businessStatus?.codes(in: FHIRSystem.referralState) == ["connected"])
        #expect(task.businessStatus?.text == "Connected; confirmed by the family")
    }

    @Test func theBundleDecodesBackToItself() throws {
        let referral = try Sample.referral(in: .closed)
        let bundle = ReferralBundle.make(.init(view: Sample.schoolView(referral), forPartner: false, consent: Sample.consent, now: Sample.now))
        let decoded = try FHIRJSON.decode(FHIRBundle.self, from: try FHIRJSON.encode(bundle))
        #expect(decoded == bundle)
        #expect(ReferralStatusMapping.state(status: .completed, businessStatus: decoded.task?.businessStatus) == .closed)
    }
}

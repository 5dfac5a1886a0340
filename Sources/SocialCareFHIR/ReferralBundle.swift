import Directory
import Foundation
import Referrals

/// Builds the FHIR Bundle of one referral from what its reader may see — the `ReferralView` the
/// JSON reply is made from and the consent in force — so the two replies cannot disagree on access:
///
/// - `Task` (TaskForReferralManagement): status, statusReason, businessStatus per
///   `ReferralStatusMapping`; `meta.versionId` is the referral's version (the `If-Match` for updates).
/// - `ServiceRequest`: category SDOH and code the barrier; masked (data-absent-reason) for a
///   partner whose consent has ended, as the JSON reply drops the barrier then.
/// - `Consent`: only while one is in force for the receiving organization; a partner sees itself
///   as the only recipient and not who signed it.
/// - `Patient`: the student id for school staff, the organization's pseudonym for a partner, plus
///   the district student number and languages when the view carries them.
/// - `PractitionerRole` (the requester) and `Practitioner`: the coordinator, as their profile states them.
public enum ReferralBundle {
    public struct Input: Sendable {
        public var view: ReferralView
        /// True when the reader is the receiving partner (the view is `PartnerView`'s).
        public var forPartner: Bool
        /// The consent in force for the referral's organization, as the reader's lens judged it.
        public var consent: Consent?
        public var now: Date

        public init(view: ReferralView, forPartner: Bool, consent: Consent?, now: Date) {
            self.view = view
            self.forPartner = forPartner
            self.consent = consent
            self.now = now
        }
    }

    public static func make(_ input: Input) -> FHIRBundle {
        let view = input.view
        let referral = view.referral
        let history = ReferralHistory(events: view.events)
        let patient = patient(input)
        let practitioner = practitioner(view)
        let role = practitionerRole(view, practitioner: practitioner.url)
        let request = serviceRequest(view, patient: patient.url, requester: role.url)
        var task = task(view, history: history, focus: request.url, patient: patient.url, requester: role.url)
        task.id = ResourceURL.id("Task/\(referral.id)")
        var entries: [FHIRBundle.Entry] = [
            FHIRBundle.Entry(fullUrl: ResourceURL.urn("Task/\(referral.id)"), resource: .task(task)),
            FHIRBundle.Entry(fullUrl: request.url, resource: .serviceRequest(request.resource)),
            FHIRBundle.Entry(fullUrl: patient.url, resource: .patient(patient.resource)),
            FHIRBundle.Entry(fullUrl: role.url, resource: .practitionerRole(role.resource)),
            FHIRBundle.Entry(fullUrl: practitioner.url, resource: .practitioner(practitioner.resource)),
        ]
        if view.coveredByConsent, let consent = input.consent {
            let made = self.consent(
                consent, referral: referral, schoolID: view.schoolID, forPartner: input.forPartner, patient: patient.url)
            entries.append(FHIRBundle.Entry(fullUrl: made.url, resource: .consent(made.resource)))
        }
        return FHIRBundle(
            id: ResourceURL.id("Bundle/\(referral.id)/\(referral.version)/\(input.forPartner ? "partner" : "school")"),
            meta: FHIRMeta(lastUpdated: FHIRInstant.text(referral.updatedAt)), timestamp: FHIRInstant.text(input.now), entry: entries)
    }

    /// The Task alone, as a reply to a Task update.
    public static func task(_ input: Input) -> FHIRTask {
        make(input).task!
    }

    // MARK: resources

    static func task(_ view: ReferralView, history: ReferralHistory, focus: String, patient: String, requester: String) -> FHIRTask {
        let referral = view.referral
        var task = FHIRTask()
        task.meta = FHIRMeta(
            versionId: String(referral.version), lastUpdated: FHIRInstant.text(referral.updatedAt),
            profile: [FHIRProfile.taskForReferralManagement])
        task.identifier = [FHIRIdentifier(system: FHIRSystem.referralID, value: referral.id)]
        task.status = referral.state.fhirTaskStatus.rawValue
        task.statusReason = ReferralStatusMapping.statusReason(for: referral.state, history: history)
        task.businessStatus = ReferralStatusMapping.businessStatus(for: referral.state, history: history)
        task.intent = "order"
        task.code = FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.taskCode, code: "fulfill", display: "Fulfill the focal request"))
        task.focus = FHIRReference(reference: focus, type: "ServiceRequest")
        task.for = FHIRReference(reference: patient, type: "Patient")
        task.authoredOn = FHIRInstant.text(referral.createdAt)
        task.lastModified = FHIRInstant.text(max(referral.updatedAt, referral.createdAt))
        task.requester = FHIRReference(reference: requester, type: "PractitionerRole")
        task.owner = organization(referral.organizationID)
        var outputs: [FHIRTask.Output] = []
        switch referral.state {
        case .scheduled:
            task.executionPeriod = history.intakeDate.map { FHIRPeriod(start: $0.description) }
        case .waitlisted:
            switch history.expectedWait {
            case .weeks(let weeks)?: outputs.append(.init(.expectedWaitWeeks, integer: weeks))
            case .notKnown?: outputs.append(.init(.expectedWaitNotKnown, boolean: true))
            case nil: break
            }
        case .connected, .closed:
            task.executionPeriod = history.firstServiceDate.map { FHIRPeriod(start: $0.description) }
            if let confirmer = history.confirmedBy { outputs.append(.init(.confirmedBy, code: confirmer.rawValue)) }
        default:
            break
        }
        task.output = outputs.isEmpty ? nil : outputs
        return task
    }

    static func serviceRequest(_ view: ReferralView, patient: String, requester: String) -> (url: String, resource: FHIRServiceRequest) {
        let referral = view.referral
        var request = FHIRServiceRequest()
        request.id = ResourceURL.id("ServiceRequest/\(referral.id)")
        request.meta = FHIRMeta(profile: [FHIRProfile.serviceRequest])
        request.identifier = [FHIRIdentifier(system: FHIRSystem.referralID, value: referral.id)]
        request.status = serviceRequestStatus(referral.state)
        request.intent = "order"
        if let barrier = view.barrier {
            request.category = [FHIRCodeableConcept(SDOHCategory.coding(forBarrier: barrier))]
            request.code = FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.barrier, code: barrier), text: barrier.replacingOccurrences(of: "_", with: " "))
        } else {
            request.code = .masked
        }
        request.subject = FHIRReference(reference: patient, type: "Patient")
        request.authoredOn = FHIRInstant.text(referral.createdAt)
        request.requester = FHIRReference(reference: requester, type: "PractitionerRole")
        request.performer = [
            organization(referral.organizationID),
            FHIRReference(type: "HealthcareService", identifier: FHIRIdentifier(system: FHIRSystem.serviceID, value: referral.serviceID)),
        ]
        request.note = view.note.map { [FHIRAnnotation(text: $0)] }
        return (ResourceURL.urn("ServiceRequest/\(referral.id)"), request)
    }

    /// The request stays active while the loop is open; it is done when the family connected and
    /// revoked when this referral ended without a connection (a new one is a new request).
    static func serviceRequestStatus(_ state: ReferralState) -> String {
        switch state {
        case .draft: "draft"
        case .referred, .accepted, .waitlisted, .scheduled: "active"
        case .connected, .closed: "completed"
        case .declined, .cancelled, .unreachable: "revoked"
        case .enteredInError: "entered-in-error"
        }
    }

    static func patient(_ input: Input) -> (url: String, resource: FHIRPatient) {
        let view = input.view
        let key = "Patient/\(view.studentKey)"
        var patient = FHIRPatient()
        patient.id = ResourceURL.id(key)
        var identifiers = [
            input.forPartner
                ? FHIRIdentifier(system: FHIRSystem.pseudonym(organizationID: view.referral.organizationID), value: view.studentKey)
                : FHIRIdentifier(system: FHIRSystem.studentID, value: view.studentKey)
        ]
        if let number = view.student?.districtStudentID {
            identifiers.append(FHIRIdentifier(system: FHIRSystem.districtStudentID, value: number))
        }
        patient.identifier = identifiers
        if let languages = view.student?.languages, !languages.isEmpty {
            patient.communication = languages.map {
                FHIRPatient.Communication(language: FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.bcp47, code: $0.rawValue)))
            }
        }
        return (ResourceURL.urn(key), patient)
    }

    static func practitioner(_ view: ReferralView) -> (url: String, resource: FHIRPractitioner) {
        let key = "Practitioner/\(view.referral.createdBy)"
        var practitioner = FHIRPractitioner()
        practitioner.id = ResourceURL.id(key)
        practitioner.name = view.coordinator?.name.map { [FHIRHumanName(text: $0)] }
        practitioner.telecom = telecom(view.coordinator)
        return (ResourceURL.urn(key), practitioner)
    }

    static func practitionerRole(_ view: ReferralView, practitioner: String) -> (url: String, resource: FHIRPractitionerRole) {
        let key = "PractitionerRole/\(view.referral.createdBy)"
        var role = FHIRPractitionerRole()
        role.id = ResourceURL.id(key)
        role.practitioner = FHIRReference(reference: practitioner, type: "Practitioner")
        role.code = [FHIRCodeableConcept(text: "School referral coordinator")]
        role.telecom = telecom(view.coordinator)
        return (ResourceURL.urn(key), role)
    }

    static func telecom(_ contact: CoordinatorContact?) -> [FHIRContactPoint]? {
        guard let contact else { return nil }
        return [FHIRContactPoint(system: "email", value: contact.email)]
            + (contact.phone.map { [FHIRContactPoint(system: "phone", value: $0)] } ?? [])
    }

    static func consent(
        _ consent: Consent, referral: Referral, schoolID: String?, forPartner: Bool, patient: String
    ) -> (url: String, resource: FHIRConsent) {
        let key = "Consent/\(referral.id)"
        var resource = FHIRConsent()
        resource.id = ResourceURL.id(key)
        resource.meta = FHIRMeta(profile: [FHIRProfile.consent])
        resource.status = "active"
        resource.scope = FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.consentScope, code: "patient-privacy", display: "Privacy Consent"))
        resource.category = [
            FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.loinc, code: "59284-0", display: "Patient Consent")),
            FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.actCode, code: "IDSCL", display: "information disclosure")),
        ]
        resource.patient = FHIRReference(reference: patient, type: "Patient")
        resource.dateTime = consent.givenOn.description
        // Who signed is the family's name as the school wrote it: school staff only.
        resource.performer = forPartner ? nil : [FHIRReference(type: "RelatedPerson", display: consent.givenBy)]
        // The custodian: the school that recorded it, named only to a reader who may see the school.
        resource.organization = [schoolID.map {
            FHIRReference(type: "Organization", identifier: FHIRIdentifier(system: FHIRSystem.schoolID, value: $0))
        } ?? FHIRReference(type: "Organization", display: "The student's school district")]
        resource.sourceAttachment = FHIRAttachment(
            title: "Family consent (\(consent.method.rawValue)) recorded by the school", creation: consent.givenOn.description)
        resource.policyRule = FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.actCode, code: "OPTIN", display: "opt-in"))
        // The consent covers the days before `expiresOn`; FHIR's period end is the last day covered.
        let end = consent.expiresOn.map { CalendarDate(daysSinceEpoch: $0.daysSinceEpoch - 1).description }
        let recipients = forPartner ? [referral.organizationID] : consent.organizationIDs
        resource.provision = FHIRConsent.Provision(
            type: "permit", period: FHIRPeriod(start: consent.givenOn.description, end: end),
            actor: recipients.map {
                FHIRConsent.Actor(
                    role: FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.participationType, code: "IRCP", display: "information recipient")),
                    reference: organization($0))
            },
            code: consent.sharedFields.map(\.rawValue).sorted().map {
                FHIRCodeableConcept(FHIRCoding(system: FHIRSystem.sharedField, code: $0))
            })
        return (ResourceURL.urn(key), resource)
    }

    static func organization(_ id: String) -> FHIRReference {
        FHIRReference(type: "Organization", identifier: FHIRIdentifier(system: FHIRSystem.organizationID, value: id))
    }
}

/// Resource ids and `urn:uuid:` full URLs: UUIDv5 (RFC 9562) of the resource's key, so they are
/// valid FHIR ids (our `ref_…` ids have an underscore FHIR ids do not allow), stable across reads,
/// and reveal nothing of a student id.
enum ResourceURL {
    /// UUIDv5 namespace: RFC 9562's URL namespace and the name "urn:closeloop:fhir".
    static let namespace = HSDSIdentifier.uuidV5(
        namespace: UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!, name: "urn:closeloop:fhir")

    static func id(_ key: String) -> String {
        HSDSIdentifier.uuidV5(namespace: namespace, name: key).uuidString.lowercased()
    }

    static func urn(_ key: String) -> String { "urn:uuid:\(id(key))" }
}

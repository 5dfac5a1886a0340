import Directory
import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// Create a referral: pick the student (or register one), the barrier and tier for a chosen
/// service, record the family's consent for its organization if none is on file, then save a
/// draft or send it straight away.
struct ReferralDraftPages: Sendable {
    let services: WebServices

    struct NewPage {
        let frame: PageFrame
        let serviceKnown: Bool
        let serviceID: String
        let serviceName: String
        let organizationName: String
        let students: [Option]
        let hasStudents: Bool
        let registerHref: String
        let barriers: [Option]
        let tiers: [Option]
        let note: String
        let consentOnFile: String?
        let consentForm: ConsentForm
        /// The student's open referral to this service, when a new one was refused for it.
        let existingReferralID: String?
        let duplicateReason: String
    }

    @Sendable func showNew(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let form = context.queryForm(request)
        return try await newPage(request, context: context, user: user, form: form, notice: Notice.text(form["notice"]), error: nil, status: .ok)
    }

    @Sendable func create(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(CoordinatorPages.roles, request)
        let form = context.form
        let now = services.clock()
        func again(_ message: String) async throws -> Response {
            try await newPage(request, context: context, user: user, form: form, notice: nil, error: message, status: .unprocessableContent)
        }
        guard let studentID = form["student_id"] else { return try await again(context.words.t("draft.choose_student")) }
        guard let serviceID = form["service_id"], let service = try await services.directory.service(id: serviceID) else {
            return try await again(context.words.t("draft.choose_service"))
        }
        guard let barrier = form["barrier"] else { return try await again(context.words.t("draft.choose_barrier")) }
        let tier = form["tier"].map { text in Int(text) ?? 0 }  // not a number: refused by the use case's 1–3, as on the API
        if form["record_consent"] == "yes" {
            do {
                let consent = try ConsentForm.consent(from: form, organizationIDs: [service.organizationID])
                _ = try await services.useCases.consents.record(consent, forStudent: studentID, by: user, now: now)
            } catch let error as ConsentForm.Invalid {
                return try await again(context.words.t("draft.consent_incomplete", ["problem": error.message]))
            } catch let violation as InputLimitViolation {
                return try await again(context.words.t("draft.nothing_saved", ["problem": RefusalWords.text(violation)]))
            } catch let error as ReferralStoreError {
                return try await again(context.words.t("draft.nothing_saved", ["problem": RefusalWords.text(error)]))
            }
        }
        let referral: Referral
        do {
            referral = try await services.useCases.actions.start(
                NewReferral(studentID: studentID, serviceID: serviceID, barrier: barrier, tier: tier,
                            note: form["note"], duplicateReason: form["duplicate_reason"]),
                by: user, now: now)
        } catch ReferralStoreError.openReferralExists(let existing) {
            // The API's 409: the form comes back with a link to the open referral and a field for the reason.
            return try await newPage(request, context: context, user: user, form: form, notice: nil,
                                     error: context.words.t("draft.open_referral_exists"),
                                     status: .conflict, existingReferralID: existing)
        } catch let violation as InputLimitViolation {
            return try await again(context.words.t("draft.not_saved", ["problem": RefusalWords.text(violation)]))
        } catch let error as ReferralStoreError {
            return try await again(context.words.t("draft.not_saved", ["problem": RefusalWords.text(error)]))
        }
        guard form["then"] == "send" else {
            return PageRenderer.seeOther("/referrals/\(referral.id)?notice=referral_created")
        }
        do {
            _ = try await services.useCases.actions.apply(ReferralCommand(.send), toReferral: referral.id, expectedVersion: referral.version,
                                                          by: user, now: now)
        } catch let error as ReferralStoreError {
            return try await ReferralPages(services: services).page(
                request, context: context, user: user, id: referral.id, notice: nil,
                error: context.words.t("draft.saved_not_sent", ["problem": RefusalWords.text(error)]), status: .unprocessableContent)
        }
        return PageRenderer.seeOther("/referrals/\(referral.id)?notice=send")
    }

    private func newPage(
        _ request: Request, context: WebRequestContext, user: User, form: FormData, notice: String?, error: String?,
        status: HTTPResponse.Status, existingReferralID: String? = nil
    ) async throws -> Response {
        let now = services.clock()
        let serviceID = form["service_id"] ?? form["service"]
        let service = try await serviceID.asyncFlatMap { try await services.directory.service(id: $0) }
        let organizationName = try await service.asyncFlatMap { try await services.directory.organization(id: $0.organizationID)?.name } ?? ""
        let students = try await services.referrals.students(visibleTo: user, limit: 200)
        let chosenStudent = form["student_id"] ?? form["student"]
        let barriers = try await services.directory.barriers()
        // Barriers this service serves come first: those are the ones a coordinator will mean.
        let served = Set(service.map { service in barriers.filter { $0.isServed(by: service) }.map(\.id) } ?? [])
        let orderedBarriers = barriers.filter { served.contains($0.id) } + barriers.filter { !served.contains($0.id) }
        let chosenBarrier = form["barrier"]
        let tier = form["tier"] ?? "2"
        var consentOnFile: String?
        if let student = chosenStudent, let service {
            if let stored = try await services.useCases.consents.inForce(forStudent: student, organizationID: service.organizationID, now: now) {
                let w = context.words
                consentOnFile = w.t("consent.on_file", ["method": Labels.word("consent_method", stored.consent.method.rawValue),
                                                        "day": stored.consent.givenOn.description, "by": stored.consent.givenBy])
                    + (stored.consent.expiresOn.map { w.t("consent.until", ["day": $0.description]) } ?? "")
            }
        }
        return services.renderer.render("referral-new", NewPage(
            frame: PageFrame(title: context.words.t("referral_new.title"), context: context, path: "/coordinator/referrals/new", notice: notice, error: error),
            serviceKnown: service != nil, serviceID: service?.id ?? "", serviceName: service?.name ?? "", organizationName: organizationName,
            students: students.map {
                Option(value: $0.id, label: context.words.t("match.student_option", ["id": $0.districtStudentID, "grade": $0.grade ?? "?"]), selected: $0.id == chosenStudent)
            },
            hasStudents: !students.isEmpty,
            registerHref: "/coordinator/students/new" + WebPaths.query([("service", service?.id), ("barrier", chosenBarrier), ("tier", tier)]),
            barriers: orderedBarriers.map {
                Option(value: $0.id, label: Labels.barrier($0.id, $0.label) + (served.contains($0.id) ? "" : " " + context.words.t("referral_new.not_focus")),
                       selected: $0.id == chosenBarrier)
            },
            tiers: ["1", "2", "3"].map { Option(value: $0, label: context.words.t("tier.\($0)"), selected: $0 == tier) },
            note: form["note"] ?? "", consentOnFile: consentOnFile,
            consentForm: ConsentForm(form: form, today: services.useCases.consents.today(now), organizationsOffered: [],
                                     organizationName: organizationName),
            existingReferralID: existingReferralID, duplicateReason: form["duplicate_reason"] ?? ""),
            status: status)
    }
}

extension Optional {
    /// `flatMap` for an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

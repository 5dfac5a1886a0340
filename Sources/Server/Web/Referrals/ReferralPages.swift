import Directory
import Foundation
import Hummingbird
import Notifications
import Referrals
import Storage
import Workflows

/// One referral: its facts, its history and the actions the user may take now — shared by the
/// coordinator and the receiving partner (who sees only what the family's consent shares).
struct ReferralPages: Sendable {
    let services: WebServices
    static let roles: Set<Role> = [.coordinator, .partner, .admin]

    func register(on web: RouterGroup<WebRequestContext>) {
        let drafts = ReferralDraftPages(services: services)
        web.get("coordinator/referrals/new", use: drafts.showNew)
        web.post("coordinator/referrals", use: drafts.create)
        web.get("referrals/:id", use: show)
        web.post("referrals/:id/actions", use: act)
        web.post("referrals/:id/phone-check-in", use: answerByPhone)
    }

    struct Page {
        let frame: PageFrame
        let referralID: String
        let version: Int
        let studentLabel: String
        let studentHref: String?
        let studentFacts: [Fact]
        let hasStudentFacts: Bool
        let studentWithheld: Bool
        /// A partner's view after the family's consent ended: only its own record is left.
        let consentEnded: Bool
        /// The family's preferred contact, only when the consent in force shares it (`PartnerView`).
        let familyContact: [Fact]
        let hasFamilyContact: Bool
        let facts: [Fact]
        let state: String
        let stateClass: String
        let followUpMessage: String?
        let actions: [ActionForm]
        let hasActions: Bool
        let events: [EventLine]
        let backHref: String
        let backLabel: String
        let coordinator: ContactLine?
        /// A check-in due for a phone-only family, for the staff who call.
        let phoneCheckIn: PhoneCheckInSection?
        /// Set when a first service dated before the scheduled intake needs a "yes, anyway".
        let confirmStep: ConfirmStep?
    }

    /// The question asked before recording a first service dated before the scheduled intake
    /// (the rule is the machine's: `ReferralMachine.intakeAfterFirstService`), with the submitted
    /// answers carried in hidden fields.
    struct ConfirmStep: Sendable {
        let question: String
        let button: String
        let returnTo: String
        let firstServiceDate: String
        let confirmedBy: String
        let note: String
    }

    struct Fact: Sendable {
        let label: String
        let value: String
        var href: String? = nil
    }

    struct EventLine {
        let at: String
        let action: String
        let change: String
        let role: String
        let details: String
        let note: String
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        return try await page(request, context: context, user: user, id: id,
                              notice: Notice.text(context.queryForm(request)["notice"]), error: nil, status: .ok)
    }

    @Sendable func act(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        let form = context.form
        let returnTo = form["return_to"].flatMap { WebPaths.isLocal($0) ? $0 : nil } ?? "/referrals/\(id)"
        let command: ReferralCommand
        switch ActionForms.command(from: form) {
        case .success(let parsed): command = parsed
        case .failure(let problem):
            return try await page(request, context: context, user: user, id: id, notice: nil,
                                  error: context.words.t("referral.unchanged", ["problem": problem.message]), status: .unprocessableContent)
        }
        do {
            _ = try await services.useCases.actions.apply(
                command, toReferral: id, expectedVersion: form["version"].flatMap(Int.init), by: user, now: services.clock())
        } catch let violation as InputLimitViolation {
            return try await page(request, context: context, user: user, id: id, notice: nil,
                                  error: context.words.t("referral.unchanged", ["problem": RefusalWords.text(violation)]), status: .unprocessableContent)
        } catch let error as ReferralStoreError {
            switch error {
            case .notFound: throw WebPageError.notFound(context.words.t("referral.not_found", ["id": id]))
            case .versionConflict:
                return try await page(request, context: context, user: user, id: id, notice: nil,
                                      error: context.words.t("referral.changed_meanwhile"), status: .conflict)
            case .versionRequired:
                // Every action form carries the version it was shown at; a form without it is not ours or was cut.
                return try await page(request, context: context, user: user, id: id, notice: nil,
                                      error: context.words.t("referral.version_missing"), status: .preconditionRequired)
            case .transition(.firstServiceBeforeIntake(let intake, let first)):
                let w = context.words
                let step = ConfirmStep(
                    question: w.t("confirm.question", ["intake": intake.description, "first": first.description]),
                    button: w.t("confirm.record_anyway", ["first": first.description]),
                    returnTo: returnTo, firstServiceDate: first.description, confirmedBy: command.confirmedBy?.rawValue ?? "",
                    note: command.note ?? "")
                // The API's status (422, first_service_before_intake): nothing was recorded until the answer.
                return try await page(request, context: context, user: user, id: id, notice: nil, error: nil,
                                      status: .unprocessableContent, confirmStep: step)
            default:
                // The API's status for the same refusal (403 a role that may not, 409 not from this state, 422 a field).
                return try await page(request, context: context, user: user, id: id, notice: nil,
                                      error: context.words.t("referral.unchanged", ["problem": Labels.refusal(error)]), status: Problem(error).status)
            }
        }
        let separator = returnTo.contains("?") ? "&" : "?"
        return PageRenderer.seeOther(returnTo + separator + "notice=" + command.action.rawValue)
    }

    func page(
        _ request: Request, context: WebRequestContext, user: User, id: String, notice: String?, error: String?,
        status: HTTPResponse.Status, confirmStep: ConfirmStep? = nil
    ) async throws -> Response {
        let now = services.clock()
        // Audited for partners inside the store: their read comes with student fields.
        let actions = services.useCases.actions
        let referral: Referral
        do {
            referral = try await actions.referral(id: id, visibleTo: user, now: now)
        } catch ReferralStoreError.notFound {
            throw WebPageError.notFound(context.words.t("referral.not_found", ["id": id]))
        }
        let names = try await ReferralRowBuilder.Names.load(for: [referral], user: user, services: services)
        // What this user may read of it: for a partner, the consent in force decides (PartnerView).
        let view = try await actions.view(of: referral, for: user, now: now)
        let record = view.student
        let history = referral.history
        let followUp = try await services.useCases.lists.followUp(on: referral, now: now)
        let consentCovers = try await actions.consentCovers(referral, now: now)
        let isPartner = user.role == .partner

        let w = context.words
        var facts: [Fact] = [Fact(label: w.t("inbox.referral_number"), value: referral.id)]
        if let barrier = view.barrier { facts.append(Fact(label: w.t("fact.barrier"), value: names.barriers[barrier] ?? barrier)) }
        facts.append(Fact(label: w.t("fact.service"), value: names.services[referral.serviceID] ?? referral.serviceID,
                          href: WebPaths.service(referral.serviceID)))
        facts.append(Fact(label: w.t("fact.organization"), value: names.organizations[referral.organizationID] ?? referral.organizationID))
        if let school = view.schoolID { facts.append(Fact(label: w.t("fact.referring_school"), value: names.schools[school] ?? school)) }
        if let tier = view.tier { facts.append(Fact(label: w.t("fact.tier"), value: w.t("fact.tier_n", ["tier": String(tier)]))) }
        facts.append(Fact(label: w.t("fact.created"), value: Labels.day(referral.createdAt)))
        if let sent = referral.sentAt { facts.append(Fact(label: w.t("fact.sent"), value: Labels.day(sent))) }
        if let date = history.intakeDate { facts.append(Fact(label: w.t("fact.intake_date"), value: date.description)) }
        if let date = history.firstServiceDate { facts.append(Fact(label: w.t("fact.first_service"), value: date.description)) }
        if let who = history.confirmedBy { facts.append(Fact(label: w.t("fact.confirmed_by"), value: Labels.word("confirmer", who.rawValue))) }
        if let reason = history.declineReason { facts.append(Fact(label: w.t("fact.decline_reason"), value: Labels.word("decline_reason", reason.rawValue))) }
        if referral.state == .waitlisted, let wait = history.expectedWait { facts.append(Fact(label: w.t("fact.expected_wait"), value: Labels.wait(wait))) }
        if history.contactAttemptCount > 0 { facts.append(Fact(label: w.t("fact.contact_attempts"), value: String(history.contactAttemptCount))) }
        if let note = view.note { facts.append(Fact(label: w.t("fact.note"), value: note)) }

        let studentFacts = Self.studentFacts(record, schools: names.schools)
        let student = names.students[referral.studentID]
        let returnTo = "/referrals/\(referral.id)"
        let events = view.events.reversed().map { event in
            EventLine(
                at: Self.timestamp(event.at), action: Labels.action(event.action),
                change: event.from == event.to ? Labels.state(event.to) : "\(Labels.state(event.from)) → \(Labels.state(event.to))",
                role: PageFrame.roleLabels[event.role] ?? event.role.rawValue,
                details: [
                    event.reason.map { w.t("event.reason", ["reason": Labels.word("decline_reason", $0.rawValue)]) },
                    event.intakeDate.map { w.t("event.intake", ["date": $0.description]) },
                    event.firstServiceDate.map { w.t("event.first_service", ["date": $0.description]) },
                    event.confirmedBy.map { w.t("event.confirmed_by", ["who": Labels.word("confirmer", $0.rawValue).lowercased()]) },
                    event.expectedWait.map { w.t("event.expected_wait", ["wait": Labels.wait($0)]) },
                    event.familyAnswer.map { w.t("event.family_answer", ["answer": w.t("checkin.answer.\($0.rawValue)").lowercased()]) },
                ].compactMap { $0 }.joined(separator: "; "),
                note: event.note ?? "")
        }
        let home = isPartner ? ("/partner/inbox", w.t("referral.back_inbox"))
            : (student.map { ("/coordinator/students/\($0.id)", w.t("referral.back_student", ["student": $0.districtStudentID])) } ?? ("/coordinator", w.t("common.back")))
        let forms = ActionForms.forms(for: referral, user: user, returnTo: returnTo, consentCoversOrganization: consentCovers,
                                      today: services.useCases.consents.today(now), showNote: true)
        return services.renderer.render("referral", Page(
            frame: PageFrame(title: view.barrier.map { w.t("referral.title_for", ["barrier": names.barriers[$0] ?? $0]) }
                                 ?? w.t("referral.title_id", ["id": referral.id]), context: context,
                           path: request.uri.path, notice: notice, error: error),
            referralID: referral.id, version: referral.version,
            studentLabel: student?.districtStudentID ?? record?.districtStudentID ?? "",
            studentHref: student.map { "/coordinator/students/\($0.id)" },
            studentFacts: studentFacts, hasStudentFacts: !studentFacts.isEmpty, studentWithheld: isPartner && record == nil && view.coveredByConsent,
            consentEnded: !view.coveredByConsent,
            familyContact: Self.contactFacts(view.familyContact), hasFamilyContact: view.familyContact != nil,
            facts: facts, state: Labels.state(referral.state), stateClass: "state-\(referral.state.rawValue)",
            followUpMessage: followUp.map(Labels.followUp), actions: forms, hasActions: !forms.isEmpty, events: events,
            backHref: home.0, backLabel: home.1, coordinator: view.coordinator.map(ContactLine.init),
            phoneCheckIn: try await phoneCheckIn(referral, user: user, words: w, now: now), confirmStep: confirmStep), status: status)
    }

    /// The family's preferred contact as facts, labelled in the page's language.
    static func contactFacts(_ contact: FamilyContact?) -> [Fact] {
        guard let contact else { return [] }
        let w = PageLanguage.words
        var facts = [
            Fact(label: w.t(contact.channel == .phone ? "family_contact.phone" : "family_contact.email"), value: contact.address,
                 href: contact.channel == .phone ? "tel:" + contact.address.filter { $0.isNumber || $0 == "+" } : "mailto:" + contact.address),
            Fact(label: w.t("family_contact.language"), value: Labels.language(contact.language)),
        ]
        if let best = contact.bestTime { facts.append(Fact(label: w.t("family_contact.best_time"), value: best)) }
        return facts
    }

    static func studentFacts(_ record: StudentRecord?, schools: [String: String]) -> [Fact] {
        guard let record else { return [] }
        let w = PageLanguage.words
        var facts: [Fact] = []
        if let id = record.districtStudentID { facts.append(Fact(label: w.t("fact.district_student_id"), value: id)) }
        if let school = record.schoolID { facts.append(Fact(label: w.t("fact.school"), value: schools[school] ?? school)) }
        if let grade = record.grade { facts.append(Fact(label: w.t("fact.grade"), value: grade)) }
        if let age = record.age { facts.append(Fact(label: w.t("form.age"), value: String(age))) }
        if let languages = record.languages, !languages.isEmpty {
            facts.append(Fact(label: w.t("form.family_languages"), value: languages.map(Labels.language).joined(separator: ", ")))
        }
        if let groups = record.groups, !groups.isEmpty {
            facts.append(Fact(label: w.t("fact.student_groups"), value: groups.map { Labels.word("group", $0.rawValue) }.sorted().joined(separator: ", ")))
        }
        return facts
    }

    /// In the district's time zone, with its abbreviation (`DistrictDisplay.dateTime`).
    static func timestamp(_ date: Date) -> String { Labels.dateTime(date) }
}

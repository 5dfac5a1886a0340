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
        /// Set when a first service dated before the scheduled intake needs a "yes, anyway".
        let confirmStep: ConfirmStep?
        let words = ReferralContactWords.english
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
                                  error: "Nothing was changed: \(problem.message).", status: .unprocessableContent)
        }
        do {
            _ = try await services.useCases.actions.apply(
                command, toReferral: id, expectedVersion: form["version"].flatMap(Int.init), by: user, now: services.clock())
        } catch let violation as InputLimitViolation {
            return try await page(request, context: context, user: user, id: id, notice: nil,
                                  error: "Nothing was changed: \(violation.description).", status: .unprocessableContent)
        } catch let error as ReferralStoreError {
            switch error {
            case .notFound: throw WebPageError.notFound("There is no referral \(id) that you can see.")
            case .versionConflict:
                return try await page(request, context: context, user: user, id: id, notice: nil,
                                      error: "Someone else changed this referral while you had it open, so nothing was changed. "
                                        + "This is its current state; choose again.", status: .conflict)
            case .versionRequired:
                // Every action form carries the version it was shown at; a form without it is not ours or was cut.
                return try await page(request, context: context, user: user, id: id, notice: nil,
                                      error: "The form did not say which version of this referral it showed, so nothing was changed. "
                                        + "This is its current state; choose again.", status: .preconditionRequired)
            case .transition(.firstServiceBeforeIntake(let intake, let first)):
                let words = ReferralContactWords.english
                let step = ConfirmStep(
                    question: words.beforeIntakeQuestion(intake.description, first.description), button: words.recordAnyway(first.description),
                    returnTo: returnTo, firstServiceDate: first.description, confirmedBy: command.confirmedBy?.rawValue ?? "",
                    note: command.note ?? "")
                // The API's status (422, first_service_before_intake): nothing was recorded until the answer.
                return try await page(request, context: context, user: user, id: id, notice: nil, error: nil,
                                      status: .unprocessableContent, confirmStep: step)
            default:
                // The API's status for the same refusal (403 a role that may not, 409 not from this state, 422 a field).
                return try await page(request, context: context, user: user, id: id, notice: nil,
                                      error: "Nothing was changed: \(Labels.refusal(error)).", status: Problem(error).status)
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
            throw WebPageError.notFound("There is no referral \(id) that you can see.")
        }
        let names = try await ReferralRowBuilder.Names.load(for: [referral], user: user, services: services)
        // What this user may read of it: for a partner, the consent in force decides (PartnerView).
        let view = try await actions.view(of: referral, for: user, now: now)
        let record = view.student
        let history = referral.history
        let followUp = try await services.useCases.lists.followUp(on: referral, now: now)
        let consentCovers = try await actions.consentCovers(referral, now: now)
        let isPartner = user.role == .partner

        let words = ReferralContactWords.english
        var facts: [Fact] = [Fact(label: words.referralNumber, value: referral.id)]
        if let barrier = view.barrier { facts.append(Fact(label: "Barrier", value: names.barriers[barrier] ?? barrier)) }
        facts.append(Fact(label: "Service", value: names.services[referral.serviceID] ?? referral.serviceID,
                          href: WebPaths.service(referral.serviceID)))
        facts.append(Fact(label: "Organization", value: names.organizations[referral.organizationID] ?? referral.organizationID))
        if let school = view.schoolID { facts.append(Fact(label: "Referring school", value: names.schools[school] ?? school)) }
        if let tier = view.tier { facts.append(Fact(label: "Tier", value: "Tier \(tier)")) }
        facts.append(Fact(label: "Created", value: Labels.day(referral.createdAt)))
        if let sent = referral.sentAt { facts.append(Fact(label: "Sent", value: Labels.day(sent))) }
        if let date = history.intakeDate { facts.append(Fact(label: "Intake date", value: date.description)) }
        if let date = history.firstServiceDate { facts.append(Fact(label: "First service", value: date.description)) }
        if let who = history.confirmedBy { facts.append(Fact(label: "Connection confirmed by", value: Labels.humanized(who.rawValue))) }
        if let reason = history.declineReason { facts.append(Fact(label: "Decline reason", value: Labels.humanized(reason.rawValue))) }
        if referral.state == .waitlisted, let wait = history.expectedWait { facts.append(Fact(label: words.expectedWait, value: words.wait(wait))) }
        if history.contactAttemptCount > 0 { facts.append(Fact(label: "Contact attempts", value: String(history.contactAttemptCount))) }
        if let note = view.note { facts.append(Fact(label: "Coordinator's note", value: note)) }

        let studentFacts = Self.studentFacts(record, schools: names.schools)
        let student = names.students[referral.studentID]
        let returnTo = "/referrals/\(referral.id)"
        let events = view.events.reversed().map { event in
            EventLine(
                at: Self.timestamp(event.at), action: Labels.action(event.action),
                change: event.from == event.to ? Labels.state(event.to) : "\(Labels.state(event.from)) → \(Labels.state(event.to))",
                role: PageFrame.roleLabels[event.role] ?? event.role.rawValue,
                details: [
                    event.reason.map { "reason: \(Labels.humanized($0.rawValue))" },
                    event.intakeDate.map { "intake \($0)" }, event.firstServiceDate.map { "first service \($0)" },
                    event.confirmedBy.map { "confirmed by \(Labels.humanized($0.rawValue).lowercased())" },
                    event.expectedWait.map { "expected wait \(words.wait($0))" },
                    event.familyAnswer.map { "the family answered: \(CheckInWords.english.answer($0).lowercased())" },
                ].compactMap { $0 }.joined(separator: "; "),
                note: event.note ?? "")
        }
        let home = isPartner ? ("/partner/inbox", "Back to the inbox")
            : (student.map { ("/coordinator/students/\($0.id)", "Back to student \($0.districtStudentID)") } ?? ("/coordinator", "Back"))
        let forms = ActionForms.forms(for: referral, user: user, returnTo: returnTo, consentCoversOrganization: consentCovers,
                                      today: services.useCases.consents.today(now), showNote: true)
        return services.renderer.render("referral", Page(
            frame: PageFrame(title: view.barrier.map { "Referral for \(names.barriers[$0] ?? $0)" } ?? "Referral \(referral.id)", context: context,
                           path: request.uri.path, notice: notice, error: error),
            referralID: referral.id, version: referral.version,
            studentLabel: student?.districtStudentID ?? record?.districtStudentID ?? "",
            studentHref: student.map { "/coordinator/students/\($0.id)" },
            studentFacts: studentFacts, hasStudentFacts: !studentFacts.isEmpty, studentWithheld: isPartner && record == nil && view.coveredByConsent,
            consentEnded: !view.coveredByConsent,
            familyContact: Self.contactFacts(view.familyContact), hasFamilyContact: view.familyContact != nil,
            facts: facts, state: Labels.state(referral.state), stateClass: "state-\(referral.state.rawValue)",
            followUpMessage: followUp?.message, actions: forms, hasActions: !forms.isEmpty, events: events,
            backHref: home.0, backLabel: home.1, coordinator: view.coordinator.map { ContactLine($0, words: words) },
            confirmStep: confirmStep), status: status)
    }

    static func contactFacts(_ contact: FamilyContact?) -> [Fact] {
        guard let contact else { return [] }
        var facts = [
            Fact(label: contact.channel == .phone ? "Phone" : "Email", value: contact.address,
                 href: contact.channel == .phone ? "tel:" + contact.address.filter { $0.isNumber || $0 == "+" } : "mailto:" + contact.address),
            Fact(label: "Language", value: Labels.language(contact.language)),
        ]
        if let best = contact.bestTime { facts.append(Fact(label: "Best time", value: best)) }
        return facts
    }

    static func studentFacts(_ record: StudentRecord?, schools: [String: String]) -> [Fact] {
        guard let record else { return [] }
        var facts: [Fact] = []
        if let id = record.districtStudentID { facts.append(Fact(label: "District student id", value: id)) }
        if let school = record.schoolID { facts.append(Fact(label: "School", value: schools[school] ?? school)) }
        if let grade = record.grade { facts.append(Fact(label: "Grade", value: grade)) }
        if let age = record.age { facts.append(Fact(label: "Age", value: String(age))) }
        if let languages = record.languages, !languages.isEmpty {
            facts.append(Fact(label: "Family languages", value: languages.map(Labels.language).joined(separator: ", ")))
        }
        if let groups = record.groups, !groups.isEmpty {
            facts.append(Fact(label: "Student groups", value: groups.map { Labels.humanized($0.rawValue) }.sorted().joined(separator: ", ")))
        }
        return facts
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}

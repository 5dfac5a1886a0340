import Directory
import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// A partner reports room, a waitlist or capacity for each of its organization's services (the
/// `AvailabilityUpdates` use case, as the API).
struct AvailabilityPage: Sendable {
    let services: WebServices

    struct Page {
        let frame: PageFrame
        let organizationName: String
        let forms: [ServiceForm]
        let hasForms: Bool
        let organizations: [Option]
        let choosesOrganization: Bool
    }

    struct ServiceForm {
        let id: String
        let name: String
        let lastVerified: String
        let statuses: [Option]
        let waitlistWeeks: String
        let capacity: String
        let methods: [Option]
        let formError: String?
        /// "Availability saved", on the card of the service just saved, where the eye is.
        let formNotice: String?
    }

    /// A form that was not saved, to show again as it was typed.
    struct Failed {
        let serviceID: String
        let message: String
        let form: FormData
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(PartnerPages.roles, request)
        let query = context.queryForm(request)
        return try await page(request, context: context, user: user, organizationID: user.organizationID ?? query["organization"],
                              notice: Notice.text(query["notice"]), savedServiceID: query["saved"], failed: nil, status: .ok)
    }

    @Sendable func update(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(PartnerPages.roles, request)
        let id = try context.parameters.require("id")
        let form = context.form
        var problems: [String] = []
        let change = Self.change(from: form, problems: &problems)
        // The page to show again with the message, for a service the user may update.
        func again(_ message: String) async throws -> Response {
            let service = try await services.directory.service(id: id)
            return try await page(request, context: context, user: user, organizationID: service?.organizationID, notice: nil,
                                  savedServiceID: nil, failed: Failed(serviceID: id, message: context.words.t("availability.not_saved", ["problem": message]), form: form),
                                  status: .unprocessableContent)
        }
        let updated: AvailabilityUpdates.Updated
        do {
            // Refusals (no such service, another organization's) come before the form's own problems.
            if !problems.isEmpty { _ = try await services.useCases.availability.check(serviceID: id, by: user) }
            guard problems.isEmpty else { return try await again(problems.joined(separator: "; ")) }
            updated = try await services.useCases.availability.update(serviceID: id, with: change, by: user, now: services.clock())
        } catch let error as AvailabilityError {
            switch error {
            case .serviceNotFound: throw WebPageError.notFound(context.words.t("availability.no_service", ["id": id]))
            case .notYourOrganization:
                throw WebPageError.forbidden(context.words.t("availability.not_your_service", ["id": id]))
            case .invalid: return try await again(error.description)
            }
        }
        let organization = user.role == .admin ? "organization=\(WebPaths.queryEscaped(updated.service.organizationID))&" : ""
        return PageRenderer.seeOther("/partner/services?\(organization)notice=availability_saved&saved=\(WebPaths.queryEscaped(id))#service-\(id)")
    }

    /// The form as a report: a blank status keeps it (the blank choice is "not listed"), a blank
    /// number clears it, an input missing from the form keeps its field; the intake checkboxes
    /// replace the methods when the form says it listed them.
    static func change(from form: FormData, problems: inout [String]) -> AvailabilityChange {
        var change = AvailabilityChange()
        if let text = form["enrollment"] {
            if let status = EnrollmentStatus(rawValue: text) { change.status = status } else { problems.append("'\(text)' is not an enrollment status") }
        }
        func number(_ name: String, _ message: String) -> FieldChange<Int> {
            guard form.contains(name) else { return .keep }
            guard let text = form[name] else { return .clear }
            guard let value = Int(text) else { problems.append(message); return .keep }
            return .set(value)
        }
        change.waitlistWeeks = number("waitlist_weeks", "waitlist weeks must be 0–104")
        change.capacity = number("capacity", "capacity must be a whole number, 0 or more")
        if form.contains("intake_method") || form.contains("intake_methods_listed") {
            change.intakeMethods = form.all("intake_method", as: IntakeMethod.self, problems: &problems)
        }
        return change
    }

    private func page(
        _ request: Request, context: WebRequestContext, user: User, organizationID: String?, notice: String?,
        savedServiceID: String?, failed: Failed?, status: HTTPResponse.Status
    ) async throws -> Response {
        let organization = try await organizationID.asyncFlatMap { try await services.directory.organization(id: $0) }
        let owned = try await organization.asyncFlatMap { try await services.directory.services(ofOrganization: $0.id) } ?? []
        let savedHere = owned.contains { $0.id == savedServiceID && $0.active }
        let forms = owned.filter(\.active).map { service in
            // The form that was refused comes back as it was typed, not as stored.
            let typed = failed?.serviceID == service.id ? failed?.form : nil
            func raw(_ name: String) -> String? { typed?.pairs.first { $0.name == name }?.value }
            return ServiceForm(
                id: service.id, name: service.name,
                lastVerified: service.provenance.lastVerifiedAt.map { Labels.day($0) } ?? PageLanguage.words.t("availability.never"),
                statuses: Self.statusOptions(service.enrollment.status, chosen: raw("enrollment")),
                waitlistWeeks: raw("waitlist_weeks") ?? service.enrollment.waitlistWeeks.map(String.init) ?? "",
                capacity: raw("capacity") ?? service.enrollment.capacity.map(String.init) ?? "",
                methods: Option.list(IntakeMethod.self, chosen: typed.map { $0.all("intake_method") }
                                     ?? service.enrollment.intakeMethods.map(\.rawValue)) { Labels.word("intake", $0.rawValue) },
                formError: typed == nil ? nil : failed?.message,
                formNotice: savedHere && service.id == savedServiceID ? notice : nil)
        }
        let organizations = user.role == .admin && organization == nil
            ? try await services.directory.organizationList().map { Option(value: $0.id, label: $0.name, selected: false) } : []
        return services.renderer.render("availability", Page(
            frame: PageFrame(title: context.words.t("nav.availability"), context: context, path: "/partner/services", notice: savedHere ? nil : notice,
                           error: failed.map { _ in context.words.t("availability.one_not_saved") }),
            organizationName: organization?.name ?? "", forms: forms, hasForms: !forms.isEmpty,
            organizations: organizations, choosesOrganization: !organizations.isEmpty), status: status)
    }

    /// The statuses to choose from; a status the directory does not know yet is offered as a blank
    /// first choice, so saving the form without choosing keeps it unknown rather than "open".
    static func statusOptions(_ status: EnrollmentStatus?, chosen typed: String? = nil) -> [Option] {
        let chosen = typed.map { [$0] } ?? status.map { [$0.rawValue] } ?? []
        let statuses = Option.list(EnrollmentStatus.self, chosen: chosen) { Labels.word("enrollment", $0.rawValue) }
        return status == nil ? [Option(value: "", label: PageLanguage.words.t("availability.choose_status"), selected: chosen.isEmpty || chosen == [""])] + statuses : statuses
    }
}

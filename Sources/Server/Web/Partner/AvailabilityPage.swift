import Directory
import Foundation
import Hummingbird
import Referrals
import Storage

/// A partner reports room, a waitlist or capacity for each of its organization's services; the
/// report stamps "last verified" and reaches the match index before the page comes back.
struct AvailabilityPage: Sendable {
    let services: WebServices

    struct Page {
        let chrome: Chrome
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
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(PartnerPages.roles, request)
        let query = context.queryForm(request)
        return try await page(request, context: context, user: user, organizationID: user.organizationID ?? query["organization"],
                              notice: Notice.text(query["notice"]), failed: nil, status: .ok)
    }

    @Sendable func update(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(PartnerPages.roles, request)
        let id = try context.parameters.require("id")
        guard let service = try await services.directory.service(id: id),
              AccessPolicy(user).mayUpdateAvailability(ofOrganization: service.organizationID) else {
            // Another organization's service looks the same as a missing one.
            throw WebPageError.notFound("There is no service \(id) in your organization.")
        }
        let form = context.form
        var enrollment = service.enrollment
        var problems: [String] = []
        if let text = form["enrollment"] {
            if let status = EnrollmentStatus(rawValue: text) { enrollment.status = status } else { problems.append("'\(text)' is not an enrollment status") }
        }
        enrollment.waitlistWeeks = nil
        if let text = form["waitlist_weeks"] {
            if let weeks = Int(text), (0...104).contains(weeks) { enrollment.waitlistWeeks = weeks } else { problems.append("waitlist weeks must be 0–104") }
        }
        if enrollment.status != .waitlist { enrollment.waitlistWeeks = nil }
        enrollment.capacity = nil
        if let text = form["capacity"] {
            if let capacity = Int(text), capacity >= 0 { enrollment.capacity = capacity } else { problems.append("capacity must be a whole number, 0 or more") }
        }
        enrollment.intakeMethods = form.all("intake_method").compactMap(IntakeMethod.init(rawValue:)).sorted()
        guard problems.isEmpty else {
            return try await page(request, context: context, user: user, organizationID: service.organizationID, notice: nil,
                                  failed: (id, "Not saved: " + problems.joined(separator: "; ") + "."), status: .unprocessableContent)
        }
        _ = try await services.directory.updateAvailability(serviceID: id, enrollment: enrollment, at: services.clock())
        try await services.matchIndex.catchUp()
        let organization = user.role == .admin ? "organization=\(WebPaths.queryEscaped(service.organizationID))&" : ""
        return PageRenderer.seeOther("/partner/services?\(organization)notice=availability_saved#service-\(id)")
    }

    private func page(
        _ request: Request, context: WebRequestContext, user: User, organizationID: String?, notice: String?,
        failed: (serviceID: String, message: String)?, status: HTTPResponse.Status
    ) async throws -> Response {
        let organization = try await organizationID.asyncFlatMap { try await services.directory.organization(id: $0) }
        let owned = try await organization.asyncFlatMap { try await services.directory.services(ofOrganization: $0.id) } ?? []
        let forms = owned.filter(\.active).map { service in
            ServiceForm(
                id: service.id, name: service.name,
                lastVerified: service.provenance.lastVerifiedAt.map { Labels.day($0) } ?? "never",
                statuses: Self.statusOptions(service.enrollment.status),
                waitlistWeeks: service.enrollment.waitlistWeeks.map(String.init) ?? "",
                capacity: service.enrollment.capacity.map(String.init) ?? "",
                methods: Option.list(IntakeMethod.self, chosen: service.enrollment.intakeMethods.map(\.rawValue)) { Labels.humanized($0.rawValue) },
                formError: failed?.serviceID == service.id ? failed?.message : nil)
        }
        let organizations = user.role == .admin && organization == nil
            ? try await services.directory.organizationList().map { Option(value: $0.id, label: $0.name, selected: false) } : []
        return services.renderer.render("availability", Page(
            chrome: Chrome(title: "Availability", context: context, path: "/partner/services", notice: notice,
                           error: failed.map { _ in "One service's availability was not saved; see below." }),
            organizationName: organization?.name ?? "", forms: forms, hasForms: !forms.isEmpty,
            organizations: organizations, choosesOrganization: !organizations.isEmpty), status: status)
    }

    /// The statuses to choose from; a status the directory does not know yet is offered as a blank
    /// first choice, so saving the form without choosing keeps it unknown rather than "open".
    static func statusOptions(_ status: EnrollmentStatus?) -> [Option] {
        let statuses = Option.list(EnrollmentStatus.self, chosen: status.map { [$0.rawValue] } ?? []) { Labels.humanized($0.rawValue) }
        return status == nil ? [Option(value: "", label: "Not listed — choose one", selected: true)] + statuses : statuses
    }
}

import Directory
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// A page for every service (`/services/{id}`), its printable family handout and its short text
/// version. Public, as the catalog API is: the directory holds no student data, and a family or a
/// partner can be sent the link.
struct ServicePages: Sendable {
    let services: WebServices
    /// The request's language (`?lang=`, the user's setting, `Accept-Language`): issue 22, item 5.
    var words: ServicePageWords { .current }

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("services/:id", use: show)
        web.get("services/:id/handout", use: handout)
        web.get("services/:id/text", use: text)
    }

    struct Page {
        let frame: PageFrame
        let sheet: ServiceSheet
        let words: ServicePageWords
        let shortText: String
        let handoutHref: String
        let textHref: String
        /// Coordinators (and admins) get a link to start a referral.
        let referHref: String?
    }

    struct Handout {
        let title: String
        let sheet: ServiceSheet
        let words: ServicePageWords
        let serviceHref: String
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let sheet = try await self.sheet(context)
        let path = WebPaths.service(sheet.id)
        let mayRefer = context.user.map { CoordinatorPages.roles.contains($0.role) } ?? false
        return services.renderer.render("service", Page(
            frame: PageFrame(title: sheet.name, context: context, path: request.uri.path,
                             error: sheet.active ? nil : words.withdrawn),
            sheet: sheet, words: words, shortText: ServiceText.text(sheet),
            handoutHref: path + "/handout", textHref: path + "/text",
            referHref: mayRefer ? "/coordinator/referrals/new?service=\(WebPaths.queryEscaped(sheet.id))" : nil))
    }

    @Sendable func handout(_ request: Request, context: WebRequestContext) async throws -> Response {
        let sheet = try await self.sheet(context)
        return services.renderer.render("service-handout", Handout(
            title: "\(words.handoutTitle): \(sheet.name)", sheet: sheet, words: words, serviceHref: WebPaths.service(sheet.id)))
    }

    @Sendable func text(_ request: Request, context: WebRequestContext) async throws -> Response {
        let sheet = try await self.sheet(context)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store",
                      HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(string: ServiceText.text(sheet) + "\n")))
    }

    private func sheet(_ context: WebRequestContext) async throws -> ServiceSheet {
        let id = try context.parameters.require("id")
        guard let service = try await services.directory.service(id: id) else {
            throw WebPageError.notFound(PageLanguage.words.t("service.not_found", ["id": id]))
        }
        let organization = try await services.directory.organization(id: service.organizationID)
        let locations = try await services.directory.locations(ofServices: [id])[id] ?? []
        return ServiceSheet(service: service, organization: organization, locations: locations, words: words)
    }
}

extension WebPaths {
    /// The service page's path; ids like "county:food-1" are kept readable, anything else escaped.
    static func service(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return "/services/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id)
    }
}

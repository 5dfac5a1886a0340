import HTTPTypes
import Hummingbird
import Mustache
import Referrals
import Storage

/// Renders the Mustache templates (embedded in the binary, see `Templates`) into HTML responses
/// with the headers every page shares.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in Templates.all {
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                // The templates are constants compiled into the binary; the page tests render every one.
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = library.render(model, withTemplate: template) else {
            preconditionFailure("no template named \(template)")
        }
        return Self.html(html, status: status)
    }

    /// Pages hold student data and per-session tokens: never cached, never framed, no scripts.
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                HTTPField.Name("Referrer-Policy")!: "same-origin",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// After a successful POST: back to a page with GET, so a reload does not post again.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// What every page's layout needs: title, who is signed in, the navigation for their role, the
/// session's CSRF token for the forms, and a message from the previous step.
struct PageFrame: Sendable {
    struct NavLink: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let signedIn: Bool
    let userEmail: String
    let roleLabel: String
    let nav: [NavLink]
    let csrf: String
    let notice: String?
    let error: String?

    init(title: String, context: WebRequestContext, path: String, notice: String? = nil, error: String? = nil) {
        self.title = title
        let user = context.user
        signedIn = user != nil
        userEmail = user?.email ?? ""
        roleLabel = user.map { Self.roleLabels[$0.role] ?? $0.role.rawValue } ?? ""
        nav = user.map { Self.navigation(for: $0.role, path: path) } ?? []
        csrf = context.session?.csrfToken ?? ""
        self.notice = notice
        self.error = error
    }

    static let roleLabels: [Role: String] = [
        .coordinator: "Coordinator", .partner: "Partner", .district: "District", .admin: "Administrator",
    ]

    /// Each role sees only the pages it may open; an admin sees them all.
    static func navigation(for role: Role, path: String) -> [NavLink] {
        let coordinator = [
            ("/coordinator", "Home"), ("/coordinator/services", "Find services"), ("/coordinator/match", "Match for a student"),
            ("/coordinator/students", "Students"), ("/coordinator/referrals", "Referrals"), ("/coordinator/followups", "Follow-ups"),
        ]
        let partner = [("/partner/inbox", "Inbox"), ("/partner/services", "Availability")]
        let district = [("/district", "Dashboard")]
        let links: [(String, String)]
        switch role {
        case .coordinator: links = coordinator
        case .partner: links = partner
        case .district: links = district
        case .admin: links = coordinator + partner + district + [("/admin/users", "Users"), ("/admin/outbox", "Outbox")]
        case .family: links = []
        }
        // The longest matching prefix is the current section, so /coordinator/students/x marks "Students".
        let current = links.map(\.0).filter { path == $0 || path.hasPrefix($0 + "/") }.max { $0.count < $1.count }
        return links.map { NavLink(href: $0.0, label: $0.1, current: $0.0 == current) }
    }
}

import HTTPTypes
import Hummingbird
import Localization
import Mustache
import Referrals
import Storage

/// Renders the Mustache templates (embedded in the binary, see `Templates`) into HTML responses
/// with the headers every page shares.
struct PageRenderer: Sendable {
    /// One compiled set of templates per language: `[[key]]` in a template is replaced by the
    /// language's (HTML-escaped) catalog text before Mustache compiles it, so a page costs no
    /// lookups at render time and the page models stay as they were.
    let libraries: [String: MustacheLibrary]

    init(catalogs: Catalogs = .active) {
        var libraries: [String: MustacheLibrary] = [:]
        for language in catalogs.languages {
            let words = catalogs.words(language)
            var templates: [String: MustacheTemplate] = [:]
            for (name, text) in Templates.all {
                do {
                    templates[name] = try MustacheTemplate(string: Self.translated(text, words))
                } catch {
                    // The templates are constants compiled into the binary; the page tests render every one.
                    preconditionFailure("template \(name) does not parse in \(language): \(error)")
                }
            }
            libraries[language] = MustacheLibrary(templates: templates)
        }
        self.libraries = libraries
    }

    /// Renders in the request's language (`PageLanguage.words`).
    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let library = libraries[PageLanguage.words.language] ?? libraries["en"]!
        guard let html = library.render(model, withTemplate: template) else {
            preconditionFailure("no template named \(template)")
        }
        return Self.html(html, status: status)
    }

    /// `[[key]]` → the catalog's text, escaped for HTML text and attribute values.
    static func translated(_ template: String, _ words: Words) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            result += rest[..<open.lowerBound]
            let key = String(rest[open.upperBound..<close.lowerBound])
            result += escapeHTML(key == "@lang" ? words.language : words.t(key))
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
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
    /// The footer's "this is demo data" notice, shown only for a store that holds demo data.
    let demoData: Bool

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
        demoData = PageLanguage.demoData
    }

    /// The role's name in the page's language.
    static var roleLabels: [Role: String] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, PageLanguage.words.t("role.\($0.rawValue)")) })
    }

    /// Each role sees only the pages it may open; an admin sees them all.
    static func navigation(for role: Role, path: String) -> [NavLink] {
        let w = PageLanguage.words
        let coordinator = [
            ("/coordinator", w.t("nav.home")), ("/coordinator/services", w.t("nav.find_services")), ("/coordinator/match", w.t("nav.match")),
            ("/coordinator/students", w.t("nav.students")), ("/coordinator/referrals", w.t("nav.referrals")), ("/coordinator/followups", w.t("nav.followups")),
        ]
        let partner = [("/partner/inbox", w.t("nav.inbox")), ("/partner/services", w.t("nav.availability"))]
        let district = [("/district", w.t("nav.dashboard"))]
        let links: [(String, String)]
        switch role {
        case .coordinator: links = coordinator
        case .partner: links = partner
        case .district: links = district
        case .admin: links = coordinator + partner + district + [("/admin/users", w.t("nav.users")), ("/admin/outbox", w.t("nav.outbox"))]
        case .family: links = []
        }
        // The longest matching prefix is the current section, so /coordinator/students/x marks "Students".
        let current = links.map(\.0).filter { path == $0 || path.hasPrefix($0 + "/") }.max { $0.count < $1.count }
        return links.map { NavLink(href: $0.0, label: $0.1, current: $0.0 == current) }
    }
}

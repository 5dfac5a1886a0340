import Foundation
import Hummingbird
import Referrals
import Storage

/// Where pages live, and the checks every page makes on who may open it.
enum WebPaths {
    static func home(for role: Role) -> String {
        switch role {
        case .coordinator: "/coordinator"
        case .partner: "/partner/inbox"
        case .district, .admin: "/district"
        // Never a signed-in user (check-in links need no session).
        case .family: "/login"
        }
    }

    /// Only same-site paths are followed after login, so `?next=` cannot send anyone elsewhere.
    /// Browsers drop tabs and newlines from a Location and read `\` as `/`, so `/\t/evil.example`
    /// would become `//evil.example`: a path is local only when it, and its percent-decoded form,
    /// starts with exactly one `/` and holds no control character, other whitespace than a space, or backslash.
    static func isLocal(_ path: String) -> Bool {
        guard let decoded = path.removingPercentEncoding else { return false }
        return [path, decoded].allSatisfy { text in
            let scalars = Array(text.unicodeScalars)
            guard scalars.first == "/" else { return false }
            if scalars.count > 1, scalars[1] == "/" { return false }
            return !scalars.contains { $0 == "\\" || $0.properties.generalCategory == .control || $0.properties.isWhitespace && $0 != " " }
        }
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query string from pairs, skipping empty values.
    static func query(_ pairs: [(String, String?)]) -> String {
        let parts = pairs.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : "\(name)=\(queryEscaped($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// The request's path and query, to come back to after signing in.
    static func pathAndQuery(_ request: Request) -> String {
        let query = request.uri.query.map { "?" + $0 } ?? ""
        return request.uri.path + query
    }
}

extension WebRequestContext {
    /// The signed-in user, or a redirect to the login page that comes back here.
    func requireUser(_ request: Request) throws(WebPageError) -> User {
        guard let user else { throw .signInRequired(returnTo: WebPaths.pathAndQuery(request)) }
        return user
    }

    /// The signed-in user when their role may open this page; otherwise a 403 page (or the login page).
    func requireRole(_ roles: Set<Role>, _ request: Request) throws(WebPageError) -> User {
        let user = try requireUser(request)
        guard roles.contains(user.role) else {
            throw .forbidden(words.t("error.page_for_roles", [
                "roles": roles.map { PageFrame.roleLabels[$0] ?? $0.rawValue }.sorted().joined(separator: ", ").lowercased(),
                "role": (PageFrame.roleLabels[user.role] ?? user.role.rawValue).lowercased()]))
        }
        return user
    }

    /// The query string read like a form (`+` is a space; checkbox groups repeat a name).
    func queryForm(_ request: Request) -> FormData {
        FormData(encoded: request.uri.query ?? "")
    }
}

import Foundation
import Hummingbird
import Storage

/// Every form POST must carry `csrf_token` equal to the session's token. The login form, which
/// has no session yet, must carry a token this server signed (`LoginFormTokens`), unexpired and
/// equal to its cookie: a value the client chose is not accepted. Anything else is refused with a
/// 403 before the handler runs, so a rejected request writes nothing. The decoded form is handed
/// on in the context.
struct CSRFProtection: RouterMiddleware {
    typealias Context = WebRequestContext
    static let fieldName = "csrf_token"
    static let maxFormBytes = 64 * 1024

    let loginTokens: LoginFormTokens
    let clock: @Sendable () -> Date

    func handle(
        _ request: Request, context: WebRequestContext, next: (Request, WebRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebPageError.csrfRejected
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxFormBytes)
        } catch {
            // 413, as the API answers a body over its cap; `WebErrorMiddleware` makes it a page.
            throw HTTPError(.contentTooLarge, message: "The form is larger than \(Self.maxFormBytes / 1024) KB, so nothing was saved.")
        }
        var context = context
        context.form = FormData(encoded: String(buffer: body))
        let expected: String?
        if request.uri.path == "/login" {
            expected = (request.cookies[SessionCookies.loginCSRFName]?.value).flatMap { loginTokens.isValid($0, now: clock()) ? $0 : nil }
        } else {
            expected = context.session?.csrfToken
        }
        guard let expected, !expected.isEmpty, let given = context.form[Self.fieldName],
              Self.constantTimeEquals(given, expected) else {
            throw WebPageError.csrfRejected
        }
        return try await next(request, context)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

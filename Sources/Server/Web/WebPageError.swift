import Hummingbird

/// What a page handler throws instead of a problem document; `WebErrorMiddleware` turns each
/// into an HTML page (or a redirect to the login page).
enum WebPageError: Error, Sendable {
    /// Not signed in (or the session ended): go to the login page and come back to `returnTo`.
    case signInRequired(returnTo: String)
    /// Signed in, but this page is not for the user's role.
    case forbidden(String)
    case notFound(String)
    /// A form POST whose CSRF token is missing or not this session's.
    case csrfRejected
    /// A form that cannot be read at all (wrong content type, too large).
    case badForm(String)
}

import Foundation
import Storage

/// How the web pages' session cookie is issued.
public struct WebConfiguration: Sendable {
    /// When the cookie carries `Secure` (browsers then send it over https only).
    public enum SecureCookies: String, Sendable, CaseIterable {
        /// Secure whenever the server listens beyond loopback (see `resolved(listeningOn:)`); on a
        /// loopback development server, secure when the request came through an https proxy
        /// (`X-Forwarded-Proto: https`), so plain http on 127.0.0.1 still works.
        case auto
        /// Always Secure: the right choice behind any https terminator.
        case always
        case never
    }

    public var secureCookies: SecureCookies
    /// A coordinator's working day; after it the browser has to sign in again.
    public var sessionLifetime: TimeInterval
    /// A session not used for this long ends (a browser left open on a shared computer).
    public var sessionIdleTimeout: TimeInterval
    /// The key that signs the login form's pre-session CSRF token. Instances behind one load
    /// balancer share it (`CLOSELOOP_WEB_SECRET`); nil: a random key per process, so a login form
    /// opened before a restart has to be reloaded.
    public var formSecret: Data?
    /// A directory of catalog files (`xx.json`) that add or reword languages (`CLOSELOOP_LOCALES_DIR`).
    public var localesDirectory: String?

    public init(
        secureCookies: SecureCookies = .auto, sessionLifetime: TimeInterval = 8 * 3600, sessionIdleTimeout: TimeInterval = 30 * 60,
        formSecret: Data? = nil
    ) {
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.sessionIdleTimeout = sessionIdleTimeout
        self.formSecret = formSecret
    }

    var sessionTimeouts: SessionTimeouts {
        SessionTimeouts(lifetime: sessionLifetime, idle: min(sessionIdleTimeout, sessionLifetime))
    }

    /// `auto` becomes `always` when the server listens on anything but loopback: such a server is
    /// reached over a network, where a session cookie must never travel in clear. `never` stays an
    /// explicit override (a plain-http test network).
    public func resolved(listeningOn host: String) -> WebConfiguration {
        var resolved = self
        if secureCookies == .auto, !Self.isLoopback(host) { resolved.secureCookies = .always }
        return resolved
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `CLOSELOOP_SECURE_COOKIES=auto|always|never` (default auto). An unknown value falls back to
    /// `always`: a typo should make the cookie stricter, never looser. `CLOSELOOP_SESSION_IDLE_MINUTES`
    /// (default 30) and `CLOSELOOP_WEB_SECRET` (at least 32 characters) as described above.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> WebConfiguration {
        var configuration = WebConfiguration()
        if let text = environment["CLOSELOOP_SECURE_COOKIES"], !text.isEmpty {
            configuration.secureCookies = SecureCookies(rawValue: text.lowercased()) ?? .always
        }
        if let minutes = environment["CLOSELOOP_SESSION_IDLE_MINUTES"].flatMap(Double.init), minutes > 0 {
            configuration.sessionIdleTimeout = minutes * 60
        }
        if let directory = environment["CLOSELOOP_LOCALES_DIR"], !directory.isEmpty {
            configuration.localesDirectory = directory
        }
        if let secret = environment["CLOSELOOP_WEB_SECRET"], secret.utf8.count >= 32 {
            configuration.formSecret = Data(secret.utf8)
        }
        return configuration
    }
}

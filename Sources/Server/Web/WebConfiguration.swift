import Foundation

/// How the web pages' session cookie is issued.
public struct WebConfiguration: Sendable {
    /// When the cookie carries `Secure` (browsers then send it over https only).
    public enum SecureCookies: String, Sendable, CaseIterable {
        /// Secure when the request reached us through an https proxy (`X-Forwarded-Proto: https`);
        /// a plain-http development server still works.
        case auto
        /// Always Secure: the right choice behind any https terminator.
        case always
        case never
    }

    public var secureCookies: SecureCookies
    /// A coordinator's working day; after it the browser has to sign in again.
    public var sessionLifetime: TimeInterval

    public init(secureCookies: SecureCookies = .auto, sessionLifetime: TimeInterval = 8 * 3600) {
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
    }

    /// `CLOSELOOP_SECURE_COOKIES=auto|always|never` (default auto). An unknown value falls back to
    /// `always`: a typo should make the cookie stricter, never looser.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> WebConfiguration {
        guard let text = environment["CLOSELOOP_SECURE_COOKIES"], !text.isEmpty else { return WebConfiguration() }
        return WebConfiguration(secureCookies: SecureCookies(rawValue: text.lowercased()) ?? .always)
    }
}

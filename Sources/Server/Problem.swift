import Foundation
import Hummingbird
import Storage
import Workflows

/// An RFC 9457 problem: every error the API returns has this shape, with a stable `code`
/// a client can branch on and, for bad input, the parameter at fault.
public struct Problem: HTTPResponseError, Encodable, Sendable {
    public var status: HTTPResponse.Status
    /// Stable, machine-readable: "invalid_parameter", "not_found", ...
    public var code: String
    public var title: String
    public var detail: String
    public var parameter: String?
    /// For an illegal transition: what the caller may do from the current state instead.
    public var allowedActions: [String]?
    /// For a version conflict: the version to reload.
    public var currentVersion: Int?
    /// For a refused duplicate: the referral already open.
    public var existingReferralID: String?
    /// For an input over one of `InputLimits`: the most characters or items the field takes.
    public var limit: Int?
    /// For a busy store: seconds to wait before retrying (sent as `Retry-After`, not in the body).
    public var retryAfterSeconds: Int?
    /// For a method an address does not take: the methods it does (sent as `Allow`, not in the body).
    public var allow: [String]?

    public init(
        status: HTTPResponse.Status, code: String, title: String, detail: String, parameter: String? = nil,
        allowedActions: [String]? = nil, currentVersion: Int? = nil, existingReferralID: String? = nil
    ) {
        self.existingReferralID = existingReferralID
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.parameter = parameter
        self.allowedActions = allowedActions
        self.currentVersion = currentVersion
    }

    public static let unauthorized = Problem(
        status: .unauthorized, code: "unauthorized", title: "Unauthorized",
        detail: "send a valid API token as 'Authorization: Bearer <token>'")

    public static func invalidParameter(_ name: String, _ detail: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_parameter", title: "Invalid parameter", detail: detail, parameter: name)
    }

    public static func notFound(_ what: String, id: String) -> Problem {
        Problem(status: .notFound, code: "not_found", title: "Not found", detail: "no \(what) with id '\(id)'")
    }

    public static let internalError = Problem(
        status: .internalServerError, code: "internal_error", title: "Internal error",
        detail: "the server could not complete the request; it has been logged")

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, parameter, instance
        case allowedActions = "allowed_actions"
        case currentVersion = "current_version"
        case existingReferralID = "existing_referral_id"
        case limit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("https://closeloop.example.org/problems/\(code)", forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status.code, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(parameter, forKey: .parameter)
        try container.encodeIfPresent(allowedActions, forKey: .allowedActions)
        try container.encodeIfPresent(currentVersion, forKey: .currentVersion)
        try container.encodeIfPresent(existingReferralID, forKey: .existingReferralID)
        try container.encodeIfPresent(limit, forKey: .limit)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONCoding.encoder.encode(self)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let allow { headers[.allow] = allow.joined(separator: ", ") }
        return Response(
            status: status,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns whatever a route throws into problem JSON: framework errors keep their status,
/// anything unexpected becomes a logged 500 that leaks no internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as ReferralStoreError {
            throw Problem(error)
        } catch let refusal as MatchRefusal {
            throw Problem(refusal)
        } catch let error as AvailabilityError {
            throw Problem(error)
        } catch let error as ServiceSearchError {
            throw Problem(error)
        } catch let violation as InputLimitViolation {
            throw Problem(violation)
        } catch let error as StoreError where Problem(storeError: error) != nil {
            throw Problem(storeError: error)!
        } catch let error as HTTPError {
            throw Problem(
                status: error.status, code: Self.code(for: error.status), title: error.status.reasonPhrase,
                detail: error.body ?? Self.detail(for: error.status, request: request))
        } catch let error as any HTTPResponseError {
            throw Problem(
                status: error.status, code: Self.code(for: error.status), title: error.status.reasonPhrase,
                detail: Self.detail(for: error.status, request: request))
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(StoreError.loggable(error))", "path": "\(request.uri.path)"])
            throw Problem.internalError
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .badRequest: "bad_request"
        case .contentTooLarge: "content_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        default: "http_\(status.code)"
        }
    }

    static func detail(for status: HTTPResponse.Status, request: Request) -> String {
        status == .notFound ? "no resource at \(request.uri.path)" : status.reasonPhrase
    }
}

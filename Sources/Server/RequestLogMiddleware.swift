import Hummingbird
import Logging

/// Logs each request by its route, never its URI: a URI carries student and referral ids in its
/// path and filters in its query string (`?student=…`), and Hummingbird's `LogRequestsMiddleware`
/// writes the whole URI. The route (`/api/v1/students/{id}`) and the status are what an operator
/// needs; which student was read is the audit log's business, not the log's.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    init(_ level: Logger.Level) {
        self.level = level
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            log(request, context: context, status: Int(response.status.code))
            return response
        } catch {
            log(request, context: context, status: Int((error as? any HTTPResponseError)?.status.code ?? 500))
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int) {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.method": .string(request.method.rawValue),
            // The matched route's pattern (parameters as `{id}`), or nothing for an unmatched path.
            "hb.request.route": .string(context.endpointPath ?? "(no route)"),
            "hb.response.status": .stringConvertible(status),
        ])
    }
}

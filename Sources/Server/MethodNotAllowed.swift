import Hummingbird

/// A known address asked with a method it does not take is a 405 with `Allow` (problem JSON
/// `method_not_allowed` for the API, an HTML page for a browser: `BrowserErrorPages`), not a 404 —
/// the client learns the address is right and what it takes. Added after every route, so it wraps
/// only the router's not-found responder: a route's own 404 (an unknown id) passes untouched.
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Each route's path and the methods registered on it.
    let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]

    init(_ routes: [Router<AppRequestContext>.RouteDescription]) {
        var byPath: [String: (RouterPath, Set<HTTPRequest.Method>)] = [:]
        for route in routes { byPath[route.path.description, default: (route.path, [])].1.insert(route.method) }
        self.routes = byPath.values.map { (path: $0.0, methods: $0.1) }
    }

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = allowedMethods(for: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            var problem = Problem(
                status: .methodNotAllowed, code: "method_not_allowed", title: "Method not allowed",
                detail: "\(request.uri.path) does not take \(request.method.rawValue); it takes \(allowed.joined(separator: ", "))")
            problem.allow = allowed
            throw problem
        }
    }

    /// The methods of the routes whose pattern matches `path`, as the router would pick among them:
    /// the patterns with the most literal segments (a fixed segment wins over a capture).
    func allowedMethods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best = -1, methods: Set<HTTPRequest.Method> = []
        for route in routes {
            guard let literals = Self.match(route.path, segments) else { continue }
            if literals > best { (best, methods) = (literals, route.methods) } else if literals == best { methods.formUnion(route.methods) }
        }
        return methods.map(\.rawValue).sorted()
    }

    /// How many literal segments `pattern` matched `segments` with, or nil when it does not match.
    static func match(_ pattern: RouterPath, _ segments: [Substring]) -> Int? {
        let elements = Array(pattern)
        if let last = elements.last, last.description == "**" {
            guard segments.count >= elements.count - 1 else { return nil }
        } else {
            guard segments.count == elements.count else { return nil }
        }
        var literals = 0
        for (element, segment) in zip(elements, segments) {
            if element.description == "**" { break }
            guard element ~= segment else { return nil }
            if element == segment { literals += 1 }  // true for a literal segment only
        }
        return literals
    }
}

import Directory
import Foundation
import Hummingbird
import Matching
import Storage

/// `POST /api/v1/match`: a needs profile in, ranked services with reasons and gaps out.
struct MatchRoutes: Sendable {
    let store: DirectoryStore
    let index: LiveMatchIndex

    func register(on router: Router<AppRequestContext>) {
        router.group("api/v1").post("match", use: match)
    }

    @Sendable func match(_ request: Request, context: AppRequestContext) async throws -> MatchResource {
        let profile: NeedsProfile
        do {
            // Decoded here rather than by the framework, which would hide the field at fault.
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            profile = try JSONCoding.decoder.decode(NeedsProfile.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
        let current = try await index.current()
        do {
            try profile.validate(against: current.barriers)
        } catch {
            throw Problem.invalidParameter(error.field, error.description)
        }
        let result = Matcher.match(profile, in: current, now: Date())
        // Unmet needs for the district's gaps report: barrier, filter and wording only, never the profile.
        do {
            try await ReportStore(database: store.database).recordMatchGaps(
                result.gaps.map { MatchGapRecord(barrier: $0.barrier, filter: $0.filter?.rawValue, reason: $0.reason) })
        } catch {
            context.logger.warning("could not record match gaps", metadata: ["error": "\(error)"])
        }
        let names = try await store.organizationNames(result.results.flatMap { $0.services.map(\.organizationID) })
        return MatchResource(result: result, organizationNames: names)
    }

    /// Names the JSON field at fault, e.g. "insurance" for `"insurance": "gold"`.
    static func problem(for error: DecodingError) -> Problem {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let names = (path + (key.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }
            return names.isEmpty ? "body" : names.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidParameter(field(context.codingPath, key), "'\(field(context.codingPath, key))' is required")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return .invalidParameter(field(context.codingPath), "'\(field(context.codingPath))' has the wrong type: \(context.debugDescription)")
        case .dataCorrupted(let context):
            return .invalidParameter(field(context.codingPath), context.codingPath.isEmpty
                ? "the body is not valid JSON" : "'\(field(context.codingPath))': \(context.debugDescription)")
        @unknown default:
            return .invalidParameter("body", "the body could not be read")
        }
    }
}

/// The match result with each suggestion's organization name added.
struct MatchResource: ResponseEncodable {
    let result: MatchResult
    let organizationNames: [String: String]

    enum CodingKeys: String, CodingKey { case results, gaps }
    enum BarrierKeys: String, CodingKey { case barrier, services }
    enum ExtraKeys: String, CodingKey { case organizationName = "organization_name" }

    struct NamedMatch: Encodable {
        let match: ServiceMatch
        let organizationName: String

        func encode(to encoder: any Encoder) throws {
            try match.encode(to: encoder)
            var extra = encoder.container(keyedBy: ExtraKeys.self)
            try extra.encode(organizationName, forKey: .organizationName)
        }
    }

    struct NamedBarrier: Encodable {
        let barrier: String
        let services: [NamedMatch]
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let results = result.results.map { entry in
            NamedBarrier(barrier: entry.barrier, services: entry.services.map {
                NamedMatch(match: $0, organizationName: organizationNames[$0.organizationID] ?? "")
            })
        }
        try container.encode(results, forKey: .results)
        try container.encode(result.gaps, forKey: .gaps)
    }
}

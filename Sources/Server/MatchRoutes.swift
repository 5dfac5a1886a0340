import Directory
import Foundation
import Hummingbird
import Matching
import Storage
import Workflows

/// `POST /api/v1/match`: a needs profile in, ranked services with reasons and gaps out (the
/// `Matchmaking` use case; this route reads the body and writes the answer).
struct MatchRoutes: Sendable {
    let matchmaking: Matchmaking
    let clock: @Sendable () -> Date

    func register(on router: Router<AppRequestContext>) {
        router.group("api/v1").post("match", use: match)
    }

    @Sendable func match(_ request: Request, context: AppRequestContext) async throws -> MatchResource {
        let profile: NeedsProfile
        do {
            // Decoded here rather than by the framework, which would hide the field at fault.
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            // The usual body is read by hand; anything unusual (and every error) goes through JSONDecoder.
            if let read = body.withUnsafeReadableBytes(NeedsProfileReader.read) {
                profile = read
            } else {
                profile = try Self.decoder.decode(NeedsProfile.self, from: Data(body.readableBytesView))
            }
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
        // A refusal becomes problem JSON in `ProblemMiddleware`.
        return MatchResource(result: try await matchmaking.match(profile, now: clock()))
    }

    /// One decoder for every request (JSONDecoder is thread-safe once configured).
    static let decoder = JSONCoding.decoder

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

/// The match result, written by `JSONBytes` (the `Encodable` conformance below is the reference
/// it must equal, byte for byte).
package struct MatchResource: ResponseGenerator, Encodable {
    package let result: MatchResult

    package init(result: MatchResult) { self.result = result }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let buffer = try jsonBytes()
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer))
    }

    /// The JSON `JSONCoding.encoder` would write for `self`: keys sorted, optional fields left
    /// out when nil.
    package func jsonBytes() throws -> ByteBuffer {
        var json = JSONBytes(capacity: 512 + 640 * result.results.reduce(0) { $0 + $1.services.count })
        let phrases = ReasonJSON.shared
        json.raw("{")
        json.key("gaps")
        json.raw("[")
        for (position, gap) in result.gaps.enumerated() {
            if position > 0 { json.raw(",") }
            json.raw("{")
            json.key("barrier")
            json.string(gap.barrier)
            if let filter = gap.filter {
                json.raw(",")
                json.key("filter")
                json.string(filter.rawValue)
            }
            json.raw(",")
            json.key("reason")
            json.string(gap.reason)
            json.raw("}")
        }
        json.raw("],")
        json.key("results")
        json.raw("[")
        for (position, entry) in result.results.enumerated() {
            if position > 0 { json.raw(",") }
            json.raw("{")
            json.key("barrier")
            json.string(entry.barrier)
            json.raw(",")
            json.key("services")
            json.raw("[")
            // Read in place through a pointer: a copy of a suggestion (which subscripting makes)
            // would retain and release its strings and arrays.
            try entry.services.withUnsafeBufferPointer { services in
                guard let first = services.baseAddress else { return }
                for position in services.indices {
                    if position > 0 { json.raw(",") }
                    try Self.write(first + position, to: &json, phrases: phrases)
                }
            }
            json.raw("]}")
        }
        json.raw("]}")
        return json.buffer
    }

    private static func write(_ match: UnsafePointer<ServiceMatch>, to json: inout JSONBytes, phrases: ReasonJSON) throws {
        json.raw("{")
        if let distance = match.pointee.distanceKm {
            json.key("distance_km")
            try json.number(distance)
            json.raw(",")
        }
        json.key("name")
        json.string(match.pointee.name)
        json.raw(",")
        json.key("organization_id")
        json.string(match.pointee.organizationID)
        json.raw(",")
        json.key("organization_name")
        json.string(match.pointee.organizationName)
        json.raw(",")
        json.key("passed_filters")
        json.raw("[")
        match.pointee.passedFilters.withUnsafeBufferPointer { filters in
            for position in filters.indices {
                if position > 0 { json.raw(",") }
                json.string(filters[position].rawValue)
            }
        }
        json.raw("],")
        // Both forms of each reason from one lookup (`ReasonJSON`).
        let reasons = try match.pointee.reasons.map(phrases.written)
        json.key("reason_codes")
        json.raw("[")
        for position in reasons.indices {
            if position > 0 { json.raw(",") }
            reasons[position].appendCode(to: &json)
        }
        json.raw("],")
        json.key("reasons")
        json.raw("[")
        for position in reasons.indices {
            if position > 0 { json.raw(",") }
            reasons[position].appendWords(to: &json)
        }
        json.raw("],")
        json.key("score")
        try json.number(match.pointee.score)
        json.raw(",")
        json.key("service_id")
        json.string(match.pointee.serviceID)
        if let weeks = match.pointee.waitWeeks {
            json.raw(",")
            json.key("wait_weeks")
            json.number(weeks)
        }
        json.raw("}")
    }

    /// The matcher's JSON (reasons as `reason_codes`) with each suggestion's reasons also in
    /// English words (`reasons`, the field clients read before reasons were typed).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ResultKeys.self)
        try container.encode(result.gaps, forKey: .gaps)
        try container.encode(result.results.map(Barrier.init), forKey: .results)
    }

    private enum ResultKeys: String, CodingKey { case gaps, results }

    private struct Barrier: Encodable {
        let barrier: String
        let services: [Suggestion]

        init(_ entry: BarrierMatches) {
            barrier = entry.barrier
            services = entry.services.map(Suggestion.init)
        }
    }

    private struct Suggestion: Encodable {
        let match: ServiceMatch

        init(_ match: ServiceMatch) { self.match = match }

        private enum Keys: String, CodingKey { case reasons }

        func encode(to encoder: any Encoder) throws {
            try match.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(match.reasons.map(ReasonWords.english.text), forKey: .reasons)
        }
    }
}

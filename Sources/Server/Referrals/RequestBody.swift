import Directory
import Foundation
import Hummingbird

/// Reads a JSON body, naming the field at fault: a missing field is a 422, malformed JSON or a
/// wrong type a 400, both as problem JSON.
enum RequestBody {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: Data) throws(Problem) -> T {
        do {
            return try JSONCoding.decoder.decode(type, from: bytes)
        } catch let error as DecodingError {
            var problem = MatchRoutes.problem(for: error)
            if case .dataCorrupted(let context) = error, context.underlyingError is TimeOfDay.Invalid {
                // Well-formed JSON whose value is out of range: the field is named, as for other refused values.
                problem.status = .unprocessableContent
                problem.code = "invalid_field"
                problem.title = "Invalid field"
            }
            if case .keyNotFound = error {
                problem.status = .unprocessableContent
                problem.code = "missing_fields"
                problem.title = "Missing fields"
            }
            throw problem
        } catch {
            throw Problem.invalidParameter("body", "the body could not be read")
        }
    }

    static func collect(_ request: Request, context: AppRequestContext) async throws -> Data {
        Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
    }
}

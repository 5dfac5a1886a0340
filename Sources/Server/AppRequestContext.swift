import Foundation
import Hummingbird
import NIOCore
import Referrals
import Storage

/// The request context of every route: JSON with ISO 8601 dates and stable key order.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who sent the request, when it carried a valid bearer token (see `BearerAuthentication`).
    public var user: User?
    /// The TCP peer (nil for the in-process test client); see `ClientLimits.clientAddress`.
    public var remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }

    /// The signed-in user, or a 401 problem.
    public func requireUser() throws(Problem) -> User {
        guard let user else { throw Problem.unauthorized }
        return user
    }
}

package enum JSONCoding {
    package static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    package static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

import Matching

extension Array where Element == Reason {
    /// The reasons with each distance to the tenth of a km people read, so a test can compare
    /// `.distance(km: 4.0, …)` with a distance measured on the sphere (3.99996…).
    var rounded: [Reason] {
        map { reason in
            guard case .distance(let km, let approximate, let reach) = reason else { return reason }
            return .distance(km: (km * 10).rounded() / 10, approximate: approximate, reach: reach)
        }
    }
}

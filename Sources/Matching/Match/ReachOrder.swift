/// Reachable first: a service the family cannot get to with its own transportation ("9.9 km away,
/// too far to walk") is listed after every service it can reach — at their school or walkable,
/// virtual, home visits, rides provided — or may reach (bus access not stated), whatever their
/// scores. A coordinator can still arrange a ride, so far services stay in the list, below.
/// Within each group the order is the score's. Without a home nothing is out of reach.
enum ReachOrder {
    /// Which candidates one ranking pass takes.
    enum Pass {
        case all, reachable, outOfReach

        func admits(_ route: Placement.Route) -> Bool {
            switch self {
            case .all: true
            case .reachable: !ReachOrder.isOutOfReach(route)
            case .outOfReach: ReachOrder.isOutOfReach(route)
            }
        }
    }

    static func isOutOfReach(_ route: Placement.Route) -> Bool {
        if case .outOfReach = route { return true }
        return false
    }
}

import Directory

/// Every weight and threshold the matcher uses, in one place so a district can reason about
/// (and tune) why one partner ranks above another.
///
/// A service's score is the weighted mean of seven factors, each in 0…1, so the score is in 0…1.
/// A facet the service does not state never fails a hard filter, but it ranks below a stated fit:
/// the stated-facts factor counts what the filters passed on stated facts, and the `unknown…`
/// values below sit under the fit a stated fact earns.
/// Decays use the form `1 / (1 + x / half)`: the factor is 1 at x = 0, ½ at x = `half`, and never
/// reaches 0 — a far or slow service still ranks above nothing, just below nearer or faster ones.
public struct MatchingWeights: Sendable, Hashable {
    // MARK: Factor weights (relative; they need not sum to 1)

    /// Distance and whether the family can actually get there.
    public var access: Double = 0.30
    /// Open now beats a waitlist; a short waitlist beats a long one.
    public var wait: Double = 0.20
    /// Intensity of the service against the student's tier.
    public var intensityFit: Double = 0.20
    /// Service delivered in a setting the family prefers.
    public var setting: Double = 0.10
    /// Service open at times the student is free.
    public var schedule: Double = 0.10
    /// How recently the partner confirmed the record: stale records mislead coordinators.
    public var freshness: Double = 0.10
    /// The share of the profile's hard constraints that the service states and fits, of: age (when
    /// the profile states one), languages (when it states any), cost (when it states coverage) and
    /// enrollment (always). A service that passes them only because it leaves them unknown leaves
    /// the coordinator questions to ask.
    public var statedFacts: Double = 0.10

    // MARK: Distance and reachability

    /// Distance at which the distance part of `access` halves.
    public var distanceHalfKm: Double = 5
    /// Farthest a family without a car or transit is expected to walk.
    public var maxWalkKm: Double = 3
    /// Farthest a transit rider is expected to go, to a transit-accessible site.
    public var maxTransitKm: Double = 15
    /// Farthest a family with a car is expected to drive.
    public var maxDriveKm: Double = 40
    /// What is left of `access` when the family cannot reach the site with its transportation:
    /// kept above zero because a coordinator may still arrange a ride.
    public var unreachableAccess: Double = 0.2
    /// What is left of `access` for a transit family at a site within transit distance whose bus
    /// access the feed does not state: below a site on a bus line, above one out of reach.
    public var unknownTransitAccess: Double = 0.6
    /// `access` when the family's home is unknown, so distance cannot separate services.
    public var unknownHomeAccess: Double = 0.5
    /// `access` for an in-person service whose sites have no coordinates.
    public var unlocatedAccess: Double = 0.3
    /// Service area radius when the partner states none (postal-code areas cannot be checked
    /// without the family's postal code, which the profile deliberately omits).
    public var defaultServiceRadiusKm: Double = 25

    // MARK: Waitlist

    /// Waitlist length at which `wait` halves.
    public var waitHalfWeeks: Double = 4
    /// Assumed length of a waitlist whose partner gave no estimate.
    public var unknownWaitlistWeeks: Int = 6
    /// `wait` when the service does not state its enrollment: below open, as it may be full.
    public var unknownEnrollmentFit: Double = 0.5

    // MARK: Intensity fit

    /// `intensityFit` when the service's tier is one away from the student's.
    public var adjacentTierFit: Double = 0.4
    /// `intensityFit` when the service's tier is two away (Tier 1 program for a Tier 3 need).
    public var distantTierFit: Double = 0
    /// `intensityFit` when the service does not state its level of need.
    public var unknownIntensityFit: Double = 0.5

    // MARK: Setting and schedule

    /// `schedule` when the partner lists no hours: unknown, not necessarily a bad fit.
    public var unknownHoursFit: Double = 0.5
    /// `setting` when the family prefers settings and the service states none.
    public var unknownSettingFit: Double = 0.5

    // MARK: Freshness

    /// Days since the partner's last confirmation at which `freshness` halves.
    public var freshnessHalfDays: Double = 90

    public init() {}

    public static let standard = MatchingWeights()

    /// Sum of the factor weights, the divisor that keeps scores in 0…1.
    var total: Double { access + wait + intensityFit + setting + schedule + freshness + statedFacts }

    func maxTravelKm(_ transportation: FamilyTransportation) -> Double {
        switch transportation {
        case .none: maxWalkKm
        case .transit: maxTransitKm
        case .car: maxDriveKm
        }
    }

    func intensityFit(tier: Int, intensity: Intensity?) -> Double {
        guard let intensity else { return unknownIntensityFit }
        return switch abs(tier - intensity.tier) {
        case 0: 1
        case 1: adjacentTierFit
        default: distantTierFit
        }
    }

    static func decay(_ x: Double, half: Double) -> Double { 1 / (1 + max(0, x) / half) }
}

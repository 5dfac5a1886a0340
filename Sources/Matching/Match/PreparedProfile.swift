import Directory
import Foundation

/// A needs profile translated once into the index's terms (bits, points, squared chords), so
/// checking a candidate costs a handful of integer and floating-point operations.
final class PreparedProfile {
    let profile: NeedsProfile
    let weights: MatchingWeights
    let age: Int16?
    /// Nil when the family stated no language (the filter is then skipped).
    let languages: LanguageSet?
    let languageSummary: LanguageSummary
    /// The family's languages that some service speaks, once each in the profile's order, with
    /// their index ids: the candidates for "speaks …".
    let spokenLanguages: [(id: UInt8, code: LanguageCode)]
    /// The languages of each subset of `spokenLanguages` (bit i for language i), built when a
    /// suggestion first needs it, then shared by the match's other suggestions; empty when there
    /// are too many languages to tabulate.
    private var spokenSubsets: [[LanguageCode]?]
    /// The family's languages, once each in the profile's order: what to ask a service that lists none.
    let askLanguages: [LanguageCode]
    let coverage: Insurance?
    // Masks against `FilterGate`: a stated constraint tests its bits, an unstated one the
    // bit every service has.
    let languageGateMask: UInt64
    let coverageGateMask: UInt16
    let ageProbe: Int32
    /// 1 when an age is stated, so an out-of-range age counts; 0 to ignore it.
    let ageStated: UInt32
    /// The family speaks a language beyond the summary's exact bits: rare, checked exactly.
    let familyHasRareLanguage: Bool
    let home: SitePoint?
    let homeUnknown: Bool
    let times: FacetMask<TimeWindow>
    let settings: FacetMask<Setting>
    /// Seconds since the reference date.
    let now: Double
    /// Weighted intensity fit per `Intensity.positioned` position (not stated last), fixed by the tier.
    let intensityTerms: [Double]
    let waitlistTerms: [Double]
    /// Weighted wait when the service does not state its enrollment.
    let unknownEnrollmentTerm: Double
    /// Weighted stated-facts factor by how many of the profile's constrained facets the service
    /// states and fits (0…`statedFactsTerms.count - 1`).
    let statedFactsTerms: [Double]
    let scheduleTerms: [Double]
    let inverseTotalWeight: Double
    let freshnessHalfSeconds: Double
    let defaultRadiusSquaredChord: Double
    let walkSquaredChord: Double
    let transitSquaredChord: Double
    let travelSquaredChord: Double

    init(_ profile: NeedsProfile, index: MatchIndex, weights: MatchingWeights, now: Date) {
        self.profile = profile
        self.weights = weights
        age = profile.age.map { Int16(clamping: $0) }
        let languages = profile.languages.isEmpty ? nil : index.languageTable.lookupSet(of: profile.languages)
        self.languages = languages
        languageSummary = languages?.summary ?? LanguageSummary(bits: 0)
        var seenLanguages = Set<LanguageCode>()
        spokenLanguages = profile.languages.compactMap { code in
            guard seenLanguages.insert(code).inserted, let id = index.languageTable.id(of: code) else { return nil }
            return (id, code)
        }
        spokenSubsets = Array(repeating: nil, count: spokenLanguages.count > 4 ? 0 : 1 << spokenLanguages.count)
        var asked = Set<LanguageCode>()
        askLanguages = profile.languages.filter { asked.insert($0).inserted }
        coverage = profile.insurance
        // Exact bits only: the beyond bit says "some rare language", not which one.
        languageGateMask = languages == nil
            ? FilterGate.everyoneBit : (languageSummary.bits & LanguageSummary.exactBits) | FilterGate.anyLanguageBit
        coverageGateMask = profile.insurance.map { FacetMask([$0]).bits } ?? FilterGate.everyoneCoverageBit
        ageProbe = Int32(age ?? 0)
        ageStated = age == nil ? 0 : 1
        familyHasRareLanguage = languageSummary.bits & LanguageSummary.beyondBit != 0
        home = profile.home.flatMap { $0.isValid ? SitePoint($0, transitAccessible: false) : nil }
        homeUnknown = home == nil
        times = FacetMask(profile.times)
        settings = FacetMask(profile.settings)
        self.now = now.timeIntervalSinceReferenceDate
        var intensityTerms = [Double](repeating: 0, count: Intensity.positioned.count)
        for intensity in Intensity.positioned {
            intensityTerms[intensity.position] =
                weights.intensityFit * weights.intensityFit(tier: profile.tier, intensity: intensity)
        }
        self.intensityTerms = intensityTerms
        waitlistTerms = Self.waitlistTerms(weights)
        unknownEnrollmentTerm = weights.wait * weights.unknownEnrollmentFit
        // Enrollment always counts; age, languages and coverage when the profile states them.
        let constrained = 1 + (profile.age == nil ? 0 : 1) + (profile.languages.isEmpty ? 0 : 1) + (profile.insurance == nil ? 0 : 1)
        statedFactsTerms = (0...constrained).map { weights.statedFacts * Double($0) / Double(constrained) }
        scheduleTerms = Self.scheduleTerms(weights, times: times)
        inverseTotalWeight = 1 / weights.total
        freshnessHalfSeconds = weights.freshnessHalfDays * 86_400
        defaultRadiusSquaredChord = SitePoint.squaredChord(kilometres: weights.defaultServiceRadiusKm)
        walkSquaredChord = SitePoint.squaredChord(kilometres: weights.maxWalkKm)
        transitSquaredChord = SitePoint.squaredChord(kilometres: weights.maxTransitKm)
        travelSquaredChord = SitePoint.squaredChord(kilometres: weights.maxTravelKm(profile.transportation))
    }

    /// The languages of `spokenLanguages` with bit i set for language i.
    func spokenSubset(_ subset: Int) -> [LanguageCode] {
        if subset < spokenSubsets.count, let languages = spokenSubsets[subset] { return languages }
        let languages = spokenLanguages.indices.filter { subset & (1 << $0) != 0 }.map { spokenLanguages[$0].code }
        if subset < spokenSubsets.count { spokenSubsets[subset] = languages }
        return languages
    }

    // MARK: Hard filters

    /// The first of the filters that need no location which excludes the service, if any.
    /// `languages` gives the service's full language set, needed only for rare languages.
    func failingFilter(_ service: FilterGate, languages serviceLanguages: () -> LanguageSet) -> HardFilter? {
        if let age, age < service.ageMin || age > service.ageMax { return .age }
        if let languages, !service.passesAnyLanguage {
            let shared = service.languages & languageSummary.bits
            let speaks = shared & LanguageSummary.exactBits != 0
                || (shared & LanguageSummary.beyondBit != 0 && serviceLanguages().intersects(languages))
            if !speaks { return .language }
        }
        if coverage != nil, service.access & coverageGateMask == 0 { return .cost }
        if !service.isOpen { return .enrollment }
        return nil
    }

    /// The same decision as `failingFilter(_:languages:) == nil`, as arithmetic on masks with a
    /// single branch: in a scan of thousands of candidates, mispredicted branches cost more than
    /// the tests themselves.
    @inline(__always)
    func passesFilters(_ service: FilterGate, languages serviceLanguages: () -> LanguageSet) -> Bool {
        // Negative exactly when the age is below the minimum or above the maximum.
        let ageSpread = (ageProbe &- Int32(service.ageMin)) | (Int32(service.ageMax) &- ageProbe)
        let ageOK = UInt64(~(UInt32(bitPattern: ageSpread) >> 31 & ageStated) & 1)
        let passed = ageOK & Self.isNonZero(service.languages & languageGateMask)
            & Self.isNonZero(UInt64(service.access & coverageGateMask)) & UInt64(service.access >> FilterGate.openBitPosition)
        if passed != 0 { return true }
        // Only a family language beyond the summary's exact bits can make the masks wrong.
        return familyHasRareLanguage && failingFilter(service, languages: serviceLanguages) == nil
    }

    /// 1 when `x` is not zero, else 0, without a comparison the compiler could turn into a branch.
    @inline(__always)
    private static func isNonZero(_ x: UInt64) -> UInt64 { (x | (0 &- x)) >> 63 }

    /// The filters this profile checks for a service that passed them all.
    func passedFilters(placement: Placement) -> [HardFilter] {
        placement.checkedServiceArea ? passedWithServiceArea : passedWithoutServiceArea
    }

    /// Both answers of `passedFilters(placement:)`, built once per match: every suggestion then
    /// shares one array instead of allocating its own.
    private lazy var passedWithoutServiceArea: [HardFilter] = {
        var passed = [HardFilter]()
        if age != nil { passed.append(.age) }
        if languages != nil { passed.append(.language) }
        if coverage != nil { passed.append(.cost) }
        passed.append(.enrollment)
        return passed
    }()
    private lazy var passedWithServiceArea: [HardFilter] = passedWithoutServiceArea + [.serviceArea]

    // MARK: Soft factors

    /// The weighted wait, intensity, setting, schedule and stated-facts terms: table lookups and
    /// bit tests, cheap enough to run for every candidate that passes the filters.
    @inline(__always)
    func cheapTerms(_ service: Posting) -> Double {
        var sum: Double
        switch service.enrollment {
        case .waitlist: sum = waitlistTerm(service.waitlistWeeks)
        case nil: sum = unknownEnrollmentTerm
        default: sum = weights.wait
        }
        sum += intensityTerms[service.intensity.position]
        sum += settingTerm(service.settings)
        sum += scheduleTerm(service.windows)
        sum += statedFactsTerm(service)
        return sum
    }

    /// The stated-facts factor of a candidate that passed the filters: which of the profile's
    /// constrained facets it passed on stated facts rather than by leaving them unknown.
    @inline(__always)
    func statedFactsTerm(_ service: Posting) -> Double {
        var stated = service.enrollment == nil ? 0 : 1
        if age != nil && service.agesStated { stated += 1 }
        if languages != nil && service.languageStated { stated += 1 }
        if let coverage, service.statedCoverage.contains(coverage) { stated += 1 }
        return statedFactsTerms[stated]
    }

    /// The highest score any member of a band can reach for this profile, without the access
    /// term: every factor at the best value the band's summary allows, added in the same order as
    /// a member's score (see `cheapTerms`, `freshnessTerm` and `Matcher.scan`). With the access
    /// term at its best for a group (`placelessAccessBound`, `siteAccessBound`) no member's score
    /// exceeds it, so skipping a group whose bound is below the top k's threshold is exact.
    /// Bands are passed by their summary (plain values): passing a `Band` read through a pointer
    /// copies it, retaining and releasing each of its arrays.
    func boundTerms(_ summary: CandidateGroup.Summary, cheap: Double) -> Double {
        cheap + (summary.latestVerified == -Double.infinity ? 0 : weights.freshness * freshnessFit(summary.latestVerified))
    }

    /// `boundTerms` without the freshness term (its `cheap` argument): not below any member's `cheapTerms`.
    func cheapBound(_ summary: CandidateGroup.Summary, intensity: Intensity?, enrollment: EnrollmentStatus?) -> Double {
        var sum: Double
        switch enrollment {
        case .waitlist:
            sum = -Double.infinity
            if summary.shortestWaitlistWeeks != Int16.max { sum = waitlistTerm(summary.shortestWaitlistWeeks) }
            if summary.someWaitlistUnestimated { sum = max(sum, waitlistTerm(-1)) }
        case nil:
            sum = unknownEnrollmentTerm
        default:
            sum = weights.wait
        }
        sum += intensityTerms[intensity.position]
        sum += settingBound(summary)
        sum += scheduleBound(summary)
        sum += statedFactsBound(summary, enrollment: enrollment)
        return sum
    }

    /// Not below any member's `statedFactsTerm`: each facet counted when some member may state it.
    private func statedFactsBound(_ summary: CandidateGroup.Summary, enrollment: EnrollmentStatus?) -> Double {
        var stated = enrollment == nil ? 0 : 1
        if age != nil && summary.someAgesStated { stated += 1 }
        if languages != nil && summary.someLanguageStated { stated += 1 }
        if let coverage, summary.statedCoverage.contains(coverage) { stated += 1 }
        return statedFactsTerms[stated]
    }

    private func settingBound(_ summary: CandidateGroup.Summary) -> Double {
        if settings.isEmpty || summary.settings.intersects(settings) { return weights.setting }
        return summary.someSettingsUnstated ? weights.setting * weights.unknownSettingFit : 0
    }

    /// The best access of a group without cells: as `accessCeiling`, without a home only members
    /// that need no travel can reach full access.
    @inline(__always)
    func placelessAccessBound(_ group: CandidateList.Reach) -> Double {
        homeUnknown && !group.someNeedNoTravel ? weights.unknownHomeAccess : 1
    }

    /// The best access of a cell's group, whose members all need travel: the distance fit at the
    /// nearest point of the box around their sites (no site, and so no route, is nearer).
    @inline(__always)
    func siteAccessBound(_ group: CandidateList.Reach) -> Double {
        guard let home else { return weights.unknownHomeAccess }
        return distanceFitBound(group.squaredChordLowerBound(from: home))
    }

    /// Not below the distance fit of any site at least this far (a squared chord): computed as
    /// `Placement.access` computes it, from a chord a hair shorter, so rounding in `asin` cannot
    /// put a farther site above it.
    @inline(__always)
    func distanceFitBound(_ squaredChord: Double) -> Double {
        MatchingWeights.decay(SitePoint.kilometres(squaredChord: squaredChord * (1 - 1e-9)), half: weights.distanceHalfKm)
    }

    private func scheduleBound(_ summary: CandidateGroup.Summary) -> Double {
        if times.isEmpty { return weights.schedule }
        var best = -Double.infinity
        if summary.someHoursUnlisted { best = weights.schedule * weights.unknownHoursFit }
        if !summary.windows.isEmpty { best = max(best, scheduleTerms[summary.windows.intersection(times).count]) }
        return best
    }

    /// The weighted freshness term; one division, so computed only for candidates still in the running.
    @inline(__always)
    func freshnessTerm(_ service: Posting) -> Double {
        service.lastVerified.isNaN ? 0 : weights.freshness * freshnessFit(service.lastVerified)
    }

    /// The most the access factor can be for this service: without a home only virtual services
    /// and home visits escape the unknown-home value.
    @inline(__always)
    func accessCeiling(_ service: Posting) -> Double {
        homeUnknown && !service.needsNoTravel ? weights.unknownHomeAccess : 1
    }

    /// Scales a weighted sum to 0…1; clamped because the weights' sum is itself rounded.
    @inline(__always)
    func normalized(_ weightedSum: Double) -> Double { min(1, weightedSum * inverseTotalWeight) }

    @inline(__always)
    private func waitlistTerm(_ weeks: Int16) -> Double {
        let index = weeks < 0 ? waitlistTerms.count - 1 : min(Int(weeks), waitlistTerms.count - 2)
        return waitlistTerms[index]
    }

    /// Full when the family has no preference or the service offers a preferred setting; part of
    /// it when the service states no setting.
    @inline(__always)
    private func settingTerm(_ serviceSettings: FacetMask<Setting>) -> Double {
        if settings.isEmpty || serviceSettings.intersects(settings) { return weights.setting }
        return serviceSettings.isEmpty ? weights.setting * weights.unknownSettingFit : 0
    }

    @inline(__always)
    private func scheduleTerm(_ windows: FacetMask<TimeWindow>) -> Double {
        if times.isEmpty { return weights.schedule }
        if windows.isEmpty { return weights.schedule * weights.unknownHoursFit }
        return scheduleTerms[windows.intersection(times).count]
    }

    /// 1 when verified now, ½ after `freshnessHalfDays`: `decay(days, half)` with one division.
    @inline(__always)
    func freshnessFit(_ verified: Double) -> Double {
        freshnessHalfSeconds / (freshnessHalfSeconds + max(0, now - verified))
    }

    /// Whole and fractional days from a verification time (seconds since the reference date) to now;
    /// a verification stamped in the future counts as now.
    func daysSince(_ verified: Double) -> Double {
        max(0, now - verified) / 86_400
    }

    /// Weighted wait term for 0…`longestTabulatedWait` weeks (longer waits share the last entry),
    /// then one entry for a waitlist without an estimate.
    static func waitlistTerms(_ weights: MatchingWeights) -> [Double] {
        let weeks = Array(0...longestTabulatedWait) + [weights.unknownWaitlistWeeks]
        return weeks.map { weights.wait * MatchingWeights.decay(Double($0), half: weights.waitHalfWeeks) }
    }

    /// A year: beyond it, a waitlist ranks like any other very long one.
    static let longestTabulatedWait = 52

    /// Weighted schedule term by how many of the family's windows the hours cover.
    static func scheduleTerms(_ weights: MatchingWeights, times: FacetMask<TimeWindow>) -> [Double] {
        (0...TimeWindow.allCases.count).map { covered in
            times.isEmpty ? weights.schedule : weights.schedule * Double(covered) / Double(times.count)
        }
    }
}

extension Intensity {
    /// Position in `allCases`, for table lookups.
    var position: Int {
        switch self {
        case .prevention: 0
        case .earlyIntervention: 1
        case .intensive: 2
        }
    }

    /// Every intensity, then "not stated", in `Optional.position` order.
    static let positioned: [Intensity?] = allCases + [nil]
}

extension Optional where Wrapped == Intensity {
    /// The intensity's position, or the one after every intensity when it is not stated.
    var position: Int { self?.position ?? Intensity.positioned.count - 1 }
}

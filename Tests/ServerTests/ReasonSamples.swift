import Directory
import Matching

/// Every kind of match reason, with the values that change its words (one and many, each coverage,
/// each reach, each branch of the freshness wording): what the catalog and JSON tests walk.
enum ReasonSamples {
    static let all: [Reason] = {
        var reasons: [Reason] = [
            .agesNotListed(age: 12), .speaks([.spanish]), .speaks([LanguageCode(rawValue: "so")!, .english, .spanish]),
            .interpreterAvailable, .languagesNotListed([.spanish]), .languagesNotListed([.spanish, LanguageCode(rawValue: "so")!]),
            .free, .slidingScale, .feesApply, .costNotListed(ask: nil),
            .distance(km: 0.5, approximate: false, reach: .walkable), .distance(km: 12.25, approximate: true, reach: .byCar),
            .virtual, .homeVisit, .rides, .unlocated,
            .open(placesLeft: nil), .open(placesLeft: 1), .open(placesLeft: 3), .enrollmentNotListed,
            .waitlist(weeks: nil), .waitlist(weeks: 0), .waitlist(weeks: 1), .waitlist(weeks: 5),
            .intensity(serviceTier: 2, tier: 2), .intensity(serviceTier: 3, tier: 1), .intensity(serviceTier: 1, tier: 3),
            .intensityNotListed(tier: 2), .settings(Setting.allCases), .settings([.virtual]), .notPreferredSetting, .settingNotListed,
            .times(TimeWindow.allCases), .times([.evening]), .hoursNotListed, .notOpenAtFamilyTimes,
            .verified(daysAgo: 0), .verified(daysAgo: 1), .verified(daysAgo: 12), .verified(daysAgo: 150), .verified(daysAgo: 400),
            .neverVerified,
        ]
        for insurance in Insurance.allCases {
            reasons += [.accepts(insurance), .costNotListed(ask: insurance), .insuranceNotListed(cost: .fee, ask: insurance),
                        .insuranceNotListed(cost: .slidingScale, ask: insurance)]
        }
        for reach in Reason.Reach.allCases { reasons.append(.distance(km: 4.0, approximate: false, reach: reach)) }
        return reasons
    }()
}

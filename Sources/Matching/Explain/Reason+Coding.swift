import Directory

/// One value of a reason's machine form.
public enum ReasonValue: Sendable, Hashable {
    case int(Int)
    case number(Double)
    case bool(Bool)
    case text(String)
    case texts([String])
}

/// A reason's stable machine form, for API clients: a `code` and its `values` (keys sorted), e.g.
/// `{"code": "distance", "values": {"approximate": false, "km": 4.0, "reach": "too_far_to_walk"}}`.
/// Codes and keys are snake case and only ever added to.
extension Reason: Codable {
    public var code: String {
        switch self {
        case .agesNotListed: "ages_not_listed"
        case .speaks: "speaks"
        case .interpreterAvailable: "interpreter_available"
        case .languagesNotListed: "languages_not_listed"
        case .free: "free"
        case .slidingScale: "sliding_scale"
        case .feesApply: "fees_apply"
        case .accepts: "accepts"
        case .costNotListed: "cost_not_listed"
        case .insuranceNotListed: "insurance_not_listed"
        case .distance: "distance"
        case .virtual: "virtual"
        case .homeVisit: "home_visit"
        case .rides: "rides"
        case .unlocated: "no_site_address"
        case .open: "open"
        case .enrollmentNotListed: "enrollment_not_listed"
        case .waitlist: "waitlist"
        case .intensity: "intensity"
        case .intensityNotListed: "intensity_not_listed"
        case .settings: "settings"
        case .notPreferredSetting: "not_preferred_setting"
        case .settingNotListed: "setting_not_listed"
        case .times: "times"
        case .hoursNotListed: "hours_not_listed"
        case .notOpenAtFamilyTimes: "not_open_at_family_times"
        case .verified: "verified"
        case .neverVerified: "never_verified"
        }
    }

    /// The reason's values, sorted by key; a value that is not known (a waitlist's length) is left out.
    public var values: [(key: String, value: ReasonValue)] {
        switch self {
        case .agesNotListed(let age): [("age", .int(age))]
        case .speaks(let languages), .languagesNotListed(let languages): [("languages", .texts(languages.map(\.rawValue)))]
        case .accepts(let insurance): [("insurance", .text(insurance.rawValue))]
        case .costNotListed(let ask): ask.map { [("insurance", .text($0.rawValue))] } ?? []
        case .insuranceNotListed(let cost, let ask): [("cost", .text(cost.rawValue)), ("insurance", .text(ask.rawValue))]
        case .distance(let km, let approximate, let reach):
            [("approximate", .bool(approximate)), ("km", .number(km)), ("reach", .text(reach.rawValue))]
        case .open(let places): places.map { [("places_left", .int($0))] } ?? []
        case .waitlist(let weeks): weeks.map { [("weeks", .int($0))] } ?? []
        case .intensity(let serviceTier, let tier): [("service_tier", .int(serviceTier)), ("tier", .int(tier))]
        case .intensityNotListed(let tier): [("tier", .int(tier))]
        case .settings(let settings): [("settings", .texts(settings.map(\.rawValue)))]
        case .times(let times): [("times", .texts(times.map(\.rawValue)))]
        case .verified(let days): [("days_ago", .int(days))]
        case .interpreterAvailable, .free, .slidingScale, .feesApply, .virtual, .homeVisit, .rides, .unlocated,
             .enrollmentNotListed, .notPreferredSetting, .settingNotListed, .hoursNotListed, .notOpenAtFamilyTimes, .neverVerified:
            []
        }
    }

    private enum Keys: String, CodingKey { case code, values }

    private struct ValueKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(code, forKey: .code)
        var nested = container.nestedContainer(keyedBy: ValueKey.self, forKey: .values)
        for (key, value) in values {
            let key = ValueKey(stringValue: key)
            switch value {
            case .int(let number): try nested.encode(number, forKey: key)
            case .number(let number): try nested.encode(number, forKey: key)
            case .bool(let flag): try nested.encode(flag, forKey: key)
            case .text(let text): try nested.encode(text, forKey: key)
            case .texts(let texts): try nested.encode(texts, forKey: key)
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let code = try container.decode(String.self, forKey: .code)
        let values = try container.nestedContainer(keyedBy: ValueKey.self, forKey: .values)
        func int(_ key: String) throws -> Int { try values.decode(Int.self, forKey: ValueKey(stringValue: key)) }
        func optionalInt(_ key: String) throws -> Int? { try values.decodeIfPresent(Int.self, forKey: ValueKey(stringValue: key)) }
        func value<T: RawRepresentable>(_ key: String, as type: T.Type) throws -> T where T.RawValue == String {
            let raw = try values.decode(String.self, forKey: ValueKey(stringValue: key))
            guard let value = T(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(forKey: ValueKey(stringValue: key), in: values, debugDescription: "'\(raw)' is not a \(T.self)")
            }
            return value
        }
        func list<T: RawRepresentable>(_ key: String, as type: T.Type) throws -> [T] where T.RawValue == String {
            try values.decode([String].self, forKey: ValueKey(stringValue: key)).map { raw in
                guard let value = T(rawValue: raw) else {
                    throw DecodingError.dataCorruptedError(forKey: ValueKey(stringValue: key), in: values, debugDescription: "'\(raw)' is not a \(T.self)")
                }
                return value
            }
        }
        switch code {
        case "ages_not_listed": self = .agesNotListed(age: try int("age"))
        case "speaks": self = .speaks(try list("languages", as: LanguageCode.self))
        case "interpreter_available": self = .interpreterAvailable
        case "languages_not_listed": self = .languagesNotListed(try list("languages", as: LanguageCode.self))
        case "free": self = .free
        case "sliding_scale": self = .slidingScale
        case "fees_apply": self = .feesApply
        case "accepts": self = .accepts(try value("insurance", as: Insurance.self))
        case "cost_not_listed":
            self = .costNotListed(ask: values.contains(ValueKey(stringValue: "insurance")) ? try value("insurance", as: Insurance.self) : nil)
        case "insurance_not_listed":
            self = .insuranceNotListed(cost: try value("cost", as: CostKind.self), ask: try value("insurance", as: Insurance.self))
        case "distance":
            self = .distance(km: try values.decode(Double.self, forKey: ValueKey(stringValue: "km")),
                             approximate: try values.decode(Bool.self, forKey: ValueKey(stringValue: "approximate")),
                             reach: try value("reach", as: Reach.self))
        case "virtual": self = .virtual
        case "home_visit": self = .homeVisit
        case "rides": self = .rides
        case "no_site_address": self = .unlocated
        case "open": self = .open(placesLeft: try optionalInt("places_left"))
        case "enrollment_not_listed": self = .enrollmentNotListed
        case "waitlist": self = .waitlist(weeks: try optionalInt("weeks"))
        case "intensity": self = .intensity(serviceTier: try int("service_tier"), tier: try int("tier"))
        case "intensity_not_listed": self = .intensityNotListed(tier: try int("tier"))
        case "settings": self = .settings(try list("settings", as: Setting.self))
        case "not_preferred_setting": self = .notPreferredSetting
        case "setting_not_listed": self = .settingNotListed
        case "times": self = .times(try list("times", as: TimeWindow.self))
        case "hours_not_listed": self = .hoursNotListed
        case "not_open_at_family_times": self = .notOpenAtFamilyTimes
        case "verified": self = .verified(daysAgo: try int("days_ago"))
        case "never_verified": self = .neverVerified
        default:
            throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "'\(code)' is not a reason code")
        }
    }
}

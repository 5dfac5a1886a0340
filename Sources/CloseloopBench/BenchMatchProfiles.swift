import BenchSupport
import Directory
import Foundation
import Matching

/// Random but realistic needs profiles for `closeloop-bench match`, the same for the same seed:
/// mostly English- and Spanish-speaking families with the rest spread over the languages refugee
/// resettlement brings (a few nobody in the directory speaks), most on Medicaid or private
/// coverage, homes spread over the synthetic city.
enum BenchProfiles {
    static func make(count: Int, seed: UInt64, barriers: [Barrier], center: Coordinates) -> [NeedsProfile] {
        var random = SeededRandom(seed: seed)
        let codes = barriers.map(\.id)
        return (0..<count).map { _ in profile(&random, barrierCodes: codes, center: center) }
    }

    /// Languages besides English and Spanish, roughly by how often districts meet them; "ht" and "km"
    /// are spoken by no synthetic service, so some profiles end in language gaps.
    static let otherLanguages = ["vi", "so", "ar", "zh", "fr", "sw", "ne", "my", "ru", "ps", "ht", "km"]
        .compactMap(LanguageCode.init(rawValue:))

    private static func profile(_ random: inout SeededRandom, barrierCodes: [String], center: Coordinates) -> NeedsProfile {
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

        var barriers: [String] = []
        let wanted = min(barrierCodes.count, Int(1 + random.next() % 3))
        while barriers.count < wanted {
            let code = pick(barrierCodes)
            if !barriers.contains(code) { barriers.append(code) }
        }
        // Tier 2 is the usual referral; Tier 3 the fewest.
        let tier = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3][Int(random.next() % 10)]
        let age: Int? = chance(90) ? Int(5 + random.next() % 14) : nil

        var languages: [LanguageCode] = []
        switch random.next() % 100 {
        case ..<10: break  // not stated
        case ..<55: languages = [.english]
        case ..<80: languages = chance(50) ? [.spanish] : [.spanish, .english]
        default:
            languages = [pick(otherLanguages)]
            if chance(40) { languages.append(.english) }
        }

        let insurance: Insurance? = switch random.next() % 100 {
        case ..<45: .medicaid
        case ..<55: .chip
        case ..<85: .private
        case ..<95: .uninsured
        default: nil
        }
        // Homes over the same area as the synthetic sites (±0.2° latitude, ±0.25° longitude), a few unknown.
        let home: Coordinates? = chance(95)
            ? Coordinates(
                lat: center.lat + Double(Int(random.next() % 4000) - 2000) / 10_000,
                lon: center.lon + Double(Int(random.next() % 5000) - 2500) / 10_000)
            : nil
        let transportation = [FamilyTransportation.none, .transit, .transit, .car, .car][Int(random.next() % 5)]
        var times: [TimeWindow] = []
        for window in TimeWindow.allCases where chance(30) { times.append(window) }
        var settings: [Setting] = []
        for setting in Setting.allCases where chance(20) { settings.append(setting) }
        return NeedsProfile(
            barriers: barriers, tier: tier, age: age, languages: languages, insurance: insurance, home: home,
            transportation: transportation, times: times, settings: settings)
    }

    /// The profile as the JSON body of `POST /api/v1/match`.
    static func json(_ profile: NeedsProfile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(profile), as: UTF8.self)
    }
}

import Foundation
import Localization
import SQLKit

/// The district settings that change how pages and messages show times and distances, beside the
/// follow-up timers in `district_settings`: `district.time_zone` (IANA name, shared with the
/// timers), `district.country` (ISO code, "US") and `district.distance_unit` ("mi" or "km";
/// unset: the country's usual unit).
public enum DistrictDisplaySetting: String, Sendable, CaseIterable {
    case timeZone = "district.time_zone"
    case country = "district.country"
    case distanceUnit = "district.distance_unit"
}

extension ReferralStore {
    public func districtDisplay() async throws -> DistrictDisplay {
        try await Self.districtDisplay(on: sql)
    }

    /// The display settings and whether the store holds demo data (`DemoDataMarker`), in one read:
    /// every page needs both (times and distances, and the footer's demo notice).
    public func pageSettings() async throws -> (display: DistrictDisplay, holdsDemoData: Bool) {
        let values = try await Self.settings(DistrictDisplaySetting.allCases.map(\.rawValue) + [DemoDataMarker.key], on: sql)
        return (Self.districtDisplay(values), values[DemoDataMarker.key] != nil)
    }

    static func districtDisplay(on db: any SQLDatabase) async throws -> DistrictDisplay {
        districtDisplay(try await settings(DistrictDisplaySetting.allCases.map(\.rawValue), on: db))
    }

    private static func settings(_ keys: [String], on db: any SQLDatabase) async throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try await db.select().columns("key", "value").from("district_settings").where("key", .in, keys).all() {
            values[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self)
        }
        return values
    }

    private static func districtDisplay(_ values: [String: String]) -> DistrictDisplay {
        let zone = values[DistrictDisplaySetting.timeZone.rawValue].flatMap(TimeZone.init(identifier:)) ?? .gmt
        let unit = values[DistrictDisplaySetting.distanceUnit.rawValue].flatMap(DistanceUnit.init(rawValue:))
            ?? DistanceUnit.usual(inCountry: values[DistrictDisplaySetting.country.rawValue])
        return DistrictDisplay(timeZone: zone, distanceUnit: unit)
    }

    /// Sets one display setting; a time zone must be an IANA name this system knows, a unit "mi" or "km".
    public func setDisplaySetting(_ key: DistrictDisplaySetting, to value: String) async throws(DistrictSettingRefusal) {
        switch key {
        case .timeZone: guard TimeZone(identifier: value) != nil else { throw .unknownTimeZone(value) }
        case .distanceUnit: guard DistanceUnit(rawValue: value) != nil else { throw .unknownUnit(value) }
        case .country: guard (2...3).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isLetter }) else { throw .unknownCountry(value) }
        }
        do {
            try await database.transaction { db in
                try await db.delete(from: "district_settings").where("key", .equal, key.rawValue).run()
                try await db.insert(into: "district_settings").columns("key", "value")
                    .values(SQLBind(key.rawValue), SQLBind(key == .country ? value.uppercased() : value)).run()
                if key == .timeZone { try await ReportMonths.write(zone: TimeZone(identifier: value) ?? .gmt, on: db, backend: database.backend) }
            }
        } catch {
            throw .store(String(describing: error))
        }
    }
}

/// Why a display setting was refused; one readable line each.
public enum DistrictSettingRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownTimeZone(String)
    case unknownUnit(String)
    case unknownCountry(String)
    case store(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let zone): "'\(zone)' is not an IANA time zone name (e.g. America/Chicago)"
        case .unknownUnit(let unit): "a distance unit is 'mi' or 'km', not '\(unit)'"
        case .unknownCountry(let country): "a country is an ISO code such as 'US', not '\(country)'"
        case .store(let reason): "the store refused the setting: \(reason)"
        }
    }
}

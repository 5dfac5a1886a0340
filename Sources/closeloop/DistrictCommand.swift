import ArgumentParser
import Foundation
import Localization
import Storage

extension DistrictDisplaySetting: ExpressibleByArgument {}

/// `closeloop district`: the district settings that change how pages and emails show times and
/// distances — its time zone (IANA), its country and its distance unit.
struct DistrictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district", abstract: "Show or set the district's time zone, country and distance unit.",
        subcommands: [Show.self, Set.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the time zone and distance unit pages use.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let display = try await database.withStore(logger: makeLogger()) { store in
                try await ReferralStore(database: store.database).districtDisplay()
            }
            print("time zone\t\(display.timeZone.identifier)")
            print("distance unit\t\(display.distanceUnit.rawValue)")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set district.time_zone (e.g. America/Chicago), district.country (e.g. US) or district.distance_unit (mi or km).")

        @Argument(help: "district.time_zone, district.country or district.distance_unit.")
        var key: DistrictDisplaySetting

        @Argument(help: "The value.")
        var value: String

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await database.withStore(logger: makeLogger()) { store in
                do {
                    try await ReferralStore(database: store.database).setDisplaySetting(key, to: value)
                } catch let refusal as DistrictSettingRefusal {
                    throw CommandFailure(refusal.description)
                }
            }
            UserCommand.note("\(key.rawValue) = \(value)")
        }
    }
}

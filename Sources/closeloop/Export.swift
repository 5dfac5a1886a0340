import ArgumentParser
import Directory
import Foundation
import Feeds
import Storage

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole directory as an Open Referral HSDS 3.0 datapackage.",
        discussion: "Importing the export into an empty store gives the same directory back.")

    @Option(help: "Only hsds-csv is supported.")
    var format: FeedFormat = .hsdsCSV

    @Argument(help: "Folder to write datapackage.json and the CSV tables into (created if missing).")
    var directory: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard format == .hsdsCSV else { throw CommandFailure("export writes hsds-csv only") }
        let snapshot = try await database.withStore(logger: makeLogger()) { try await $0.snapshot() }
        do {
            try HSDSExporter(directory: snapshot).write(to: URL(fileURLWithPath: directory))
        } catch {
            throw CommandFailure("cannot write \(directory): \(error.localizedDescription)")
        }
        print("exported \(snapshot.organizations.count) organizations, \(snapshot.locations.count) locations, "
              + "\(snapshot.services.count) services to \(directory)")
    }
}

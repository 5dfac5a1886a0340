import ArgumentParser
import Directory
import Foundation
import Feeds
import Storage

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole directory as an Open Referral HSDS 3.1 tabular package (CSV).",
        discussion: """
            The files and columns are those of the HSDS 3.1 datapackage.json, with UUID ids; taxonomy terms \
            carry the names and descriptions their feeds gave. Closeloop's own facts go into x_closeloop_*.csv \
            tables beside them, so importing the export into an empty store gives the same directory back. \
            scripts/validate-hsds-csv.py checks an export with frictionless against the spec's package.
            """)

    @Option(help: "Only hsds-csv is supported.")
    var format: FeedFormat = .hsdsCSV

    @Argument(help: "Folder to write datapackage.json and the CSV tables into (created if missing).")
    var directory: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard format == .hsdsCSV else { throw CommandFailure("export writes hsds-csv only") }
        let (snapshot, terms) = try await database.withStore(logger: makeLogger()) { store in
            (try await store.snapshot(), try await store.taxonomyTerms())
        }
        do {
            try HSDSExporter(directory: snapshot, terms: terms).write(to: URL(fileURLWithPath: directory))
        } catch {
            throw CommandFailure("cannot write \(directory): \(error.localizedDescription)")
        }
        print("exported \(snapshot.organizations.count) organizations, \(snapshot.locations.count) locations, "
              + "\(snapshot.services.count) services, \(Set(terms.map { $0.code.uppercased() }).count) taxonomy terms to \(directory)")
    }
}

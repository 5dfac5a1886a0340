import Directory
import Foundation

/// Reads an Open Referral HSDS package (HSDS 1.1, 2.0 or 3.0 column names): a folder or `.zip` with
/// `datapackage.json` and CSV tables.
///
/// The small linked tables (phones, addresses, schedules, languages, eligibility, costs, service areas,
/// taxonomy) are loaded into dictionaries first; then organizations, locations, services and
/// services_at_location are streamed in that order, so every record is emitted after those it names.
/// Directory ids are `"<source>:<feed id>"`.
public struct HSDSReader: FeedReader {
    public let path: String
    public let source: String
    public let mapping: TaxonomyMapping
    public let importedAt: Date

    public init(path: String, source: String, mapping: TaxonomyMapping, importedAt: Date) {
        self.path = path
        self.source = source
        self.mapping = mapping
        self.importedAt = importedAt
    }

    public func read(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws -> ReadSummary {
        let log = CSVImportLog()
        guard let package = HSDSPackage.open(path: path, log: log) else { return log.summary }
        defer { package.removeTemporaryFiles() }

        let run = HSDSImport(package: package, source: source, mapping: mapping, importedAt: importedAt, log: log)
        guard run.checkRequiredColumns() else {
            log.stop()
            return log.summary
        }
        run.loadLinkedTables()
        // A Closeloop export carries its own ids, provenance and facets in x_closeloop_* columns.
        run.extensions = HSDSCloseloopExtensions.detect(package)
        try run.readOrganizations(emit: emit, progress: progress)
        try run.readLocations(emit: emit, progress: progress)
        try run.readServices(emit: emit, progress: progress)
        try run.readServicesAtLocation(emit: emit, progress: progress)
        run.finishCompanions()
        if let report = run.meter.finish(records: log.summary.recordsRead) { progress(report) }
        return log.summary
    }
}

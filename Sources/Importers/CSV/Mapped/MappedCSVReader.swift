import Directory
import Foundation

/// Reads one flat spreadsheet — each row a service at one location of one organization — through a
/// `MappingProfile`. Organizations are recognised by their id column or, without one, by name;
/// locations by their organization and address; services by their id column or organization and name.
/// A row repeating a known organization, location or service only adds what is new (a further site).
public struct MappedCSVReader: FeedReader {
    public let path: String
    public let profile: MappingProfile
    public let source: String
    public let mapping: TaxonomyMapping
    public let importedAt: Date

    public init(path: String, profile: MappingProfile, source: String, mapping: TaxonomyMapping, importedAt: Date) {
        self.path = path
        self.profile = profile
        self.source = source
        self.mapping = mapping
        self.importedAt = importedAt
    }

    public func read(emit: (FeedRecord) throws -> Void, progress: (ReadProgress) -> Void) throws -> ReadSummary {
        let log = CSVImportLog()
        let sheet: CSVTable
        do {
            sheet = try CSVTable(path: path, delimiter: profile.delimiter)
        } catch let problem as ImportProblem {
            log.stop(problem)
            return log.summary
        }
        guard let parser = makeParser(for: sheet, log: log) else { return log.summary }

        var builder = MappedRecordBuilder(
            source: source, importedAt: importedAt, mapping: mapping, fileName: sheet.fileName, log: log)
        var meter = CSVProgressMeter(totalBytes: sheet.tokenizer.fileSize)
        while let row = sheet.next() {
            log.countRecordRead()
            if let report = meter.tick(records: log.summary.recordsRead, currentFileBytes: sheet.tokenizer.bytesRead) {
                progress(report)
            }
            let (mapped, problems) = parser.parse(row)
            guard problems.isEmpty else {
                problems.forEach(log.record)
                continue
            }
            for record in builder.records(for: mapped, line: row.line) { try emit(record) }
        }
        log.absorbProblems(of: sheet)
        meter.finishFile(bytes: sheet.tokenizer.bytesRead)
        if let report = meter.finish(records: log.summary.recordsRead) { progress(report) }
        return log.summary
    }

    /// Finds every column the profile names; any missing one stops the import, naming the profile
    /// and the column, since every row would otherwise fail the same way.
    private func makeParser(for sheet: CSVTable, log: CSVImportLog) -> MappedRowParser? {
        var indexes: [MappingProfile.Field: Int] = [:]
        for (field, header) in profile.columns.sorted(by: { $0.key < $1.key }) {
            if let index = sheet.column(header) {
                indexes[field] = index
            } else {
                log.error(profile.fileName, field: header,
                          "column '\(header)' (mapped to \(field.rawValue)) is not in \(sheet.fileName); its columns are: \(sheet.header.joined(separator: ", "))")
            }
        }
        guard indexes.count == profile.columns.count else {
            log.stop()
            return nil
        }
        return MappedRowParser(profile: profile, fileName: sheet.fileName, columnIndexes: indexes)
    }
}

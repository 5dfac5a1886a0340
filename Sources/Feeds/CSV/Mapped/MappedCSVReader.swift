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
            problems.forEach(log.record)
            guard let mapped else { continue }
            for record in builder.records(for: mapped, line: row.line) { try emit(record) }
        }
        log.absorbProblems(of: sheet)
        meter.finishFile(bytes: sheet.tokenizer.bytesRead)
        if let report = meter.finish(records: log.summary.recordsRead) { progress(report) }
        return log.summary
    }

    /// The sheet's headers for an error message: at most 40, blank ones shown as '', so a damaged first
    /// line of thousands of cells does not make a message of thousands of commas.
    static func columnList(_ header: [String]) -> String {
        let shown = header.prefix(40).map { $0.isEmpty ? "''" : $0 }.joined(separator: ", ")
        return header.count > 40 ? "\(shown) and \(header.count - 40) more" : shown
    }

    /// Finds every column the profile names; any missing one stops the import, naming the profile
    /// and the column, since every row would otherwise fail the same way.
    private func makeParser(for sheet: CSVTable, log: CSVImportLog) -> MappedRowParser? {
        var missing = false
        func index(_ header: String, use: String) -> Int? {
            if let index = sheet.column(header) { return index }
            log.error(profile.fileName, field: header, kind: .missingColumn,
                      "column '\(header)' (mapped to \(use)) is not in \(sheet.fileName); its columns are: \(Self.columnList(sheet.header))")
            missing = true
            return nil
        }
        var columns: [MappingProfile.Field: [Int]] = [:]
        var phones: [(index: Int, kind: Phone.Kind)] = []
        for (field, header) in profile.columns.sorted(by: { $0.key < $1.key }) {
            let headers = [header] + (profile.moreColumns[field] ?? [])
            let found = headers.compactMap { header in index(header, use: field.rawValue).map { (header, $0) } }
            columns[field] = found.map(\.1)
            if field == .phone { phones = found.map { ($0.1, profile.phoneKinds[$0.0] ?? .voice) } }
        }
        var valueColumns: [MappingProfile.Field: [(index: Int, value: String)]] = [:]
        for (field, headers) in profile.valueColumns.sorted(by: { $0.key < $1.key }) {
            valueColumns[field] = headers.sorted { $0.key < $1.key }.compactMap { header, value in
                index(header, use: "value_columns.\(field.rawValue)").map { ($0, value) }
            }
        }
        let inactive = profile.inactiveWhen.sorted { $0.key < $1.key }.compactMap { header, words in
            index(header, use: "inactive_when").map { (index: $0, header: header, words: words) }
        }
        guard !missing else {
            log.stop()
            return nil
        }
        return MappedRowParser(
            profile: profile, fileName: sheet.fileName, mapping: mapping, columnIndexes: columns,
            valueColumnIndexes: valueColumns, phoneColumns: phones, inactiveColumns: inactive)
    }
}

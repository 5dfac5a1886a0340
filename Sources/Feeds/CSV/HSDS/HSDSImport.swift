import Directory
import Foundation

/// State of one HSDS read: the package, what has been emitted so far (to check references),
/// and the problem log. The table readers are extensions of it, one file per table group.
final class HSDSImport {
    let package: HSDSPackage
    let source: String
    let mapping: TaxonomyMapping
    let importedAt: Date
    let log: CSVImportLog
    var meter: CSVProgressMeter
    var linked = HSDSLinkedData()

    /// Feed ids emitted so far, per core table; references are checked against these.
    var emittedOrganizations: Set<String> = []
    var emittedLocations: Set<String> = []
    var emittedServices: Set<String> = []
    /// Services that had no taxonomy code at all; reported once at the end.
    var servicesWithoutTaxonomy = 0
    /// Taxonomy terms with no usable code (id → name), and those already warned about.
    var termsWithoutCode: [String: String] = [:]
    var warnedTerms: Set<String> = []
    /// location id → organization id, inferred for 3.0 locations that name no organization.
    var inferredLocationOwners: [String: String]?
    /// Free-text service columns repeat ("Free", "Call to apply"); each distinct text is read once.
    var feeTexts = CSVValueMemo(StatedCost.fromFeeField)
    var intakeTexts = CSVValueMemo { StatedEnrollment.intakeMethods(in: $0) }
    var waitTexts = CSVValueMemo(StatedEnrollment.waitWeeks)
    var processStatuses = CSVValueMemo<StatedEnrollment?> { $0.isEmpty ? nil : StatedEnrollment.status(in: VocabularyTokens($0)) }
    var interpretationTexts = CSVValueMemo(StatedLanguages.interpreterField)
    var eligibilityTexts = CSVValueMemo { text in EligibilityFacts(FeedPlainText.plainText(text)) }
    var transitTexts = CSVValueMemo(StatedSetting.siteTransitNamed)
    var dates = CSVValueMemo<Result<Date?, UnreadableText>> { text in
        do throws(UnreadableText) { return .success(try FeedDateText.date(text)) } catch { return .failure(error) }
    }
    /// Set when the package is a Closeloop export: its records carry `x_closeloop_*` columns.
    var extensions: HSDSCloseloopExtensions?
    /// Closeloop's companion tables (`HSDSTable.closeloop…`), opened when their core table is read.
    var companions: [HSDSTable: HSDSCompanionTable] = [:]

    init(package: HSDSPackage, source: String, mapping: TaxonomyMapping, importedAt: Date, log: CSVImportLog) {
        self.package = package
        self.source = source
        self.mapping = mapping
        self.importedAt = importedAt
        self.log = log
        let sizes = package.tables.values.map { path in
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        meter = CSVProgressMeter(totalBytes: sizes.reduce(0, +))
    }

    /// Directory ids are prefixed with the source so two feeds' "1" never collide.
    func directoryID(_ feedID: String) -> String { "\(source):\(feedID)" }

    func provenance(feedID: String, lastVerifiedAt: Date?) -> Provenance {
        Provenance(source: source, externalID: feedID, importedAt: importedAt, lastVerifiedAt: lastVerifiedAt)
    }

    /// Opens every table's header and reports every missing required column at once, so a person
    /// fixes the package in one go. Returns false when the import cannot go on.
    func checkRequiredColumns() -> Bool {
        var isComplete = true
        for (table, path) in package.tables.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let csv = open(table, at: path) else { isComplete = false; continue }
            for names in table.requiredColumns where csv.column(names) == nil {
                let alternatives = names.count > 1 ? " (or \(names.dropFirst().map { "'\($0)'" }.joined(separator: ", ")))" : ""
                log.error(csv.fileName, line: 1, field: names[0], kind: .missingColumn,
                          "required column '\(names[0])'\(alternatives) is missing from \(csv.fileName); nothing was imported")
                isComplete = false
            }
        }
        return isComplete
    }

    /// Opens a table for `body` (which looks up its columns once, then loops over `csv.next()`),
    /// then records the tokenizer's problems and the bytes read. A missing table is skipped.
    func withTable(_ table: HSDSTable, _ body: (CSVTable) throws -> Void) rethrows {
        guard let path = package.tables[table], let csv = open(table, at: path) else { return }
        defer {
            log.absorbProblems(of: csv)
            meter.finishFile(bytes: csv.tokenizer.bytesRead)
        }
        try body(csv)
    }

    /// Where a table's `x_closeloop_*` columns are, when the package is a Closeloop export.
    func extensionColumns(_ csv: CSVTable) -> HSDSCloseloopExtensions.Columns? {
        extensions.map { _ in HSDSCloseloopExtensions.Columns(csv) }
    }

    /// Why a record without a name is skipped; a cell holding only markup says so.
    static func noName(_ record: String, cell: String) -> String {
        cell.isEmpty
            ? "the \(record) has no name; skipped"
            : "the \(record)'s name '\(cell.prefix(80))' is only markup, no text; skipped"
    }

    /// The record as the feed means it: for a Closeloop export, with what its row's extension columns say.
    func extended(_ record: FeedRecord, row: CSVRow?, columns: HSDSCloseloopExtensions.Columns?) -> FeedRecord {
        extensions?.apply(record, row: row, columns: columns, source: source, log: log) ?? record
    }

    /// The record as a Closeloop 3.1 export means it: with its row of the companion table `companion`
    /// (same HSDS id), when the package has that table; else as `extended(_:row:columns:)` reads it.
    func extended(
        _ record: FeedRecord, row: CSVRow?, columns: HSDSCloseloopExtensions.Columns?, companion table: HSDSTable, feedID: String
    ) -> FeedRecord {
        if let extensions, let companion = companion(table), let companionRow = companion.row(for: feedID) {
            return extensions.apply(record, row: companionRow, columns: companion.columns, source: source, log: log)
        }
        return extended(record, row: row, columns: columns)
    }

    /// The companion table, opened on first use; nil when the package has none.
    private func companion(_ table: HSDSTable) -> HSDSCompanionTable? {
        if let open = companions[table] { return open }
        guard let path = package.tables[table], let csv = open(table, at: path) else { return nil }
        let companion = HSDSCompanionTable(csv: csv, log: log)
        companions[table] = companion
        return companion
    }

    /// Records the companion tables' problems and bytes once the core tables are read.
    func finishCompanions() {
        for companion in companions.values {
            log.absorbProblems(of: companion.csv)
            meter.finishFile(bytes: companion.csv.tokenizer.bytesRead)
        }
        companions = [:]
    }

    /// A guess at a table's row count from its size, to size the id sets once instead of regrowing them.
    static func estimatedRows(_ csv: CSVTable) -> Int {
        Int(min(csv.tokenizer.fileSize / 64, 4_000_000))
    }

    private func open(_ table: HSDSTable, at path: String) -> CSVTable? {
        do {
            return try CSVTable(path: path, fileName: (path as NSString).lastPathComponent)
        } catch let problem as ImportProblem {
            log.record(problem)
        } catch {
            log.error((path as NSString).lastPathComponent, kind: .malformedFile, "cannot read: \(error)")
        }
        return nil
    }
}

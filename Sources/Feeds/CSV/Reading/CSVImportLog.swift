import Directory

/// The summary a CSV-based reader builds while it reads: problems, counts, and unmapped taxonomy codes.
/// A class so the table readers of one import can share it.
final class CSVImportLog {
    private(set) var summary = ReadSummary()
    private var warnedUnmappedCodes: Set<String> = []
    private var classifications: [[String]: Classification] = [:]

    /// A record (or a row of a linked table) skipped, or a problem that stops the import.
    /// The kind is required: the summary counts problems by it and `--rejects` lists it.
    func error(
        _ file: String, line: Int? = nil, field: String? = nil, recordID: String? = nil, kind: ImportProblem.Kind,
        _ message: String
    ) {
        summary.problems.append(ImportProblem(
            file: file, line: line, field: field, recordID: recordID, message: message, severity: .error, kind: kind))
    }

    /// A record kept with something left unknown, dropped or changed.
    func warning(
        _ file: String, line: Int? = nil, field: String? = nil, recordID: String? = nil, kind: ImportProblem.Kind,
        _ message: String
    ) {
        summary.problems.append(ImportProblem(
            file: file, line: line, field: field, recordID: recordID, message: message, severity: .warning, kind: kind))
    }

    func record(_ problem: ImportProblem) {
        summary.problems.append(problem)
    }

    /// Records a problem that ends the import.
    func stop(_ problem: ImportProblem) {
        summary.problems.append(problem)
        stop()
    }

    /// Marks the read as incomplete, so the import does not withdraw records it never saw.
    func stop() {
        summary.readToEnd = false
    }

    func countRecordRead() { summary.recordsRead += 1 }

    /// What the feed says about a code its terms map to; the first term describing a code wins.
    func describe(_ term: TaxonomyTerm) {
        guard summary.taxonomyTerms[term.code] == nil else { return }
        summary.taxonomyTerms[term.code] = term
    }

    /// Takes the problems another log of the same read found (a table loaded on another thread),
    /// placed at `position` among this log's, so the report reads as if one thread had read every table.
    func insert(_ other: CSVImportLog, at position: Int) {
        summary.problems.insert(contentsOf: other.summary.problems, at: min(position, summary.problems.count))
        if !other.summary.readToEnd { summary.readToEnd = false }
    }

    /// Copies what the tokenizer found (encoding fallback, unterminated quote) once the file is done.
    /// A tokenizer error means the rest of that file was not read.
    func absorbProblems(of table: CSVTable) {
        summary.problems += table.tokenizer.problems
        if table.tokenizer.problems.contains(where: { $0.severity == .error }) { summary.readToEnd = false }
    }

    /// Domains and intensity for a service's taxonomy codes. Codes no barrier covers are counted per
    /// service in the summary and warned about once each, not once per service, so a large feed
    /// with a few unknown codes stays readable. Results are remembered per code list: feeds reuse a
    /// few hundred combinations across thousands of services.
    func classify(
        codes: [String], mapping: TaxonomyMapping, file: String, line: Int, recordID: String
    ) -> (domains: [Domain], intensity: Intensity?) {
        let facets: Classification
        if let known = classifications[codes] {
            facets = known
        } else {
            facets = Classification(
                domains: mapping.domains(for: codes), intensity: mapping.intensity(for: codes),
                unmapped: Self.withoutRepeats(mapping.unmapped(codes)))
            if classifications.count < 10_000 { classifications[codes] = facets }
        }
        for code in facets.unmapped {
            summary.unmappedTaxonomyCodes[code, default: 0] += 1
            if warnedUnmappedCodes.insert(code).inserted {
                warning(file, line: line, field: "taxonomy", recordID: recordID, kind: .unmappedTaxonomy,
                        "taxonomy code '\(code)' is not under any barrier's prefixes; it adds no domain or intensity")
            }
        }
        return (facets.domains, facets.intensity)
    }

    private static func withoutRepeats(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }

    private struct Classification {
        var domains: [Domain]
        var intensity: Intensity?
        var unmapped: [String]
    }
}

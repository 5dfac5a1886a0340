import Directory

/// The summary an AIRS read builds as it goes: problems (all located in the one XML file), counts,
/// unmapped taxonomy codes and unknown elements. A class because the XML handler and the record
/// assembler add to the same summary.
final class AIRSImportLog {
    let file: String
    private(set) var summary = ReadSummary()
    /// Warnings that would repeat for every record (an unmapped code, an unknown language) are given once.
    private var warnedOnce: Set<String> = []
    private var unknownElements: [String: (count: Int, firstLine: Int)] = [:]
    private var unknownOrder: [String] = []

    init(file: String) {
        self.file = file
    }

    /// Every problem names its kind, so `--rejects` and the import's summary can count them by kind.
    func error(
        line: Int?, column: Int? = nil, field: String? = nil, recordID: String? = nil, kind: ImportProblem.Kind,
        _ message: String
    ) {
        summary.problems.append(ImportProblem(
            file: file, line: line, column: column, field: field, recordID: recordID, message: message, severity: .error,
            kind: kind))
    }

    func warning(line: Int?, field: String? = nil, recordID: String? = nil, kind: ImportProblem.Kind, _ message: String) {
        summary.problems.append(ImportProblem(
            file: file, line: line, field: field, recordID: recordID, message: message, severity: .warning, kind: kind))
    }

    /// A warning given only the first time `topic` comes up in the file.
    func warnOnce(
        _ topic: String, line: Int?, field: String? = nil, recordID: String? = nil, kind: ImportProblem.Kind, _ message: String
    ) {
        guard warnedOnce.insert(topic).inserted else { return }
        warning(line: line, field: field, recordID: recordID, kind: kind, message)
    }

    /// Records the problem that ends reading: nothing after it can be trusted, and the import refuses
    /// the whole file (`readToEnd` false).
    func stop(line: Int?, column: Int?, kind: ImportProblem.Kind = .malformedFile, _ message: String) {
        error(line: line, column: column, kind: kind, message)
        summary.readToEnd = false
    }

    func countRecordRead() { summary.recordsRead += 1 }

    func countUnmapped(_ code: String) { summary.unmappedTaxonomyCodes[code, default: 0] += 1 }

    /// A code a service keeps: an AIRS `<Taxonomy><Code>` names no term, only its taxonomy (AIRS/211).
    func noteTaxonomyCode(_ code: String, source: String) {
        guard summary.taxonomyTerms[code] == nil else { return }
        summary.taxonomyTerms[code] = TaxonomyTerm(source: source, code: code, taxonomy: TaxonomyTerm.airsTaxonomy)
    }

    /// An element this reader does not know, directly under a record or the root; reported once per
    /// name when reading ends.
    func countUnknown(element: String, line: Int) {
        if let seen = unknownElements[element] {
            unknownElements[element] = (seen.count + 1, seen.firstLine)
        } else {
            unknownElements[element] = (1, line)
            unknownOrder.append(element)
        }
    }

    /// The summary with one warning per unknown element name.
    func finish() -> ReadSummary {
        var finished = summary
        for element in unknownOrder {
            guard let seen = unknownElements[element] else { continue }
            finished.problems.append(ImportProblem(
                file: file, line: seen.firstLine, field: element,
                message: "<\(element)> is not an AIRS 3.0/3.1 element this reader uses; ignored (\(seen.count) time(s), first here)",
                severity: .warning, kind: .unknownField))
        }
        return finished
    }
}

import Foundation

/// A CSV file whose first record names the columns. Columns are found by name, ignoring case and
/// surrounding spaces, so "Service_ID " and "service_id" are the same column.
final class CSVTable {
    let tokenizer: CSVTokenizer
    /// Header cells as written (trimmed).
    let header: [String]
    private let indexByName: [String: Int]

    var fileName: String { tokenizer.fileName }

    /// - Throws: `ImportProblem` when the file cannot be opened.
    init(path: String, fileName: String? = nil, delimiter: UInt8? = nil) throws {
        tokenizer = try CSVTokenizer(
            path: path, fileName: fileName, delimiter: delimiter ?? CSVTokenizer.delimiter(forPath: path))
        let headerRow = tokenizer.next()
        header = headerRow.map { row in (0..<row.count).map { row.value($0) } } ?? []
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[Self.key(name)] == nil {
            index[Self.key(name)] = position
        }
        indexByName = index
    }

    /// The index of the first of `names` the file has.
    func column(_ names: String...) -> Int? { column(names) }

    func column(_ names: [String]) -> Int? {
        for name in names { if let index = indexByName[Self.key(name)] { return index } }
        return nil
    }

    func next() -> CSVRow? { tokenizer.next() }

    /// Lower case with runs of spaces collapsed: how headers are compared.
    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

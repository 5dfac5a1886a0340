/// A plain-text table with aligned columns: what the CLI and the benchmarks print. Cells are padded
/// to the widest cell of their column (in characters), columns are two spaces apart, and no line
/// ends in spaces.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public let headers: [String]
    public let alignments: [Alignment]
    /// Spaces before every line.
    public let margin: Int
    public private(set) var rows: [[String]] = []

    public init(_ columns: [(header: String, alignment: Alignment)], margin: Int = 0) {
        headers = columns.map(\.header)
        alignments = columns.map(\.alignment)
        self.margin = margin
    }

    /// Adds a row; missing cells are empty, extra cells are dropped.
    public mutating func append(_ row: [String]) {
        rows.append(Array((row + Array(repeating: "", count: max(0, headers.count - row.count))).prefix(headers.count)))
    }

    /// Each column's width: its widest cell, header included.
    public var widths: [Int] {
        headers.indices.map { column in ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0 }
    }

    /// One row laid out in the table's columns.
    public func line(_ cells: [String]) -> String {
        line(cells, widths: widths)
    }

    /// The header and the dashed rule under it.
    public var headerLines: [String] {
        let widths = widths
        return [line(headers, widths: widths), String(repeating: " ", count: margin) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    }

    /// Header, rule and rows.
    public var text: String {
        let widths = widths
        return (headerLines + rows.map { line($0, widths: widths) }).joined(separator: "\n")
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        let padded = cells.indices.map { column in
            let padding = String(repeating: " ", count: max(0, widths[column] - cells[column].count))
            return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
        }
        var text = String(repeating: " ", count: margin) + padded.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text
    }
}

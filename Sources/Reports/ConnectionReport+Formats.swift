import Foundation
import Referrals
import TextFormats

// The three ways a connection report is written. JSON and CSV carry the same rows (the groups, then
// the total) and the same columns under the same keys, so a client can switch between them freely.

extension ConnectionReportRow: Encodable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for column in ConnectionColumn.allCases {
            let key = Key(stringValue: column.rawValue)
            switch column {
            case .groupKey: try container.encode(self.key, forKey: key)
            case .groupLabel: try container.encode(label, forKey: key)
            default: try container.encode(value(column), forKey: key)
            }
        }
    }
}

extension ConnectionReport: Encodable {
    struct Column: Encodable {
        let key: String
        let label: String
    }

    struct SuppressionNote: Encodable {
        let minimumStudents = Suppression.minimumStudents
        let shownAs = ReportValue.suppressedText
        let period = SuppressionPeriod.wholeMonths

        enum CodingKeys: String, CodingKey {
            case minimumStudents = "minimum_students"
            case shownAs = "shown_as"
            case period
        }
    }

    struct RequestedPeriod: Encodable {
        let from: CalendarDate
        let to: CalendarDate
    }

    enum CodingKeys: String, CodingKey {
        case report, from, to, requested, school, columns, rows, total, suppression
        case groupBy = "group_by"
        case timeZone = "time_zone"
        case generatedAt = "generated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("connections", forKey: .report)
        try container.encode(request.from, forKey: .from)
        try container.encode(request.to, forKey: .to)
        try container.encode(RequestedPeriod(from: requested.from, to: requested.to), forKey: .requested)
        try container.encode(request.groupBy, forKey: .groupBy)
        try container.encode(request.schoolID, forKey: .school)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(SuppressionNote(), forKey: .suppression)
        try container.encode(Self.columns.map { Column(key: $0.rawValue, label: $0.label) }, forKey: .columns)
        try container.encode(rows, forKey: .rows)
        try container.encode(total, forKey: .total)
    }

    /// RFC 4180 CSV: a header of column keys, one line per group, the total last (group_key empty).
    /// Written for spreadsheets (the API's CSV, the dashboard's downloads, `closeloop report --format csv`):
    /// group labels are names from feeds and the district's own lists, so a label that would start a
    /// formula is neutralized (see `CSVWriter.Reader.spreadsheet`).
    public var csv: String {
        var writer = CSVWriter(columns: Self.columns.map(\.rawValue), for: .spreadsheet)
        for row in rowsWithTotal {
            writer.append(Self.columns.map { row.text($0) })
        }
        return writer.text
    }

    /// An aligned plain-text table for terminals: the main columns, rates as percentages.
    public var table: String {
        let columns: [(header: String, text: (ConnectionReportRow) -> String)] = [
            ("group", { $0.label }),
            ("sent", { $0.text(.sent) }), ("accepted", { $0.text(.accepted) }), ("waitlisted", { $0.text(.waitlisted) }),
            ("scheduled", { $0.text(.scheduled) }), ("connected", { $0.text(.connected) }), ("closed", { $0.text(.closed) }),
            ("declined", { $0.text(.declined) }), ("cancelled", { $0.text(.cancelled) }), ("unreachable", { $0.text(.unreachable) }),
            ("open", { $0.text(.open) }), ("overdue", { $0.text(.overdue) }),
            ("rate", { row in row.connectionRate.measure.map { String(format: "%.1f%%", $0 * 100) } ?? row.connectionRate.text }),
            ("days p50", { $0.text(.medianDaysToConnect) }), ("days p90", { $0.text(.p90DaysToConnect) }),
            ("resp h p50", { $0.text(.medianHoursToFirstResponse) }), ("resp h p90", { $0.text(.p90HoursToFirstResponse) }),
        ]
        let cells = [columns.map(\.header)] + rowsWithTotal.map { row in columns.map { $0.text(row) } }
        let widths = columns.indices.map { index in cells.map { $0[index].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.indices.map { index in
                let padding = String(repeating: " ", count: widths[index] - row[index].count)
                return index == 0 ? row[index] + padding : padding + row[index]
            }.joined(separator: "  ")
        }
        var lines = [line(cells[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += cells.dropFirst().dropLast().map(line)
        lines.append(lines[1])
        lines.append(line(cells[cells.count - 1]))
        return lines.joined(separator: "\n")
    }
}

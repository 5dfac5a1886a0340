import Foundation

/// The centre of each US ZIP code, for locations whose feed gives an address or ZIP but no coordinates.
///
/// The table is `seed/us-zip-centroids.tsv` (made by `scripts/make-zip-centroids.py`): `#` comment lines,
/// then `ZIP<TAB>latitude<TAB>longitude`. A ZIP centre is an approximation of where a site is, so whoever
/// uses one must mark the location's coordinates as postal-code precision and as inferred.
public struct PostalCodeCentroids: Sendable {
    public static let fileName = "us-zip-centroids.tsv"

    private let centroidsByZIP: [String: Coordinates]

    public var count: Int { centroidsByZIP.count }

    /// Parses the table's text. Any line that is not a comment, blank, or a five-digit ZIP with
    /// coordinates on the globe is an error naming the line, so a damaged file is never half used.
    public init(tsv: String) throws(PostalCodeCentroidsError) {
        var centroids: [String: Coordinates] = [:]
        let lines = tsv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, Self.isFiveDigitZIP(fields[0]),
                  let lat = Double(fields[1]), let lon = Double(fields[2]),
                  Coordinates(lat: lat, lon: lon).isValid
            else { throw .malformedLine(lineNumber, String(line)) }
            let zip = String(fields[0])
            guard centroids[zip] == nil else { throw .duplicateZIP(zip, line: lineNumber) }
            centroids[zip] = Coordinates(lat: lat, lon: lon)
        }
        centroidsByZIP = centroids
    }

    /// Reads and parses the table from a file (normally `seed/us-zip-centroids.tsv`).
    public static func load(contentsOf file: URL) throws(PostalCodeCentroidsError) -> PostalCodeCentroids {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .unreadable(path: file.path, reason: error.localizedDescription)
        }
        return try PostalCodeCentroids(tsv: text)
    }

    /// The centre of a US ZIP code written as "50316", "50316-1234", "50316 1234" or "503161234"
    /// (surrounding spaces ignored); nil when the code is not of those forms or the ZIP is not in the table.
    /// The caller decides the address is in the US: a five-digit code of another country looks the same.
    public func centroid(forPostalCode postalCode: String) -> Coordinates? {
        guard let zip = Self.fiveDigitZIP(fromPostalCode: postalCode) else { return nil }
        return centroidsByZIP[zip]
    }

    /// The five-digit ZIP of a US postal code in one of the forms `centroid(forPostalCode:)` accepts.
    public static func fiveDigitZIP(fromPostalCode postalCode: String) -> String? {
        let code = postalCode.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = code.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == " " })
        switch parts.count {
        case 1 where isFiveDigitZIP(code):
            return code
        case 1 where code.count == 9 && code.allSatisfy(isASCIIDigit):
            return String(code.prefix(5))
        case 2 where isFiveDigitZIP(parts[0]) && parts[1].count == 4 && parts[1].allSatisfy(isASCIIDigit):
            return String(parts[0])
        default:
            return nil
        }
    }

    static func isFiveDigitZIP(_ text: Substring) -> Bool {
        text.count == 5 && text.allSatisfy(isASCIIDigit)
    }

    static func isFiveDigitZIP(_ text: String) -> Bool { isFiveDigitZIP(text[...]) }

    /// 0-9 only: `Character.isNumber` also takes other scripts' digits and fractions.
    static func isASCIIDigit(_ character: Character) -> Bool {
        guard let value = character.asciiValue else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(value)
    }
}

public enum PostalCodeCentroidsError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformedLine(Int, String)
    case duplicateZIP(String, line: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read the ZIP centre table \(path): \(reason)"
        case .malformedLine(let line, let text):
            return "ZIP centre table, line \(line): expected 'ZIP<TAB>latitude<TAB>longitude', found '\(text.prefix(80))'"
        case .duplicateZIP(let zip, let line):
            return "ZIP centre table, line \(line): ZIP \(zip) appears twice"
        }
    }
}

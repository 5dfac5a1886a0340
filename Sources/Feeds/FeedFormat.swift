import Foundation

/// The feed formats `closeloop import` reads.
public enum FeedFormat: String, Sendable, CaseIterable, Codable {
    /// AIRS 3.0/3.1 XML as exported by 211 software (Agency → Site → SiteService).
    case airsXML = "airs-xml"
    /// An Open Referral HSDS datapackage: a folder or .zip with datapackage.json and CSV tables.
    case hsdsCSV = "hsds-csv"
    /// One flat spreadsheet plus a YAML mapping profile.
    case mappedCSV = "csv"

    /// Guesses the format from the path: a .zip, or a folder the HSDS reader can read (datapackage.json
    /// in it or one level down, or organizations and services tables by their usual names) is HSDS,
    /// `.xml` (or a file whose first element is an AIRS root) is AIRS, `.csv` is a mapped spreadsheet.
    public static func detect(path: String) -> FeedFormat? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            return HSDSPackage.looksLikePackage(path) ? .hsdsCSV : nil
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "zip": return .hsdsCSV
        case "xml": return .airsXML
        case "csv", "tsv", "txt": return .mappedCSV
        default:
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
            return head.contains("<?xml") || head.contains("<Source") || head.contains("<Agency") ? .airsXML : nil
        }
    }
}

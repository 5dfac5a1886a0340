import Foundation

/// Every FHIR document a test produces is also written here, so `scripts/validate-fhir.py` can
/// parse each with the `fhir.resources` package after the run (`scripts/test` does).
/// `$CLOSELOOP_FHIR_OUTPUT_DIR`, or `.build/artifacts/fhir/` of the package.
public enum FHIROutput {
    public static let directory: URL = {
        if let configured = ProcessInfo.processInfo.environment["CLOSELOOP_FHIR_OUTPUT_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured, isDirectory: true)
        }
        // Tests/TestSupport/FHIROutput.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/artifacts/fhir", isDirectory: true)
    }()

    /// Writes `json` as `<name>-<random>.json` (names need not be unique: runs on two backends and
    /// repeated calls each keep their file).
    public static func record(_ json: Data, name: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        let file = directory.appendingPathComponent("\(safe)-\(UUID().uuidString.prefix(8)).json")
        try json.write(to: file, options: .atomic)
    }
}

import Foundation

/// Unpacks a zip with the system's `unzip`: Foundation has no zip reader on Linux, and a hand-written
/// inflater is not worth its risk for a file read once per import.
enum HSDSZipArchive {
    static let unzipPath = "/usr/bin/unzip"
    /// unzip's exit status when nothing could be extracted for want of the right password.
    static let badPasswordStatus: Int32 = 82

    /// Unpacks into a new temporary folder and returns it; nil (with an error in `log`) on failure.
    static func extract(_ path: String, unzipPath: String = HSDSZipArchive.unzipPath, log: CSVImportLog) -> String? {
        let name = (path as NSString).lastPathComponent
        guard FileManager.default.isExecutableFile(atPath: unzipPath) else {
            log.stop(ImportProblem(
                file: name, message: "cannot open a .zip: \(unzipPath) is not installed (apt-get install unzip), or unzip the package and import its folder",
                kind: .missingFile))
            return nil
        }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closeloop-hsds-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            log.stop(ImportProblem(file: name, message: "cannot create a temporary folder to unpack into: \(error)", kind: .other))
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unzipPath)
        // An empty password: an encrypted zip fails at once instead of unzip asking for a password on
        // the terminal, which would leave an interactive import waiting for ever.
        process.arguments = ["-q", "-o", "-P", "", path, "-d", folder]
        process.standardInput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            log.stop(ImportProblem(file: name, message: "cannot run \(unzipPath): \(error)", kind: .other))
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        // Drain stderr before waiting, so a chatty unzip cannot block on a full pipe.
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let detail = message.trimmingCharacters(in: .whitespacesAndNewlines)
            let text = process.terminationStatus == Self.badPasswordStatus
                ? "the zip is password-protected; unzip it yourself and import its folder"
                : "unzip failed (exit \(process.terminationStatus))\(detail.isEmpty ? "" : ": \(detail)")"
            log.stop(ImportProblem(file: name, message: text, kind: .malformedFile))
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return folder
    }
}

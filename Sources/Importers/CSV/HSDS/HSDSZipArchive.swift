import Foundation

/// Unpacks a zip with the system's `unzip`: Foundation has no zip reader on Linux, and a hand-written
/// inflater is not worth its risk for a file read once per import.
enum HSDSZipArchive {
    static let unzipPath = "/usr/bin/unzip"

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
        process.arguments = ["-q", "-o", path, "-d", folder]
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
            log.stop(ImportProblem(
                file: name, message: "unzip failed (exit \(process.terminationStatus))\(detail.isEmpty ? "" : ": \(detail)")",
                kind: .malformedFile))
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return folder
    }
}

import ChildProcesses
import Foundation

/// Unpacks a zip with the system's `unzip`: Foundation has no zip reader on Linux, and a hand-written
/// inflater is not worth its risk for a file read once per import.
///
/// The end of `unzip` is taken from `terminationHandler`, not `waitUntilExit()`, which spins a run
/// loop on the caller's thread and has been reported to hang on Linux (swiftlang/swift#79881).
enum HSDSZipArchive {
    static let unzipPath = "/usr/bin/unzip"
    /// unzip's exit status when nothing could be extracted for want of the right password.
    static let badPasswordStatus: Int32 = 82

    static let passwordMessage = "the zip is password-protected; unzip it yourself and import its folder"

    /// What a zip may unpack to. A statewide package is a few hundred megabytes; a zip of a few
    /// megabytes that unpacks to terabytes would fill the disk under the temporary folder.
    static let maxUnpackedBytes: Int64 = 8 << 30

    /// Unpacks into a new temporary folder and returns it; nil (with an error in `log`) on failure.
    static func extract(
        _ path: String, unzipPath: String = HSDSZipArchive.unzipPath, maxUnpackedBytes: Int64 = HSDSZipArchive.maxUnpackedBytes,
        log: CSVImportLog
    ) -> String? {
        let name = (path as NSString).lastPathComponent
        guard FileManager.default.isExecutableFile(atPath: unzipPath) else {
            log.stop(ImportProblem(
                file: name, message: "cannot open a .zip: \(unzipPath) is not installed (apt-get install unzip), or unzip the package and import its folder",
                kind: .missingFile))
            return nil
        }
        let listing = list(path, unzipPath: unzipPath)
        if listing?.hasEncryptedEntries == true {
            log.stop(ImportProblem(file: name, message: passwordMessage, kind: .malformedFile))
            return nil
        }
        if let unpacked = listing?.unpackedBytes, unpacked > maxUnpackedBytes {
            log.stop(ImportProblem(
                file: name,
                message: "the zip unpacks to \(unpacked / 1_000_000) MB, more than the \(maxUnpackedBytes / 1_000_000) MB an import unpacks; unzip it yourself and import its folder",
                kind: .malformedFile))
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
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try LaunchLock.run(process)
        } catch {
            log.stop(ImportProblem(file: name, message: "cannot run \(unzipPath): \(error)", kind: .other))
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        // Drain stderr before waiting, so a chatty unzip cannot block on a full pipe.
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ended.wait()
        guard process.terminationStatus == 0 else {
            let detail = message.trimmingCharacters(in: .whitespacesAndNewlines)
            let text = process.terminationStatus == Self.badPasswordStatus
                ? passwordMessage
                : "unzip failed (exit \(process.terminationStatus))\(detail.isEmpty ? "" : ": \(detail)")"
            log.stop(ImportProblem(file: name, message: text, kind: .malformedFile))
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return folder
    }

    /// What the zip's directory says, from zipinfo's short listing: whether any entry is encrypted
    /// (its text/binary flag in capitals, "TX"), and the total unpacked ("2 files, 2000008 bytes
    /// uncompressed, ..."). nil when it cannot be listed; unzip's own error then says why.
    struct Listing {
        var hasEncryptedEntries = false
        var unpackedBytes: Int64?
    }

    static func list(_ path: String, unzipPath: String) -> Listing? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unzipPath)
        process.arguments = ["-Z", "-s", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        guard (try? LaunchLock.run(process)) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ended.wait()
        guard process.terminationStatus == 0 else { return nil }
        var listing = Listing()
        for line in text.split(separator: "\n") {
            if let range = line.range(of: " bytes uncompressed") {
                let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber }
                listing.unpackedBytes = Int64(String(digits.reversed()))
                continue
            }
            // "-rw-r--r--  3.0 unx  8 TX stor 26-Dec-06 05:06 name": the fifth field is the flag.
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            if fields.count > 5, let flag = fields[4].first, fields[4].count == 2, flag == "T" || flag == "B" {
                listing.hasEncryptedEntries = true
            }
        }
        return listing
    }
}

import Directory
import Foundation
import Importers
import Storage
import Testing
import TestSupport

/// The real executable, killed with SIGKILL in the middle of a large import: the store must be
/// exactly as it was, because the import's single transaction never committed.
@Suite("closeloop import killed mid-way", .serialized)
struct KilledImportTests {
    /// The `closeloop` binary SwiftPM builds next to the test bundle.
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("closeloop")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("closeloop")
    }

    @Test(arguments: TestBackend.available)
    func killDuringImportLeavesTheStoreUnchanged(backend: TestBackend) async throws {
        let binary = Self.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the closeloop product first: \(binary.path)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("killed-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try HSDSExporter(directory: SyntheticDirectory.make(services: 20_000, source: "big")).write(to: folder.appendingPathComponent("feed"))

        try await withFreshStore(backend) { store async throws in
            let existing = SyntheticDirectory.make(services: 12, seed: 7, source: "earlier")
            try await store.save(existing)
            let before = try await store.snapshot()

            let process = Process()
            process.executableURL = binary
            process.arguments = ["import", folder.appendingPathComponent("feed").path, "--source", "big", "--db", store.database.location.connectionString]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()

            // Kill once the import is well under way: rows are being written inside its transaction.
            let started = Date()
            while process.isRunning, Date().timeIntervalSince(started) < 60 {
                if try await Self.importIsWriting(store, started: started) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(wasRunning, "the import finished before it could be killed; use a larger feed")
            #expect(process.terminationReason == .uncaughtSignal)

            let after = try await store.snapshot()
            #expect(after == before)
            #expect(after.services.count == 12)
        }
    }

    /// SQLite: the write-ahead log has grown (uncommitted pages); PostgreSQL: the session has been
    /// busy for a second (its rows are invisible to us until commit, which is the point).
    static func importIsWriting(_ store: DirectoryStore, started: Date) async throws -> Bool {
        switch store.database.location {
        case .sqlite(let path):
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
            return ((attributes?[.size] as? NSNumber)?.intValue ?? 0) > 2_000_000
        case .postgres:
            return Date().timeIntervalSince(started) > 3
        }
    }
}

import BenchSupport
import Directory
import Foundation
import Feeds
import Storage
import Testing
import TestSupport

/// The real executable, killed with SIGKILL in the middle of a large import: the store must be
/// exactly as it was, because the import's single transaction never committed.
@Suite("closeloop import killed mid-way", .serialized)
struct KilledImportTests {
    static var executable: URL { TestFiles.closeloop }

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
            let child = try ChildProcess(starting: process)

            // Kill once the import is well under way: its transaction has been open (rows being written
            // inside it) for over a second, and still is.
            let started = Date()
            var writingSince: Date?
            while !child.hasExited, Date().timeIntervalSince(started) < 60 {
                if try await Self.importTransactionIsOpen(store, started: started) {
                    let since = writingSince ?? Date()
                    writingSince = since
                    if Date().timeIntervalSince(since) > 1 { break }
                } else {
                    writingSince = nil
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let wasRunning = !child.hasExited
            let ended = await child.kill()
            #expect(wasRunning, "the import finished before it could be killed; use a larger feed")
            #expect(ended.reason == .uncaughtSignal)

            let after = try await store.snapshot()
            #expect(after == before)
            #expect(after.services.count == 12)
        }
    }

    /// SQLite: the import's transaction begins IMMEDIATE, so while it is open nobody else can begin
    /// one (asked through the sqlite3 shell, which waits for no lock). The write-ahead log tells
    /// nothing: with the import's large page cache, pages reach it only when the import commits.
    /// PostgreSQL: the session has been busy for two seconds (its rows are invisible to us until
    /// commit, which is the point).
    static func importTransactionIsOpen(_ store: DirectoryStore, started: Date) async throws -> Bool {
        switch store.database.location {
        case .sqlite(let path):
            let shell = "/usr/bin/sqlite3"
            try #require(FileManager.default.isExecutableFile(atPath: shell), "the sqlite3 shell (Debian package sqlite3) is needed")
            let probe = try await ChildProcess.run(URL(fileURLWithPath: shell), ["-bail", path, "BEGIN IMMEDIATE; ROLLBACK;"])
            return probe.status != 0
        case .postgres:
            return Date().timeIntervalSince(started) > 2
        }
    }
}

import Directory
import Foundation

/// The embedded demo directory and vocabularies in `seed/`, loaded into an empty store on first run.
public struct Seed: Sendable {
    public var directory: DirectorySnapshot
    public var barriers: [Barrier]
    public var schools: [School]

    public static let directoryFile = "directory.json"
    public static let barriersFile = "barriers.json"
    public static let schoolsFile = "schools.json"

    /// Reads and validates the three seed files of a folder.
    public static func load(from folder: URL) throws(StoreError) -> Seed {
        Seed(
            directory: try decode(DirectorySnapshot.self, folder.appendingPathComponent(directoryFile)),
            barriers: try decode([Barrier].self, folder.appendingPathComponent(barriersFile)),
            schools: try decode([School].self, folder.appendingPathComponent(schoolsFile)))
    }

    /// Where the seed folder is: an explicit path, `CLOSELOOP_SEED_DIR`, `./seed`, or the
    /// checkout this binary was built from (so `swift run` works from any directory).
    public static func locate(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> URL {
        let sourceTree = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seed")
        let candidates = [explicit, environment["CLOSELOOP_SEED_DIR"], "seed", sourceTree.path].compactMap { $0 }
        if let explicit = explicit ?? environment["CLOSELOOP_SEED_DIR"] {
            guard isSeedFolder(explicit) else { throw .seedMissing(path: explicit) }
            return URL(fileURLWithPath: explicit)
        }
        guard let found = candidates.first(where: isSeedFolder) else { throw .seedMissing(path: candidates.joined(separator: ", ")) }
        return URL(fileURLWithPath: found)
    }

    private static func isSeedFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(directoryFile))
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ file: URL) throws(StoreError) -> T {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw .seedMissing(path: file.path)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw .seedInvalid(file: file.lastPathComponent, reason: String(describing: error))
        }
    }
}

extension DirectoryStore {
    /// Loads the seed when the store has no services yet; returns whether it did.
    @discardableResult
    public func seedIfEmpty(_ seed: @autoclosure () throws -> Seed) async throws -> Bool {
        guard try await counts().services == 0 else { return false }
        let seed = try seed()
        let backend = database.backend
        try await database.transaction { db in
            try await Self.write(seed.directory, on: db)
            try await db.insertRows(seed.barriers.map(BarrierRow.init), into: "barriers", replacingByID: true)
            try await db.insertRows(seed.schools.map(SchoolRow.init), into: "schools", replacingByID: true)
            try await Self.recordChange(of: nil, on: db, backend: backend)
            try await DemoDataMarker.set(on: db)
        }
        return true
    }
}

/// What `closeloop seed` did to a store.
public enum SeedOutcome: Sendable, Equatable {
    /// The store had no services: the demo directory, barriers and schools were loaded.
    case loadedDirectory(organizations: Int, services: Int, schools: Int)
    /// The store had services (an import, an earlier seed): only the barrier vocabulary was brought up
    /// to the seed's; the directory and the schools were left as they were.
    case updatedBarriers(added: Int, changed: Int, unchanged: Int, servicesPresent: Int)
}

extension DirectoryStore {
    /// Loads the seed into an empty store; in a store that holds services, brings the barrier
    /// vocabulary up to the seed's and leaves everything else alone (a district's imported directory
    /// must not gain demo agencies and schools).
    public func seed(_ seed: Seed) async throws -> SeedOutcome {
        if try await seedIfEmpty(seed) {
            let counts = try await counts()
            return .loadedDirectory(organizations: counts.organizations, services: counts.services, schools: counts.schools)
        }
        let stored = Dictionary(try await barriers().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let added = seed.barriers.filter { stored[$0.id] == nil }.count
        let changed = seed.barriers.filter { barrier in stored[barrier.id].map { $0 != barrier } ?? false }.count
        if added + changed > 0 { try await saveBarriers(seed.barriers) }
        return .updatedBarriers(
            added: added, changed: changed, unchanged: seed.barriers.count - added - changed,
            servicesPresent: try await counts().services)
    }
}

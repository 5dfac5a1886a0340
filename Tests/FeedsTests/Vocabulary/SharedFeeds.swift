import Foundation

/// The real feeds in `shared/feeds/`, which sits beside the repository (or beside the folder of
/// worktrees): found by looking up from this file.
enum SharedFeeds {
    static let folder: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/feeds")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static var isPresent: Bool { folder != nil }

    static func text(_ path: String) throws -> String {
        guard let folder else { throw CocoaError(.fileNoSuchFile) }
        return try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }
}

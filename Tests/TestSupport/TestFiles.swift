import Foundation

/// Files the tests use that are not in a test target: the built `closeloop` and the shared feeds.
public enum TestFiles {
    /// The `closeloop` binary SwiftPM builds next to the test bundle.
    public static var closeloop: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("closeloop")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("closeloop")
    }

    /// `shared/feeds` (the real sample feeds), found by looking up from this file: it sits beside the
    /// repository, or beside the folder of worktrees.
    public static let sharedFeeds: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/feeds")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()
}

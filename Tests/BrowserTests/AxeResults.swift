import Foundation
import Synchronization

/// Every page the axe pass checked, one line per page and width, written to
/// `.build/artifacts/axe-results.tsv` as the checks go (the closing note's axe table comes from it):
/// page, width, path, violations, page width ÷ screen width at 390 px, rules disabled.
enum AxeResults {
    private static let lines = Mutex<[String]>([])

    static func record(page: String, width: Int, path: String, violations: [String], widths: [Int], disabled: [String]) {
        let fit = widths.count == 2 ? "\(widths[0])/\(widths[1])" : "—"
        let line = [page, "\(width)", path, "\(violations.count)", fit, disabled.joined(separator: ",")].joined(separator: "\t")
        let all = lines.withLock { lines in
            lines.append(line)
            return lines
        }
        let file = BrowserEnvironment.screenshotDirectory.deletingLastPathComponent().appendingPathComponent("axe-results.tsv")
        let text = (["page\twidth\tpath\tviolations\tscroll/client width\tdisabled rules"] + all).joined(separator: "\n") + "\n"
        try? Data(text.utf8).write(to: file, options: .atomic)
    }
}

// TEMPORARY: measurement probe, to be deleted.
import Directory
import Foundation
import Testing
import Glibc
@testable import Importers

@Suite struct ZZTempMemoryProbe {
    typealias Trim = @convention(c) (Int) -> Int32
    static let trim: Trim = unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")!, to: Trim.self)
    static func heapMB() -> String {
        _ = trim(0)
        let status = try! String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS") }!
        return String(line)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROBE_HSDS"] != nil)) func probe() throws {
        let path = ProcessInfo.processInfo.environment["PROBE_HSDS"]!
        print("start heap \(Self.heapMB())")
        let log = CSVImportLog()
        let package = try #require(HSDSPackage.open(path: path, log: log))
        let ext = HSDSCloseloopExtensions.load(package)
        print("after extensions heap \(Self.heapMB())")
        let run = HSDSImport(package: package, source: "synthetic", mapping: TaxonomyMapping(barriers: []), importedAt: Date(), log: log)
        _ = run.checkRequiredColumns()
        run.loadTaxonomy()
        print("after taxonomy \(Self.heapMB())")
        run.loadLinkedTablesProbe { name in print("after \(name) \(Self.heapMB())") }
        var n = 0
        try run.readOrganizations(emit: { _ in n += 1 }, progress: { _ in })
        print("after orgs \(Self.heapMB())")
        try run.readLocations(emit: { _ in n += 1 }, progress: { _ in })
        print("after locations \(Self.heapMB())")
        try run.readServices(emit: { _ in n += 1 }, progress: { _ in })
        print("after services \(Self.heapMB())")
        try run.readServicesAtLocation(emit: { _ in n += 1 }, progress: { _ in })
        print("after links \(Self.heapMB()) records \(n)")
        _ = ext
    }
}

import Directory
import Foundation
import Matching
import Storage

/// Matching a student's needs profile: validate it against the barrier vocabulary, rank services
/// with the in-memory index, and queue the barriers nobody can serve for the district's gaps report.
///
/// Decisions where the front ends used to differ:
/// - Every match is judged at the application's clock (the API used the wall clock, the pages the
///   configured clock), and its gaps are recorded at that same time.
/// - The API's and the pages' matches record their gaps (coordinators' searches are what the
///   "unmet needs" report counts). `closeloop match` passes no recorder: an operator's check from a
///   terminal is not a coordinator's search and would inflate the report.
/// - A store with no barrier vocabulary is refused as such (`MatchRefusal.emptyDirectory` or
///   `.noBarrierVocabulary`) on every front end, instead of the API calling each barrier unknown.
public struct Matchmaking: Sendable {
    public let index: LiveMatchIndex
    /// Where gaps are queued; nil for matches that must not count in reports.
    public let gaps: MatchGapRecorder?

    public init(index: LiveMatchIndex, gaps: MatchGapRecorder?) {
        self.index = index
        self.gaps = gaps
    }

    /// Validates and matches `profile` at `now`, queueing its gaps (barrier, filter and wording only,
    /// never the profile). Throws `MatchRefusal`, or a store error when the index cannot be built.
    public func match(_ profile: NeedsProfile, now: Date, limitPerBarrier: Int = 10) async throws -> MatchResult {
        try Self.checkLimits(profile)
        let current = try await index.current()
        if current.barriers.isEmpty {
            throw current.serviceCount == 0 ? MatchRefusal.emptyDirectory : MatchRefusal.noBarrierVocabulary
        }
        do {
            try profile.validate(against: current.barriers)
        } catch {
            throw MatchRefusal.invalidProfile(error)
        }
        let result = Matcher.match(profile, in: current, now: now, limitPerBarrier: limitPerBarrier)
        if let gaps, !result.gaps.isEmpty {
            await gaps.record(result.gaps.map { MatchGapRecord(barrier: $0.barrier, filter: $0.filter?.rawValue, reason: $0.reason) }, at: now)
        }
        return result
    }

    /// Throws `InputLimitViolation`: every barrier is looked up and matched, so a profile naming
    /// "anxiety" ten thousand times was ten thousand searches.
    static func checkLimits(_ profile: NeedsProfile) throws(InputLimitViolation) {
        for barrier in profile.barriers { try InputLimits.check(barrier, field: "barriers", atMost: InputLimits.idLength) }
        try InputLimits.check(profile.barriers, field: "barriers", atMost: InputLimits.barriersPerProfile)
        try InputLimits.check(profile.languages, field: "languages", atMost: InputLimits.languagesPerProfile) { $0.rawValue }
        try InputLimits.checkDistinct(profile.times, field: "times") { $0.rawValue }
        try InputLimits.checkDistinct(profile.settings, field: "settings") { $0.rawValue }
    }

    /// The barrier vocabulary the index matches against (for front ends that list it).
    public func barriers() async throws -> [Barrier] {
        try await index.current().barriers
    }
}

/// Why a needs profile was not matched.
public enum MatchRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The profile names no barrier or an unknown one, or a value is out of range.
    case invalidProfile(ProfileError)
    /// The store holds neither services nor barriers: no directory was loaded yet.
    case emptyDirectory
    /// The store has services but no barrier vocabulary to match them against.
    case noBarrierVocabulary

    public var description: String {
        switch self {
        case .invalidProfile(let error): error.description
        case .emptyDirectory: "the directory is empty: load one with `closeloop serve` (seeds it) or `closeloop import`"
        case .noBarrierVocabulary: "the directory has no barrier vocabulary to match against"
        }
    }
}

import Directory

/// Why a barrier has no suggestion, as facts with their values (as `Reason` is for a suggestion).
/// Matching states them; `GapWording` words them in English for the API's `reason`, and the pages
/// and `closeloop match` word them through the message catalogs, distances in the district's unit.
public enum GapExplanation: Sendable, Hashable {
    /// The code is not in the barrier vocabulary.
    case unknownBarrier
    /// No service in the directory is listed for the barrier.
    case noneInDirectory
    /// The barrier had candidates and the stated filters removed them all.
    case filtered(GapFilters)
}

/// The filters that removed a barrier's candidates, each with the family's value it was judged
/// against. A filter that removed nothing is left out: the survivors are the same without it.
public struct GapFilters: Sendable, Hashable {
    /// The family's languages (profile order, once each) when the language filter removed
    /// candidates; empty when it removed none.
    public var languages: [LanguageCode]
    /// The language filter removed the last candidates: none offers an interpreter either.
    public var noInterpreter: Bool
    /// The student's age, when the age filter removed candidates.
    public var age: Int?
    /// The family's coverage, when the cost filter removed candidates.
    public var coverage: Insurance?
    /// The enrollment filter removed candidates (closed to new clients).
    public var openForEnrollment: Bool
    /// How the service-area filter was judged, when it removed candidates.
    public var area: GapArea?

    public init(
        languages: [LanguageCode] = [], noInterpreter: Bool = false, age: Int? = nil, coverage: Insurance? = nil,
        openForEnrollment: Bool = false, area: GapArea? = nil
    ) {
        self.languages = languages
        self.noInterpreter = noInterpreter
        self.age = age
        self.coverage = coverage
        self.openForEnrollment = openForEnrollment
        self.area = area
    }

    /// How many filters other than language the sentence names ("that serves age 12 and …").
    public var predicateCount: Int {
        (age == nil ? 0 : 1) + (coverage == nil ? 0 : 1) + (openForEnrollment ? 1 : 0) + (area == nil ? 0 : 1)
    }
}

/// The service area the home fell outside of.
public enum GapArea: Sendable, Hashable {
    /// Every removed candidate measured one radius from the home.
    case within(km: Double)
    /// Candidates had different radii: their areas do not reach the home.
    case reachingHome
}

import ArgumentParser
import Directory
import Foundation
import Localization
import Matching
import Server
import Storage
import Workflows

/// `closeloop match`: the coordinator's question from a terminal — the same profile, validation,
/// matcher and (with `--json`) output as `POST /api/v1/match`.
struct Match: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Suggest services for a student's barriers, with reasons and gaps, from the store's directory.",
        discussion: """
            Builds the in-memory match index from the store (it does not seed an empty store) and prints, per \
            barrier, the ranked services with their reasons, then the barriers no service can take. --json prints \
            exactly what POST /api/v1/match answers.
            """)

    @Option(name: .customLong("barrier"), help: "A barrier code from the vocabulary (repeatable), e.g. anxiety.")
    var barriers: [String] = []

    @Option(help: "MTSS tier, 1–3.")
    var tier: Int

    @Option(help: "The student's age in years.")
    var age: Int?

    @Option(name: .customLong("language"), help: "A language the family speaks, ISO 639-1 (repeatable), e.g. es.")
    var languages: [String] = []

    @Option(help: "medicaid, chip, private or uninsured.")
    var insurance: String?

    // Unconditional so a southern latitude ("-33.9,151.2") is not taken for an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("The family's home, e.g. 41.59,-93.62.", valueName: "lat,lon"))
    var near: String?

    @Option(help: "How the family travels on its own: none, transit or car.")
    var transportation: String = FamilyTransportation.none.rawValue

    @Option(name: .customLong("time"), help: "When the student is free (repeatable): school_day, after_school, evening, weekend.")
    var times: [String] = []

    @Option(name: .customLong("setting"), help: "Preferred setting (repeatable): school_based, community, home_visit, virtual.")
    var settings: [String] = []

    @Option(help: "Services listed per barrier.")
    var limit: Int = 10

    @Flag(help: "Print the JSON POST /api/v1/match returns instead of a table.")
    var json = false

    // `--language` already names the family's languages (as the API's `languages`): the words'
    // language is `--lang`, as `?lang=` is on the pages.
    @Option(help: ArgumentHelp(
        "The language the table's reasons and gaps are worded in (en, es, or a CLOSELOOP_LOCALES_DIR file); default English.",
        valueName: "code"))
    var lang: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let profile = try makeProfile()
        let words = try Self.words(lang)
        // A query command: routine notices (migrations applied) would only get in the way of the answer.
        var logger = makeLogger()
        if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .warning }
        let output = try await database.withStore(logger: logger) { store in try await match(profile, in: store, words: words) }
        print(json ? try output.json() : output.table(width: MatchTable.terminalWidth))
    }

    /// The catalog `--lang` names (the shipped ones and the district's `CLOSELOOP_LOCALES_DIR`
    /// files); English without it. A language no catalog has is one line naming those there are.
    static func words(_ language: String?) throws -> Words {
        let catalogs: Catalogs
        do {
            catalogs = try Catalogs.loading(directory: ProcessInfo.processInfo.environment["CLOSELOOP_LOCALES_DIR"])
        } catch {
            throw CommandFailure(error.description)
        }
        guard let language else { return catalogs.words("en") }
        guard catalogs.has(language) else {
            throw CommandFailure("--lang: no catalog for \"\(language)\"; languages: \(catalogs.languages.joined(separator: ", "))")
        }
        return catalogs.words(language.lowercased())
    }

    /// The `Matchmaking` use case over an index built from the store the one way (`LiveMatchIndex`),
    /// without a gap recorder: an operator's check is not a coordinator's search.
    /// Reasons and gaps are worded in `words` and distances in the district's unit (`ReasonWords`,
    /// as the match page words them).
    private func match(_ profile: NeedsProfile, in store: DirectoryStore, words: Words) async throws -> MatchOutput {
        let matchmaking = Matchmaking(index: LiveMatchIndex(store: store), gaps: nil)
        let result: MatchResult
        do {
            result = try await matchmaking.match(profile, now: Date(), limitPerBarrier: limit)
        } catch let refusal as MatchRefusal {
            switch refusal {
            case .invalidProfile(let error): throw CommandFailure(Self.optionName(for: error) + ": " + Self.detail(of: error))
            case .emptyDirectory, .noBarrierVocabulary: throw CommandFailure("the store at \(store.database.location): \(refusal.description)")
            }
        }
        let display = try await ReferralStore(database: store.database).districtDisplay()
        return MatchOutput(result: result, barriers: try await matchmaking.barriers(), words: words, display: display)
    }

    // MARK: Profile

    /// The options as a needs profile; a value outside its vocabulary is one line naming the option.
    func makeProfile() throws -> NeedsProfile {
        guard limit >= 0 else { throw CommandFailure("--limit: must be 0 or more") }
        let home = try near.map(Self.coordinates)
        return NeedsProfile(
            barriers: barriers, tier: tier, age: age,
            languages: try languages.map { text in
                guard let code = LanguageCode(rawValue: text) else {
                    throw CommandFailure("--language: \"\(text)\" is not a two-letter ISO 639-1 code such as es")
                }
                return code
            },
            insurance: try insurance.map { try Self.value(Insurance.self, $0, option: "--insurance") },
            home: home,
            transportation: try Self.value(FamilyTransportation.self, transportation, option: "--transportation"),
            times: try times.map { try Self.value(TimeWindow.self, $0, option: "--time") },
            settings: try settings.map { try Self.value(Setting.self, $0, option: "--setting") })
    }

    static func value<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type, _ text: String, option: String
    ) throws -> Value where Value.RawValue == String {
        if let value = Value(rawValue: text.lowercased()) { return value }
        throw CommandFailure("\(option): \"\(text)\" is not one of " + Value.allCases.map(\.rawValue).joined(separator: ", "))
    }

    static func coordinates(_ text: String) throws -> Coordinates {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1] else {
            throw CommandFailure("--near: \"\(text)\" is not LAT,LON such as 41.59,-93.62")
        }
        return Coordinates(lat: lat, lon: lon)
    }

    /// The option a profile error is about ("barriers" in the API is `--barrier` here).
    static func optionName(for error: ProfileError) -> String {
        switch error {
        case .noBarriers, .unknownBarrier: "--barrier"
        case .tierOutOfRange: "--tier"
        case .ageOutOfRange: "--age"
        case .homeOutOfRange: "--near"
        }
    }

    /// The error's text without the API's leading field name ("barriers: unknown …" → "unknown …").
    static func detail(of error: ProfileError) -> String {
        let text = error.description
        let prefix = error.field + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}

import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Matching
@testable import Server
import Workflows
import Storage
import Testing
import TestSupport

/// What keeps `POST /api/v1/match` fast without changing what it answers: organization names come
/// from the index, the index is built once however many requests arrive first, and the response is
/// written by hand exactly as JSONEncoder would. (The gap recorder and the live index on their own:
/// WorkflowsTests.)
@Suite("Match serving")
struct MatchServingTests {
    @Test(arguments: TestBackend.available)
    func concurrentFirstRequestsBuildTheIndexOnce(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store in
            let index = LiveMatchIndex(store: store)
            try await Application(router: buildRouter(store: store, matchIndex: index)).trackedTest(.router) { client in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<8 {
                        group.addTask { Int(try await MatchAPITests.post(client, MatchFreshnessTests.profile).status.code) }
                    }
                    for try await status in group { #expect(status == 200) }
                }
            }
            #expect(await index.builds == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func organizationNamesFollowARenameByImport(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store in
            let index = LiveMatchIndex(store: store)
            try await Application(router: buildRouter(store: store, matchIndex: index)).trackedTest(.router) { client in
                let response = try await MatchAPITests.post(client, MatchFreshnessTests.profile)
                let services = try #require((try json(response)["results"] as? [[String: Any]])?.first?["services"] as? [[String: Any]])
                let first = try #require(services.first)
                let organizationID = try #require(first["organization_id"] as? String)
                var organization = try #require(try await store.organization(id: organizationID))
                #expect(first["organization_name"] as? String == organization.name)

                // An import renames the organization, and changes nothing else about its services.
                organization.name = "Renamed Family Services"
                let renamed = organization
                _ = try await store.importFeed(.init(source: renamed.provenance.source, isFullImport: false)) { writer in
                    try await writer.write(DirectorySnapshot(organizations: [renamed]))
                    return false
                }
                try await index.catchUp()
                #expect(await index.builds == 1, "a rename re-reads the organization's services, not the whole directory")
                let after = try json(try await MatchAPITests.post(client, MatchFreshnessTests.profile))
                let names = (after["results"] as? [[String: Any]] ?? []).flatMap { $0["services"] as? [[String: Any]] ?? [] }
                    .filter { $0["organization_id"] as? String == organizationID }.compactMap { $0["organization_name"] as? String }
                #expect(!names.isEmpty)
                #expect(names.allSatisfy { $0 == "Renamed Family Services" })
            }
        }
    }

    @Test func everyListOfPassedFiltersIsWrittenAsJSONEncoderWritesIt() throws {
        let all = HardFilter.allCases.sorted()
        var lists = (0..<(1 << all.count)).map { bits in all.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element) }
        lists += [[.serviceArea, .age], [.cost, .cost], [.enrollment, .language, .age]]  // not in filter order
        for filters in lists {
            let match = ServiceMatch(serviceID: "s", name: "n", organizationID: "o", organizationName: "O", score: 0.5, reasons: [], passedFilters: filters,
                                     distanceKm: nil, waitWeeks: nil)
            let resource = MatchResource(
                result: MatchResult(results: [BarrierMatches(barrier: "a", services: [match])], gaps: []))
            let expected = String(decoding: try JSONCoding.encoder.encode(resource), as: UTF8.self)
            #expect(String(buffer: try resource.jsonBytes()) == expected, "\(filters)")
        }
    }

    @Test func handWrittenJSONEqualsJSONEncoder() throws {
        let awkward = "quote \" backslash \\ slash / tab \t newline \n return \r bell \u{07} unit \u{1F} nul \u{00} é 中文 👩‍👩‍👧 \u{7F} \u{2028}"
        let matches = [
            ServiceMatch(serviceID: "s1", name: awkward, organizationID: "o1", organizationName: "Agency / \"One\"", score: 0.944985430976665,
                         reasons: ReasonSamples.all + [.distance(km: 8.18270660557864, approximate: false, reach: .longDrive)],
                         passedFilters: [.age, .language, .cost, .enrollment, .serviceArea], distanceKm: 8.18270660557864, waitWeeks: 0),
            ServiceMatch(serviceID: "s2", name: "", organizationID: "unknown", organizationName: "", score: 1, reasons: [], passedFilters: [],
                         distanceKm: nil, waitWeeks: nil),
            ServiceMatch(serviceID: "s/3", name: "n", organizationID: "o\"2", organizationName: awkward, score: 1e-7, reasons: [.free], passedFilters: [.cost],
                         distanceKm: 0, waitWeeks: 12),
            ServiceMatch(serviceID: "s4", name: "n", organizationID: "o1", organizationName: "Agency / \"One\"", score: 1.2345678901234568e20, reasons: [.free],
                         passedFilters: [.serviceArea], distanceKm: 25.000000000000004, waitWeeks: nil),
            ServiceMatch(serviceID: "s5", name: "n", organizationID: "o1", organizationName: "Agency / \"One\"", score: -0.0, reasons: [.free], passedFilters: [],
                         distanceKm: 1e300, waitWeeks: -3),
        ]
        let result = MatchResult(
            results: [BarrierMatches(barrier: "anxiety", services: matches), BarrierMatches(barrier: "none", services: []),
                      BarrierMatches(barrier: awkward, services: Array(matches.prefix(1)))],
            gaps: [Gap(barrier: "none", reason: awkward, filter: nil), Gap(barrier: "teen", reason: "no \"one\"", filter: .serviceArea)])
        for resource in [
            MatchResource(result: result),
            MatchResource(result: MatchResult(results: [], gaps: [])),
        ] {
            let expected = String(decoding: try JSONCoding.encoder.encode(resource), as: UTF8.self)
            #expect(String(buffer: try resource.jsonBytes()) == expected)
        }
        // Random strings with the characters that need escapes at every offset of an 8-byte word.
        var random = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", "/", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "中", "👩‍👧", "~"]
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let resource = MatchResource(
                result: MatchResult(results: [], gaps: [Gap(barrier: text, reason: text + text, filter: nil)]))
            let expected = String(decoding: try JSONCoding.encoder.encode(resource), as: UTF8.self)
            #expect(String(buffer: try resource.jsonBytes()) == expected, "\(text.debugDescription)")
        }
        let bad = MatchResource(result: MatchResult(results: [BarrierMatches(barrier: "a", services: [
            ServiceMatch(serviceID: "s", name: "n", organizationID: "o", organizationName: "", score: .nan, reasons: [], passedFilters: [],
                         distanceKm: nil, waitWeeks: nil),
        ])], gaps: []))
        #expect(throws: (any Error).self) { try bad.jsonBytes() }
    }

    @Test(arguments: TestBackend.available)
    func servedMatchesAreWrittenAsJSONEncoderWritesThem(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store in
            let index = LiveMatchIndex(store: store)
            let current = try await index.current()
            let barriers = current.barriers.map(\.id)
            var random = SystemRandomNumberGenerator()
            for round in 0..<40 {
                let profile = NeedsProfile(
                    barriers: Array(barriers.shuffled(using: &random).prefix(1 + round % 3)), tier: 1 + round % 3,
                    age: round % 4 == 0 ? nil : 3 + round % 16, languages: round % 2 == 0 ? [LanguageCode(rawValue: "en")!] : [],
                    insurance: round % 3 == 0 ? .medicaid : nil,
                    home: round % 5 == 0 ? nil : Coordinates(lat: 41.59, lon: -93.62),
                    transportation: round % 2 == 0 ? .car : .none)
                let resource = MatchResource(result: Matcher.match(profile, in: current, now: Date()))
                let expected = String(decoding: try JSONCoding.encoder.encode(resource), as: UTF8.self)
                #expect(String(buffer: try resource.jsonBytes()) == expected)
            }
        }
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        var random = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, 25, 1e16, 1e17, 123456789012345680, 1e-7, 5e-324, -2.2250738585072014e-308,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, 0.1 + 0.2, 20.602677660913248,
        ]
        for _ in 0..<2_000 {
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)))
            values.append(Double.random(in: 0...1, using: &random))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 8)
        }
        for value in values where value.isFinite {
            var json = JSONBytes(capacity: 1)
            try json.number(value)
            #expect(String(buffer: json.buffer) == String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self), "\(value)")
        }
    }

    /// Each reason's English JSON string, asked twice (worded, then kept), is the one JSONEncoder writes for its
    /// words; and so is its machine form.
    @Test func everyReasonIsWrittenAsJSONEncoderWritesIt() throws {
        let phrases = ReasonJSON.shared
        for reason in ReasonSamples.all {
            // Written, then kept: both forms each time.
            for _ in 0..<2 {
                let written = try phrases.written(reason)
                var words = JSONBytes(), code = JSONBytes()
                written.appendWords(to: &words)
                written.appendCode(to: &code)
                #expect(String(buffer: words.buffer) == String(decoding: try JSONCoding.encoder.encode(ReasonWords.english.text(reason)), as: UTF8.self))
                #expect(String(buffer: code.buffer) == String(decoding: try JSONCoding.encoder.encode(reason), as: UTF8.self))
            }
            var json = JSONBytes()
            try json.reasonCode(reason)
            #expect(String(buffer: json.buffer) == String(decoding: try JSONCoding.encoder.encode(reason), as: UTF8.self))
            #expect(try JSONCoding.decoder.decode(Reason.self, from: Data(String(buffer: json.buffer).utf8)) == reason)
        }
    }

    /// What JSONDecoder makes of a body, or nil when it refuses it.
    static func decoded(_ body: String) -> NeedsProfile? {
        try? JSONCoding.decoder.decode(NeedsProfile.self, from: Data(body.utf8))
    }

    static func read(_ body: String) -> NeedsProfile? {
        Array(body.utf8).withUnsafeBytes { NeedsProfileReader.read($0) }
    }

    @Test func profileReaderReadsWhatJSONDecoderReads() throws {
        var random = SystemRandomNumberGenerator()
        let languages = ["en", "es", "vi", "so", "ar"].compactMap(LanguageCode.init(rawValue:))
        for round in 0..<300 {
            let profile = NeedsProfile(
                barriers: Array(["anxiety", "food_insecurity", "housing", "transportation"].shuffled(using: &random).prefix(1 + round % 3)),
                tier: 1 + round % 3, age: round % 7 == 0 ? nil : Int.random(in: 0...19, using: &random),
                languages: Array(languages.shuffled(using: &random).prefix(round % 3)),
                insurance: round % 6 == 0 ? nil : Insurance.allCases.randomElement(using: &random),
                home: round % 9 == 0 ? nil : Coordinates(lat: Double.random(in: -90...90, using: &random), lon: Double.random(in: -180...180, using: &random)),
                transportation: FamilyTransportation.allCases.randomElement(using: &random)!,
                times: TimeWindow.allCases.filter { _ in Bool.random(using: &random) },
                settings: Setting.allCases.filter { _ in Bool.random(using: &random) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = round % 2 == 0 ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted]
            let body = String(decoding: try encoder.encode(profile), as: UTF8.self)
            let read = try #require(Self.read(body), "\(body)")
            #expect(read == profile)
            #expect(read == Self.decoded(body))
        }
        // Forms the reader takes, each as JSONDecoder reads it.
        for body in [
            #"{"barriers": ["anxiety"], "tier": 2}"#,
            #" { "tier" : 3 , "barriers" : [ ] } "#,
            "{\"barriers\":[\"a\"],\n\t\"tier\":1,\"age\":null,\"languages\":null,\"insurance\":null,\"home\":null,\"transportation\":null,\"times\":null,\"settings\":null}",
            #"{"barriers": ["a"], "tier": -0, "age": 0, "home": {"lon": -93, "lat": 4.1e1}}"#,
            #"{"barriers": ["a"], "tier": 2, "home": {"lat": 1E-3, "lon": -0.5e+2}}"#,
            #"{"barriers": ["a"], "tier": 2, "home": {"lat": 41.496500000000005, "lon": -93.46220000000001}}"#,
            #"{"barriers": ["a"], "tier": 123456789012345678}"#,
        ] {
            let read = try #require(Self.read(body), "\(body)")
            #expect(read == Self.decoded(body), "\(body)")
        }
        // Forms it leaves to JSONDecoder (which reads some of them and refuses the others).
        for body in [
            "", "null", "[]", "{}", #"{"tier": 2}"#, #"{"barriers": ["anxiety"]}"#,
            #"{"barriers": ["anx\u0069ety"], "tier": 2}"#, #"{"barriers": ["é"], "tier": 2}"#,
            #"{"barriers": ["a"], "tier": 2, "colour": "red"}"#, #"{"barriers": ["a"], "tier": 2, "tier": 3}"#,
            #"{"barriers": ["a"], "tier": 2.0}"#, #"{"barriers": ["a"], "tier": 1e1}"#, #"{"barriers": ["a"], "tier": 02}"#,
            #"{"barriers": ["a"], "tier": 1234567890123456789012}"#, #"{"barriers": ["a"], "tier": "2"}"#,
            #"{"barriers": ["a"], "tier": 2, "insurance": "gold"}"#, #"{"barriers": ["a"], "tier": 2, "languages": ["spanish"]}"#,
            #"{"barriers": ["a"], "tier": 2, "home": {"lat": 1}}"#, #"{"barriers": ["a"], "tier": 2, "home": {"lat": 1, "lon": 2, "alt": 3}}"#,
            #"{"barriers": ["a"], "tier": 2, "home": {"lat": 1e999, "lon": 2}}"#, #"{"barriers": ["a"], "tier": 2, "home": {"lat": .5, "lon": 2}}"#,
            #"{"barriers": ["a"], "tier": 2, "home": {"lat": 1, "lat": 2, "lon": 3}}"#,
            #"{"barriers": ["a"], "tier": 2,}"#, #"{"barriers": ["a",], "tier": 2}"#, #"{"barriers": ["a"], "tier": 2} x"#,
            #"{"barriers": null, "tier": 2}"#, #"{"barriers": ["a"], "tier": null}"#, #"{"barriers": ["a"] "tier": 2}"#,
            #"{"barriers": ["a"], "tier": 2, "age": nul}"#, #"{"barriers": ["a"], "tier": 2, "age": -}"#,
        ] {
            #expect(Self.read(body) == nil, "\(body)")
        }
    }
}

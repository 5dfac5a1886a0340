import Directory
import Foundation
import Testing
@testable import Feeds

/// The shipped vocabulary's taxonomy mapping: AIRS counselling and youth/family codes, facility
/// codes that describe the agency, and Open Eligibility terms.
@Suite("Taxonomy → barriers")
struct TaxonomyMappingTests {
    static let mapping = TaxonomyMapping(barriers: BarrierVocabulary.barriers)

    static func barrierIDs(_ codes: [String]) -> Set<String> { Set(mapping.barriers(for: codes).map(\.id)) }

    @Test(arguments: [
        // General counselling, as BC 211 files its youth and family counselling programs.
        ("RP-1400.2500", ["anxiety", "depression"]),
        ("RP-1400", ["anxiety", "depression"]),
        ("RP-1400.8000", ["anxiety", "depression"]),
        ("RP-1400.8000-020.18", ["anxiety", "depression", "trauma"]),
        ("RP-1400.8000-050", ["anxiety", "depression", "school_avoidance"]),
        ("RP-1400.8000-100", ["anxiety", "depression", "grief"]),
        ("RP-1400.8000-200", ["anxiety", "depression", "family_conflict"]),
        ("RP-1500.1400-800", ["mental_health_crisis"]),
    ])
    func counsellingCodesMapToTheCounsellingBarriers(code: String, expected: [String]) {
        #expect(Self.barrierIDs([code]) == Set(expected))
        #expect(Self.mapping.unmapped([code]).isEmpty)
    }

    @Test(arguments: [
        ("RX-8450.8000", "substance_use"), ("RX-8250", "substance_use"), ("RX-0400.5000", "substance_use"),
        ("BD-1800.2000", "food_insecurity"), ("BV-8900.9300", "housing_instability"), ("BH-1800.1500", "homelessness"),
        ("FT-3200", "legal_immigration"), ("ND-3500", "parent_employment"), ("PH-6100", "teen_parenting"),
        ("LE-3000", "chronic_illness"), ("TJ-3000.8000", "language_access"),
    ])
    func commonYouthAndFamilyCodesMap(code: String, barrier: String) {
        #expect(Self.barrierIDs([code]).contains(barrier), "\(code) → \(Self.barrierIDs([code]))")
    }

    /// A community mental health agency's food pantry: the agency's facility code does not make it a
    /// mental-health service.
    @Test func facilityCodesNeverMapAServiceAlone() {
        for codes in [["RM-6500.1500"], ["RM-6500"], ["LN-1500.6500"], ["LL-3000"], ["TC-5500"], ["RM-6500.1500", "YB-9500.1500"]] {
            #expect(Self.barrierIDs(codes).isEmpty, "\(codes)")
            #expect(Self.mapping.domains(for: codes).isEmpty, "\(codes)")
            #expect(Self.mapping.intensity(for: codes) == nil, "\(codes)")
            // Not meant to map, so not reported as unmapped either.
            #expect(Self.mapping.unmapped(codes).isEmpty, "\(codes)")
        }
        #expect(Self.barrierIDs(["RM-6500.1500", "BD-1800.2000"]) == ["food_insecurity"])
        #expect(Self.mapping.domains(for: ["RM-6500.1500", "BD-1800.2000"]) == [.health, .family])
    }

    /// Even a vocabulary that lists a facility prefix (a store seeded before this rule) does not tie
    /// an agency's services to it through that code.
    @Test func aFacilityPrefixInTheVocabularyTiesNothing() {
        let old = Barrier(id: "anxiety", label: "Anxiety", domains: [.socialEmotional], intensities: [.earlyIntervention],
                          taxonomyPrefixes: ["RP-1400.8000-050", "RM-6500"])
        let pantry = Service(id: "s", organizationID: "o", name: "Pantry", domains: [], intensity: nil, taxonomyCodes: ["RM-6500.1500", "BD-1800.2000"],
                             provenance: Provenance(source: "t", externalID: "s"))
        #expect(!old.isServed(by: pantry))
        #expect(TaxonomyMapping(barriers: [old]).barriers(for: ["RM-6500.1500"]).isEmpty)
        #expect(Taxonomy.describesProvider("RM-6500.1500"))
        #expect(Taxonomy.isTargetPopulation("YB-9500.1500"))
        #expect(!Taxonomy.describesService("YH-6000.0120"))
        #expect(Taxonomy.describesService("RP-1400.2500"))
    }

    /// The 211 HSIS level-2 branch names the rule relies on.
    @Test func providerTypeBranchesAreTheFacilityAndOrganizationBranches() {
        #expect(Taxonomy.providerTypeBranches == ["FL", "FV", "LL", "LN", "RM", "TC", "TD", "TN"])
        for barrier in BarrierVocabulary.barriers {
            for prefix in barrier.taxonomyPrefixes {
                #expect(!Taxonomy.describesProvider(prefix), "\(barrier.id) lists the provider type \(prefix)")
            }
        }
    }

    @Test(arguments: [
        // (name, id, taxonomy, expected code, a barrier it must reach)
        ("Food", "8a9d2c1e-0000-4000-8000-000000000001", "Open Eligibility", "OE:Food", "food_insecurity"),
        ("Food Pantry", "b1f3", "", "OE:Food Pantry", "food_insecurity"),
        ("Housing", "102", "openeligibility", "OE:Housing", "housing_instability"),
        ("Help Pay For Housing", "", "", "OE:Help Pay for Housing", "housing_instability"),
        ("Mental Health Care", "", "", "OE:Mental Health Care", "anxiety"),
        ("Counseling", "", "", "OE:Counseling", "depression"),
        ("Transit", "", "", "OE:Transit", "transportation"),
        ("Tutoring", "", "", "OE:Tutoring", "academic_struggle"),
        ("Health Education", "", "", "OE:Health Education", "chronic_illness"),
        ("Addiction and Recovery", "", "", "OE:Addiction & Recovery", "substance_use"),
        // By id: slug ids that spell the term.
        ("", "mental-health-care", "", "OE:Mental Health Care", "anxiety"),
        ("Comida", "help_pay_for_food", "", "OE:Help Pay for Food", "food_insecurity"),
        ("", "englishAsASecondLanguageESL", "", "OE:English as a Second Language (ESL)", "language_access"),
    ])
    func openEligibilityTermsMapByNameAndId(name: String, id: String, taxonomy: String, code: String, barrier: String) throws {
        let found = try #require(Self.mapping.code(forTerm: name, id: id, taxonomy: taxonomy))
        #expect(found == code)
        #expect(Self.barrierIDs([found]).contains(barrier), "\(found) → \(Self.barrierIDs([found]))")
        #expect(Self.mapping.domains(for: [found]).isEmpty == false)
    }

    @Test func termsOutsideTheVocabulary() {
        // An Open Eligibility term the vocabulary does not name is kept as a code, and reported as unmapped.
        #expect(Self.mapping.code(forTerm: "Community  Gardens", taxonomy: "Open Eligibility") == "OE:Community Gardens")
        #expect(Self.mapping.unmapped(["OE:Community Gardens"]) == ["OE:Community Gardens"])
        // A term of some other taxonomy that is neither AIRS-shaped nor an Open Eligibility term gives nothing.
        #expect(Self.mapping.code(forTerm: "Taxonomy A", id: "df7be950-1b0f-11e9-b56e-0800200c9a66", taxonomy: "AIRS") == nil)
        // AIRS codes pass as they are, from the code, the id or the name.
        #expect(Self.mapping.code(forTerm: "Food Pantries", id: "t1", code: "BD-1800.2000") == "BD-1800.2000")
        #expect(Self.mapping.code(forTerm: "Food Pantries", id: "BD-1800.2000") == "BD-1800.2000")
        #expect(Self.mapping.code(forTerm: "BD-1800.2000", id: "t1") == "BD-1800.2000")
        // In an Open Eligibility taxonomy the code is the term's number: the name decides.
        #expect(Self.mapping.code(forTerm: "Food Pantry", code: "1102", taxonomy: "Open Eligibility") == "OE:Food Pantry")
    }

    @Test func theShippedVocabularyIsTheSeedFile() throws {
        let seedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seed/barriers.json")
        let seed = try JSONDecoder().decode([Barrier].self, from: Data(contentsOf: seedFile))
        #expect(seed == BarrierVocabulary.barriers)
    }
}

@Suite("Taxonomy branches")
struct TaxonomyBranchTests {
    @Test(arguments: [
        ("RM-6500.1500", true, false), ("rm-6500", true, false), ("RM", true, false), ("LN-1500.6500", true, false),
        ("TD-1600.2600", true, false), ("YB-9500.1500", false, true), ("YH-6000.0120", false, true), ("YZ", false, true),
        ("RP-1400.2500", false, false), ("RMX-1", false, false), ("Youth Services", false, false), ("OE:Food", false, false),
        ("R", false, false), ("", false, false), ("Y", false, false),
    ])
    func providerAndTargetCodesAreToldByTheirBranch(code: String, provider: Bool, target: Bool) {
        #expect(Taxonomy.describesProvider(code) == provider)
        #expect(Taxonomy.isTargetPopulation(code) == target)
        #expect(Taxonomy.describesService(code) == !(provider || target))
    }
}

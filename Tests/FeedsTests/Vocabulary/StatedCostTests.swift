import Directory
import Testing
@testable import Feeds

@Suite("Vocabulary: cost")
struct StatedCostTests {
    typealias Case = (String, CostKind?, [Insurance])

    @Test(arguments: [
        ("Sliding scale, $0.00 - $120.00", .slidingScale, []),
        ("Sliding fee scale based on income", .slidingScale, []),
        ("no charge", .free, []), ("Free", .free, []), ("FREE!", .free, []), ("free", .free, []), ("No fee", .free, []),
        ("No fees or charges", .free, []), ("Free of charge", .free, []), ("None", .free, []), ("No", .free, []),
        ("$0", .free, []), ("$0.00", .free, []), ("Fees: none", .free, []), ("gratuito", .free, []), ("Gratis", .free, []),
        ("sin costo", .free, []), ("Free. Donations welcome.", .free, []), ("Free for households under $60,000", .free, []),
        ("We do not charge for services", .free, []),
        ("Fee-for-Service", .fee, []), ("$25 per visit", .fee, []), ("fees vary", .fee, []), ("$10 copay", .fee, []),
        ("Free intake; $25 per session after", .fee, []), ("Tuition: $150/month", .fee, []), ("Charge for materials", .fee, []),
        ("Self-pay", .fee, []), ("Not free", .fee, []), ("Costo: $20", .fee, []),
        ("Pay what you can", .slidingScale, []), ("Escala móvil", .slidingScale, []),
        // Coverage alone states no kind.
        ("Medicaid accepted", nil, [.medicaid]), ("accepts Medicaid", nil, [.medicaid]), ("Medi-Cal", nil, [.medicaid]),
        ("CHIP", nil, [.chip]), ("hawk-i", nil, [.chip]), ("Hawki and Title XIX", nil, [.chip, .medicaid]),
        ("private insurance", nil, [.private]), ("most insurance accepted", nil, [.private]),
        ("Insurance accepted", nil, [.private]), ("We bill most major insurances", nil, [.private]),
        ("uninsured welcome", nil, [.uninsured]), ("no one turned away for inability to pay", nil, [.uninsured]),
        ("No one will be turned away due to inability to pay", nil, [.uninsured]),
        ("Services provided regardless of ability to pay", nil, [.uninsured]),
        ("No insurance required", nil, [.uninsured]), ("Se acepta Medicaid", nil, [.medicaid]),
        // Combinations.
        ("Sliding scale; Medicaid and most private insurance accepted", .slidingScale, [.medicaid, .private]),
        ("Free for uninsured; Medicaid and CHIP billed", .free, [.chip, .medicaid, .uninsured]),
        ("$40 per session. Medicaid not accepted; private insurance accepted", .fee, [.private]),
        ("Accepts Medicaid but not CHIP", nil, [.medicaid]),
        ("Medicaid insurance accepted", nil, [.medicaid]), ("Insurance", nil, [.private]),
        ("Cost depends on your insurance", nil, [.private]),
        // The repository's Riverton fixture.
        ("Medicaid and CHIP billed; sliding scale for uninsured students.", .slidingScale, [.chip, .medicaid, .uninsured]),
        ("Sliding scale fee based on income. Medicaid, Hawki and private insurance accepted.", .slidingScale,
         [.chip, .medicaid, .private]),
    ] as [Case])
    func readsAFeeField(text: String, kind: CostKind?, insurance: [Insurance]) throws {
        let cost = try #require(StatedCost.fromFeeField(text), "\(text)")
        #expect(cost.kind == kind, "\(text)")
        #expect(cost.insurance == insurance, "\(text)")
    }

    @Test(arguments: [
        "", "Call for info", "Call for information", "N/A", "See website", "Contact the agency", "Unknown",
        "no insurance accepted", "does not accept Medicaid", "Does not accept Medicaid, CHIP or private insurance",
        "We do not take insurance", "free parking", "Free parking available", "Call our toll-free line",
        "Feel free to call", "Smoke-free building", "Fee: N/A", "Medicaid is not accepted",
    ])
    func aFeeFieldThatSaysNothingAboutCostIsNil(text: String) {
        #expect(StatedCost.fromFeeField(text) == nil, "\(text)")
    }

    @Test(arguments: [
        // Real BC 211 descriptions.
        ("Referrals from schools for children and youth up to 17 years of age. No fee for service.", .free, []),
        ("Sexual abuse counselling may be self-referral. No cost. Office hours are 8:30 am to 4:30 pm.", .free, []),
        ("Offers counselling for a variety of issues. Self-referral. Fees are charged; sliding scale, $45 to $100 per session, based on family income.",
         .slidingScale, []),
        ("Fees are $50 per session for individual counselling, and $70 for couples counselling.", .fee, []),
        // Open Referral's sample.
        ("A pay-as-you-feel training program for nonprofit organisations.", .slidingScale, []),
        // Other shapes.
        ("Free and confidential support, 24 hours a day.", .free, []), ("All services are free.", .free, []),
        ("The cost is $25 per family.", .fee, []), ("Medicaid and CHIP accepted.", nil, [.chip, .medicaid]),
        ("We accept most insurance plans, including Medicaid.", nil, [.medicaid, .private]),
        ("Serves uninsured and underinsured families.", nil, [.uninsured]),
        ("Helps uninsured families apply for Medicaid.", nil, [.uninsured]),
    ] as [Case])
    func infersCostFromFreeText(text: String, kind: CostKind?, insurance: [Insurance]) throws {
        let cost = try #require(StatedCost.fromFreeText(text), "\(text)")
        #expect(cost.kind == kind, "\(text)")
        #expect(cost.insurance == insurance, "\(text)")
    }

    @Test(arguments: [
        // Real BC 211 descriptions: "free" that is not the service's price, and no cost statement.
        "Also offers a free postal box where homeless individuals can receive mail during drop-in hours.",
        "Provides opioid users with free Take Home Naloxone Kits (Narcan).",
        "Youth can attend monthly get-togethers; free food and bus tickets are available.",
        "Veterans Affairs Canada may provide financial assistance toward expenses for funeral, cremation, burial.",
        // Other shapes.
        "Helps families apply for Medicaid and CHIP.", "Parking is free.", "Funded by a $1 million grant.",
        "Call our toll-free line.", "Feel free to drop in.", "Eligibility is based on income.",
        "Provides up to $500 in rent assistance.", "",
    ])
    func freeTextWithoutCostIsNil(text: String) {
        #expect(StatedCost.fromFreeText(text) == nil, "\(text)")
    }

    @Test func eligibilityGivesCoverageOnly() throws {
        let cost = try #require(StatedCost.fromEligibility("Must have Medicaid or be uninsured"))
        #expect(cost.kind == nil)
        #expect(cost.insurance == [.medicaid, .uninsured])
        #expect(StatedCost.fromEligibility("Free for seniors; must live in Iowa") == nil)
        #expect(StatedCost.fromEligibility("Must not have private insurance") == nil)
    }

    @Test(arguments: [
        ("cash", .fee, []), ("credit card", .fee, []), ("Check", .fee, []), ("Medicaid", nil, [.medicaid]),
        ("Insurance", nil, [.private]), ("Sliding scale", .slidingScale, []), ("Free", .free, []),
    ] as [Case])
    func readsPaymentMethods(text: String, kind: CostKind?, insurance: [Insurance]) throws {
        let cost = try #require(StatedCost.fromPaymentMethod(text), "\(text)")
        #expect(cost.kind == kind, "\(text)")
        #expect(cost.insurance == insurance, "\(text)")
    }

    @Test func paymentMethodsThatSayNothing() {
        #expect(StatedCost.fromPaymentMethod("N/A") == nil)
        #expect(StatedCost.fromPaymentMethod("") == nil)
        #expect(StatedCost.fromPaymentMethod("Other") == nil)
    }

    @Test func amountsAndMerging() throws {
        #expect(StatedCost.fromAmount(0)?.kind == .free)
        #expect(StatedCost.fromAmount(25)?.kind == .fee)
        #expect(StatedCost.fromAmount(-1) == nil)
        // "Free" in one row and a fee in another is a fee; coverage adds up.
        #expect(StatedCost.fromFeeField("Free intake") == nil)
        let merged = try #require(StatedCost.fromFeeField("Free")).merged(with: StatedCost.fromAmount(40))
            .merged(with: StatedCost.fromPaymentMethod("Medicaid")).merged(with: nil)
        #expect(merged.kind == .fee)
        #expect(merged.insurance == [.medicaid])
    }
}

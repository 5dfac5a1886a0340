import Directory

/// The phrases cost text is read with, tokenized as the texts are. At each position the longest
/// phrase wins, so "no fee for service" is free before "fee for service" can be a fee, and
/// "private insurance" is coverage before "private pay" could be anything.
enum CostPhrases {
    enum Meaning: Hashable {
        case free, slidingScale, fee
        case insurance(Insurance)
        /// "insurance accepted", "bills insurance": coverage in general, read as private insurance.
        case insuranceInGeneral
    }

    /// Phrases for a cost field.
    static let feeField: [[String]: Meaning] = table(
        free: freeInAField + freeAnywhere, slidingScale: slidingScaleAnywhere + slidingScaleInAField,
        fee: feeInAField + feeAnywhere)

    /// Phrases plain enough to count in free text.
    static let freeText: [[String]: Meaning] = table(
        free: freeAnywhere + freeInFreeText, slidingScale: slidingScaleAnywhere, fee: feeAnywhere + feeInFreeText)

    /// Coverage only, for eligibility text.
    static let eligibility: [[String]: Meaning] = table(free: [], slidingScale: [], fee: [])

    private static func table(free: [String], slidingScale: [String], fee: [String]) -> [[String]: Meaning] {
        var table: [[String]: Meaning] = [:]
        for phrase in fee { table[VocabularyTokens.phrase(phrase)] = .fee }
        for phrase in slidingScale { table[VocabularyTokens.phrase(phrase)] = .slidingScale }
        for phrase in free { table[VocabularyTokens.phrase(phrase)] = .free }
        for (phrase, meaning) in coverage { table[VocabularyTokens.phrase(phrase)] = meaning }
        return table
    }

    // MARK: - Free

    /// Phrases that say there is no charge wherever they stand.
    private static let freeAnywhere = [
        "free of charge", "free of cost", "no cost", "at no cost", "no charge", "at no charge", "no charges", "no fee", "no fees",
        "no fee for service", "no fees for service", "without charge", "without cost", "cost-free", "fee-free",
        "not charge", "don't charge", "doesn't charge", "never charge", "no payment", "no payment required",
        "payment not required", "for free", "sin costo", "sin cargo", "sin cobro", "gratuito", "gratuita", "gratuitos",
        "gratuitas", "gratis", "no cuesta", "no tiene costo",
    ]

    /// In a cost field "Free" is enough (`CostTextReader` sets aside "toll-free", "free parking", …).
    private static let freeInAField = [
        "free", "fees: none", "fee: none", "fees: no", "fee: no", "cost: none", "fees: $0", "fee: $0", "complimentary",
    ]

    /// In free text "free" must describe the service.
    private static let freeInFreeText = [
        "free service", "free services", "services are free", "service is free", "program is free", "programs are free",
        "is free", "are free", "is always free", "are always free", "is completely free", "are completely free",
        "free to attend", "free to participate", "free to join", "free to the public", "free to all", "free for all",
        "free for everyone", "free to families", "free to participants", "free to students", "free to residents",
        "free and confidential", "free, confidential", "free program", "free programs", "free clinic",
    ]

    // MARK: - Sliding scale

    private static let slidingScaleAnywhere = [
        "sliding", "sliding scale", "sliding-scale", "sliding fee", "income-based fee", "income-based fees",
        "fees based on income", "fee based on income", "pay what you can", "pay-what-you-can", "pay as you feel",
        "pay-as-you-feel", "pay what you feel", "by donation", "suggested donation", "donation basis", "reduced fee",
        "reduced fees", "escala movil", "escala de pago", "escala de tarifas",
    ]

    /// In a cost field, income names the scale; elsewhere "based on income" is usually eligibility.
    private static let slidingScaleInAField = [
        "income-based", "income based", "based on income", "based on family income", "based on household income",
        "based on ability to pay", "according to income", "ability to pay", "reduced rate", "reduced rates",
        "reduced cost", "segun ingresos", "segun sus ingresos", "basado en ingresos", "de acuerdo a sus ingresos",
    ]

    // MARK: - Fee

    /// Words that name a charge wherever they stand.
    private static let feeAnywhere = [
        "fee-for-service", "fee for service", "copay", "copays", "co-pay", "co-pays", "copayment", "co-payment",
        "deductible", "tuition", "private pay", "self-pay", "self pay", "out of pocket", "out-of-pocket", "not free",
        "per session", "per visit", "per hour", "per class", "per month", "per week", "per day", "per night",
        "per person", "per child", "per family", "per semester", "per term", "per course", "per lesson",
        "per appointment", "per year", "fees apply", "fees vary", "fees range", "fee varies", "fees are charged",
        "fees charged", "charges a fee", "cost varies", "costs vary", "por sesion", "por visita", "por hora", "por mes",
    ]

    /// In a cost field any mention of a fee or charge is one ("Fees vary", "Charge for materials").
    private static let feeInAField = [
        "fee", "fees", "charge", "charges", "charged", "cuota", "cuotas", "costo", "tarifa", "tarifas", "cobro",
    ]

    /// In free text a fee must be stated as one ("Fees are $50", "a small fee").
    private static let feeInFreeText = [
        "fees are", "fee is", "fee of", "fees of", "a fee", "a small fee", "a nominal fee", "nominal fee", "small fee",
        "registration fee", "registration fees", "membership fee", "membership fees", "program fee", "program fees",
        "one-time fee", "annual fee", "monthly fee", "session fee", "fees for", "cost is", "costs are", "cost of the program",
    ]

    // MARK: - Coverage

    private static let coverage: [(String, Meaning)] = [
        // Medicaid and its state names.
        ("medicaid", .insurance(.medicaid)), ("medi-cal", .insurance(.medicaid)), ("medi cal", .insurance(.medicaid)),
        ("apple health", .insurance(.medicaid)), ("masshealth", .insurance(.medicaid)), ("mass health", .insurance(.medicaid)),
        ("soonercare", .insurance(.medicaid)), ("badgercare", .insurance(.medicaid)), ("tenncare", .insurance(.medicaid)),
        ("kancare", .insurance(.medicaid)), ("ahcccs", .insurance(.medicaid)), ("oregon health plan", .insurance(.medicaid)),
        ("title xix", .insurance(.medicaid)), ("title 19", .insurance(.medicaid)), ("husky", .insurance(.medicaid)),
        // CHIP and its state names (hawk-i is Iowa's).
        ("chip", .insurance(.chip)), ("schip", .insurance(.chip)), ("chip+", .insurance(.chip)), ("mchip", .insurance(.chip)),
        ("children's health insurance program", .insurance(.chip)), ("childrens health insurance program", .insurance(.chip)),
        ("children's health insurance", .insurance(.chip)), ("hawk-i", .insurance(.chip)), ("hawki", .insurance(.chip)),
        ("peachcare", .insurance(.chip)), ("child health plus", .insurance(.chip)), ("chp+", .insurance(.chip)),
        ("kidcare", .insurance(.chip)), ("kidscare", .insurance(.chip)),
        // Private coverage.
        ("private insurance", .insurance(.private)), ("private insurances", .insurance(.private)),
        ("private health insurance", .insurance(.private)), ("private health plans", .insurance(.private)),
        ("private plans", .insurance(.private)), ("private insurers", .insurance(.private)),
        ("commercial insurance", .insurance(.private)), ("commercial insurances", .insurance(.private)),
        ("commercial plans", .insurance(.private)), ("most insurance", .insurance(.private)),
        ("most insurances", .insurance(.private)), ("most insurance plans", .insurance(.private)),
        ("most major insurance", .insurance(.private)), ("most major insurances", .insurance(.private)),
        ("most private insurance", .insurance(.private)), ("most health insurance", .insurance(.private)),
        ("most health plans", .insurance(.private)), ("major insurance", .insurance(.private)),
        ("major insurances", .insurance(.private)), ("all insurance", .insurance(.private)),
        ("all insurances", .insurance(.private)), ("all major insurance", .insurance(.private)),
        ("many insurance plans", .insurance(.private)), ("blue cross", .insurance(.private)), ("bcbs", .insurance(.private)),
        ("aetna", .insurance(.private)), ("cigna", .insurance(.private)), ("united healthcare", .insurance(.private)),
        ("unitedhealthcare", .insurance(.private)), ("humana", .insurance(.private)), ("anthem", .insurance(.private)),
        ("kaiser", .insurance(.private)), ("seguro privado", .insurance(.private)), ("seguros privados", .insurance(.private)),
        ("insurance", .insuranceInGeneral), ("insurances", .insuranceInGeneral), ("seguro", .insuranceInGeneral),
        ("seguros", .insuranceInGeneral),
        // Families without coverage.
        ("uninsured", .insurance(.uninsured)), ("the uninsured", .insurance(.uninsured)),
        ("without insurance", .insurance(.uninsured)), ("with or without insurance", .insurance(.uninsured)),
        ("no insurance required", .insurance(.uninsured)), ("no insurance needed", .insurance(.uninsured)),
        ("no insurance necessary", .insurance(.uninsured)), ("no insurance? no problem", .insurance(.uninsured)),
        ("insurance not required", .insurance(.uninsured)), ("insurance is not required", .insurance(.uninsured)),
        ("insurance not needed", .insurance(.uninsured)), ("insurance is not needed", .insurance(.uninsured)),
        ("regardless of insurance", .insurance(.uninsured)), ("regardless of insurance status", .insurance(.uninsured)),
        ("regardless of ability to pay", .insurance(.uninsured)), ("regardless of their ability to pay", .insurance(.uninsured)),
        ("regardless of your ability to pay", .insurance(.uninsured)), ("whether or not you have insurance", .insurance(.uninsured)),
        ("no one turned away", .insurance(.uninsured)), ("no one is turned away", .insurance(.uninsured)),
        ("no one will be turned away", .insurance(.uninsured)), ("nobody is turned away", .insurance(.uninsured)),
        ("no one is denied", .insurance(.uninsured)), ("no one will be denied", .insurance(.uninsured)),
        ("no one will be refused", .insurance(.uninsured)),
        ("sin seguro", .insurance(.uninsured)), ("con o sin seguro", .insurance(.uninsured)),
        ("no necesita seguro", .insurance(.uninsured)), ("no se requiere seguro", .insurance(.uninsured)),
    ]

    /// Words that say coverage is taken: in free text a named plan counts only next to one.
    static let acceptance: Set<String> = [
        "accept", "accepts", "accepted", "accepting", "take", "takes", "taken", "bill", "bills", "billed", "billing",
        "cover", "covers", "covered", "network", "participating", "welcome", "welcomed", "provider", "providers",
        "contracted", "reimbursed", "reimburses", "acepta", "aceptan", "aceptamos", "aceptado", "aceptados", "aceptada",
        "aceptadas", "cubre", "cubiertos",
    ]

    /// Words that turn what follows (in the same clause) around: "does not accept Medicaid".
    static func isNegation(_ word: String) -> Bool {
        ["no", "not", "never", "cannot", "nor", "except", "excluding", "ni"].contains(word) || word.hasSuffix("n't")
    }

    /// Words after "free" that make it about something other than the service ("free parking").
    static let freeExtras: Set<String> = [
        "parking", "wifi", "wi", "internet", "phone", "telephone", "number", "line", "call", "calls", "calling",
        "transportation", "transport", "bus", "shuttle", "ride", "rides", "childcare", "child", "snacks", "refreshments",
        "coffee", "consultation", "consultations", "intake", "initial", "first", "trial", "estimate", "estimates",
        "interpretation", "interpreter", "interpreters", "translation", "from", "of", "will", "standing",
        "lance", "way", "zone", "app", "download", "samples", "sample", "literature", "brochures",
    ]

    /// Words before "free" that make it about something else: "toll free", "feel free", "drug free".
    static let freeModifiers: Set<String> = [
        "toll", "feel", "smoke", "drug", "alcohol", "tobacco", "barrier", "scent", "fragrance", "gluten", "sugar",
        "nut", "peanut", "latex", "violence", "crime", "debt", "hands", "duty", "tax", "rent", "hassle", "stress",
        "worry", "judgment", "judgement", "stigma", "set",
    ]
}

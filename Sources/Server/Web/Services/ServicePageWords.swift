import Directory

/// Every word the service page, the family handout and the short text version show, in one place,
/// so that another language is one more value of this type (issue 22, item 5) and nothing else.
/// Facts the service does not state read `notListed`, never a default.
struct ServicePageWords: Sendable {
    let language: String
    let notListed: String
    let organization: String
    let address: String
    let mapLabel: String
    let phones: String
    let hours: String
    let howToApply: String
    let eligibility: String
    let ages: String
    let serviceArea: String
    let languages: String
    let cost: String
    let availability: String
    let lastVerified: String
    let website: String
    let email: String
    let settings: String
    let transportation: String
    let detailsHeading: String
    let handoutLink: String
    let textHeading: String
    let textHelp: String
    let textLink: String
    let printHint: String
    let backToService: String
    let handoutTitle: String
    let handoutIntro: String
    let handoutFooter: String
    let withdrawn: String
    let referLink: String
    let weekdays: [Weekday: String]
    let intake: [IntakeMethod: String]
    let phoneKinds: [Phone.Kind: String]
    let settingNames: [Setting: String]
    let transportationNames: [Transportation: String]
    let postalCodes: @Sendable (String) -> String
    let withinKm: @Sendable (String) -> String
    let agesRange: @Sendable (AgeRange) -> String?

    static let english = ServicePageWords(
        language: "en",
        notListed: Labels.notListed,
        organization: "Organization", address: "Address", mapLabel: "Open the map (OpenStreetMap)",
        phones: "Phone", hours: "Hours", howToApply: "How to apply", eligibility: "Who can go",
        ages: "Ages", serviceArea: "Area served", languages: "Languages", cost: "Cost", availability: "Availability",
        lastVerified: "Last checked by the agency", website: "Website", email: "Email", settings: "Where it happens",
        transportation: "Transportation",
        detailsHeading: "How to reach them",
        handoutLink: "Printable handout for the family", textHeading: "Short text for a message",
        textHelp: "Copy this into a text message or an email to the family.", textLink: "Plain text version",
        printHint: "Use your browser's Print command to print this page.", backToService: "Back to the service page",
        handoutTitle: "Where to go", handoutIntro: "Your school suggests this service. Call or visit to ask about it.",
        handoutFooter: "Facts marked “not listed — ask” were not given by the agency: ask them when you call.",
        withdrawn: "This service is no longer in its directory feed; it may have closed. Check before referring a family.",
        referLink: "Refer a student to this service",
        weekdays: [.monday: "Mon", .tuesday: "Tue", .wednesday: "Wed", .thursday: "Thu", .friday: "Fri", .saturday: "Sat", .sunday: "Sun"],
        intake: [.walkIn: "Walk in", .phone: "Call", .schoolReferral: "Referral from the school", .online: "Apply online"],
        phoneKinds: [.voice: "", .text: "text", .fax: "fax", .hotline: "hotline"],
        settingNames: [.schoolBased: "At school", .community: "In the community", .homeVisit: "Home visits", .virtual: "Online (virtual)"],
        transportationNames: [.provided: "Transportation provided", .transitAccessible: "On a bus or transit line", .notProvided: "No transportation provided"],
        postalCodes: { "ZIP codes \($0)" }, withinKm: { "within \($0) km" },
        agesRange: { ages in
            switch (ages.min, ages.max) {
            case let (min?, max?): "\(min) to \(max) years"
            case let (min?, nil): "\(min) years and over"
            case let (nil, max?): "up to \(max) years"
            case (nil, nil): nil
            }
        })
}

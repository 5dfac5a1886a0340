/// The AIRS 3.0/3.1 element names this reader knows, lower-cased (element names are compared without
/// case and without namespace prefix, so `<airs:SiteService>` and `<siteservice>` read the same).
///
/// Names follow the AIRS XSD 3.0 (`Source` → `Agency` → `Site` → `SiteService`, `PhysicalAddress`,
/// `SpatialLocation`, `TimeOpen`, `Languages`, `Taxonomy/Code`, `ResourceInfo/DateLastVerified`, …),
/// plus the spellings 3.1 exports and vendors use for the same things (`AgeRequirements`, `MinimumAge`,
/// `ServiceArea`, `IntakeProcedure`, …). A direct child of a record that is neither used nor listed as
/// known-but-unused is counted and reported once per name; its content is skipped.
package enum AIRSVocabulary {
    package static let agency = "agency"
    package static let site = "site"
    package static let siteService = "siteservice"

    /// Containers some exports put around repeated records or values; read through, never reported.
    static let wrappers: Set<String> = ["agencies", "sites", "siteservices", "services", "phones", "urls", "emails"]

    // MARK: Fields every record kind carries

    static let key: Set<String> = ["key", "recordkey"]
    package static let name: Set<String> = ["name", "agencyname", "sitename", "servicename"]
    package static let description: Set<String> = ["description", "agencydescription", "sitedescription", "servicedescription"]
    static let phone: Set<String> = ["phone"]
    static let url: Set<String> = ["url", "website"]
    static let email: Set<String> = ["email"]
    static let hours: Set<String> = ["timeopen", "hours", "hoursofoperation"]
    static let languages: Set<String> = ["languages", "language", "languagesspoken"]
    static let interpretation: Set<String> = ["interpretationservices", "interpreterservices"]
    static let resourceInfo: Set<String> = ["resourceinfo"]
    /// When the partner last confirmed the record; preferred for `lastVerifiedAt`.
    static let verifiedDate: Set<String> = ["datelastverified", "lastverified", "dateverified", "lastverifiedon"]
    /// When the record last changed; the fallback when no verification date is given.
    static let updatedDate: Set<String> = ["dateoflastaction", "datelastupdated", "lastupdated", "dateupdated", "datemodified", "lastmodified"]
    /// Whether the record is to be listed (`AIRSListing`): exclusion flags and status.
    static let listing: Set<String> = AIRSListing.names

    // MARK: Site fields

    static let physicalAddress: Set<String> = ["physicaladdress", "streetaddress"]
    static let spatialLocation: Set<String> = ["spatiallocation", "geolocation", "coordinates"]
    static let latitude: Set<String> = ["latitude", "lat"]
    static let longitude: Set<String> = ["longitude", "lon", "long", "lng"]
    /// Free text about public transit at the site ("Bus routes 7 and 12 stop in front").
    static let transitAccess: Set<String> = ["busserviceaccess", "publicaccesstotransportation", "publictransportation", "transitaccess"]

    // MARK: SiteService fields

    static let taxonomy: Set<String> = ["taxonomy", "taxonomycode", "taxonomycodes"]
    static let ageContainers: Set<String> = ["agerequirements", "agerequirement", "agerestrictions", "ages", "agerange", "agegroup"]
    static let minimumAge: Set<String> = ["minimumage", "minage", "agemin", "ageminimum"]
    static let maximumAge: Set<String> = ["maximumage", "maxage", "agemax", "agemaximum"]
    /// Inside an age container the short forms are unambiguous too: `<AgeRequirements><Minimum>5</Minimum>`.
    static let minimumAgeInContainer: Set<String> = minimumAge.union(["minimum", "min", "from", "lowerage"])
    static let maximumAgeInContainer: Set<String> = maximumAge.union(["maximum", "max", "to", "upperage"])
    static let eligibility: Set<String> = ["eligibility", "eligibilityrequirements", "eligibilitycriteria", "eligibilitynotes", "eligibilitydescription"]
    static let fees: Set<String> = ["feestructure", "fees", "fee", "paymentmethods", "paymentmethod", "paymentaccepted", "insuranceaccepted"]
    static let intake: Set<String> = ["applicationprocess", "intakeprocedure", "intakeprocess", "intake", "howtoapply"]
    static let serviceArea: Set<String> = ["geographicareaserved", "geographicareasserved", "servicearea", "serviceareas", "areaserved"]

    /// AIRS elements the directory has no place for (AKAs, contacts, mailing addresses, legal details…):
    /// skipped without a warning, because they are expected in every export.
    static let knownButUnused: Set<String> = [
        "aka", "akaname", "contact", "contacts", "mailingaddress", "otheraddress", "nophysicaladdress", "crossstreet",
        "irsstatus", "fein", "yearinc", "annualbudgettotal", "legalstatus", "sourceoffunds", "excludefromwebsite",
        "disabilitiesaccess", "physicallocationdescription", "documentsrequired",
        "agencylocation", "licenseaccreditation", "licenses", "accreditations", "recordowner",
        "internetresource", "agencyid", "parentagency",
    ]

    private static let common: Set<String> = key.union(name).union(description).union(phone).union(url).union(email)
        .union(hours).union(languages).union(interpretation).union(resourceInfo).union(verifiedDate).union(updatedDate)
        .union(listing).union(wrappers).union(knownButUnused)
    private static let agencyChildren: Set<String> = common.union([agency, site])
    private static let siteChildren: Set<String> = common.union(physicalAddress).union(spatialLocation).union(latitude)
        .union(longitude).union(transitAccess).union([siteService])
    private static let serviceChildren: Set<String> = common.union(taxonomy).union(ageContainers).union(minimumAge)
        .union(maximumAge).union(eligibility).union(fees).union(intake).union(serviceArea)

    /// Whether `element` may appear directly inside a record of this kind (nil: directly under the root).
    static func isKnown(_ element: String, under kind: AIRSRecordKind?) -> Bool {
        switch kind {
        case nil: element == agency || wrappers.contains(element)
        case .agency: agencyChildren.contains(element)
        case .site: siteChildren.contains(element)
        case .siteService: serviceChildren.contains(element)
        }
    }
}

extension AIRSVocabulary {
    /// Which of the name sets above an element name belongs to, found with one lookup: a record's
    /// fields were matched against a dozen sets each, one hash per set, for every element of the file.
    struct Roles: OptionSet, Sendable {
        let rawValue: UInt64

        static let wrapper = Roles(rawValue: 1 << 0)
        static let key = Roles(rawValue: 1 << 1)
        static let name = Roles(rawValue: 1 << 2)
        static let description = Roles(rawValue: 1 << 3)
        static let phone = Roles(rawValue: 1 << 4)
        static let url = Roles(rawValue: 1 << 5)
        static let email = Roles(rawValue: 1 << 6)
        static let hours = Roles(rawValue: 1 << 7)
        static let languages = Roles(rawValue: 1 << 8)
        static let interpretation = Roles(rawValue: 1 << 9)
        static let resourceInfo = Roles(rawValue: 1 << 10)
        static let verifiedDate = Roles(rawValue: 1 << 11)
        static let updatedDate = Roles(rawValue: 1 << 12)
        static let physicalAddress = Roles(rawValue: 1 << 13)
        static let spatialLocation = Roles(rawValue: 1 << 14)
        static let latitude = Roles(rawValue: 1 << 15)
        static let longitude = Roles(rawValue: 1 << 16)
        static let transitAccess = Roles(rawValue: 1 << 17)
        static let taxonomy = Roles(rawValue: 1 << 18)
        static let ageContainer = Roles(rawValue: 1 << 19)
        static let minimumAge = Roles(rawValue: 1 << 20)
        static let maximumAge = Roles(rawValue: 1 << 21)
        static let minimumAgeInContainer = Roles(rawValue: 1 << 22)
        static let maximumAgeInContainer = Roles(rawValue: 1 << 23)
        static let eligibility = Roles(rawValue: 1 << 24)
        static let fees = Roles(rawValue: 1 << 25)
        static let intake = Roles(rawValue: 1 << 26)
        static let serviceArea = Roles(rawValue: 1 << 27)
        static let listing = Roles(rawValue: 1 << 28)
    }

    /// Every lower-cased name of the sets above with the roles it has.
    private static let rolesByName: [String: Roles] = {
        let sets: [(Set<String>, Roles)] = [
            (wrappers, .wrapper), (key, .key), (name, .name), (description, .description), (phone, .phone),
            (url, .url), (email, .email), (hours, .hours), (languages, .languages), (interpretation, .interpretation),
            (resourceInfo, .resourceInfo), (verifiedDate, .verifiedDate), (updatedDate, .updatedDate),
            (physicalAddress, .physicalAddress), (spatialLocation, .spatialLocation), (latitude, .latitude),
            (longitude, .longitude), (transitAccess, .transitAccess), (taxonomy, .taxonomy), (ageContainers, .ageContainer),
            (minimumAge, .minimumAge), (maximumAge, .maximumAge), (minimumAgeInContainer, .minimumAgeInContainer),
            (maximumAgeInContainer, .maximumAgeInContainer), (eligibility, .eligibility), (fees, .fees), (intake, .intake),
            (serviceArea, .serviceArea), (listing, .listing),
        ]
        var roles: [String: Roles] = [:]
        for (names, role) in sets {
            for name in names { roles[name, default: []].insert(role) }
        }
        return roles
    }()

    /// The roles of a lower-cased element name; empty for a name in none of the sets (or nil).
    static func roles(of name: String?) -> Roles {
        name.flatMap { rolesByName[$0] } ?? []
    }
}

/// The three record elements of an AIRS export.
enum AIRSRecordKind: Sendable {
    case agency, site, siteService

    /// The element name as the AIRS XSD spells it, for messages.
    var elementName: String {
        switch self {
        case .agency: "Agency"
        case .site: "Site"
        case .siteService: "SiteService"
        }
    }
}

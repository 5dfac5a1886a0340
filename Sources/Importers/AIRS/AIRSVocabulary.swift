/// The AIRS 3.0/3.1 element names this reader knows, lower-cased (element names are compared without
/// case and without namespace prefix, so `<airs:SiteService>` and `<siteservice>` read the same).
///
/// Names follow the AIRS XSD 3.0 (`Source` → `Agency` → `Site` → `SiteService`, `PhysicalAddress`,
/// `SpatialLocation`, `TimeOpen`, `Languages`, `Taxonomy/Code`, `ResourceInfo/DateLastVerified`, …),
/// plus the spellings 3.1 exports and vendors use for the same things (`AgeRequirements`, `MinimumAge`,
/// `ServiceArea`, `IntakeProcedure`, …). A direct child of a record that is neither used nor listed as
/// known-but-unused is counted and reported once per name; its content is skipped.
enum AIRSVocabulary {
    static let agency = "agency"
    static let site = "site"
    static let siteService = "siteservice"

    /// Containers some exports put around repeated records or values; read through, never reported.
    static let wrappers: Set<String> = ["agencies", "sites", "siteservices", "services", "phones", "urls", "emails"]

    // MARK: Fields every record kind carries

    static let key: Set<String> = ["key", "recordkey"]
    static let name: Set<String> = ["name", "agencyname", "sitename", "servicename"]
    static let description: Set<String> = ["description", "agencydescription", "sitedescription", "servicedescription"]
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
        "excludefromdirectory", "disabilitiesaccess", "physicallocationdescription", "documentsrequired",
        "agencylocation", "licenseaccreditation", "licenses", "accreditations", "recordowner", "status",
        "internetresource", "agencyid", "parentagency",
    ]

    private static let common: Set<String> = key.union(name).union(description).union(phone).union(url).union(email)
        .union(hours).union(languages).union(interpretation).union(resourceInfo).union(verifiedDate).union(updatedDate)
        .union(wrappers).union(knownButUnused)
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

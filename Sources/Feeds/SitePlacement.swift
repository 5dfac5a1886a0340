import Directory
import Foundation

/// Offline geocoding, once for every reader: a US location whose feed gives an address or a ZIP code but
/// no coordinates is placed at its ZIP's centre, marked `postal_code` precision and `coordinates`
/// inferred, so that matching can measure a distance ("about 3 km away (ZIP centre)") instead of
/// saying "no site address listed".
///
/// What counts as US: a country written as the US or a US territory; or no country, with a US state or
/// territory as region; or neither country nor region, in a feed that has not named another country
/// for an earlier location. A five-digit code elsewhere (Mexico, Germany…) is never taken for a ZIP.
/// Readers that fill an empty country with "US" are covered by the region check: a location with
/// country "US" and a region that is not a US state or territory ("BC", "Ontario") is not placed.
public struct SitePlacement: Sendable {
    private let centroids: PostalCodeCentroids
    /// The feed's name, for the problems' `file`.
    private let file: String
    /// A location of this feed named a country or region outside the US.
    private var feedHasForeignSites = false
    /// Locations placed at their ZIP centre.
    public private(set) var placed = 0
    /// Warnings for US sites that have an address but could not be placed.
    public private(set) var problems: [ImportProblem] = []

    public init(centroids: PostalCodeCentroids, file: String) {
        self.centroids = centroids
        self.file = file
    }

    /// Places the location at its ZIP centre when it qualifies; leaves it as it was otherwise.
    public mutating func place(_ location: inout Location) {
        guard let address = location.address else { return }
        let whereabouts = self.whereabouts(country: address.country, region: address.region)
        if whereabouts == .foreign {
            feedHasForeignSites = true
            return
        }
        guard location.coordinates == nil else { return }
        if whereabouts == .unsaid && feedHasForeignSites { return }

        guard let zip = Self.zipCode(of: address) else {
            warn(location, field: "postal_code", "a US address without coordinates and without a ZIP code: the site is not on the map")
            return
        }
        guard let centre = centroids.centroid(forPostalCode: zip) else {
            warn(location, field: "postal_code", "ZIP code \(zip) is not in the ZIP centre table: the site is not on the map")
            return
        }
        location.coordinates = centre
        location.coordinatesPrecision = .postalCode
        if !location.provenance.inferred.contains(.coordinates) {
            location.provenance.inferred = (location.provenance.inferred + [.coordinates]).sorted()
        }
        placed += 1
    }

    private enum Whereabouts { case us, foreign, unsaid }

    /// Verdicts by (country, region) as the feed writes them: a feed repeats a few of each on every site.
    private var whereaboutsMemo: [String: Whereabouts] = [:]

    private mutating func whereabouts(country: String, region: String) -> Whereabouts {
        let key = country + "\u{1}" + region
        if let known = whereaboutsMemo[key] { return known }
        let country = country.trimmingCharacters(in: .whitespaces), region = region.trimmingCharacters(in: .whitespaces)
        let verdict: Whereabouts
        if (!country.isEmpty && !PostalCodeCentroids.isUSCountry(country))
            || (!region.isEmpty && !PostalCodeCentroids.isUSStateOrTerritory(region)) {
            verdict = .foreign
        } else {
            verdict = country.isEmpty && region.isEmpty ? .unsaid : .us
        }
        if whereaboutsMemo.count < 1_000 { whereaboutsMemo[key] = verdict }
        return verdict
    }

    /// The ZIP of the postal-code field, else one written after the state in the address text.
    static func zipCode(of address: Address) -> String? {
        if let zip = PostalCodeCentroids.fiveDigitZIP(fromPostalCode: address.postalCode) { return zip }
        let text = [address.address1, address.city, [address.region, address.postalCode].joined(separator: " ")]
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: ", ")
        return PostalCodeCentroids.zipCode(inAddressText: text)
    }

    private mutating func warn(_ location: Location, field: String, _ message: String) {
        problems.append(ImportProblem(
            file: file, field: field, recordID: location.provenance.externalID, message: message,
            severity: .warning, kind: .siteNotPlaced))
    }
}

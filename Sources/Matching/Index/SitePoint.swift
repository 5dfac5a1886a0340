import Directory
import Foundation

/// A located site as a point on the unit sphere. The straight-line (chord) distance between two
/// such points grows with the great-circle distance, so "within r km" becomes a comparison of
/// squared chords — no trigonometry per site in the hot loop — and the exact distance needs
/// one `asin`, only for the site that is kept.
struct SitePoint: Hashable, Sendable {
    var x: Double
    var y: Double
    var z: Double
    /// A transit stop serves the site (or the partner says the service is transit accessible);
    /// nil when neither is stated.
    var transitAccessible: Bool?
    /// The point is the centre of the site's ZIP code, not its address (`CoordinatesPrecision.postalCode`),
    /// so a distance to it is approximate.
    var isPostalCodeCentre: Bool

    static let earthRadiusKm = 6371.0088

    init(_ coordinates: Coordinates, transitAccessible: Bool?, isPostalCodeCentre: Bool = false) {
        let lat = coordinates.lat * .pi / 180, lon = coordinates.lon * .pi / 180
        x = cos(lat) * cos(lon)
        y = cos(lat) * sin(lon)
        z = sin(lat)
        self.transitAccessible = transitAccessible
        self.isPostalCodeCentre = isPostalCodeCentre
    }

    init(x: Double, y: Double, z: Double, transitAccessible: Bool?, isPostalCodeCentre: Bool = false) {
        self.x = x
        self.y = y
        self.z = z
        self.transitAccessible = transitAccessible
        self.isPostalCodeCentre = isPostalCodeCentre
    }

    func squaredChord(to other: SitePoint) -> Double {
        let dx = x - other.x, dy = y - other.y, dz = z - other.z
        return dx * dx + dy * dy + dz * dz
    }

    /// Great-circle kilometres for a squared chord; equals haversine (a = chord²/4).
    static func kilometres(squaredChord: Double) -> Double {
        2 * earthRadiusKm * asin(min(1, sqrt(squaredChord) / 2))
    }

    /// The squared chord of a great-circle distance, for comparing against `squaredChord(to:)`.
    static func squaredChord(kilometres: Double) -> Double {
        let half = min(Double.pi / 2, max(0, kilometres) / (2 * earthRadiusKm))
        let chord = 2 * sin(half)
        return chord * chord
    }
}

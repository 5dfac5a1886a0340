import Directory
import Foundation

extension Coordinates {
    /// A point roughly `north` and `east` kilometres away; tests only need "about this far".
    func offset(northKm north: Double, eastKm east: Double) -> Coordinates {
        let kmPerDegree = 111.195
        return Coordinates(
            lat: lat + north / kmPerDegree, lon: lon + east / (kmPerDegree * cos(lat * .pi / 180)))
    }
}

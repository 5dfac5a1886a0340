import Directory
import Foundation

/// What no record handed to the store may hold, whatever the feed said: a reader that cannot read a
/// value leaves it unknown with a warning, it does not pass on a NaN radius or a latitude of 200.
enum RecordSanity {
    static func problems(in batch: DirectorySnapshot) -> [String] {
        var found: [String] = []
        for organization in batch.organizations where organization.id.isEmpty || organization.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            found.append("organization '\(organization.id)' without an id or a name")
        }
        for location in batch.locations {
            if let point = location.coordinates, !(point.lat.isFinite && point.lon.isFinite && point.isValid) {
                found.append("location \(location.id) at an impossible point \(point.lat), \(point.lon)")
            }
        }
        for service in batch.services {
            let id = service.id
            if id.isEmpty || service.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                found.append("service '\(id)' without an id or a name")
            }
            for end in [service.ages.min, service.ages.max].compactMap({ $0 }) where end < 0 || end > 150 {
                found.append("service \(id) with an impossible age \(end)")
            }
            if let min = service.ages.min, let max = service.ages.max, min > max {
                found.append("service \(id) with ages from \(min) to \(max)")
            }
            if let radius = service.serviceArea.radiusKm, !(radius.isFinite && radius >= 0) {
                found.append("service \(id) with a service radius of \(radius) km")
            }
            for count in [service.enrollment.waitlistWeeks, service.enrollment.capacity].compactMap({ $0 }) where count < 0 {
                found.append("service \(id) with a negative wait or capacity \(count)")
            }
            for hours in service.hours where hours.opens >= hours.closes {
                found.append("service \(id) open \(hours.weekday) from \(hours.opens) to \(hours.closes)")
            }
        }
        return found
    }
}

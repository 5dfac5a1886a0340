import Directory
import Foundation

/// One spreadsheet row read through a profile: every field as a typed value, or nil when the sheet
/// leaves it blank and the profile has no default.
struct MappedRow {
    var organizationName = "", organizationID = "", serviceID = "", serviceName = "", description = ""
    var address = "", city = "", region = "", postalCode = "", country = ""
    var coordinates: Coordinates?
    var phone = "", email = "", url = ""
    var languages: [LanguageCode]?
    var ages: AgeRange?
    var cost: CostKind?
    var insurance: [Insurance] = []
    var enrollment: EnrollmentStatus?
    var waitlistWeeks: Int?
    var domains: [Domain]?
    var intensity: Intensity?
    var settings: [Setting] = []
    var transportation: Transportation?
    var hours: [OpeningHours] = []
    var taxonomyCodes: [String] = []
    var interpreter: Bool?
    var lastVerified: Date?
}

/// Reads rows of one sheet through a profile. Every cell that is not valid for its field is reported
/// (with the sheet's column header), so one pass over the errors fixes the whole row.
struct MappedRowParser {
    let profile: MappingProfile
    let fileName: String
    /// Column index of each mapped field present in the sheet.
    let columnIndexes: [MappingProfile.Field: Int]

    func parse(_ row: CSVRow) -> (row: MappedRow, problems: [ImportProblem]) {
        var problems: [ImportProblem] = []
        let recordID = columnIndexes[.serviceID].map { row.value($0) }.flatMap { $0.isEmpty ? nil : $0 }

        /// The cell's text, or the profile's default when the cell is blank or unmapped.
        func text(_ field: MappingProfile.Field) -> String? {
            if let index = columnIndexes[field], !row.isBlank(index) { return row.value(index) }
            return profile.defaults[field].flatMap { $0.isEmpty ? nil : $0 }
        }
        func report(_ field: MappingProfile.Field, _ word: String) {
            problems.append(ImportProblem(
                file: fileName, line: row.line, field: profile.columns[field] ?? field.rawValue, recordID: recordID,
                message: "'\(word)' is not \(MappedFieldValue.expectation(for: field)); row skipped"))
        }
        func scalar<Value>(_ field: MappingProfile.Field, _ parse: (String) -> Value?) -> Value? {
            guard let word = text(field) else { return nil }
            let meaning = profile.translate(word, for: field)
            guard !meaning.isEmpty else { return nil }
            guard let value = parse(meaning) else { report(field, word); return nil }
            return value
        }
        func list<Value>(_ field: MappingProfile.Field, _ parse: (String) -> Value?) -> [Value]? {
            guard let cell = text(field) else { return nil }
            var values: [Value] = []
            for word in MappedFieldValue.items(cell, separator: profile.listSeparator) {
                let meaning = profile.translate(word, for: field)
                guard !meaning.isEmpty else { continue }
                guard let value = parse(meaning) else { report(field, word); continue }
                values.append(value)
            }
            return values
        }
        func plain(_ field: MappingProfile.Field) -> String { scalar(field) { $0 } ?? "" }

        var mapped = MappedRow()
        mapped.organizationName = plain(.organizationName)
        mapped.organizationID = plain(.organizationID)
        mapped.serviceID = plain(.serviceID)
        mapped.serviceName = plain(.serviceName)
        mapped.description = plain(.description)
        mapped.address = plain(.address)
        mapped.city = plain(.city)
        mapped.region = plain(.region)
        mapped.postalCode = plain(.postalCode)
        mapped.country = plain(.country)
        mapped.phone = plain(.phone)
        mapped.email = plain(.email)
        mapped.url = plain(.url)

        let lat = scalar(.lat) { MappedFieldValue.coordinate($0, limit: 90) }
        let lon = scalar(.lon) { MappedFieldValue.coordinate($0, limit: 180) }
        if let lat, let lon {
            mapped.coordinates = Coordinates(lat: lat, lon: lon)
        } else if (lat == nil) != (lon == nil), problems.isEmpty {
            report(lat == nil ? .lat : .lon, "")
        }

        mapped.languages = list(.languages) { LanguageNames.code(for: $0) }
        if let range = scalar(.ages, { AgeText.numericRange(from: $0) }) {
            mapped.ages = range
        } else {
            let minimum = scalar(.ageMin, MappedFieldValue.wholeNumber), maximum = scalar(.ageMax, MappedFieldValue.wholeNumber)
            if minimum != nil || maximum != nil {
                // A blank end is not stated: a minimum alone is "and over".
                mapped.ages = AgeRange(min: minimum, max: maximum.map { Swift.min($0, AgeText.oldest) })
            }
        }
        mapped.cost = scalar(.cost) { MappedFieldValue.enumeration($0, CostKind.self) }
        mapped.insurance = list(.insurance) { MappedFieldValue.enumeration($0, Insurance.self) } ?? []
        mapped.enrollment = scalar(.enrollment) { MappedFieldValue.enumeration($0, EnrollmentStatus.self) }
        mapped.waitlistWeeks = scalar(.waitlistWeeks, MappedFieldValue.wholeNumber)
        mapped.domains = list(.domains) { MappedFieldValue.enumeration($0, Domain.self) }
        mapped.intensity = scalar(.intensity, MappedFieldValue.intensity)
        mapped.settings = list(.setting) { MappedFieldValue.enumeration($0, Setting.self) } ?? []
        mapped.transportation = scalar(.transportation) { MappedFieldValue.enumeration($0, Transportation.self) }
        mapped.hours = (list(.hours) { ScheduleText.hours(fromEntry: $0) } ?? []).flatMap { $0 }
        mapped.taxonomyCodes = list(.taxonomyCodes) { $0 } ?? []
        mapped.interpreter = scalar(.interpreter, MappedFieldValue.yesNo)
        mapped.lastVerified = scalar(.lastVerified, FeedDate.parse)

        if mapped.serviceName.isEmpty { report(.serviceName, "") }
        if mapped.organizationName.isEmpty && mapped.organizationID.isEmpty { report(.organizationName, "") }
        return (mapped, problems)
    }
}

import Directory
import Foundation

/// One spreadsheet row read through a profile: every field as a typed value, or nil (empty) when the
/// sheet leaves it blank, the profile has no default, or the cell could not be read.
struct MappedRow {
    var organizationName = "", organizationID = "", serviceID = "", serviceName = "", description = ""
    var address = "", city = "", region = "", postalCode = "", country = ""
    var coordinates: Coordinates?
    var phones: [Phone] = []
    var email = "", url = ""
    var languages: StatedLanguages?
    var ages: StatedAges?
    var cost: StatedCost?
    var enrollment: EnrollmentStatus?
    var waitlistWeeks: Int?
    var intakeMethods: [IntakeMethod] = []
    var domains: [Domain]?
    var intensity: Intensity?
    var settings: [Setting] = []
    var transportation: Transportation?
    var hours: [OpeningHours] = []
    var taxonomyCodes: [String] = []
    var interpreter: Bool?
    var lastVerified: Date?
    var eligibility: EligibilityFacts?
    /// false when the status column or the profile's `inactive_when` says the row is not to be listed.
    var isListed = true
    /// Facts read from prose (eligibility, description) rather than a column that states them.
    var inferred: Set<InferredFact> = []
}

/// Reads rows of one sheet through a profile. A cell that cannot be read leaves its fact unknown with a
/// warning naming the line and the sheet's column; the row is kept. Only a row without a service name is
/// skipped.
struct MappedRowParser {
    let profile: MappingProfile
    let fileName: String
    let mapping: TaxonomyMapping
    /// Column indexes of each mapped field present in the sheet, the first column first.
    let columnIndexes: [MappingProfile.Field: [Int]]
    /// Value columns: field → (column index, the value a mark there means).
    let valueColumnIndexes: [MappingProfile.Field: [(index: Int, value: String)]]
    /// Phone columns with the kind of number each holds.
    let phoneColumns: [(index: Int, kind: Phone.Kind)]
    /// `inactive_when` columns with their (word-keyed) words.
    let inactiveColumns: [(index: Int, header: String, words: Set<String>)]

    /// The row, or nil when it has no service name; and what could not be read.
    func parse(_ row: CSVRow) -> (row: MappedRow?, problems: [ImportProblem]) {
        var cells = RowCells(row: row, parser: self)
        var mapped = MappedRow()
        mapped.serviceName = FeedPlainText.singleLine(cells.text(.serviceName) ?? "")
        guard !mapped.serviceName.isEmpty else {
            cells.report(.serviceName, "", severity: .error, kind: .missingName, "the row has no service name; skipped")
            return (nil, cells.problems)
        }
        mapped.organizationID = cells.plain(.organizationID)
        mapped.organizationName = FeedPlainText.singleLine(cells.plain(.organizationName))
        if mapped.organizationName.isEmpty && mapped.organizationID.isEmpty {
            // A 211 export lists one-program agencies under the program's name.
            cells.report(.organizationName, "", kind: .missingName,
                         "the row names no organization; the service is listed under an organization of its own name")
            mapped.organizationName = mapped.serviceName
        }
        mapped.serviceID = cells.plain(.serviceID)
        mapped.description = FeedPlainText.plainText(cells.text(.description, joinedBy: "\n\n") ?? "")
        mapped.address = FeedPlainText.singleLine(cells.text(.address, joinedBy: ", ") ?? "")
        mapped.city = cells.plain(.city)
        mapped.region = cells.plain(.region)
        mapped.postalCode = cells.plain(.postalCode)
        mapped.country = cells.plain(.country)
        mapped.email = cells.plain(.email)
        mapped.url = cells.plain(.url)
        mapped.phones = cells.phones()

        let lat = cells.scalar(.lat) { MappedFieldValue.coordinate($0, limit: 90) }
        let lon = cells.scalar(.lon) { MappedFieldValue.coordinate($0, limit: 180) }
        if let lat, let lon {
            mapped.coordinates = Coordinates(lat: lat, lon: lon)
        } else if (lat == nil) != (lon == nil), cells.text(lat == nil ? .lat : .lon) == nil {
            cells.report(lat == nil ? .lat : .lon, "", kind: .unreadableCoordinates,
                         "one coordinate is given without the other; the site is kept without coordinates")
        }

        readLanguages(&cells, into: &mapped)
        readAges(&cells, into: &mapped)
        readCost(&cells, into: &mapped)
        let enrollment = cells.scalar(.enrollment, MappedFieldValue.enrollment)
        mapped.enrollment = enrollment?.status
        mapped.intakeMethods = enrollment?.intakeMethods ?? []
        mapped.waitlistWeeks = cells.scalar(.waitlistWeeks, MappedFieldValue.waitWeeks) ?? enrollment?.waitlistWeeks
        mapped.domains = cells.list(.domains) { MappedFieldValue.enumeration($0, Domain.self).map { [$0] } }
        mapped.intensity = cells.scalar(.intensity, MappedFieldValue.intensity)
        mapped.settings = cells.list(.setting, MappedFieldValue.settings) ?? []
        mapped.transportation = cells.scalar(.transportation, MappedFieldValue.transportation)
        mapped.hours = cells.list(.hours, ScheduleText.hours(fromEntry:)) ?? []
        mapped.taxonomyCodes = cells.list(.taxonomyCodes) { [mapping.code(forTerm: $0) ?? $0] } ?? []
        if let interpreter = cells.scalar(.interpreter, MappedFieldValue.interpreter) { mapped.interpreter = interpreter }
        mapped.lastVerified = cells.date(.lastVerified)
        if let text = cells.text(.eligibility, joinedBy: "\n") { mapped.eligibility = EligibilityFacts(FeedPlainText.plainText(text)) }

        mapped.isListed = cells.scalar(.status, MappedFieldValue.status)?.isListed ?? true
        if mapped.isListed, let filter = cells.inactiveFilterMatch() {
            mapped.isListed = false
            cells.report(header: filter.header, kind: .inactiveRecord,
                         "'\(filter.word)' marks the row inactive (inactive_when); the service is kept, not listed")
        } else if !mapped.isListed {
            cells.report(.status, cells.text(.status) ?? "", kind: .inactiveRecord,
                         "status '\(cells.text(.status) ?? "")': the service is kept, not listed")
        }
        return (mapped, cells.problems)
    }

    /// The languages column and any value columns, and what they say about interpreters; the interpreter
    /// column, when the sheet has one, has the last word.
    private func readLanguages(_ cells: inout RowCells, into mapped: inout MappedRow) {
        var stated: StatedLanguages?
        func add(_ more: StatedLanguages) { stated = stated?.merged(with: more) ?? more }
        for item in cells.items(.languages) {
            switch MappedFieldValue.language(item.meaning) {
            case .stated(let languages): add(languages)
            case .dropped(let names):
                for name in names {
                    cells.report(.languages, item.word, kind: .droppedLanguageName, name.description)
                }
            case .unreadable:
                cells.report(.languages, item.word, kind: .unreadableLanguages,
                             "'\(item.word)' is not \(MappedFieldValue.expectation(for: .languages)); left out")
            }
        }
        for value in cells.markedValues(.languages) {
            if case .stated(let languages) = MappedFieldValue.language(value) { add(languages) }
        }
        mapped.languages = stated
        mapped.interpreter = stated?.interpreterAvailable
    }

    /// `ages`, else `age_min`/`age_max`, else marked age-band columns (widened to cover every band).
    private func readAges(_ cells: inout RowCells, into mapped: inout MappedRow) {
        if let stated = cells.scalar(.ages, StatedAges.fromAgeField) {
            mapped.ages = stated
            return
        }
        let minimum = cells.text(.ageMin) ?? "", maximum = cells.text(.ageMax) ?? ""
        do {
            if let stated = try StatedAges.fromBounds(minimum: minimum, maximum: maximum) {
                mapped.ages = stated
                return
            }
        } catch {
            cells.report(minimum.isEmpty ? .ageMax : .ageMin, "", kind: .unreadableAges, "\(error); ages left unknown")
        }
        let bands = cells.markedValues(.ages).compactMap { StatedAges.fromAgeField(profile.translate($0, for: .ages)) }
        if let first = bands.first { mapped.ages = bands.dropFirst().reduce(first) { $0.widened(with: $1) } }
    }

    /// The cost cell, with coverage from the insurance cells and marked insurance columns.
    private func readCost(_ cells: inout RowCells, into mapped: inout MappedRow) {
        var cost = cells.scalar(.cost, MappedFieldValue.cost)
        var coverage = Set(cells.list(.insurance, MappedFieldValue.insurance) ?? [])
        for value in cells.markedValues(.insurance) { coverage.formUnion(MappedFieldValue.insurance(value) ?? []) }
        if !coverage.isEmpty { cost = (cost ?? StatedCost()).merged(with: StatedCost(insurance: coverage)) }
        mapped.cost = cost
    }
}

/// One row's cells as the parser reads them, collecting what could not be read.
struct RowCells {
    let row: CSVRow
    let parser: MappedRowParser
    private(set) var problems: [ImportProblem] = []

    init(row: CSVRow, parser: MappedRowParser) {
        self.row = row
        self.parser = parser
    }

    private var profile: MappingProfile { parser.profile }
    private var recordID: String? {
        parser.columnIndexes[.serviceID]?.first.map { row.value($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The field's cells joined (several columns make one field), or the profile's default when all are
    /// blank or the field is unmapped.
    func text(_ field: MappingProfile.Field, joinedBy separator: String? = nil) -> String? {
        let cells = (parser.columnIndexes[field] ?? []).filter { !row.isBlank($0) }.map { row.value($0) }
        if !cells.isEmpty {
            return cells.joined(separator: separator ?? (MappedFieldValue.isList(field) ? profile.separator(for: field) : " "))
        }
        return profile.defaults[field].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A text field as written, after `values` (which may blank it).
    func plain(_ field: MappingProfile.Field) -> String {
        text(field).map { profile.translate($0, for: field) } ?? ""
    }

    /// A one-value field through `values` and `read`; unreadable text is reported and gives nil.
    mutating func scalar<Value>(_ field: MappingProfile.Field, _ read: (String) -> Value?) -> Value? {
        guard let word = text(field) else { return nil }
        let meaning = profile.translate(word, for: field)
        guard !meaning.isEmpty else { return nil }
        guard let value = read(meaning) else {
            reportUnreadable(field, word)
            return nil
        }
        return value
    }

    /// A cell's items, split on the field's separator, each with its `values` meaning; blanked ones left out.
    func items(_ field: MappingProfile.Field) -> [(word: String, meaning: String)] {
        guard let cell = text(field) else { return [] }
        return MappedFieldValue.items(cell, separator: profile.separator(for: field)).compactMap { word in
            let meaning = profile.translate(word, for: field)
            return meaning.isEmpty ? nil : (word, meaning)
        }
    }

    /// A list field: its cell's items and its marked value columns, each read by `read` (which may
    /// give several values for one item). nil when nothing is stated; unreadable items are reported.
    mutating func list<Value: Hashable>(_ field: MappingProfile.Field, _ read: (String) -> [Value]?) -> [Value]? {
        var values: [Value] = []
        var stated = false
        for item in items(field) {
            stated = true
            guard let read = read(item.meaning) else {
                reportUnreadable(field, item.word)
                continue
            }
            for value in read where !values.contains(value) { values.append(value) }
        }
        for value in markedValues(field) {
            stated = true
            for read in read(profile.translate(value, for: field)) ?? [] where !values.contains(read) { values.append(read) }
        }
        return stated ? values : nil
    }

    /// The values of the field's value columns whose cells are marked ("X", "Yes").
    func markedValues(_ field: MappingProfile.Field) -> [String] {
        (parser.valueColumnIndexes[field] ?? []).filter { profile.isMark(row.value($0.index)) }.map(\.value)
    }

    /// Each phone column's number, with the kind the profile gives its column.
    func phones() -> [Phone] {
        var phones: [Phone] = []
        for column in parser.phoneColumns where !row.isBlank(column.index) {
            let phone = Phone(number: row.value(column.index), kind: column.kind)
            if !phones.contains(phone) { phones.append(phone) }
        }
        if phones.isEmpty, let number = profile.defaults[.phone], !number.isEmpty { phones.append(Phone(number: number)) }
        return phones
    }

    mutating func date(_ field: MappingProfile.Field) -> Date? {
        guard let text = text(field) else { return nil }
        do {
            return try MappedFieldValue.date(text, format: profile.dateFormats[field])
        } catch {
            report(field, text, kind: .unreadableDate, "\(error); left unknown")
            return nil
        }
    }

    /// The first `inactive_when` column whose cell holds one of its words.
    func inactiveFilterMatch() -> (header: String, word: String)? {
        for column in parser.inactiveColumns {
            let cell = row.value(column.index)
            if column.words.contains(MappingProfile.wordKey(cell)) { return (column.header, cell) }
        }
        return nil
    }

    private mutating func reportUnreadable(_ field: MappingProfile.Field, _ word: String) {
        report(field, word, kind: MappedFieldValue.problemKind(for: field),
               "'\(word)' is not \(MappedFieldValue.expectation(for: field)); left unknown")
    }

    mutating func report(
        _ field: MappingProfile.Field, _ word: String, severity: ImportProblem.Severity = .warning, kind: ImportProblem.Kind,
        _ message: String
    ) {
        report(header: profile.columns[field] ?? field.rawValue, severity: severity, kind: kind, message)
    }

    mutating func report(header: String, severity: ImportProblem.Severity = .warning, kind: ImportProblem.Kind, _ message: String) {
        problems.append(ImportProblem(
            file: parser.fileName, line: row.line, field: header, recordID: recordID, message: message,
            severity: severity, kind: kind))
    }
}

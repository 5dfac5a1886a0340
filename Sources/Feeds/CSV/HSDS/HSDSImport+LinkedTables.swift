import Directory
import Foundation

/// Loading of the small tables into `linked`. Columns are looked up once per table; a bad value
/// skips that row of that table (the service it describes is still imported).
extension HSDSImport {
    func loadLinkedTables() {
        // The schedules table is the largest (several rows per service); it loads on a thread of its
        // own while this one loads the rest, since nothing can be written before all are loaded.
        // (Its equal values are shared once, as `adoptCopies` copies them over.)
        let schedules = ConcurrentTableLoad(HSDSImport(package: package, source: source, mapping: mapping, importedAt: importedAt, log: CSVImportLog())) {
            $0.loadSchedules()
        }
        // Equal values are shared as each table is loaded, so a large feed never holds every copy at once.
        loadTaxonomy()
        linked.shareEqualValues(in: \.serviceTermIDs)
        loadPhones()
        linked.shareEqualValues(in: \.servicePhones)
        linked.shareEqualValues(in: \.organizationPhones)
        loadAddresses(.addresses, defaultRank: 0)
        loadAddresses(.postalAddresses, defaultRank: 2)
        linked.shareEqualValues(in: \.addresses)
        // The schedules' problems are reported where a one-thread read would have found them.
        let schedulesProblemsAt = log.summary.problems.count
        loadLanguages()
        linked.shareEqualValues(in: \.languages)
        loadEligibility()
        linked.shareEqualValues(in: \.ages)
        loadCostOptions()
        loadPaymentsAccepted()
        linked.shareEqualValues(in: \.costs)
        loadServiceAreas()
        linked.shareEqualValues(in: \.postalCodes)

        schedules.finish { loaded in
            linked.adoptCopies(of: loaded.linked.hours, into: \.hours)
            log.insert(loaded.log, at: schedulesProblemsAt)
            meter.finishFile(bytes: loaded.meter.finishedBytes)
        }
    }

    private func loadPhones() {
        withTable(.phones) { csv in
            let number = csv.column("number"), phoneExtension = csv.column("extension"), type = csv.column("type")
            let language = csv.column("language"), description = csv.column("description")
            let serviceID = csv.column("service_id"), organizationID = csv.column("organization_id")
            var languages = CSVValueMemo { text in StatedLanguages.fromLanguageField(text)?.codes.first }  // "en, es": the first
            while let row = csv.next() {
                guard !row.isBlank(number) else { continue }
                let ext = row.value(phoneExtension)
                let phone = Phone(
                    number: ext.isEmpty ? row.value(number) : "\(row.value(number)) ext. \(Self.withoutDecimalZero(ext))",
                    kind: Self.phoneKind(type: row.value(type), description: row.value(description)),
                    language: languages[row.value(language)])
                // Location phones have no place in the directory model; service and organization phones do.
                if !row.isBlank(serviceID) {
                    linked.servicePhones[row.value(serviceID), default: []].append(phone)
                } else if !row.isBlank(organizationID) {
                    linked.organizationPhones[row.value(organizationID), default: []].append(phone)
                }
            }
        }
    }

    /// HSDS 3.0 puts every address in one table with `address_type`; 1.x/2.0 split physical and postal.
    private func loadAddresses(_ table: HSDSTable, defaultRank: Int) {
        withTable(table) { csv in
            let locationID = csv.column("location_id"), type = csv.column("address_type")
            let street = csv.column("address_1", "address1", "address"), street2 = csv.column("address_2", "address2")
            let city = csv.column("city")
            let state = csv.column("state_province", "state"), region = csv.column("region")
            let postalCode = csv.column("postal_code", "zip"), country = csv.column("country")
            while let row = csv.next() {
                guard !row.isBlank(locationID) else { continue }
                var rank = defaultRank
                switch row.value(type).lowercased() {
                case "physical": rank = 0
                case "postal": rank = 2
                case "virtual": continue
                default: break
                }
                // "Suite 200" belongs with the street: the directory keeps one address line.
                let lines = [row.value(street), row.value(street2)].filter { !$0.isEmpty }
                let address = Address(
                    address1: lines.joined(separator: ", "), city: row.value(city),
                    region: Self.firstNonEmpty(row.value(state), row.value(region)),
                    postalCode: row.value(postalCode), country: Self.firstNonEmpty(row.value(country), "US"))
                linked.offer(address, rank: rank, forLocation: row.value(locationID))
            }
        }
    }

    /// Weekly hours. 1.1 rows name one `weekday` (number or name); 2.0/3.0 rows carry an iCalendar
    /// `byday` list with `freq`. Monthly and yearly rules ("first Saturday") are not weekly hours and are skipped,
    /// as are rows without times (a description only).
    fileprivate func loadSchedules() {
        withTable(.schedules) { csv in
            let id = csv.column("id"), serviceID = csv.column("service_id"), frequency = csv.column("freq")
            let weekday = csv.column("weekday"), byday = csv.column("byday")
            let opensAt = csv.column("opens_at"), closesAt = csv.column("closes_at")
            // A schedule table repeats a handful of day lists and times on every row.
            var dayLists = CSVValueMemo(ScheduleText.weekdays), times = CSVValueMemo(ScheduleText.time)
            while let row = csv.next() {
                guard !row.isBlank(serviceID), !row.isBlank(opensAt) || !row.isBlank(closesAt) else { continue }
                let freq = row.value(frequency).uppercased()
                guard freq.isEmpty || freq == "WEEKLY" || freq == "DAILY" else { continue }

                let dayField: String, dayText: String
                if !row.isBlank(weekday) {
                    (dayField, dayText) = ("weekday", row.value(weekday))
                } else if !row.isBlank(byday) {
                    // "1SA", "-1FR": an ordinal day in a month, not a weekly opening.
                    guard !row.value(byday).contains(where: \.isNumber) else { continue }
                    (dayField, dayText) = ("byday", row.value(byday))
                } else if freq == "DAILY" {
                    (dayField, dayText) = ("freq", "daily")
                } else {
                    continue
                }
                let recordID = row.value(id)
                guard let days = dayLists[dayText] else {
                    log.error(csv.fileName, line: row.line, field: dayField, recordID: recordID, kind: .unreadableHours,
                              "'\(dayText)' is not a day of the week (1–7 with 1 = Monday, a day name, or MO,TU,…); row skipped")
                    continue
                }
                let opensText = row.value(opensAt), closesText = row.value(closesAt)
                guard let opens = times[opensText] else {
                    log.error(csv.fileName, line: row.line, field: "opens_at", recordID: recordID, kind: .unreadableHours,
                              "'\(opensText)' is not a time (expected HH:MM); row skipped")
                    continue
                }
                guard let closes = times[closesText] else {
                    log.error(csv.fileName, line: row.line, field: "closes_at", recordID: recordID, kind: .unreadableHours,
                              "'\(closesText)' is not a time (expected HH:MM); row skipped")
                    continue
                }
                linked.hours[row.value(serviceID), default: []] += ScheduleText.hours(days: days, opens: opens, closes: closes)
            }
        }
    }

    /// 1.1/2.0 `language` holds a name or a code ("Spanish", "Haitian Creole", "Interpreters
    /// available"); 3.0 has `code`, `name` and a `note`. A name without a code is dropped with a warning.
    private func loadLanguages() {
        withTable(.languages) { csv in
            let id = csv.column("id"), serviceID = csv.column("service_id")
            let code = csv.column("code"), names = [csv.column("language"), csv.column("name")], note = csv.column("note")
            var lists = CSVValueMemo(StatedLanguages.fromLanguageField)
            // A table repeats a few codes ("en", "es") on every row.
            var codes = CSVValueMemo(StatedLanguages.language)
            var notes = CSVValueMemo { text in StatedLanguages.fromFreeText(text)?.interpreterAvailable }
            while let row = csv.next() {
                guard !row.isBlank(serviceID) else { continue }
                var stated: StatedLanguages?
                // The ISO code when it is one; else the name, which may list several or speak of interpreters.
                if !row.isBlank(code), case .success(let language)? = codes[row.value(code)] {
                    stated = StatedLanguages(codes: [language])
                } else if let column = names.first(where: { !row.isBlank($0) }) ?? (row.isBlank(code) ? nil : code) {
                    stated = lists[row.value(column)]
                    for dropped in stated?.dropped ?? [] {
                        log.warning(csv.fileName, line: row.line, field: column == code ? "code" : "language",
                                    recordID: row.value(id), kind: .droppedLanguageName, dropped.description)
                    }
                }
                if let offered = notes[row.value(note)] {
                    stated = (stated ?? StatedLanguages()).merged(with: StatedLanguages(interpreterAvailable: offered))
                }
                if let stated { linked.addLanguages(stated, forService: row.value(serviceID)) }
            }
        }
    }

    /// 3.0/2.0 `minimum_age`/`maximum_age`; 1.1/2.0 `eligibility` words ("adult", "ages 5-18", "K-5");
    /// a `description` sentence. A value that is not an age is a warning; the service keeps its other ages.
    private func loadEligibility() {
        withTable(.eligibility) { csv in
            let id = csv.column("id"), serviceID = csv.column("service_id")
            let ages = HSDSAgeColumns(csv), words = csv.column("eligibility"), description = csv.column("description")
            var fields = CSVValueMemo(StatedAges.fromAgeField)
            while let row = csv.next() {
                guard !row.isBlank(serviceID) else { continue }
                let recordID = row.value(id), key = row.value(serviceID)
                if let stated = ages.ages(in: row, of: csv, recordID: recordID, log: log) {
                    linked.addAges(stated, forService: key)
                    continue
                }
                if !row.isBlank(words) {
                    let text = row.value(words)
                    if let stated = fields[text] {
                        linked.addAges(stated, forService: key)
                    } else if text.contains(where: \.isNumber) {
                        log.warning(csv.fileName, line: row.line, field: "eligibility", recordID: recordID, kind: .unreadableAges,
                                    "could not read ages from '\(text)'; ages left unknown")
                    }
                    linked.addCost(StatedCost.fromEligibility(text), forService: key)
                } else if !row.isBlank(description) {
                    let facts = eligibilityTexts[row.value(description)]
                    if let stated = facts.ages { linked.addAges(stated, forService: key) }
                    linked.addCost(facts.cost, forService: key)
                }
            }
        }
    }

    /// HSDS 3.0 `cost_options`: a numeric `amount` (0 = free) and free-text `option`/`amount_description`.
    private func loadCostOptions() {
        withTable(.costOptions) { csv in
            let id = csv.column("id"), serviceID = csv.column("service_id"), amount = csv.column("amount")
            let option = csv.column("option"), amountDescription = csv.column("amount_description")
            while let row = csv.next() {
                guard !row.isBlank(serviceID) else { continue }
                let key = row.value(serviceID)
                if !row.isBlank(amount) {
                    let text = row.value(amount)
                    if let value = Self.amount(text) {
                        linked.addCost(StatedCost.fromAmount(value), forService: key)
                    } else {
                        log.warning(csv.fileName, line: row.line, field: "amount", recordID: row.value(id), kind: .unreadableCost,
                                    "'\(text)' is not an amount; only the option's words were read")
                    }
                }
                // The same few wordings repeat on every row: each distinct text is read once.
                linked.addCost(feeTexts[row.value(option)], forService: key)
                linked.addCost(feeTexts[row.value(amountDescription)], forService: key)
            }
        }
    }

    /// HSDS 1.x/2.0 `payments_accepted.payment`: "cash", "Medicaid", …
    private func loadPaymentsAccepted() {
        withTable(.paymentsAccepted) { csv in
            let serviceID = csv.column("service_id"), payment = csv.column("payment")
            var methods = CSVValueMemo(StatedCost.fromPaymentMethod)
            while let row = csv.next() {
                guard !row.isBlank(serviceID), !row.isBlank(payment) else { continue }
                linked.addCost(methods[row.value(payment)], forService: row.value(serviceID))
            }
        }
    }

    /// Postal codes named in the area's name (3.0 `name`, 1.1/2.0 `service_area`), else in its description.
    private func loadServiceAreas() {
        withTable(.serviceAreas) { csv in
            let serviceID = csv.column("service_id"), name = csv.column("service_area", "name")
            let description = csv.column("description")
            while let row = csv.next() {
                guard !row.isBlank(serviceID) else { continue }
                var codes = FeedText.postalCodes(in: row.value(name))
                if codes.isEmpty { codes = FeedText.postalCodes(in: row.value(description)) }
                let key = row.value(serviceID)
                var current = linked.postalCodes[key, default: []]
                for code in codes where !current.contains(code) { current.append(code) }
                linked.postalCodes[key] = current
            }
        }
    }

    static func firstNonEmpty(_ values: String...) -> String { values.first { !$0.isEmpty } ?? "" }

    /// "$25.00", "1,200" → a number.
    static func amount(_ text: String) -> Double? {
        Double(text.filter { $0 != "$" && $0 != "," && $0 != " " })
    }

    /// Extensions typed as numbers come out of some exports as "42.0".
    private static func withoutDecimalZero(_ text: String) -> String {
        text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// RFC 6350 types as HSDS uses them; crisis lines are recognised by their description.
    private static func phoneKind(type: String, description: String) -> Phone.Kind {
        let type = type.lowercased(), description = description.lowercased()
        if type == "fax" { return .fax }
        if type == "text" || type == "sms" { return .text }
        if type == "hotline" || description.contains("hotline") || description.contains("crisis") { return .hotline }
        return .voice
    }
}

/// The `minimum_age`/`maximum_age` pair, found in 3.0 services and in eligibility rows.
struct HSDSAgeColumns {
    let minimum: Int?
    let maximum: Int?

    init(_ csv: CSVTable) {
        minimum = csv.column("minimum_age")
        maximum = csv.column("maximum_age")
    }

    /// nil when both are blank, or (with a warning) when they cannot be read: the ages are then not
    /// stated, and the record is kept. A blank end is not stated: `minimum_age` 19 alone is 19 and over.
    func ages(in row: CSVRow, of csv: CSVTable, recordID: String, log: CSVImportLog) -> StatedAges? {
        guard minimum != nil || maximum != nil else { return nil }
        do {
            return try StatedAges.fromBounds(minimum: row.value(minimum), maximum: row.value(maximum))
        } catch {
            // The minimum when it alone cannot be read; else the maximum (unreadable, or below the minimum).
            let minimumAlone = try? StatedAges.fromBounds(minimum: row.value(minimum), maximum: "")
            let field = !row.isBlank(minimum) && minimumAlone == nil ? "minimum_age" : "maximum_age"
            log.warning(csv.fileName, line: row.line, field: field, recordID: recordID, kind: .unreadableAges,
                        "\(error); ages left unknown")
            return nil
        }
    }
}

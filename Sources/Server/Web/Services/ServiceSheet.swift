import Directory
import Foundation

/// What a family needs to reach one service, in words: the service page, the printable handout and
/// the short text are all made from this, so they cannot say different things. A fact the service
/// does not state is `words.notListed` ("not listed — ask"), never a convenient default.
struct ServiceSheet: Sendable {
    struct Site: Sendable {
        let name: String
        let address: String
        let mapHref: String?
    }

    struct Fact: Sendable {
        let label: String
        let value: String
        let href: String?
        let notListed: Bool
    }

    let id: String
    let name: String
    let organization: String
    let description: String
    let hasDescription: Bool
    let active: Bool
    let sites: [Site]
    let hasSites: Bool
    let facts: [Fact]
    /// The pieces the short text is made of, kept apart from `facts` so the text can drop the least
    /// needed ones first.
    let phoneText: String
    let hoursText: String
    let applyText: String
    let costText: String
    let availabilityText: String
    let words: ServicePageWords

    init(service: Service, organization: Organization?, locations: [Location], words: ServicePageWords) {
        self.words = words
        id = service.id
        name = service.name
        self.organization = organization?.name ?? ""
        description = service.description
        hasDescription = !service.description.isEmpty
        active = service.active
        sites = locations.filter(\.active).map { Self.site($0, words: words) }
        hasSites = !sites.isEmpty

        let phones = service.phones.isEmpty ? (organization?.phones ?? []) : service.phones
        phoneText = phones.isEmpty ? words.notListed : phones.map { Self.phone($0, words: words) }.joined(separator: ", ")
        hoursText = service.hours.isEmpty ? words.notListed : Self.hours(service.hours, words: words)
        applyText = service.enrollment.intakeMethods.isEmpty
            ? words.notListed : Labels.inlineList(service.enrollment.intakeMethods.sorted().compactMap { words.intake[$0] })
        let costStated = service.cost.kind != nil || !service.cost.insurance.isEmpty
        costText = costStated ? Labels.cost(service.cost) : words.notListed
        availabilityText = Labels.enrollment(service.enrollment)

        var facts: [Fact] = []
        func add(_ label: String, _ value: String?, href: String? = nil) {
            facts.append(Fact(label: label, value: value ?? words.notListed, href: value == nil ? nil : href, notListed: value == nil))
        }
        add(words.organization, organization?.name)
        add(words.phones, phones.isEmpty ? nil : phoneText,
            href: phones.count == 1 && phones[0].kind != .fax ? Self.telHref(phones[0].number) : nil)
        add(words.hours, service.hours.isEmpty ? nil : hoursText)
        add(words.howToApply, service.enrollment.intakeMethods.isEmpty ? nil : applyText)
        add(words.eligibility, Self.eligibility(service, words: words))
        add(words.languages, service.languages.isEmpty && service.interpreterAvailable == nil ? nil : Labels.languages(service))
        add(words.cost, costStated ? costText : nil)
        add(words.availability, service.enrollment.status == nil ? nil : availabilityText)
        add(words.settings, service.settings.isEmpty ? nil : Labels.inlineList(service.settings.sorted().compactMap { words.settingNames[$0] }))
        add(words.transportation, service.transportation.flatMap { words.transportationNames[$0] })
        if let url = service.url ?? organization?.url, let link = Self.webHref(url) { add(words.website, url, href: link) }
        if let email = service.email ?? organization?.email, !email.isEmpty { add(words.email, email, href: "mailto:" + email) }
        add(words.lastVerified, service.provenance.lastVerifiedAt.map { Labels.day($0) })
        self.facts = facts
    }

    /// "Ages 5 to 18 years; ZIP codes 02118, 02119": what the feed says about who is served.
    static func eligibility(_ service: Service, words: ServicePageWords) -> String? {
        let ages = words.agesRange(service.ages).map { "\(words.ages) \($0)" }
        var area: [String] = []
        if !service.serviceArea.postalCodes.isEmpty { area.append(words.postalCodes(service.serviceArea.postalCodes.joined(separator: ", "))) }
        if let radius = service.serviceArea.radiusKm { area.append(words.withinKm(String(format: "%g", radius))) }
        if ages == nil && area.isEmpty { return nil }
        return [ages ?? words.agesNotListed,
                area.isEmpty ? words.serviceAreaNotListed : "\(words.serviceArea): " + area.joined(separator: ", ")]
            .joined(separator: "; ")
    }

    static func site(_ location: Location, words: ServicePageWords) -> Site {
        let address = location.address.map(addressText) ?? ""
        var mapHref: String?
        // A ZIP-centre point is not the door: a map of the written address is closer to the truth.
        if let point = location.coordinates, point.isValid, location.coordinatesPrecision != .postalCode {
            let lat = String(format: "%.5f", point.lat), lon = String(format: "%.5f", point.lon)
            mapHref = "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=17/\(lat)/\(lon)"
        } else if !address.isEmpty {
            mapHref = "https://www.openstreetmap.org/search?query=" + WebPaths.queryEscaped(address)
        }
        return Site(name: location.name, address: address.isEmpty ? words.notListed : address, mapHref: mapHref)
    }

    static func addressText(_ address: Address) -> String {
        let cityLine = [address.city, [address.region, address.postalCode].filter { !$0.isEmpty }.joined(separator: " ")]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        return [address.address1, cityLine].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    static func phone(_ phone: Phone, words: ServicePageWords) -> String {
        let notes = [words.phoneKinds[phone.kind] ?? "", phone.language.map(Labels.language) ?? ""].filter { !$0.isEmpty }
        return notes.isEmpty ? phone.number : "\(phone.number) (\(notes.joined(separator: ", ")))"
    }

    static func telHref(_ number: String) -> String? {
        let digits = number.filter { $0.isNumber || $0 == "+" }
        return digits.count >= 3 ? "tel:" + digits : nil
    }

    /// Only http(s) links: a feed's `javascript:` URL must not become a link.
    static func webHref(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }

    /// "Mon–Fri 09:00–17:00; Sat 10:00–14:00": days with the same hours are joined into a range.
    static func hours(_ hours: [OpeningHours], words: ServicePageWords) -> String {
        var byDay: [(Weekday, String)] = []
        for day in Weekday.allCases {
            let slots = hours.filter { $0.weekday == day }.sorted { $0.opens < $1.opens }
            guard !slots.isEmpty else { continue }
            byDay.append((day, slots.map { "\($0.opens)–\($0.closes)" }.joined(separator: ", ")))
        }
        var parts: [String] = []
        var index = 0
        while index < byDay.count {
            var end = index
            while end + 1 < byDay.count, byDay[end + 1].1 == byDay[index].1,
                  Weekday.allCases.firstIndex(of: byDay[end + 1].0)! == Weekday.allCases.firstIndex(of: byDay[end].0)! + 1 {
                end += 1
            }
            let first = words.weekdays[byDay[index].0] ?? byDay[index].0.rawValue
            let last = words.weekdays[byDay[end].0] ?? byDay[end].0.rawValue
            parts.append((end == index ? first : "\(first)–\(last)") + " " + byDay[index].1)
            index = end + 1
        }
        return parts.joined(separator: "; ")
    }
}

import Directory
import Foundation
import Referrals

/// A synthetic student and everything that happens to them, in the order it happens. No names: a
/// district id ("demo-000042"), a school, a grade and the fields reports group by.
struct DemoStudentPlan: Sendable {
    var student: NewStudent
    var registeredAt: Date
    var consent: Consent
    var consentAt: Date
    var referrals: [DemoReferralPlan]

    /// Every write for this student, oldest first; writers replay exactly this order.
    var operations: [DemoOperation] {
        var operations: [DemoOperation] = [.register, .consent]
        for (index, referral) in referrals.enumerated() {
            operations.append(.create(index))
            operations += referral.steps.indices.map { .apply(index, $0) }
        }
        return operations.enumerated().sorted { lhs, rhs in
            let (left, right) = (at(lhs.element), at(rhs.element))
            return left == right ? lhs.offset < rhs.offset : left < right
        }.map(\.element)
    }

    func at(_ operation: DemoOperation) -> Date {
        switch operation {
        case .register: registeredAt
        case .consent: consentAt
        case .create(let index): referrals[index].createdAt
        case .apply(let index, let step): referrals[index].steps[step].at
        }
    }
}

struct DemoReferralPlan: Sendable {
    var serviceID: String
    var organizationID: String
    var barrier: String
    var tier: Int
    var createdAt: Date
    var steps: [DemoStep]
    /// Set on a student's second referral to a service, which the store refuses without a reason
    /// while the first may still be open.
    var duplicateReason: String? = nil
}

enum DemoOperation: Sendable, Hashable {
    case register
    case consent
    case create(Int)
    case apply(Int, Int)
}

/// Draws demo students and their referrals from the seeded generator: schools, grades, languages and
/// groups in plausible proportions, one to five referrals each for barriers a service really serves,
/// spread over the school days from `firstDay` to `lastDay`, none after `now`.
struct DemoPlanner {
    let directory: DemoDirectory
    let firstDay: CalendarDate
    let now: Date
    let timeZone: TimeZone
    private(set) var random: SeededRandom
    private let schoolDays: [CalendarDate]
    /// For each barrier, the services that serve it and are open to referrals.
    private let servicesByBarrier: [(barrier: String, services: [Service])]

    init(directory: DemoDirectory, firstDay: CalendarDate, lastDay: CalendarDate, now: Date, timeZone: TimeZone, seed: UInt64) {
        self.directory = directory
        self.firstDay = firstDay
        self.now = now
        self.timeZone = timeZone
        random = SeededRandom(seed: seed)
        let lastDay = min(lastDay, CalendarDate(now, in: timeZone))
        // Weekdays, minus the winter break, from the first day of school.
        schoolDays = stride(from: firstDay.daysSinceEpoch, through: lastDay.daysSinceEpoch, by: 1)
            .map(CalendarDate.init(daysSinceEpoch:))
            .filter { $0.isBusinessDay() && !(($0.month == 12 && $0.day >= 21) || ($0.month == 1 && $0.day <= 1)) }
        let open = directory.services.filter { $0.active && $0.enrollment.status != .closed }
        servicesByBarrier = directory.barriers.compactMap { barrier in
            var serving = open.filter { barrier.isServed(by: $0) }
            if serving.isEmpty {
                // The matcher's fallback by facets: an intensity not stated does not rule a service out.
                serving = open.filter { service in
                    (service.intensity.map(barrier.intensities.contains) ?? true)
                        && service.domains.contains(where: barrier.domains.contains)
                }
            }
            return serving.isEmpty ? nil : (barrier.id, serving)
        }
    }

    var canPlan: Bool { !schoolDays.isEmpty && !servicesByBarrier.isEmpty && !directory.schools.isEmpty }

    /// The next student, with up to `maximumReferrals` referrals.
    mutating func student(number: Int, maximumReferrals: Int) -> DemoStudentPlan {
        let school = random.pick(directory.schools)
        let grade = random.int(school.gradeMin...max(school.gradeMin, school.gradeMax))
        let language = random.weighted([("en", 70.0), ("es", 20), ("vi", 3), ("so", 3), ("ar", 2), ("zh", 2)])
        var languages = [LanguageCode(rawValue: language)!]
        if language != "en" && random.chance(0.5) { languages.append(LanguageCode(rawValue: "en")!) }
        var groups: Set<StudentGroup> = []
        if language != "en" && random.chance(0.6) { groups.insert(.englishLearner) }
        if random.chance(0.45) { groups.insert(.lowIncome) }
        if random.chance(0.12) { groups.insert(.disability) }
        if random.chance(0.03) { groups.insert(.homeless) }
        if random.chance(0.015) { groups.insert(.foster) }
        let student = NewStudent(
            districtStudentID: String(format: "demo-%06d", number), schoolID: school.id, grade: grade == 0 ? "K" : String(grade),
            age: grade + 5 + random.int(0...1), languages: languages, groups: groups)

        let firstIndex = random.int(0...(schoolDays.count - 1))
        let registeredAt = DemoCalendar.workingTime(on: schoolDays[firstIndex], in: timeZone, random: &random)
        let wanted = min(maximumReferrals, random.weighted([(1, 45.0), (2, 30), (3, 15), (4, 7), (5, 3)]))
        var referrals: [DemoReferralPlan] = []
        var createdAt = registeredAt.addingTimeInterval(TimeInterval(random.int(10...90) * 60))
        for index in 0..<wanted {
            if index > 0 {
                // A later need, up to eight school weeks on; none past the last school day.
                guard let next = schoolDays.firstIndex(where: { DemoCalendar.start(of: $0, in: timeZone) > createdAt }) else { break }
                let day = next + random.int(0...40)
                guard day < schoolDays.count else { break }
                createdAt = DemoCalendar.workingTime(on: schoolDays[day], in: timeZone, random: &random)
            }
            guard createdAt <= now else { break }
            let (barrier, services) = random.pick(servicesByBarrier)
            let service = random.pick(services)
            let repeated = referrals.contains { $0.serviceID == service.id }
            referrals.append(DemoReferralPlan(
                serviceID: service.id, organizationID: service.organizationID, barrier: barrier,
                tier: random.weighted([(2, 50.0), (3, 30), (1, 20)]), createdAt: createdAt,
                steps: DemoTimeline.steps(createdAt: createdAt, now: now, timeZone: timeZone, random: &random),
                duplicateReason: repeated ? "a new need for the same service" : nil))
        }
        // One written consent at registration, for every organization the student will be referred to.
        let organizations = referrals.map(\.organizationID).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var shared: Set<SharedField> = [.grade, .languages, .school]
        if random.chance(0.4) { shared.insert(.groups) }
        let givenOn = CalendarDate(registeredAt, in: timeZone)
        let consent = Consent(organizationIDs: organizations, givenBy: random.chance(0.8) ? "parent" : "guardian",
                              method: random.weighted([(ConsentMethod.written, 70.0), (.electronic, 25), (.verbal, 5)]),
                              sharedFields: shared, givenOn: givenOn, expiresOn: givenOn.adding(days: 365))
        return DemoStudentPlan(student: student, registeredAt: registeredAt, consent: consent,
                               consentAt: registeredAt.addingTimeInterval(60), referrals: referrals)
    }
}

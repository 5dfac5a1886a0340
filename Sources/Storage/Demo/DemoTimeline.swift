import Directory
import Foundation
import Referrals

/// Who takes a step of a demo referral: the student's school coordinator, the receiving
/// organization's partner, or the district admin.
enum DemoActor: Sendable, Hashable {
    case coordinator
    case partner
    case admin
}

/// One thing that happens to a demo referral, at a whole second.
struct DemoStep: Sendable, Hashable {
    var command: ReferralCommand
    var actor: DemoActor
    var at: Date
}

/// Writes one referral's life after it is created, the way referrals tend to go: most are sent and
/// answered within a week; about six in ten reach a confirmed connection; some are declined (no
/// capacity most often), waitlisted, lost to unreachable families or cancelled; a few are never
/// answered. Nothing happens after `now`, so the newest referrals are still open and some overdue.
struct DemoTimeline {
    let now: Date
    let timeZone: TimeZone
    private(set) var steps: [DemoStep] = []
    private var clock: Date

    init(createdAt: Date, now: Date, timeZone: TimeZone) {
        self.now = now
        self.timeZone = timeZone
        clock = createdAt
    }

    static func steps(createdAt: Date, now: Date, timeZone: TimeZone, random: inout SeededRandom) -> [DemoStep] {
        var timeline = DemoTimeline(createdAt: createdAt, now: now, timeZone: timeZone)
        timeline.run(&random)
        return timeline.steps
    }

    // MARK: the story

    private mutating func run(_ random: inout SeededRandom) {
        if random.chance(0.02) {  // a draft never sent; half are cancelled
            if random.chance(0.5) { _ = take(ReferralCommand(.cancel), .coordinator, after: random.int(1...72) * 3_600) }
            return
        }
        guard take(ReferralCommand(.send), .coordinator, after: random.int(5...180) * 60) else { return }
        if random.chance(0.005) {  // entered by mistake; an admin corrects it
            _ = take(ReferralCommand(.markEnteredInError, note: "duplicate entry"), .admin, after: random.int(1...5) * 86_400)
            return
        }
        if random.chance(0.04) {  // the partner never answers; most get redirected
            if random.chance(0.6) { _ = take(ReferralCommand(.cancel, note: "redirected"), .coordinator, after: random.int(12...20) * 86_400) }
            return
        }
        let lag = random.weighted([(0, 30.0), (1, 25), (2, 15), (3, 10), (4, 7), (5, 5), (6, 4), (8, 4)])
        guard advance(businessDays: lag, random: &random) else { return }
        switch random.weighted([("accept", 74.0), ("waitlist", 14), ("decline", 12)]) {
        case "accept":
            guard take(ReferralCommand(.accept), .partner, after: 0) else { return }
            accepted(&random)
        case "waitlist":
            // The wait is drawn first (the same draw as before waits were stated) and stated in weeks.
            let waitDays = random.int(7...42)
            guard take(ReferralCommand(.waitlist, expectedWait: .weeks((waitDays + 6) / 7)), .partner, after: 0) else { return }
            waitlisted(waitDays: waitDays, &random)
        default:
            let reason = random.weighted([
                (DeclineReason.noCapacity, 40.0), (.notEligible, 20), (.outOfArea, 15), (.familyDeclined, 15), (.duplicate, 5), (.incomplete, 5),
            ])
            _ = take(ReferralCommand(.decline, reason: reason), .partner, after: 0)
        }
    }

    private mutating func accepted(_ random: inout SeededRandom) {
        switch random.weighted([("schedule", 75.0), ("connect", 10), ("unreachable", 6), ("cancel", 3), ("decline", 2), ("stay", 4)]) {
        case "schedule":
            if random.chance(0.8) {  // the partner calls the family to book the intake
                guard take(ReferralCommand(.contactAttempt, note: "called to book intake"), .partner, after: random.int(1...2) * 86_400) else { return }
            }
            if random.chance(0.3) {  // and the coordinator reminds them
                guard take(ReferralCommand(.contactAttempt, note: "left a message"), .coordinator, after: random.int(1...3) * 86_400) else { return }
            }
            schedule(after: random.int(1...7) * 86_400, &random)
        case "connect":
            guard advance(seconds: random.int(3...10) * 86_400) else { return }
            confirm(firstService: day(of: clock).adding(days: -random.int(0...2)), &random)
        case "unreachable": unreachable(&random)
        case "cancel": _ = take(ReferralCommand(.cancel), .coordinator, after: random.int(2...20) * 86_400)
        case "decline":
            _ = take(ReferralCommand(.decline, reason: random.chance(0.5) ? .notEligible : .noCapacity), .partner,
                     after: random.int(1...10) * 86_400)
        default: break
        }
    }

    private mutating func waitlisted(waitDays: Int, _ random: inout SeededRandom) {
        var wait = waitDays * 86_400
        // The coordinator checks every two weeks that the family is still waiting.
        while wait > 14 * 86_400 {
            guard take(ReferralCommand(.contactAttempt, note: "still waiting"), .coordinator, after: 14 * 86_400) else { return }
            wait -= 14 * 86_400
        }
        switch random.weighted([("schedule", 65.0), ("decline", 20), ("unreachable", 10), ("cancel", 5)]) {
        case "schedule": schedule(after: wait, &random)
        case "decline": _ = take(ReferralCommand(.decline, reason: .noCapacity), .partner, after: wait)
        case "unreachable":
            guard advance(seconds: wait) else { return }
            unreachable(&random)
        default: _ = take(ReferralCommand(.cancel), .coordinator, after: wait)
        }
    }

    private mutating func schedule(after delay: Int, _ random: inout SeededRandom) {
        guard advance(seconds: delay) else { return }
        var intake = day(of: clock).adding(days: random.int(2...14))
        guard take(ReferralCommand(.schedule, intakeDate: intake), random.chance(0.7) ? .partner : .coordinator, after: 0) else { return }
        if random.chance(0.15) {  // moved once
            guard advanceTo(intake, random: &random) else { return }
            intake = intake.adding(days: random.int(7...14))
            guard take(ReferralCommand(.schedule, intakeDate: intake, note: "rescheduled"), .partner, after: 0) else { return }
        }
        if random.chance(0.45), intake.adding(days: -1) > day(of: clock) {  // a reminder the day before the intake
            guard advanceTo(intake.adding(days: -1), random: &random),
                  take(ReferralCommand(.contactAttempt, note: "appointment reminder"), .partner, after: 0) else { return }
        }
        switch random.weighted([("connect", 85.0), ("unreachable", 8), ("cancel", 4), ("stay", 3)]) {
        case "connect":
            guard advanceTo(intake.adding(days: random.int(0...3)), random: &random) else { return }
            confirm(firstService: intake, &random)
        case "unreachable":
            guard advanceTo(intake, random: &random) else { return }
            unreachable(&random)
        case "cancel": _ = take(ReferralCommand(.cancel), .coordinator, after: random.int(1...5) * 86_400)
        default: break
        }
    }

    private mutating func confirm(firstService: CalendarDate, _ random: inout SeededRandom) {
        let confirmer = random.weighted([(ConnectionConfirmer.partner, 70.0), (.coordinator, 20), (.family, 10)])
        let command = ReferralCommand(.confirmConnection, firstServiceDate: firstService, confirmedBy: confirmer)
        guard take(command, confirmer == .partner ? .partner : .coordinator, after: 0) else { return }
        if random.chance(0.75) {
            _ = take(ReferralCommand(.close), random.chance(0.6) ? .coordinator : .partner, after: random.int(20...60) * 86_400)
        }
    }

    /// Three recorded attempts to reach the family, then `mark_unreachable` (the machine requires them).
    private mutating func unreachable(_ random: inout SeededRandom) {
        for _ in 0..<3 {
            let actor: DemoActor = random.chance(0.5) ? .coordinator : .partner
            guard take(ReferralCommand(.contactAttempt, note: "no answer"), actor, after: random.int(1...4) * 86_400) else { return }
        }
        _ = take(ReferralCommand(.markUnreachable), .coordinator, after: random.int(1...3) * 86_400)
    }

    // MARK: time

    /// Appends the step `seconds` after the previous one, unless that is after `now`.
    private mutating func take(_ command: ReferralCommand, _ actor: DemoActor, after seconds: Int) -> Bool {
        guard advance(seconds: max(seconds, 60)) else { return false }
        steps.append(DemoStep(command: command, actor: actor, at: clock))
        return true
    }

    private mutating func advance(seconds: Int) -> Bool {
        clock = clock.addingTimeInterval(TimeInterval(seconds))
        return clock <= now
    }

    /// To a working hour `count` business days later (the same day for 0).
    private mutating func advance(businessDays count: Int, random: inout SeededRandom) -> Bool {
        let target = day(of: clock).adding(businessDays: count)
        return count == 0 ? advance(seconds: random.int(1...5) * 3_600) : advanceTo(target, random: &random)
    }

    /// To a working hour on `target` (or an hour later if the clock is already past that day).
    private mutating func advanceTo(_ target: CalendarDate, random: inout SeededRandom) -> Bool {
        let at = DemoCalendar.workingTime(on: target, in: timeZone, random: &random)
        return advance(seconds: max(3_600, Int(at.timeIntervalSince(clock))))
    }

    private func day(of date: Date) -> CalendarDate { CalendarDate(date, in: timeZone) }
}

enum DemoCalendar {
    /// The first instant of `day` in `timeZone`.
    static func start(of day: CalendarDate, in timeZone: TimeZone) -> Date {
        let local = TimeInterval(day.daysSinceEpoch) * 86_400
        var instant = local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local)))
        instant = local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)))
        return Date(timeIntervalSince1970: instant)
    }

    /// A whole second between 8:00 and 16:00 on `day`.
    static func workingTime(on day: CalendarDate, in timeZone: TimeZone, random: inout SeededRandom) -> Date {
        start(of: day, in: timeZone).addingTimeInterval(TimeInterval(8 * 3_600 + random.int(0...(8 * 3_600))))
    }
}

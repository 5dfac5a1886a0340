import Directory
import Foundation
import Localization
import Referrals

/// The district's check-in settings: how many business days after "referred" and after
/// "scheduled" the family is asked, how long a link stays valid, and the hour (district time) the
/// message goes out on its day.
public struct CheckInSchedule: Sendable, Hashable {
    /// Default 3 (district setting `checkin.business_days`).
    public var businessDays: Int
    /// Default 14 calendar days after the message is due (district setting `checkin.valid_days`).
    public var validDays: Int
    public var sendHour: Int
    public var holidays: Set<CalendarDate>
    public var timeZone: TimeZone

    public init(businessDays: Int = 3, validDays: Int = 14, sendHour: Int = 10, holidays: Set<CalendarDate> = [], timeZone: TimeZone = .gmt) {
        self.businessDays = businessDays
        self.validDays = validDays
        self.sendHour = sendHour
        self.holidays = holidays
        self.timeZone = timeZone
    }

    /// `sendHour` o'clock on the day `businessDays` business days after the day of `instant`.
    public func due(after instant: Date) -> Date {
        let day = CalendarDate(instant, in: timeZone).adding(businessDays: businessDays, holidays: holidays)
        return Self.instant(of: day, hour: sendHour, in: timeZone)
    }

    static func instant(of day: CalendarDate, hour: Int, in timeZone: TimeZone) -> Date {
        let midnightUTC = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch) * 86_400)
        let local = midnightUTC.addingTimeInterval(TimeInterval(hour * 3_600))
        return local.addingTimeInterval(-TimeInterval(timeZone.secondsFromGMT(for: local)))
    }
}

/// The check-in message a referral event calls for, written into the outbox with the event and
/// held there until it is due.
public struct CheckInDraft: Sendable, Hashable {
    public var claims: CheckInClaims
    public var channel: NotificationChannel
    public var recipient: String
    public var language: LanguageCode
    public var dueAt: Date
    public var subject: String
    public var body: String
}

/// Decides whether an event calls for a family check-in and writes it. Pure: the store gives it
/// the family's contact as the consent in force shares it, and writes what it returns.
///
/// The message names the service and nothing else: no student, no school, no need.
public struct CheckInPlanner: Sendable {
    public var schedule: CheckInSchedule
    public var baseURL: String
    public var secret: String
    /// The message's words, in the family's language (`checkin.*` keys).
    public var catalogs: Catalogs

    public init(schedule: CheckInSchedule, baseURL: String, secret: String, catalogs: Catalogs = .active) {
        self.schedule = schedule
        self.catalogs = catalogs
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.secret = secret
    }

    /// The check-in an event starts: after `send` (referred) and after `schedule` (the first
    /// scheduling; a reschedule keeps the check-in already planned). None without a shared contact.
    public static func purpose(of event: ReferralEvent) -> CheckInPurpose? {
        switch event.action {
        case .send: .afterReferred
        case .schedule where event.from != .scheduled: .afterScheduled
        default: nil
        }
    }

    /// The states in which a planned check-in is still worth sending; leaving them cancels it.
    public static func stillWanted(_ purpose: CheckInPurpose, in state: ReferralState) -> Bool {
        switch purpose {
        case .afterReferred: [.referred, .accepted, .waitlisted].contains(state)
        case .afterScheduled: state == .scheduled
        }
    }

    public func draft(
        for event: ReferralEvent, referralID: String, serviceName: String, contact: FamilyContact?, nonce: String = CheckInClaims.newNonce()
    ) -> CheckInDraft? {
        guard let purpose = Self.purpose(of: event), let contact, contact.problem == nil else { return nil }
        let dueAt = schedule.due(after: event.at)
        let expiresAt = dueAt.addingTimeInterval(TimeInterval(schedule.validDays * 86_400))
        let claims = CheckInClaims(referralID: referralID, purpose: purpose, expiresAt: expiresAt, nonce: nonce)
        let link = baseURL + "/check-in/" + CheckInLink.token(for: claims, secret: secret)
        // The family's language when a catalog has it, else English; the token keeps it for the page.
        let words = catalogs.words(contact.language.rawValue)
        let service = NotificationPlanner.oneLine(serviceName)
        let expires = CalendarDate(expiresAt, in: schedule.timeZone).description
        let body = [
            words.t("checkin.greeting", ["service": service]),
            words.t("checkin.link_lead") + "\n" + link,
            words.t("checkin.closing", ["expires": expires]),
        ].joined(separator: "\n\n")
        return CheckInDraft(
            claims: claims, channel: contact.channel == .email ? .email : .sms, recipient: contact.address.trimmingCharacters(in: .whitespaces),
            language: LanguageCode(rawValue: words.language) ?? contact.language, dueAt: dueAt,
            subject: words.t("checkin.subject", ["service": service]), body: body)
    }
}

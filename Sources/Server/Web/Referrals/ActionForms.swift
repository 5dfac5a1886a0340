import Foundation
import Localization
import Referrals
import Storage

/// One button (with the fields it needs) for an action the state machine allows this user now.
struct ActionForm: Sendable {
    let referralID: String
    let version: Int
    let returnTo: String
    let action: String
    let label: String
    /// Unique per page, so each field's `<label for>` points at its own input.
    let formID: String
    let needsReason: Bool
    let needsIntakeDate: Bool
    let needsFirstServiceDate: Bool
    let needsConfirmedBy: Bool
    /// Waitlist: one choice among "not known" and a number of weeks (a select: one control per
    /// form, so the inbox's many forms make no same-named checkbox groups).
    let needsExpectedWait: Bool
    let waitOptions: [Option]
    let reasons: [Option]
    let confirmers: [Option]
    let today: String
    let danger: Bool
    let showNote: Bool
    /// A box to tick before the button works: pages have no scripts, so this is the "are you sure?".
    let confirmation: String?
    /// Set instead of a button when a precondition is not met yet (consent, contact attempts).
    let blockedHint: String?
}

/// The forms are derived from `ReferralMachine.allowedActions` and each action's required fields
/// in the transition table, so the pages never offer what the machine would refuse.
enum ActionForms {
    static func forms(
        for referral: Referral, user: User, returnTo: String, consentCoversOrganization: Bool, today: CalendarDate,
        showNote: Bool
    ) -> [ActionForm] {
        AccessPolicy(user).allowedActions(on: referral).map { action in
            let rule = TransitionTable.rule(for: action)
            let required = Set(rule.requiredFields)
            // The hints read the transition table's preconditions, so they say what the machine will check.
            var hint: String?
            for precondition in rule.preconditions {
                switch precondition {
                case .consentCoversReceivingOrganization where !consentCoversOrganization:
                    hint = PageLanguage.words.t("action.hint_consent")
                case .contactAttempts(let atLeast) where referral.history.contactAttemptCount < atLeast:
                    hint = PageLanguage.words.t("action.hint_unreachable", ["min": String(atLeast), "count": String(referral.history.contactAttemptCount)])
                default: break
                }
            }
            let defaultConfirmer: ConnectionConfirmer = user.role == .partner ? .partner : .coordinator
            return ActionForm(
                referralID: referral.id, version: referral.version, returnTo: returnTo, action: action.rawValue,
                label: Labels.action(action), formID: "\(referral.id)-\(action.rawValue)",
                needsReason: required.contains(.reason), needsIntakeDate: required.contains(.intakeDate),
                needsFirstServiceDate: required.contains(.firstServiceDate), needsConfirmedBy: required.contains(.confirmedBy),
                needsExpectedWait: required.contains(.expectedWait),
                waitOptions: required.contains(.expectedWait) ? Self.waitOptions(PageLanguage.words) : [],
                reasons: Option.list(DeclineReason.self) { Labels.word("decline_reason", $0.rawValue) },
                confirmers: Option.list(ConnectionConfirmer.self, chosen: [defaultConfirmer.rawValue]) { Labels.word("confirmer", $0.rawValue) },
                today: today.description,
                danger: [.decline, .cancel, .markUnreachable, .markEnteredInError].contains(action),
                showNote: showNote, confirmation: confirmations[action].map { PageLanguage.words.t($0) }, blockedHint: hint)
        }
    }

    /// "Not known" first, then weeks: every week to half a year, then coarser steps to two years.
    static func waitOptions(_ words: Words) -> [Option] {
        [Option(value: "not_known", label: words.t("action.wait_not_known"), selected: false)]
            + waitWeeks.map { Option(value: String($0), label: words.count("count.week", $0), selected: false) }
    }

    static let waitWeeks = Array(ExpectedWait.weekRange.lowerBound...26) + [30, 36, 40, 44, 48, 52, 65, 78, 91, 104]

    /// Actions that cannot be undone ask to be confirmed on the page (the API has no such step).
    static let confirmations: [ReferralAction: String] = [
        .cancel: "action.confirm_cancel",
        .markEnteredInError: "action.confirm_entered_in_error",
    ]

    /// The command a submitted action form asks for, or a message saying which field is wrong.
    static func command(from form: FormData) -> Result<ReferralCommand, FormProblem> {
        guard let text = form["action"], let action = ReferralAction(rawValue: text) else {
            return .failure(FormProblem(PageLanguage.words.t("action.choose")))
        }
        if let confirmation = confirmations[action], form["confirm"] != "yes" {
            return .failure(FormProblem(PageLanguage.words.t("action.tick_to_confirm", ["confirmation": PageLanguage.words.t(confirmation)])))
        }
        var command = ReferralCommand(action, note: form["note"])
        if let text = form["reason"] {
            guard let reason = DeclineReason(rawValue: text) else { return .failure(FormProblem("'\(text)' is not a decline reason")) }
            command.reason = reason
        }
        if let text = form["intake_date"] {
            guard let date = CalendarDate(text) else { return .failure(FormProblem(PageLanguage.words.t("form.must_be_date", ["what": Labels.field("intake_date")]))) }
            command.intakeDate = date
        }
        if let text = form["first_service_date"] {
            guard let date = CalendarDate(text) else { return .failure(FormProblem(PageLanguage.words.t("form.must_be_date", ["what": Labels.field("first_service_date")]))) }
            command.firstServiceDate = date
        }
        if let text = form["expected_wait"] {
            if text == "not_known" {
                command.expectedWaitNotKnown = true
            } else {
                guard let weeks = Int(text) else { return .failure(FormProblem(PageLanguage.words.t("action.wait_not_number"))) }
                command.expectedWaitWeeks = weeks
            }
        }
        if form["before_intake_confirmed"] == "yes" { command.beforeIntakeConfirmed = true }
        if let text = form["confirmed_by"] {
            guard let who = ConnectionConfirmer(rawValue: text) else { return .failure(FormProblem("'\(text)' is not who confirmed")) }
            command.confirmedBy = who
        }
        return .success(command)
    }
}

struct FormProblem: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

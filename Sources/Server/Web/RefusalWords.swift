import Localization
import Matching
import Referrals
import Storage
import Workflows

/// The use cases' typed refusals in the page's language (`PageLanguage.words`), for the web pages
/// only: the API keeps its stable problem `code`s and its English `detail` (the `description`s),
/// which programs and logs read. A refusal whose words are free text made deeper down (a store's
/// `invalid(String)`, a field's own message) is shown as that text: there is nothing typed to translate.
enum RefusalWords {
    private static var w: Words { PageLanguage.words }

    /// Any refusal a page shows; English `description` for an error this type does not know.
    static func text(_ error: any Error) -> String {
        switch error {
        case let refusal as AccountRefusal: account(refusal)
        case let error as ReferralStoreError: referral(error)
        case let error as TransitionError: transition(error)
        case let violation as InputLimitViolation: inputLimit(violation)
        case let refusal as MatchRefusal: match(refusal)
        case let error as ProfileError: profile(error)
        default: String(describing: error)
        }
    }

    static func account(_ refusal: AccountRefusal) -> String {
        switch refusal {
        case .notAnAdministrator: w.t("refusal.account.forbidden")
        case .unknownUser(let key): w.t("refusal.account.unknown_user", ["key": key])
        case .cannotDisableYourself: w.t("refusal.account.cannot_disable_yourself")
        case .lastAdministrator(let email): w.t("refusal.account.last_administrator", ["email": email])
        case .userDisabled(let email): w.t("refusal.account.user_disabled", ["email": email])
        case .invalidTokenDays(let days):
            w.t("refusal.account.invalid_token_days", ["min": String(AccountRules.tokenDaysRange.lowerBound),
                                                       "max": String(AccountRules.tokenDaysRange.upperBound), "days": String(days)])
        case .unknownToken(let user, let key): w.t("refusal.account.unknown_token", ["user": user, "key": key])
        case .ambiguousToken(let key, let ids): w.t("refusal.account.ambiguous_token", ["key": key, "ids": ids.joined(separator: ", ")])
        case .tokenNotActive(let id): w.t("refusal.account.token_not_active", ["id": id])
        case .passwordsDiffer: w.t("refusal.account.passwords_differ")
        case .invalidProfile, .invalid: refusal.description
        }
    }

    static func referral(_ error: ReferralStoreError) -> String {
        switch error {
        case .notFound(let kind, let id):
            let key = "refusal.not_found.\(kind)"
            let text = w.t(key, ["id": id])
            return text == key ? error.description : text
        case .versionConflict: return w.t("refusal.version_conflict")
        case .versionRequired: return w.t("refusal.version_required")
        case .transition(let transition): return self.transition(transition)
        case .openReferralExists(let id): return w.t("refusal.open_referral_exists", ["id": id])
        case .aggregatesOnly: return w.t("refusal.aggregates_only")
        case .forbidden(let message):
            // The store's refusals of a role name the permission in English; the page says it in words.
            let permission = Permission.allCases.first { $0.refusal == message }
            return permission.map { w.t("refusal.permission.\(Self.name($0))") } ?? message
        case .invalidField, .duplicate, .idempotencyKeyReused: return error.description
        }
    }

    /// A refused referral change: the states and actions as the page names them, never wire codes.
    static func transition(_ error: TransitionError) -> String {
        switch error {
        case .illegal(let from, let action, let allowed):
            let sentence = w.t("refusal.illegal", ["state": Labels.state(from).lowercased(), "action": Labels.action(action).lowercased()])
            guard !allowed.isEmpty else { return sentence }
            return sentence + w.t("refusal.illegal_allowed", ["actions": allowed.map { Labels.action($0).lowercased() }.joined(separator: ", ")])
        case .forbidden(let role, let action):
            return w.t("refusal.role_may_not", ["role": (PageFrame.roleLabels[role] ?? role.rawValue).lowercased(),
                                                "action": Labels.action(action).lowercased()])
        case .missingFields(let names):
            return w.t("refusal.fill_in", ["fields": names.map(Labels.field).joined(separator: w.t("refusal.and"))])
        case .invalidField(let name, let message):
            return "\(Labels.field(name)): \(message)"
        case .firstServiceBeforeIntake(let intake, let first):
            return w.t("refusal.first_service_before_intake", ["intake": intake.description, "first": first.description])
        case .consentRequired:
            return w.t("refusal.consent_required")
        case .notEnoughContactAttempts(let recorded, let required):
            return w.t("refusal.not_enough_contact_attempts", ["recorded": String(recorded), "required": String(required)])
        }
    }

    static func inputLimit(_ violation: InputLimitViolation) -> String {
        let key = "input_field.\(violation.field)"
        let named = w.t(key)
        let field = named == key ? violation.field.replacingOccurrences(of: "_", with: " ") : named
        switch violation.kind {
        case .tooLong(let length, let limit):
            return w.t("refusal.too_long", ["field": field, "length": String(length), "limit": String(limit)])
        case .tooManyItems(let count, let limit):
            return w.t("refusal.too_many_items", ["field": field, "count": String(count), "limit": String(limit)])
        case .duplicateItems(let item):
            let shown = item.count > 60 ? String(item.prefix(60)) + "…" : item
            return w.t("refusal.duplicate_items", ["field": field, "item": shown])
        }
    }

    static func match(_ refusal: MatchRefusal) -> String {
        switch refusal {
        case .invalidProfile(let error): profile(error)
        case .emptyDirectory: w.t("refusal.match.empty_directory")
        case .noBarrierVocabulary: w.t("refusal.match.no_barriers")
        }
    }

    static func profile(_ error: ProfileError) -> String {
        switch error {
        case .noBarriers: w.t("match.choose_barrier")
        case .unknownBarrier(let code): w.t("refusal.profile.unknown_barrier", ["code": code])
        case .tierOutOfRange(let tier):
            w.t("refusal.profile.tier", ["tier": String(tier), "min": String(NeedsProfile.tiers.lowerBound), "max": String(NeedsProfile.tiers.upperBound)])
        case .ageOutOfRange(let age):
            w.t("refusal.profile.age", ["age": String(age), "min": String(NeedsProfile.ages.lowerBound), "max": String(NeedsProfile.ages.upperBound)])
        case .homeOutOfRange: w.t("refusal.profile.home")
        }
    }

    private static func name(_ permission: Permission) -> String {
        switch permission {
        case .registerStudents: "register_students"
        case .recordConsent: "record_consent"
        case .makeReferrals: "make_referrals"
        case .readAuditLog: "read_audit_log"
        case .readPartnerInbox: "read_partner_inbox"
        case .readStudentRecords: "read_student_records"
        }
    }
}

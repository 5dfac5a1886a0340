import Directory
import Foundation
import Referrals
import Workflows

/// The consent fields, shared by the student page (choose the organizations) and the referral form
/// (the receiving organization is fixed), and how a submitted form becomes a `Consent`.
struct ConsentForm: Sendable {
    let organizations: [Option]
    let hasOrganizationChoice: Bool
    /// When the form is for one organization (the referral's), its name.
    let organizationName: String?
    let givenBy: String
    let methods: [Option]
    let fields: [Option]
    let givenOn: String
    let expiresOn: String
    /// The family's preferred contact (not shared unless a channel is chosen).
    let contactChannels: [Option]
    let contactAddress: String
    let contactLanguages: [Option]
    let contactBestTime: String

    /// Prefilled with the usual case: written consent from today for a year, sharing what a partner
    /// needs to serve the family (grade, age, languages) and nothing more.
    init(form: FormData, today: CalendarDate, organizationsOffered: [Option], organizationName: String?) {
        organizations = organizationsOffered
        hasOrganizationChoice = !organizationsOffered.isEmpty
        self.organizationName = organizationName
        givenBy = form["consent_given_by"] ?? ""
        methods = Option.list(ConsentMethod.self, chosen: [form["consent_method"] ?? ConsentMethod.written.rawValue]) { Labels.word("consent_method", $0.rawValue) }
        let shared = form.all("consent_share").isEmpty ? [SharedField.grade, .age, .languages].map(\.rawValue) : form.all("consent_share")
        fields = Option.list(SharedField.self, chosen: shared) { Labels.word("shared_field", $0.rawValue) }
        givenOn = form["consent_given_on"] ?? today.description
        expiresOn = form["consent_expires_on"] ?? today.adding(days: 365).description
        contactChannels = Option.list(FamilyContactChannel.self, chosen: form.all("family_contact_channel")) { Labels.word("contact_channel", $0.rawValue) }
        contactAddress = form["family_contact_address"] ?? ""
        contactLanguages = Labels.languageOptions(chosen: [form["family_contact_language"] ?? "en"])
        contactBestTime = form["family_contact_best_time"] ?? ""
    }

    struct Invalid: Error {
        let message: String
    }

    /// The form's consent, as typed: who gave it, the organizations and the days are judged by
    /// `ConsentRecording`, as for the API; only what cannot be read as a date or method is the form's.
    static func consent(from form: FormData, organizationIDs: [String]) throws(Invalid) -> ConsentInput {
        guard let methodText = form["consent_method"], let method = ConsentMethod(rawValue: methodText) else {
            throw Invalid(message: PageLanguage.words.t("consent.choose_method"))
        }
        func day(_ name: String, _ what: String) throws(Invalid) -> CalendarDate? {
            guard let text = form[name] else { return nil }
            guard let date = CalendarDate(text) else { throw Invalid(message: PageLanguage.words.t("form.must_be_date", ["what": what])) }
            return date
        }
        var contact: FamilyContact?
        if let channelText = form["family_contact_channel"] {
            guard let channel = FamilyContactChannel(rawValue: channelText) else { throw Invalid(message: PageLanguage.words.t("consent.contact_choose_channel")) }
            guard let address = form["family_contact_address"] else { throw Invalid(message: PageLanguage.words.t("consent.contact_write_address")) }
            guard let language = form["family_contact_language"].flatMap(LanguageCode.init(rawValue:)) else {
                throw Invalid(message: PageLanguage.words.t("consent.contact_choose_language"))
            }
            contact = FamilyContact(channel: channel, address: address, language: language, bestTime: form["family_contact_best_time"])
        }
        return ConsentInput(
            organizationIDs: organizationIDs, givenBy: form["consent_given_by"] ?? "", method: method,
            sharedFields: Set(form.all("consent_share").compactMap(SharedField.init(rawValue:))),
            givenOn: try day("consent_given_on", PageLanguage.words.t("consent.given_on_what")),
            expiresOn: try day("consent_expires_on", PageLanguage.words.t("consent.expires_on_what")), familyContact: contact)
    }
}

/// The message after a successful step; only these fixed texts can appear, so a crafted link
/// cannot put words on the page.
enum Notice {
    static func text(_ code: String?) -> String? {
        guard let code else { return nil }
        let w = PageLanguage.words
        if let action = ReferralAction(rawValue: code) { return w.t("notice.done", ["action": Labels.action(action).lowercased()]) }
        switch code {
        case "student_registered", "consent_recorded", "consent_revoked", "referral_created", "availability_saved", "language_saved", "phone_check_in_recorded":
            return w.t("notice.\(code)")
        default: return nil
        }
    }
}

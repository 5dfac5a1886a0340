import Directory
import Foundation
import Hummingbird
import Localization
import Referrals
import Storage
import Workflows

/// The check-in a phone-only family is due: no SMS gateway sends the text, so the coordinator's
/// referral page says so, gives the question in the family's language to ask by phone, and
/// records the answer with the link's effects (`FamilyCheckIns.answerByPhone`).
struct PhoneCheckInSection: Sendable {
    struct Answer: Sendable {
        let value: String
        /// "Record: Yes, we started", in the page's language.
        let label: String
        /// The same answer in the family's language, as the link's page words it.
        let familyLabel: String
        let language: String
        /// The family's words follow only when they are in another language than the page's
        /// ("Registrar: Sí, ya empezamos (Sí, ya empezamos)" said it twice).
        let familyLanguageDiffers: Bool
    }

    let lead: String
    let phone: String
    let phoneHref: String
    /// "¿Pudieron comunicarse con …?": the link page's question, in the family's language.
    let question: String
    let language: String
    let answers: [Answer]
    let action: String

    init(_ checkIn: PhoneCheckIn, words: Words, catalogs: Catalogs) {
        let family = catalogs.words(checkIn.language.rawValue)
        language = family.language
        phone = checkIn.phone
        phoneHref = "tel:" + checkIn.phone.filter { $0.isNumber || $0 == "+" }
        lead = words.t("phone_checkin.lead", ["language": Labels.language(checkIn.language)])
        question = family.t("checkin.page_title", ["service": checkIn.serviceName])
        answers = FamilyAnswer.allCases.map { answer in
            Answer(value: answer.rawValue, label: words.t("phone_checkin.record", ["answer": words.t("checkin.answer.\(answer.rawValue)")]),
                   familyLabel: family.t("checkin.answer.\(answer.rawValue)"), language: family.language,
                   familyLanguageDiffers: family.language != words.language)
        }
        action = "/referrals/\(WebPaths.queryEscaped(checkIn.referralID))/phone-check-in"
    }
}

extension ReferralPages {
    var checkIns: FamilyCheckIns { FamilyCheckIns(database: services.directory.database) }

    /// The referral's check-in due by phone, for the staff who call (none for partners).
    func phoneCheckIn(_ referral: Referral, user: User, words: Words, now: Date) async throws -> PhoneCheckInSection? {
        try await checkIns.dueByPhone(referralIDs: [referral.id], for: user, now: now).first
            .map { PhoneCheckInSection($0, words: words, catalogs: services.catalogs) }
    }

    /// Records the answer the family gave on the phone; back to the referral with a notice.
    @Sendable func answerByPhone(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        guard let answer = context.form["answer"].flatMap(FamilyAnswer.init(rawValue:)) else {
            return try await page(request, context: context, user: user, id: id, notice: nil,
                                  error: context.words.t("phone_checkin.choose"), status: .unprocessableContent)
        }
        do {
            _ = try await checkIns.answerByPhone(referralID: id, answer: answer, by: user, actions: services.useCases.actions, now: services.clock())
        } catch ReferralStoreError.notFound {
            throw WebPageError.notFound(context.words.t("referral.not_found", ["id": id]))
        } catch ReferralStoreError.forbidden {
            throw WebPageError.forbidden(context.words.t("phone_checkin.staff_only"))
        } catch is CheckInRefusal {
            // Answered meanwhile (another tab, a colleague), expired, or sent: nothing was recorded.
            return try await page(request, context: context, user: user, id: id, notice: nil,
                                  error: context.words.t("phone_checkin.not_due"), status: .conflict)
        }
        return PageRenderer.seeOther("/referrals/\(WebPaths.queryEscaped(id))?notice=phone_check_in_recorded")
    }
}

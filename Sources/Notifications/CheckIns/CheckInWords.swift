import Directory
import Foundation
import Referrals

/// Every word of the family check-in — the message and the page — in one small table per
/// language, so message catalogs can take them over whole. Only English is written here: a family
/// whose language has no table yet gets English (Spanish is being written as a catalog).
public struct CheckInWords: Sendable, Hashable {
    /// The language these words are in (`lang` on the page).
    public var language: LanguageCode
    public var subject: String
    /// The message body before the link; `{service}` is the service's name.
    public var greeting: String
    public var linkLead: String
    public var closing: String
    public var pageTitle: String
    public var question: String
    public var started: String
    public var notYet: String
    public var needHelp: String
    public var thanks: String
    public var thanksNeedHelp: String
    public var used: String
    public var expired: String
    public var invalid: String

    public static let english = CheckInWords(
        language: LanguageCode(rawValue: "en")!,
        subject: "Did you reach {service}?",
        greeting: "Your school referred your family to {service}. We would like to know how it is going.",
        linkLead: "Please answer one question (it takes a few seconds):",
        closing: "This link works once and expires on {expires}. No sign-in is needed. If you did not expect this message, you can ignore it.",
        pageTitle: "Did you reach {service}?",
        question: "Did you reach them?",
        started: "Yes, we started",
        notYet: "Not yet",
        needHelp: "We need help",
        thanks: "Thank you. Your answer was sent to your school.",
        thanksNeedHelp: "Thank you. Someone from your school will contact you.",
        used: "This link was already used. Each link works once. If you need help, please contact your school.",
        expired: "This link has expired. If you need help, please contact your school.",
        invalid: "This link is not valid. Please check that you copied the whole link from the message, or contact your school.")

    /// The table for `language`, English when there is none yet.
    public static func `for`(_ language: LanguageCode?) -> CheckInWords {
        english
    }

    public func filling(_ text: String, service: String, expires: String = "") -> String {
        text.replacingOccurrences(of: "{service}", with: service).replacingOccurrences(of: "{expires}", with: expires)
    }

    public func answer(_ answer: FamilyAnswer) -> String {
        switch answer {
        case .started: started
        case .notYet: notYet
        case .needHelp: needHelp
        }
    }
}

import Referrals

/// Every word the partner's referral card and referral page add for reaching people and deciding
/// (issue 22 item 2), in one place so they can move into the message catalogs.
struct ReferralContactWords: Sendable {
    let referralNumber: String
    let coordinator: String
    let noPhone: String
    let expectedWait: String
    let waitNotKnown: String
    let sharedStudent: String
    let note: String
    let nothingShared: String
    let waitLegend: String
    let waitChoose: String
    let waitNotKnownChoice: String
    let confirmHeading: String
    let notRecorded: String
    let goBack: String
    let weeks: @Sendable (Int) -> String
    /// "1 week", "3 weeks" (the waitlist form's choices).
    let weekCount: @Sendable (Int) -> String
    let beforeIntakeQuestion: @Sendable (_ intake: String, _ firstService: String) -> String
    let recordAnyway: @Sendable (_ firstService: String) -> String

    static let english = ReferralContactWords(
        referralNumber: "Referral number", coordinator: "Coordinator", noPhone: "no phone listed",
        expectedWait: "Expected wait", waitNotKnown: "not known", sharedStudent: "Student (as the consent shares)",
        note: "Coordinator's note", nothingShared: "The family's consent shares no student details with you.",
        waitLegend: "Expected wait", waitChoose: "Choose the wait", waitNotKnownChoice: "Not known",
        confirmHeading: "Confirm the first service date", notRecorded: "Nothing was recorded yet.", goBack: "No, go back to the referral",
        weeks: { $0 == 1 ? "about 1 week" : "about \($0) weeks" },
        weekCount: { $0 == 1 ? "1 week" : "\($0) weeks" },
        beforeIntakeQuestion: { intake, first in "The intake was scheduled for \(intake); record a first service on \(first) anyway?" },
        recordAnyway: { "Yes, record a first service on \($0)" })

    func wait(_ wait: ExpectedWait) -> String {
        switch wait {
        case .weeks(let count): weeks(count)
        case .notKnown: waitNotKnown
        }
    }
}

/// The coordinator as a card or page shows them: name (or the email when no name is stated),
/// email as a mail link, phone as a call link or "no phone listed".
struct ContactLine: Sendable {
    let name: String
    let email: String
    let emailHref: String
    let phone: String?
    let phoneHref: String?
    let noPhone: String

    init(_ contact: CoordinatorContact, words: ReferralContactWords = .english) {
        name = contact.name ?? contact.email
        email = contact.email
        emailHref = "mailto:" + contact.email
        phone = contact.phone
        phoneHref = contact.phone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } }
        noPhone = words.noPhone
    }
}

extension Templates {
    /// One coordinator contact, rendered inside a `ContactLine`'s section, on the card and the page alike.
    static let coordinatorContact = #"""
    <span class="contact">{{name}} · <a href="{{emailHref}}">{{email}}</a> · {{#phoneHref}}<a href="{{phoneHref}}">{{phone}}</a>{{/phoneHref}}{{^phoneHref}}{{noPhone}}{{/phoneHref}}</span>
    """#
}

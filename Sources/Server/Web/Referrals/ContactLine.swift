import Referrals

/// The coordinator as a card or page shows them: name (or the email when no name is stated),
/// email as a mail link, phone as a call link or "no phone listed" (`contact.no_phone`, in the
/// template, so it is in the page's language).
struct ContactLine: Sendable {
    let name: String
    let email: String
    let emailHref: String
    let phone: String?
    let phoneHref: String?

    init(_ contact: CoordinatorContact) {
        name = contact.name ?? contact.email
        email = contact.email
        emailHref = "mailto:" + contact.email
        phone = contact.phone
        phoneHref = contact.phone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } }
    }
}

extension Templates {
    /// One coordinator contact, rendered inside a `ContactLine`'s section, on the card and the page alike.
    static let coordinatorContact = #"""
    <span class="contact">{{name}} · <a href="{{emailHref}}">{{email}}</a> · {{#phoneHref}}<a href="{{phoneHref}}">{{phone}}</a>{{/phoneHref}}{{^phoneHref}}[[contact.no_phone]]{{/phoneHref}}</span>
    """#
}

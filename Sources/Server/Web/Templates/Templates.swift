/// The page templates, embedded in the binary as string constants rather than shipped as SwiftPM
/// resources: on Linux `Bundle.module` looks for a `closeloop_Server.resources` folder beside the
/// executable (or in the build tree) and traps when it is missing, so a `closeloop` binary copied
/// to a server without that folder would crash on the first page. Embedded, one binary is the
/// whole application. Each template lives in its own file next to this one.
///
/// Pages extend `layout` with Mustache template inheritance (`{{<layout}}{{$main}}…{{/main}}{{/layout}}`);
/// `{{…}}` escapes HTML, and `{{{…}}}` is used only for SVG the server drew itself.
enum Templates {
    static let all: [String: String] = [
        "layout": layout,
        "error": error,
        "login": login,
        "coordinator-home": coordinatorHome,
        "services": services,
        "match": match,
        "students": students,
        "student-new": studentNew,
        "student": student,
        "consent-fields": consentFields,
        "referral-new": referralNew,
        "referral": referral,
        "action-forms": actionForms,
        "followups": followUps,
        "inbox": inbox,
        "availability": availability,
        "dashboard": dashboard,
        "admin-users": adminUsers,
        "admin-user": adminUser,
        "password-change": passwordChange,
        "admin-outbox": adminOutbox,
        "service": service, "service-handout": serviceHandout, "referral-list": referralList,
        "account-profile": accountProfile, "profile-fields": profileFields, "coordinator-contact": coordinatorContact,
        "account-notifications": accountNotifications,
        "account": account,
    ]
}

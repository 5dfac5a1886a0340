import Foundation
import Hummingbird
import Localization
import Notifications
import Referrals
import Storage
import Workflows

/// The family's check-in page, `/check-in/{token}`: no login, no student data, only the service's
/// name and three answers. Outside the signed-in pages' group (no session, no CSRF cookie): the
/// signed, one-time token in the address is the only key, and a POST without it does nothing.
/// Each refusal is a clear page with its status: 400 malformed, 403 tampered, 410 expired or used.
/// A valid link's page is in the language the check-in was written in (the family's, from the
/// consent, kept on the token); a refusal, which may name no check-in, follows `Accept-Language`.
struct CheckInPages: Sendable {
    let checkIns: FamilyCheckIns
    let clock: @Sendable () -> Date
    var catalogs: Catalogs = .active

    func register(on router: Router<AppRequestContext>) {
        router.get("check-in/:token", use: show)
        router.post("check-in/:token", use: answer)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        do {
            let prompt = try await checkIns.prompt(token: token, now: clock())
            return Self.page(catalogs.words(prompt.language.rawValue), service: prompt.serviceName, body: .question(token: token))
        } catch let refusal as CheckInRefusal {
            return Self.refused(refusal, words: browserWords(request))
        }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let body = try await request.body.collect(upTo: 4_096)
        let form = FormData(encoded: String(buffer: body))
        guard let answer = form["answer"].flatMap(FamilyAnswer.init(rawValue:)) else {
            let words = browserWords(request)
            return Self.page(words, service: nil, body: .message(words.t("checkin.invalid")), status: .badRequest)
        }
        do {
            let result = try await checkIns.answer(token: token, answer: answer, now: clock())
            let words = catalogs.words(result.prompt.language.rawValue)
            return Self.page(words, service: result.prompt.serviceName,
                             body: .message(words.t(answer == .needHelp ? "checkin.thanks_need_help" : "checkin.thanks")))
        } catch let refusal as CheckInRefusal {
            return Self.refused(refusal, words: browserWords(request))
        }
    }

    /// The words for a page that names no check-in: the browser's language, else English.
    func browserWords(_ request: Request) -> Words {
        catalogs.words(LanguageChoice.resolve(
            query: nil, userSetting: nil, acceptLanguage: request.headers[.acceptLanguage], available: catalogs))
    }

    static func status(of refusal: CheckInRefusal) -> HTTPResponse.Status {
        switch refusal {
        case .malformed: .badRequest
        case .tampered: .forbidden
        case .expired, .used: .gone
        }
    }

    static func refused(_ refusal: CheckInRefusal, words: Words) -> Response {
        let message = switch refusal {
        case .malformed, .tampered: words.t("checkin.invalid")
        case .expired: words.t("checkin.expired")
        case .used: words.t("checkin.used")
        }
        return page(words, service: nil, body: .message(message), status: status(of: refusal))
    }

    enum Body {
        case question(token: String)
        case message(String)
    }

    static func page(_ words: Words, service: String?, body: Body, status: HTTPResponse.Status = .ok) -> Response {
        let title = service.map { words.t("checkin.page_title", ["service": $0]) } ?? words.t("checkin.title")
        let main: String
        switch body {
        case .question(let token):
            let action = "/check-in/" + (token.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? token)
            let buttons = FamilyAnswer.allCases.map { answer in
                #"<button type="submit" name="answer" value="\#(answer.rawValue)">\#(escape(words.t("checkin.answer." + answer.rawValue)))</button>"#
            }.joined(separator: "\n      ")
            main = """
            <form method="post" action="\(escape(action))">
              <fieldset>
                <legend>\(escape(words.t("checkin.question")))</legend>
                <div class="check-in-answers">
                  \(buttons)
                </div>
              </fieldset>
            </form>
            """
        case .message(let text):
            main = "<p>\(escape(text))</p>"
        }
        let html = """
        <!doctype html>
        <html lang="\(escape(words.language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta name="robots" content="noindex">
        <title>\(escape(title)) · Closeloop</title>
        <link rel="stylesheet" href="\(StaticAssets.stylesheetPath)">
        </head>
        <body>
        <header class="site-header"><div class="brand">Closeloop</div></header>
        <main id="main">
        <h1>\(escape(title))</h1>
        \(main)
        </main>
        </body>
        </html>
        """
        var response = PageRenderer.html(html, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

import Foundation
import Hummingbird
import Notifications
import Referrals
import Storage
import Workflows

/// The family's check-in page, `/check-in/{token}`: no login, no student data, only the service's
/// name and three answers. Outside the signed-in pages' group (no session, no CSRF cookie): the
/// signed, one-time token in the address is the only key, and a POST without it does nothing.
/// Each refusal is a clear page with its status: 400 malformed, 403 tampered, 410 expired or used.
struct CheckInPages: Sendable {
    let checkIns: FamilyCheckIns
    let clock: @Sendable () -> Date

    func register(on router: Router<AppRequestContext>) {
        router.get("check-in/:token", use: show)
        router.post("check-in/:token", use: answer)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        do {
            let prompt = try await checkIns.prompt(token: token, now: clock())
            return Self.page(CheckInWords.for(prompt.language), service: prompt.serviceName, body: .question(token: token))
        } catch let refusal as CheckInRefusal {
            return Self.refused(refusal)
        }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let body = try await request.body.collect(upTo: 4_096)
        let form = FormData(encoded: String(buffer: body))
        guard let answer = form["answer"].flatMap(FamilyAnswer.init(rawValue:)) else {
            return Self.page(.english, service: nil, body: .message(CheckInWords.english.invalid), status: .badRequest)
        }
        do {
            let result = try await checkIns.answer(token: token, answer: answer, now: clock())
            let words = CheckInWords.for(result.prompt.language)
            return Self.page(words, service: result.prompt.serviceName,
                             body: .message(answer == .needHelp ? words.thanksNeedHelp : words.thanks))
        } catch let refusal as CheckInRefusal {
            return Self.refused(refusal)
        }
    }

    static func status(of refusal: CheckInRefusal) -> HTTPResponse.Status {
        switch refusal {
        case .malformed: .badRequest
        case .tampered: .forbidden
        case .expired, .used: .gone
        }
    }

    static func refused(_ refusal: CheckInRefusal) -> Response {
        let words = CheckInWords.english
        let message = switch refusal {
        case .malformed, .tampered: words.invalid
        case .expired: words.expired
        case .used: words.used
        }
        return page(words, service: nil, body: .message(message), status: status(of: refusal))
    }

    enum Body {
        case question(token: String)
        case message(String)
    }

    static func page(_ words: CheckInWords, service: String?, body: Body, status: HTTPResponse.Status = .ok) -> Response {
        let title = service.map { words.filling(words.pageTitle, service: $0) } ?? "Closeloop check-in"
        let main: String
        switch body {
        case .question(let token):
            let action = "/check-in/" + (token.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? token)
            let buttons = FamilyAnswer.allCases.map { answer in
                #"<button type="submit" name="answer" value="\#(answer.rawValue)">\#(escape(words.answer(answer)))</button>"#
            }.joined(separator: "\n      ")
            main = """
            <form method="post" action="\(escape(action))">
              <fieldset>
                <legend>\(escape(words.question))</legend>
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
        <html lang="\(words.language.rawValue)">
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

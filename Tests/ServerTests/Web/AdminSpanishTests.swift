import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Localization
import Notifications
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// The administrator's pages in Spanish (issue 22, item 5): `/admin/users`, a user's page and
/// `/admin/outbox`, chosen by the user's setting or by `Accept-Language`, with the use cases'
/// refusals in Spanish too. The API's problem `code`s stay as they were.
@Suite("Web pages: the admin pages in Spanish")
struct AdminSpanishTests {
    /// Every English admin text that Spanish words differently and that is long enough not to be
    /// part of a Spanish word: none of them may appear on a Spanish admin page.
    static let englishAdminTexts: [String] = {
        let english = Catalogs.shipped.words("en"), spanish = Catalogs.shipped.words("es")
        return Catalogs.shipped.english.keys.filter { $0.hasPrefix("admin.") || $0.hasPrefix("refusal.account.") }.sorted()
            .map { english.t($0) }
            .filter { $0.count >= 5 && !$0.contains("{") }
            .filter { text in !Catalogs.shipped.english.keys.contains { spanish.t($0) == text } }
    }()

    static func expectNoEnglish(_ html: String, page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.contains(#"<html lang="es">"#), "\(page) is not in Spanish", sourceLocation: sourceLocation)
        #expect(!html.contains("[[") && !html.contains("admin."), "\(page) shows a catalog key", sourceLocation: sourceLocation)
        for text in englishAdminTexts where containsWords(html, PageRendererEscape.html(text)) {
            Issue.record("\(page) shows English: \(text)", sourceLocation: sourceLocation)
        }
    }

    /// `text` in `html` as whole words: "Event" is not in "Evento".
    static func containsWords(_ html: String, _ text: String) -> Bool {
        var rest = html[...]
        while let range = rest.range(of: text) {
            let before = range.lowerBound == html.startIndex ? nil : html[html.index(before: range.lowerBound)]
            let after = range.upperBound == html.endIndex ? nil : html[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            rest = html[range.upperBound...]
        }
        return false
    }

    @Test(arguments: TestBackend.available)
    func anAdminWhoChoseSpanishGetsTheUserPagesAndTheirRefusalsInSpanish(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let admin = PageBrowser(client)
            try await admin.login(world.email("admin"))
            try await admin.get("/account")
            #expect(try await admin.post("/account/language", [("language", "es")]).status == .seeOther)

            // The setting beats an English browser.
            let list = try await admin.get("/admin/users", headers: [.acceptLanguage: "en-US"])
            #expect(list.status == .ok)
            #expect(list.html.contains("<h1>Usuarios</h1>"))
            #expect(list.html.contains(#"<th scope="col">Último inicio de sesión</th>"#))
            let users = try await AccountStore(database: world.store.database).accounts().count
            #expect(list.html.contains("<caption>\(users) usuarios, por correo electrónico</caption>"))
            #expect(list.html.contains("Todo el distrito") && list.html.contains("<td>Activo</td>"))
            Self.expectNoEnglish(list.html, page: "/admin/users")

            let adminID = try #require(world.users["admin"]?.id)
            let coordinatorID = try #require(world.users["coordinator"]?.id)
            let mine = try await admin.get("/admin/users/\(adminID)")
            #expect(mine.html.contains("Esta es su propia cuenta: otro administrador puede desactivarla."))
            Self.expectNoEnglish(mine.html, page: "the admin's own page")

            // A refusal of the use case, in Spanish, with the status it has on the API.
            let own = try await admin.post("/admin/users/\(adminID)/disable", [])
            #expect(own.status == .forbidden)
            #expect(own.html.contains("No se hizo: no puede desactivar su propia cuenta; otro administrador sí puede."))
            let differ = try await admin.post("/admin/users/\(coordinatorID)/password", [
                ("mode", "typed"), ("password", "a-long-password-1"), ("password_confirmation", "a-long-password-2"),
            ])
            #expect(differ.status == .unprocessableContent)
            #expect(differ.html.contains("No se hizo: las dos contraseñas no coinciden."))
            Self.expectNoEnglish(differ.html, page: "a refused password")

            // Disable, then the notice and the page in Spanish; a generated password is announced in Spanish.
            let disabled = try await admin.post("/admin/users/\(coordinatorID)/disable", [])
            #expect(disabled.status == .seeOther)
            let after = try await admin.get(try #require(disabled.location))
            #expect(after.html.contains("Usuario desactivado: sus sesiones del navegador se cerraron"))
            #expect(after.html.contains("Desactivado desde el ") && after.html.contains("Activar este usuario"))
            Self.expectNoEnglish(after.html, page: "a disabled user's page")
            let generated = try await admin.post("/admin/users/\(coordinatorID)/password", [("mode", "generate")])
            #expect(generated.html.contains("Contraseña nueva guardada; se cerraron 0 otras sesiones del navegador."))
            #expect(generated.html.contains(#"<code id="new-password">"#))
            Self.expectNoEnglish(generated.html, page: "a generated password")

            // An unknown user: the not-found page in Spanish.
            let missing = try await admin.get("/admin/users/no-such-user")
            #expect(missing.status == .notFound && missing.html.contains("No existe el usuario no-such-user."))
        }
    }

    @Test(arguments: TestBackend.available)
    func theOutboxPageFollowsTheBrowsersSpanish(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let (referral, _, dead) = try await world.deadLetter(error: "550 no such user")

            let admin = PageBrowser(client)
            try await admin.login(world.email("admin"))
            let spanish: HTTPFields = [.acceptLanguage: "es-MX,es;q=0.9,en;q=0.5"]
            let page = try await admin.get("/admin/outbox", headers: spanish)
            #expect(page.status == .ok)
            #expect(page.html.contains("<h1>Envíos de avisos</h1>"))
            #expect(page.html.contains("tras \(RetryPolicy().maximumAttempts) intentos se abandona y aparece aquí."))
            #expect(page.html.contains("<h2>Mensajes abandonados</h2>") && page.html.contains("Intentar de nuevo"))
            // The event as the emails name it, the channel in words; the SMTP server's own reply as it came.
            #expect(page.html.contains("<td>Nueva remisión</td>") && page.html.contains("<td>Correo electrónico</td>"))
            #expect(page.html.contains("550 no such user") && page.html.contains(referral.id))
            Self.expectNoEnglish(page.html, page: "/admin/outbox")

            #expect(try await admin.post("/admin/outbox/\(dead.id)/retry", [], headers: spanish).status == .seeOther)
            let retried = try await admin.get("/admin/outbox?notice=retried", headers: spanish)
            #expect(retried.html.contains("En cola otra vez"))
            let gone = try await admin.post("/admin/outbox/\(dead.id)/retry", [], headers: spanish)
            #expect(gone.status == .notFound && gone.html.contains("No hay ningún mensaje abandonado con ese número."))

            // The same pages in English for an English browser: the catalogs, not a second template.
            let english = try await admin.get("/admin/outbox", headers: [.acceptLanguage: "en"])
            #expect(english.html.contains("<h1>Notification outbox</h1>") && english.html.contains("<td>New referral</td>"))
            let users = try await admin.get("/admin/users", headers: [.acceptLanguage: "en"])
            #expect(users.html.contains("<h1>Users</h1>") && users.html.contains("users, by email</caption>"))
        }
    }

    /// The API is not translated: a Spanish browser still gets the stable code (and English detail).
    @Test func theAPIKeepsItsCodesForASpanishClient() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let response = try await client.call(.get, "/api/v1/referrals/no-such-referral", token: world.token("coordinator"),
                                                 headers: [.acceptLanguage: "es"])
            #expect(response.status == .notFound)
            #expect(try json(response)["code"] as? String == "not_found")
        }
    }
}

/// The pages' HTML escaping, as `PageRenderer` applies it to catalog text.
enum PageRendererEscape {
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import TestSupport

/// Issue 22 item 5 over the words items 2 and 4 added: the coordinator's and the family's contact,
/// the expected wait, the confirm step's words and the profile in Spanish for a partner or
/// coordinator who chose it, and the family's check-in — message and page — in the language its
/// consent records (English when no catalog has that language).
@Suite("Spanish: contacts, waitlist wait, profile and the family check-in")
struct SpanishContactsCheckInTests {
    static func contactJSON(language: String) -> String {
        #"{"channel": "email", "address": "family.lopez@home.example", "language": "\#(language)", "best_time": "después de las 5"}"#
    }

    static func recordContact(_ world: ReferralWorld, _ client: any TestClientProtocol, language: String) async throws -> TestResponse {
        try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
            {"organization_ids": ["\(world.organizationID)"], "given_by": "Maria Lopez (mother)", "method": "written",
             "shared_fields": ["grade"], "family_contact": \(contactJSON(language: language))}
            """)
    }

    @Test(arguments: TestBackend.available)
    func aSpanishPartnerReadsTheContactsAndTheWaitInSpanish(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            #expect(try await Self.recordContact(world, client, language: "es").status == .created)
            let sent = try await world.sent()
            try await AccountStore(database: world.store.database).setLanguage(userID: world.users["partner"]!.id, to: "es")
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))

            let inbox = try await partner.get("/partner/inbox").html
            #expect(inbox.contains("<dt>Coordinador(a)</dt>"))
            // The family's contact is on the card too, before Accept (issue 22 item 2).
            #expect(inbox.contains("<h3>Contacto preferido de la familia</h3>") && inbox.contains("mailto:family.lopez@home.example"))
            #expect(inbox.contains(#"<option value="not_known">No se sabe</option><option value="0">0 semanas</option><option value="1">1 semana</option>"#))
            #expect(inbox.contains("[[label]]") == false && !inbox.contains("Expected wait") && !inbox.contains("Not known"))

            let page = try await partner.get("/referrals/\(sent.id)").html
            #expect(page.contains(#"<html lang="es">"#))
            #expect(page.contains("Contacto preferido de la familia"))
            #expect(page.contains("<dt>Correo electrónico</dt>") && page.contains("mailto:family.lopez@home.example"))
            #expect(page.contains("<dt>Idioma</dt><dd>español</dd>") && page.contains("<dt>Mejor hora</dt><dd>después de las 5</dd>"))
            #expect(page.contains("<dt>Número de remisión</dt>"))
            #expect(page.contains(#"<h2 id="coordinator-contact">Coordinador(a)</h2>"#))
            for english in ["Family's preferred contact", "Best time", "Referral number", "no phone listed"] {
                #expect(!page.contains(english), "the Spanish referral page shows “\(english)”")
            }

            let done = try await partner.post("/referrals/\(sent.id)/actions", [
                ("action", "waitlist"), ("version", "1"), ("expected_wait", "3"), ("return_to", "/partner/inbox"),
            ])
            #expect(done.status == .seeOther)
            let after = try await partner.get("/referrals/\(sent.id)").html
            #expect(after.contains("<dt>Espera prevista</dt><dd>aproximadamente 3 semanas</dd>"))
            #expect(after.contains("espera prevista: aproximadamente 3 semanas"))
            let typo = try await partner.post("/referrals/\(sent.id)/actions", [("action", "waitlist"), ("version", "2"), ("expected_wait", "tres")])
            #expect(typo.status == .unprocessableContent && typo.html.contains("la espera prevista debe ser un número de semanas"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aSpanishCoordinatorsAccountReachesTheProfile(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await AccountStore(database: world.store.database).setLanguage(userID: world.users["coordinator"]!.id, to: "es")
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let account = try await coordinator.get("/account").html
            #expect(account.contains(#"<a href="/account">Su cuenta</a>"#))
            #expect(account.contains("<h2>Datos de contacto que ven las organizaciones</h2>"))
            #expect(account.contains(#"<a href="/account/profile">Cambiar su nombre y teléfono</a>"#))
            #expect(account.contains("<dt>Teléfono del trabajo</dt><dd>no indicado</dd>"))

            let profile = try await coordinator.get("/account/profile").html
            #expect(profile.contains("<h1>Su perfil</h1>") && profile.contains("Nombre que ven las organizaciones"))
            #expect(profile.contains(#"<a href="/account">Su cuenta: idioma y contraseña</a>"#))
            let bad = try await coordinator.post("/account/profile", [("name", "Dana"), ("phone", "call the office")])
            #expect(bad.status == .unprocessableContent && bad.html.contains("No se guardó:"))
            let saved = try await coordinator.post("/account/profile", [("name", "Dana Okafor"), ("phone", "515-555-0123")])
            #expect(saved.location == "/account/profile?notice=saved")
            #expect(try await coordinator.get(saved.location!).html.contains("Perfil guardado."))
            #expect(try await coordinator.get("/account").html.contains("<dt>Teléfono del trabajo</dt><dd>515-555-0123</dd>"))
        }
    }

    static func checkInToken(_ world: ReferralWorld, referralID: String) async throws -> (token: String, subject: String, body: String) {
        let row = try #require(try await OutboxStore(database: world.store.database).messages(referralID: referralID)
            .first { $0.event == "family.check_in" })
        let start = try #require(row.body.range(of: "/check-in/")).upperBound
        return (String(row.body[start...].prefix { !$0.isWhitespace }), row.subject ?? "", row.body)
    }

    @Test(arguments: TestBackend.available)
    func theCheckInIsInTheLanguageTheConsentRecords(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            #expect(try await Self.recordContact(world, client, language: "es").status == .created)
            let referral = try await world.sent()
            let message = try await Self.checkInToken(world, referralID: referral.id)
            #expect(message.subject == "¿Pudo comunicarse con Youth Counseling (ages 10-17)?")
            #expect(message.body.contains("Su escuela remitió a su familia a Youth Counseling (ages 10-17)."))
            #expect(message.body.contains("Este enlace funciona una sola vez y vence el "))
            #expect(!message.body.contains("Your school"))

            // The page follows the check-in's language, not the browser's.
            let page = try await client.execute(uri: "/check-in/\(message.token)", method: .get,
                                                headers: [.accept: "text/html", .acceptLanguage: "en-US"]) { $0 }
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains(#"<html lang="es">"#))
            #expect(html.contains("¿Pudo comunicarse con Youth Counseling (ages 10-17)?") && html.contains("¿Pudo comunicarse con ellos?"))
            for answer in ["Sí, ya empezamos", "Todavía no", "Necesitamos ayuda"] { #expect(html.contains(answer)) }
            #expect(!html.contains("Did you reach"))

            let answered = try await FamilyCheckInPageTests.form(client, "/check-in/\(message.token)", "answer=need_help")
            #expect(answered.status == .ok)
            #expect(String(buffer: answered.body).contains("Alguien de su escuela se comunicará con usted."))
            // A refusal names no check-in it can trust: the browser's language.
            let again = try await client.execute(uri: "/check-in/\(message.token)", method: .get, headers: [.acceptLanguage: "es-MX"]) { $0 }
            #expect(again.status == .gone && String(buffer: again.body).contains("Este enlace ya se usó."))
            let againEnglish = try await client.execute(uri: "/check-in/\(message.token)", method: .get) { $0 }
            #expect(againEnglish.status == .gone && String(buffer: againEnglish.body).contains("already used"))
        }
    }

    /// Somali has no catalog: the family gets English rather than a page of keys.
    @Test(arguments: TestBackend.available)
    func aLanguageWithoutACatalogGetsEnglish(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            #expect(try await Self.recordContact(world, client, language: "so").status == .created)
            let referral = try await world.sent()
            let message = try await Self.checkInToken(world, referralID: referral.id)
            #expect(message.subject == "Did you reach Youth Counseling (ages 10-17)?")
            let html = String(buffer: try await client.execute(uri: "/check-in/\(message.token)", method: .get) { $0 }.body)
            #expect(html.contains(#"<html lang="en">"#) && html.contains("Yes, we started"))
        }
    }
}

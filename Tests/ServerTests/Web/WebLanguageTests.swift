import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Localization
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Pages in the reader's language (issue 22, item 5): the user's setting, then `Accept-Language`,
/// then English; `?lang=` on the public service pages; `<html lang>` matching; times in the
/// district's time zone and distances in its unit.
@Suite("Web pages: language, time zone and units")
struct WebLanguageTests {
    @Test(arguments: TestBackend.available)
    func aUserWhoChoseSpanishGetsSpanishPages(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let browser = PageBrowser(client)
            try await browser.login(world.email("coordinator"))
            // English before the choice, with an English-speaking browser.
            var home = try await browser.get("/coordinator", headers: [.acceptLanguage: "en-US"])
            #expect(home.html.contains(#"<html lang="en">"#) && home.html.contains("Recent referrals"))

            let account = try await browser.get("/account")
            #expect(account.html.contains(#"<option value="es">Español</option>"#))
            let saved = try await browser.post("/account/language", [("language", "es")])
            #expect(saved.status == .seeOther)
            #expect(try await AccountStore(database: world.store.database).language(userID: world.users["coordinator"]!.id) == "es")

            // The setting beats the browser's English.
            home = try await browser.get("/coordinator", headers: [.acceptLanguage: "en-US"])
            #expect(home.html.contains(#"<html lang="es">"#))
            #expect(home.html.contains("Remisiones recientes") && home.html.contains("Cerrar sesión"))
            #expect(!home.html.contains("Recent referrals"))
            #expect(home.headers[.contentLanguage] == "es")
            let match = try await browser.get("/coordinator/match")
            #expect(match.html.contains("Necesidades (elija al menos una)") && match.html.contains("Ansiedad"))
            let student = try await browser.get("/coordinator/students/\(world.studentID)")
            #expect(student.html.contains("<h2>Consentimientos</h2>") && student.html.contains("Registrar un consentimiento"))

            // Back to "as my browser asks": the browser decides again.
            try await browser.post("/account/language", [("language", "")])
            home = try await browser.get("/coordinator", headers: [.acceptLanguage: "en-US"])
            #expect(home.html.contains(#"<html lang="en">"#))
            // A language without a catalog is refused, not stored.
            let refused = try await browser.post("/account/language", [("language", "tlh")])
            #expect(refused.status == .badRequest || refused.status == .unprocessableContent)
            #expect(try await AccountStore(database: world.store.database).language(userID: world.users["coordinator"]!.id) == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func acceptLanguageChoosesSpanishByQValue(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let browser = PageBrowser(client)
            let login = try await browser.get("/login", headers: [.acceptLanguage: "es-MX,en;q=0.5"])
            #expect(login.html.contains(#"<html lang="es">"#))
            #expect(login.html.contains("<h1>Iniciar sesión</h1>") && login.html.contains("Contraseña"))
            let english = try await browser.get("/login", headers: [.acceptLanguage: "es;q=0.3, en;q=0.8"])
            #expect(english.html.contains(#"<html lang="en">"#) && english.html.contains("<h1>Sign in</h1>"))
            // An address with no page, answered at the router's edge, follows the browser too.
            let missing = try await browser.get("/no-such-page", headers: [.acceptLanguage: "es-MX,en;q=0.5", .accept: "text/html"])
            #expect(missing.status == .notFound)
            #expect(missing.html.contains(#"<html lang="es">"#) && missing.html.contains("<h1>No encontrado</h1>"))

            // A partner with a Spanish browser and no setting: the inbox in Spanish, plural and all.
            _ = try await world.sent()
            try await browser.login(world.email("partner"))
            let inbox = try await browser.get("/partner/inbox", headers: [.acceptLanguage: "es-MX,en;q=0.5"])
            #expect(inbox.html.contains("<h1>Bandeja de remisiones</h1>"))
            #expect(inbox.html.contains("1 remisión espera su respuesta."))
            #expect(inbox.html.contains("Remitida"))
        }
    }

    @Test(arguments: TestBackend.available)
    func publicServicePagesTakeLang(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await world.store.save(WebServicePageTests.stated(organizationID: world.organizationID))
            let browser = PageBrowser(client)
            let page = try await browser.get("/services/county:full?lang=es")
            #expect(page.html.contains(#"<html lang="es">"#))
            // Mid-list labels in lower case ("Ir sin cita" stands alone only as an option), and "unas" never before 1.
            #expect(page.html.contains("<dt>Cómo solicitarlo</dt><dd>Llamar, ir sin cita</dd>"))
            #expect(page.html.contains("Lista de espera de aproximadamente 1 semana<"))
            #expect(page.html.contains("lun–vie 09:00–17:00; sáb 10:00–14:00"))
            #expect(page.html.contains("español (hay intérprete)"))
            let handout = try await browser.get("/services/county:full/handout?lang=es")
            #expect(handout.html.contains(#"<html lang="es">"#) && handout.html.contains("Su escuela le sugiere este servicio."))
            let text = try await browser.get("/services/county:full/text?lang=es")
            #expect(text.html.contains("Teléfono: 617-555-0100") && text.html.contains("Horario: lun–vie"))
            // Accept-Language works on public pages too; ?lang=en beats it.
            let byBrowser = try await browser.get("/services/county:full", headers: [.acceptLanguage: "es"])
            #expect(byBrowser.html.contains("Dónde se ofrece"))
            let english = try await browser.get("/services/county:full?lang=en", headers: [.acceptLanguage: "es"])
            #expect(english.html.contains(#"<html lang="en">"#) && english.html.contains("Where it happens"))
        }
    }

    /// A service area of 5 km reads "within 3.1 mi" in a US district, "within 5 km" elsewhere.
    @Test(arguments: TestBackend.available)
    func distancesFollowTheDistrictUnit(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            var snapshot = WebServicePageTests.stated(organizationID: world.organizationID)
            snapshot.services[0].serviceArea = ServiceArea(postalCodes: [], radiusKm: 5)
            try await world.store.save(snapshot)
            let browser = PageBrowser(client)
            #expect(try await browser.get("/services/county:full").html.contains("Area served: within 5.0 km"))
            try await world.referrals.setDisplaySetting(.country, to: "US")
            #expect(try await browser.get("/services/county:full").html.contains("Area served: within 3.1 mi"))
            #expect(try await browser.get("/services/county:full?lang=es").html.contains("a menos de 3.1 millas"))
            try await world.referrals.setDisplaySetting(.distanceUnit, to: "km")
            #expect(try await browser.get("/services/county:full").html.contains("Area served: within 5.0 km"))
            await #expect(throws: DistrictSettingRefusal.unknownUnit("furlongs")) {
                try await world.referrals.setDisplaySetting(.distanceUnit, to: "furlongs")
            }
        }
    }

    /// The referral's history shows its events in the district's zone with the zone's abbreviation,
    /// never UTC, and a page's day is the district's day.
    @Test(arguments: TestBackend.available)
    func referralTimesAreInTheDistrictTimeZone(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            try await world.referrals.setDisplaySetting(.timeZone, to: "America/Chicago")
            let browser = PageBrowser(client)
            try await browser.login(world.email("coordinator"))
            let html = try await browser.get("/referrals/\(referral.id)").html
            let expected = DistrictDisplay(timeZone: TimeZone(identifier: "America/Chicago")!).dateTime(ReferralWorld.now)
            #expect(expected.hasSuffix(" CST") || expected.hasSuffix(" CDT"))
            // The history's cell (which names its column for phones: `data-label`).
            #expect(html.contains(#"<td data-label="When">\#(expected)</td>"#))
            #expect(!html.contains(" UTC</td>"))
            await #expect(throws: DistrictSettingRefusal.unknownTimeZone("Mars/Olympus")) {
                try await world.referrals.setDisplaySetting(.timeZone, to: "Mars/Olympus")
            }
        }
    }
}

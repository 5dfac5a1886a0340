import Foundation
import HummingbirdTesting
import Logging
import Server
import Storage
import Testing

/// Serves `store` on a free loopback port, starts chromedriver and a Chromium session, and runs
/// `body` with the driver and the server's base URL. The session and chromedriver end whether
/// `body` returns or throws.
func withBrowserSession(
    on store: DirectoryStore, chromedriver: String, _ body: @escaping @Sendable (WebDriver, String) async throws -> Void
) async throws {
    var logger = Logger(label: "closeloop.browser-tests")
    logger.logLevel = .warning
    let app = try await buildApplication(ServerConfiguration(
        host: "127.0.0.1", port: 0, database: store.database.location, logger: logger))
    try await app.test(.live) { client async throws in
        let port = try #require(client.port)
        trace("server on port \(port); starting chromedriver")
        let driverProcess = try ChromeDriverProcess(executable: chromedriver)
        do {
            let driver = try await driverProcess.waitUntilReady()
            trace("chromedriver ready on port \(driverProcess.port); starting Chromium")
            try await driver.startSession(chromium: BrowserEnvironment.chromium)
            do {
                try await body(driver, "http://127.0.0.1:\(port)")
            } catch {
                await driver.endSession()
                throw error
            }
            await driver.endSession()
        } catch {
            await driverProcess.stop()
            throw error
        }
        await driverProcess.stop()
    }
}

/// What an axe pass needs: chromedriver and the axe-core script. Nil when either is missing, with
/// an issue recorded when the run requires the browser (`CLOSELOOP_REQUIRE_BROWSER=1`; chromedriver
/// missing is always an issue, as the test only runs when the browser is expected).
func axeTools() -> (chromedriver: String, axe: String)? {
    guard let chromedriver = BrowserEnvironment.chromedriver else {
        Issue.record("CLOSELOOP_REQUIRE_BROWSER=1 but chromedriver was not found; install chromium and chromium-driver")
        return nil
    }
    guard let axe = AxeScript.source else {
        if BrowserEnvironment.required {
            Issue.record("axe-core not found: scripts/test installs axe-selenium-python into .build/axe-venv (or set CLOSELOOP_AXE_SCRIPT)")
        }
        return nil
    }
    return (chromedriver, axe)
}

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

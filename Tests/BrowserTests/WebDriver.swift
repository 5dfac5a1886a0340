import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A small W3C WebDriver client: JSON over HTTP to chromedriver, just the commands the browser
/// tests use (sessions, navigation, elements, keys, clicks, screenshots). HTTP goes through
/// HummingbirdTesting's NIO client, one connection per command: FoundationNetworking's URLSession
/// on this toolchain fails local requests with "Failed writing header".
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private(set) var sessionID: String?

    init(port: Int) {
        self.port = port
    }

    /// Whether chromedriver answers `/status` with ready.
    func isReady() async -> Bool {
        guard let value = try? await call("GET", "/status", body: nil) as? [String: Any] else { return false }
        return value["ready"] as? Bool ?? false
    }

    /// Starts headless Chromium. `--no-sandbox` because CI containers run as root, where Chromium's
    /// sandbox cannot start; the pages under test are our own.
    func startSession(chromium: String?) async throws {
        var options: [String: Any] = [
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1100",
                     "--lang=en-US", "--force-device-scale-factor=1"],
        ]
        if let chromium { options["binary"] = chromium }
        let body: [String: Any] = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]]
        let value = try await call("POST", "/session", body: body) as? [String: Any]
        guard let id = value?["sessionId"] as? String else { throw Failure(description: "no session id in \(String(describing: value))") }
        sessionID = id
    }

    func endSession() async {
        guard let sessionID else { return }
        _ = try? await call("DELETE", "/session/\(sessionID)", body: nil)
        self.sessionID = nil
    }

    func navigate(to url: String) async throws {
        _ = try await session("POST", "/url", ["url": url])
    }

    func currentURL() async throws -> String {
        try await session("GET", "/url", nil) as? String ?? ""
    }

    func title() async throws -> String {
        try await session("GET", "/title", nil) as? String ?? ""
    }

    func pageSource() async throws -> String {
        try await session("GET", "/source", nil) as? String ?? ""
    }

    /// The first element matching a CSS selector, waiting up to `timeout` seconds for it to appear.
    func element(_ selector: String, timeout: TimeInterval = 10) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                let value = try await session("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
                if let id = value?.first(where: { $0.key.hasPrefix("element-") })?.value as? String { return id }
            } catch let failure as Failure where failure.description.contains("no such element") && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
                continue
            }
            throw Failure(description: "no element matches \(selector)")
        }
    }

    func elements(_ selector: String) async throws -> [String] {
        let value = try await session("POST", "/elements", ["using": "css selector", "value": selector]) as? [[String: Any]] ?? []
        return value.compactMap { $0.first(where: { $0.key.hasPrefix("element-") })?.value as? String }
    }

    func click(_ selector: String) async throws {
        let id = try await element(selector)
        _ = try await session("POST", "/element/\(id)/click", [:])
    }

    /// Clicks a link or submit button and waits until the next page has replaced this one: the old
    /// document's root goes stale, then the new one finishes loading. Without this, a busy machine
    /// lets the next command read the page that was just left.
    func clickAndWaitForPage(_ selector: String, timeout: TimeInterval = 20) async throws {
        let root = try await element("html")
        try await click(selector)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                _ = try await session("GET", "/element/\(root)/name", nil)
            } catch let failure as Failure where failure.description.contains("stale element")
                        || failure.description.contains("does not belong to the document") {
                // Chromium 156's driver reports a node of the old document as not belonging to it.
                break
            }
            guard Date() < deadline else { throw Failure(description: "clicking \(selector) did not load a new page") }
            try await Task.sleep(for: .milliseconds(50))
        }
        while try await session("POST", "/execute/sync", ["script": "return document.readyState;", "args": []]) as? String != "complete" {
            guard Date() < deadline else { throw Failure(description: "the page after \(selector) did not finish loading") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func type(_ text: String, into selector: String) async throws {
        let id = try await element(selector)
        _ = try await session("POST", "/element/\(id)/clear", [:])
        _ = try await session("POST", "/element/\(id)/value", ["text": text])
    }

    func text(_ selector: String) async throws -> String {
        let id = try await element(selector)
        return try await session("GET", "/element/\(id)/text", nil) as? String ?? ""
    }

    /// Sets a form field's value directly. Only for `<input type=date>`, whose typed format depends
    /// on the browser's locale; the pages themselves run no script.
    func setValue(_ value: String, of selector: String) async throws {
        let id = try await element(selector)
        _ = try await session("POST", "/execute/sync", [
            "script": "arguments[0].value = arguments[1];",
            "args": [["element-6066-11e4-a52e-4f735466cecf": id], value],
        ])
    }

    /// The focused element's outer HTML, for keyboard checks.
    func activeElementHTML() async throws -> String {
        let value = try await session("GET", "/element/active", nil) as? [String: Any]
        guard let id = value?.first(where: { $0.key.hasPrefix("element-") })?.value as? String else { return "" }
        return try await session("GET", "/element/\(id)/property/outerHTML", nil) as? String ?? ""
    }

    func pressTab() async throws {
        _ = try await session("POST", "/actions", ["actions": [[
            "type": "key", "id": "keyboard", "actions": [["type": "keyDown", "value": "\u{E004}"], ["type": "keyUp", "value": "\u{E004}"]],
        ]]])
    }

    /// A PNG of the whole viewport.
    func screenshot() async throws -> Data {
        guard let base64 = try await session("GET", "/screenshot", nil) as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "the screenshot was not base64 PNG")
        }
        return data
    }

    /// Runs a script in the page (WebDriver's script runs outside the page's CSP) and returns its value.
    func execute(_ script: String, _ args: [Any] = []) async throws -> Any? {
        try await session("POST", "/execute/sync", ["script": script, "args": args])
    }

    /// Runs a script whose last argument is a callback, and returns what it passes to the callback.
    func executeAsync(_ script: String, _ args: [Any] = []) async throws -> Any? {
        _ = try await session("POST", "/timeouts", ["script": 60_000])
        return try await session("POST", "/execute/async", ["script": script, "args": args])
    }

    /// Shows pages as a phone of this width would (Chromium's device emulation over chromedriver's
    /// DevTools command: a window cannot be made narrower than about 500 px), or the window again with nil.
    func emulateViewport(width: Int?) async throws {
        if let width {
            _ = try await session("POST", "/goog/cdp/execute", ["cmd": "Emulation.setDeviceMetricsOverride", "params": [
                "width": width, "height": 844, "deviceScaleFactor": 1, "mobile": true,
            ]])
        } else {
            _ = try await session("POST", "/goog/cdp/execute", ["cmd": "Emulation.clearDeviceMetricsOverride", "params": [String: Any]()])
        }
    }

    /// Sizes the window to the page's full height so a screenshot shows the whole page.
    func fitWindowToPage(width: Int = 1280) async throws {
        // Shrink first: a page's scroll height is never less than the window it is shown in.
        _ = try await session("POST", "/window/rect", ["width": width, "height": 700])
        let height = try await session("POST", "/execute/sync", [
            "script": "return Math.min(Math.max(document.documentElement.scrollHeight, 600), 4000);", "args": [],
        ]) as? Int ?? 1100
        _ = try await session("POST", "/window/rect", ["width": width, "height": height + 140])
    }

    private func session(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        guard let sessionID else { throw Failure(description: "no WebDriver session") }
        return try await call(method, "/session/\(sessionID)\(path)", body: body)
    }

    private func call(_ method: String, _ path: String, body: [String: Any]?) async throws -> Any? {
        var headers: HTTPFields = [:]
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            headers[.contentType] = "application/json; charset=utf-8"
        }
        let request = TestClient.Request(path, method: HTTPRequest.Method(rawValue: method)!, authority: "127.0.0.1:\(port)",
                                         headers: headers, body: buffer)
        let response = try await TestClient.withClient(
            host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90))) { client in
            try await client.execute(request)
        }
        let data = Data(response.body.map { Array($0.readableBytesView) } ?? [])
        let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let value = json?["value"]
        if response.head.status.code >= 400 {
            let error = (value as? [String: Any]).map { "\($0["error"] ?? ""): \($0["message"] ?? "")" } ?? String(decoding: data, as: UTF8.self)
            throw Failure(description: "\(method) \(path) → \(response.head.status.code): \(error)")
        }
        return value is NSNull ? nil : value
    }
}

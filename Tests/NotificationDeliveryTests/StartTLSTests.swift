import ChildProcesses
import Foundation
import NotificationDelivery
import Testing

/// openssl, which makes the test's certificate.
let opensslPath: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// STARTTLS against aiosmtpd with a throwaway self-signed certificate made here with openssl: the
/// message goes only under TLS, a certificate nobody trusts is refused, and a server that does not
/// offer STARTTLS gets nothing when it is required.
@Suite("Notifications: SMTP STARTTLS", .timeLimit(.minutes(2)),
       .enabled(if: LoopbackReceiver.python != nil && opensslPath != nil, "python3 or openssl is missing"))
struct StartTLSTests {
    static let openssl = opensslPath

    /// A certificate for 127.0.0.1 (IP SAN), valid a day; the folder holds cert.pem and key.pem.
    static func makeCertificate() async throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl!)
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder.appendingPathComponent("key.pem").path,
                             "-out", folder.appendingPathComponent("cert.pem").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try LaunchLock.run(process)
        // Polled: waitUntilExit spins a run loop and has hung on Linux (see LoopbackReceiver).
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        guard process.terminationStatus == 0 else { throw ReceiverError("openssl req failed (\(process.terminationStatus))") }
        return folder
    }

    static func message(_ id: String) -> SMTPMessage {
        SMTPMessage(from: "closeloop@district.example", to: "coord@school.example", subject: "Follow-up due", body: "Referral ref_1",
                    deliveryID: id, date: Date(timeIntervalSince1970: 1_795_446_000))
    }

    static func client(port: Int, _ startTLS: SMTPStartTLS) -> SMTPClient {
        SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, from: "closeloop@district.example",
                                                    timeout: .seconds(20), startTLS: startTLS))
    }

    @Test func mailGoesUnderTLSAndOnlyToATrustedCertificate() async throws {
        let certificates = try await Self.makeCertificate()
        defer { try? FileManager.default.removeItem(at: certificates) }
        let cert = certificates.appendingPathComponent("cert.pem").path
        let smtp = try LoopbackReceiver(script: "smtp-sink.py", environment: [
            "SMTP_SINK_TLS_CERT": cert, "SMTP_SINK_TLS_KEY": certificates.appendingPathComponent("key.pem").path,
        ])
        defer { smtp.stop() }

        try await Self.client(port: smtp.port, .required(trustRootsFile: cert)).send(Self.message("d-1"))
        let records = try smtp.records()
        try #require(records.count == 1)
        #expect(records[0]["tls"] as? Bool == true)
        #expect(records[0]["rcpt_tos"] as? [String] == ["coord@school.example"])

        // The system's roots do not know a self-signed certificate: refused, nothing sent.
        await #expect(throws: SMTPError.self) { try await Self.client(port: smtp.port, .required(trustRootsFile: nil)).send(Self.message("d-2")) }
        // Without STARTTLS this server refuses the mail (530 before MAIL FROM is accepted).
        let plain = await #expect(throws: SMTPError.self) { try await Self.client(port: smtp.port, .off).send(Self.message("d-3")) }
        if case .rejected(let step, let code, _)? = plain { #expect(step == "MAIL FROM" && code == 530) }
        #expect(try smtp.records().count == 1)
    }

    @Test func aServerWithoutSTARTTLSGetsNothingWhenItIsRequired() async throws {
        let smtp = try LoopbackReceiver(script: "smtp-sink.py")
        defer { smtp.stop() }
        let error = await #expect(throws: SMTPError.self) {
            try await Self.client(port: smtp.port, .required(trustRootsFile: nil)).send(Self.message("d-4"))
        }
        #expect(error == .startTLSNotOffered)
        #expect(try smtp.records().isEmpty)
    }

    @Test func theEnvironmentTurnsSTARTTLSOn() {
        let on = SMTPConfiguration.fromEnvironment(["CLOSELOOP_SMTP_HOST": "mail.example", "CLOSELOOP_SMTP_STARTTLS": "on",
                                                    "CLOSELOOP_SMTP_CA_FILE": "/etc/district-ca.pem"])
        #expect(on?.startTLS == .required(trustRootsFile: "/etc/district-ca.pem"))
        #expect(SMTPConfiguration.fromEnvironment(["CLOSELOOP_SMTP_HOST": "mail.example"])?.startTLS == .off)
    }
}

import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where mail is submitted. Off (nil) when `CLOSELOOP_SMTP_HOST` is not set.
public struct SMTPConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var from: String
    public var username: String?
    public var password: String?
    /// The name given in EHLO.
    public var heloName: String
    public var timeout: Duration
    /// Whether the conversation is upgraded to TLS before anything else is said after EHLO.
    public var startTLS: SMTPStartTLS

    public init(host: String, port: Int = 25, from: String, username: String? = nil, password: String? = nil,
                heloName: String = "closeloop.localhost", timeout: Duration = .seconds(30), startTLS: SMTPStartTLS = .off) {
        self.host = host
        self.port = port
        self.from = from
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
        self.startTLS = startTLS
    }

    /// `CLOSELOOP_SMTP_HOST`, `_PORT` (25), `_FROM`, `_USERNAME`, `_PASSWORD`; `_STARTTLS` (`on`
    /// requires it; off by default) and `_CA_FILE` (a PEM file of roots to trust instead of the
    /// system's); nil without a host.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SMTPConfiguration? {
        guard let host = environment["CLOSELOOP_SMTP_HOST"], !host.isEmpty else { return nil }
        var startTLS = SMTPStartTLS.off
        if ["on", "1", "true", "yes", "required"].contains(environment["CLOSELOOP_SMTP_STARTTLS"]?.lowercased() ?? "") {
            startTLS = .required(trustRootsFile: environment["CLOSELOOP_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 })
        }
        return SMTPConfiguration(
            host: host, port: environment["CLOSELOOP_SMTP_PORT"].flatMap(Int.init) ?? 25,
            from: environment["CLOSELOOP_SMTP_FROM"].flatMap { $0.isEmpty ? nil : $0 } ?? "closeloop@localhost",
            username: environment["CLOSELOOP_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 },
            password: environment["CLOSELOOP_SMTP_PASSWORD"], startTLS: startTLS)
    }
}

/// STARTTLS (RFC 3207): off, or required — the server must offer it, its certificate must verify
/// for the host (or, for an IP address, for that address), and no credentials or message go before
/// the handshake. There is no "opportunistic" mode: a server that stops offering STARTTLS is a
/// failed attempt (retried, then dead), never a silent fall back to clear text.
public enum SMTPStartTLS: Sendable, Hashable {
    case off
    /// `trustRootsFile`: PEM roots to trust instead of the system's (a district's own CA, a test's).
    case required(trustRootsFile: String?)
}

/// Why a message was not accepted. Every case is a failed attempt (retried, then dead).
public enum SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotConnect(host: String, port: Int, reason: String)
    /// The server answered `code` where the step expected another class of reply.
    case rejected(step: String, code: Int, text: String)
    case connectionClosed(step: String)
    case malformedReply(String)
    case invalidAddress(String)
    case timedOut(after: Duration)
    /// STARTTLS is required and the server's EHLO did not offer it.
    case startTLSNotOffered
    case tlsFailed(String)

    public var description: String {
        switch self {
        case .cannotConnect(let host, let port, let reason): "cannot connect to SMTP server \(host):\(port): \(reason)"
        case .rejected(let step, let code, let text): "SMTP server refused \(step): \(code) \(text)"
        case .connectionClosed(let step): "SMTP server closed the connection during \(step)"
        case .malformedReply(let line): "SMTP server sent an unreadable reply: \(line.prefix(200))"
        case .invalidAddress(let address): "not a deliverable email address: \(address.prefix(200))"
        case .timedOut(let after): "SMTP conversation took longer than \(after)"
        case .startTLSNotOffered: "SMTP server does not offer STARTTLS, which is required (CLOSELOOP_SMTP_STARTTLS)"
        case .tlsFailed(let reason): "SMTP TLS failed: \(reason.prefix(300))"
        }
    }
}

/// A small SMTP submission client on SwiftNIO: EHLO, STARTTLS (swift-nio-ssl) and EHLO again when
/// configured, AUTH PLAIN when a user name is set, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT;
/// one connection per message (deliveries are few and the worker's rows, not connections, are what
/// must survive a restart).
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    public func send(_ message: SMTPMessage) async throws {
        for address in [message.from, message.to] where !SMTPMessage.isAcceptableAddress(address) {
            throw SMTPError.invalidAddress(address)
        }
        let configuration = self.configuration
        let channel = try await Self.connect(configuration)
        // A server that stops answering: closing the channel ends the conversation's read.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.converse(message, on: channel, configuration: configuration) }
            group.addTask {
                try await Task.sleep(for: configuration.timeout)
                channel.channel.close(promise: nil)
                throw SMTPError.timedOut(after: configuration.timeout)
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private static func connect(_ configuration: SMTPConfiguration) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.cannotConnect(host: configuration.host, port: configuration.port, reason: String(describing: error))
        }
        return channel
    }

    private static func converse(
        _ message: SMTPMessage, on channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, configuration: SMTPConfiguration
    ) async throws {
        let tls = try Self.tlsContext(configuration.startTLS)
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(lines: inbound.makeAsyncIterator())
            @discardableResult
            func command(_ line: String, step: String, expect: Int) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await replies.expect(expect, step: step)
            }
            try await replies.expect(2, step: "greeting")
            let extensions = try await command("EHLO \(configuration.heloName)", step: "EHLO", expect: 2)
            if let tls {
                guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPError.startTLSNotOffered }
                try await command("STARTTLS", step: "STARTTLS", expect: 2)
                // The server says nothing more until the handshake; the TLS handler goes first in the
                // pipeline, under the line decoder, and holds our next write until it is done.
                let hostname = Self.isIPAddress(configuration.host) ? nil : configuration.host
                let nio = channel.channel
                do {
                    try await nio.eventLoop.submit {
                        try nio.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname), position: .first)
                    }.get()
                } catch {
                    throw SMTPError.tlsFailed(String(describing: error))
                }
                // RFC 3207: forget what was learnt before TLS and greet again.
                do {
                    try await command("EHLO \(configuration.heloName)", step: "EHLO after STARTTLS", expect: 2)
                } catch let error as SMTPError {
                    throw error
                } catch {
                    throw SMTPError.tlsFailed(String(describing: error))
                }
            }
            if let user = configuration.username {
                let token = Data("\u{0}\(user)\u{0}\(configuration.password ?? "")".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", step: "AUTH", expect: 2)
            }
            try await command("MAIL FROM:<\(message.from)>", step: "MAIL FROM", expect: 2)
            try await command("RCPT TO:<\(message.to)>", step: "RCPT TO", expect: 2)
            try await command("DATA", step: "DATA", expect: 3)
            try await command(message.data + ".", step: "message", expect: 2)
            // The message is accepted; a failed QUIT does not make it undelivered.
            try? await command("QUIT", step: "QUIT", expect: 2)
        }
    }
}

extension SMTPClient {
    /// The client TLS context for STARTTLS; nil when it is off. Built per message: deliveries are
    /// few, and a changed CA file is read at the next attempt.
    static func tlsContext(_ mode: SMTPStartTLS) throws -> NIOSSLContext? {
        guard case .required(let rootsFile) = mode else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let rootsFile { tls.trustRoots = .file(rootsFile) }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.tlsFailed("cannot load the trust roots: \(error)")
        }
    }

    /// SNI carries names only; an address is verified against the certificate's IP entries.
    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

/// Reads replies, joining multi-line ones (`250-…` … `250 …`).
struct SMTPReplyReader {
    var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator

    /// Reads one reply and checks its first digit (2 success, 3 go on); returns its lines' text.
    @discardableResult
    mutating func expect(_ digit: Int, step: String) async throws -> [String] {
        var text: [String] = []
        while true {
            guard let buffer = try await lines.next() else { throw SMTPError.connectionClosed(step: step) }
            let line = String(buffer: buffer)
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError.malformedReply(line) }
            text.append(String(line.dropFirst(4)))
            if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard code / 100 == digit else { throw SMTPError.rejected(step: step, code: code, text: text.joined(separator: " ")) }
            return text
        }
    }
}

/// Splits the server's bytes into lines, without their CRLF.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 64 * 1024 { throw SMTPError.malformedReply("a line over 64 KiB") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

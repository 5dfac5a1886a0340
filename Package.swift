// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "closeloop",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "closeloop", targets: ["closeloop"]),
        .executable(name: "closeloop-bench", targets: ["CloseloopBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // SHA-1 for the HSDS UUIDv5 ids (HSDSIdentifier).
        .target(name: "Directory", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The CSV writer every export and report uses (no dependencies).
        .target(name: "TextFormats"),
        // One lock around Foundation's Process.run() for every module that starts children.
        .target(name: "ChildProcesses"),
        .target(name: "Matching", dependencies: ["Directory"]),
        // The directory as HSDS 3.1 records (pure): the /hsds/ API and the HSDS CSV export share it.
        .target(name: "OpenReferral", dependencies: ["Directory"]),
        .target(name: "Referrals", dependencies: ["Directory"]),
        // Referrals as HL7 FHIR R4 SDOH Clinical Care resources (pure): Bundle, Task mapping both ways.
        .target(name: "SocialCareFHIR", dependencies: ["Directory", "Referrals"]),
        // Who is told what when a referral moves (pure): outbox drafts, preferences, retry policy,
        // webhook signatures. Storage writes its drafts in the event's transaction.
        .target(name: "Notifications", dependencies: ["Localization", "Referrals", .product(name: "Crypto", package: "swift-crypto")]),
        // Message catalogs (English, Spanish, a district's files), language choice, units and time zone (pure).
        .target(name: "Localization"),
        // libxml2's SAX2 parser for the AIRS XML reader (Debian: libxml2-dev, found through pkg-config).
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "Feeds", dependencies: ["ChildProcesses", "Directory", "CLibXML2", "CMalloc", "OpenReferral", "TextFormats", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Storage",
            dependencies: [
                "Directory",
                "Localization",
                "Notifications",
                "Referrals",
                "TextFormats",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                // The database pool runs as a lifecycle service.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "Reports", dependencies: ["Directory", "Referrals", "Storage", "TextFormats"]),
        // The use cases the API, the pages and the CLI share: each rule once (docs/ARCHITECTURE.md).
        .target(
            name: "Workflows",
            dependencies: [
                "Directory",
                "Matching",
                "Notifications",
                "OpenReferral",
                "Referrals",
                "Reports",
                "SocialCareFHIR",
                "Storage",
                // Webhook secrets (NotificationSettings).
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                // The gap recorder's periodic flush runs as a lifecycle service.
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The outbox delivery worker: an SMTP client on SwiftNIO and signed webhooks over AsyncHTTPClient.
        .target(
            name: "NotificationDelivery",
            dependencies: [
                "Notifications",
                "Storage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // STARTTLS in the SMTP client.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Directory",
                "Localization",
                "Matching",
                "NotificationDelivery",
                "Notifications",
                "OpenReferral",
                "Referrals",
                "Reports",
                "SocialCareFHIR",
                "Storage",
                "TextFormats",
                "Workflows",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                // HMAC of the login form's pre-session CSRF token (LoginFormTokens).
                .product(name: "Crypto", package: "swift-crypto"),
                // The event-loop handler mode (HandlerThreads).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // The whole-request deadline's channel handler sees HTTP parts (RequestDeadline).
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("OpenAPI/openapi.json")]
        ),
        // mallopt for long imports (Sources/closeloop/ImportMemory.swift).
        .target(name: "CMalloc", path: "Sources/CMalloc"),
        .executableTarget(
            name: "closeloop",
            dependencies: [
                "CMalloc",
                "Directory",
                "Feeds",
                "Localization",
                "Matching",
                "Notifications",
                "Referrals",
                "Reports",
                "Storage",
                "Server",
                "TextFormats",
                "Workflows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Synthetic directories and the child `closeloop serve` for benchmarks and tests; the product
        // does not link it.
        .target(name: "BenchSupport", dependencies: ["ChildProcesses", "Directory"]),
        // `closeloop-bench`: the benchmarks, outside the shipped binary. Depending on the `closeloop`
        // target builds that executable beside this one (it is run as a child, not linked).
        .executableTarget(
            name: "CloseloopBench",
            dependencies: [
                "BenchSupport",
                "ChildProcesses",
                "CMalloc",
                "closeloop",
                "Directory",
                "Feeds",
                "Matching",
                "NotificationDelivery",
                "Referrals",
                "Reports",
                "Server",
                "Storage",
                "TextFormats",
                "Workflows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ChildProcesses", "Directory", "Referrals", "Storage", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "DirectoryTests", dependencies: ["Directory"]),
        .testTarget(name: "TextFormatsTests", dependencies: ["TextFormats"]),
        .testTarget(name: "OpenReferralTests", dependencies: ["Directory", "OpenReferral"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "BenchSupport", "Directory", "Feeds", "Matching", "Referrals", "Server", "Storage", "TestSupport", "Workflows", "closeloop",
            ]
        ),
        .testTarget(name: "BenchSupportTests", dependencies: ["BenchSupport"]),
        .testTarget(name: "NotificationsTests", dependencies: ["Localization", "Notifications", "Referrals"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
        // The delivery worker against a real SMTP server (aiosmtpd) and webhook receiver on loopback.
        .testTarget(
            name: "NotificationDeliveryTests",
            dependencies: ["ChildProcesses", "Localization", "NotificationDelivery", "Notifications", "Referrals", "Storage", "TestSupport"]
        ),
        .testTarget(name: "MatchingTests", dependencies: ["Directory", "Matching"]),
        .testTarget(name: "ReferralsTests", dependencies: ["Directory", "Referrals"]),
        .testTarget(name: "SocialCareFHIRTests", dependencies: ["Directory", "Referrals", "SocialCareFHIR", "TestSupport"]),
        .testTarget(name: "FeedsTests", dependencies: ["BenchSupport", "Directory", "Feeds", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "WorkflowsTests",
            dependencies: ["Directory", "Matching", "Referrals", "Reports", "Storage", "TestSupport", "Workflows"]
        ),
        .testTarget(
            name: "ReportsTests", dependencies: ["Directory", "Feeds", "Referrals", "Reports", "Storage", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Directory", "Referrals", "Storage", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Headless Chromium driving the real server over WebDriver; skipped when chromedriver is absent.
        .testTarget(
            name: "BrowserTests",
            dependencies: [
                "Directory", "Notifications", "Referrals", "Storage", "Server", "TestSupport", "Workflows",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Directory", "Localization", "Matching", "Notifications", "OpenReferral", "Referrals", "SocialCareFHIR", "Storage", "Server", "TestSupport", "Workflows",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

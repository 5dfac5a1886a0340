import ArgumentParser
import Foundation
import Localization

/// `closeloop languages`: which languages the pages and emails can speak, and what a district's
/// translation still lacks. Reads the same files `serve` does (`CLOSELOOP_LOCALES_DIR`).
struct LanguagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "languages",
        abstract: "List the message catalogs and the keys each lacks (README, Language).",
        discussion: """
            A district adds a language by putting `xx.json` (one JSON object of key → text) in the \
            directory named by CLOSELOOP_LOCALES_DIR or --locales-dir. Keys it lacks show in English.
            """)

    @Option(help: "A directory of catalog files (default: CLOSELOOP_LOCALES_DIR).")
    var localesDir: String?

    @Option(help: "Only this language; its missing keys are listed one per line.")
    var language: String?

    @Flag(help: "Print the English catalog (every key) to start a translation from.")
    var template = false

    func run() throws {
        let directory = localesDir ?? ProcessInfo.processInfo.environment["CLOSELOOP_LOCALES_DIR"]
        let catalogs: Catalogs
        do {
            catalogs = try Catalogs.loading(directory: directory)
        } catch {
            throw CommandFailure(error.description)
        }
        if template {
            print(Self.englishTemplate(catalogs))
            return
        }
        if let language {
            guard catalogs.has(language) else { throw CommandFailure("no catalog for '\(language)'; languages: \(catalogs.languages.joined(separator: ", "))") }
            for key in catalogs.missingKeys(language) { print(key) }
            for key in catalogs.unknownKeys(language) { print("unknown key (not in English): \(key)") }
            return
        }
        let total = catalogs.english.keys.count
        for code in catalogs.languages {
            let missing = catalogs.missingKeys(code).count, unknown = catalogs.unknownKeys(code).count
            print("\(code)\t\(catalogs.nativeName(code))\t\(total - missing)/\(total) keys\(missing > 0 ? "\t\(missing) missing (shown in English)" : "")"
                  + (unknown > 0 ? "\t\(unknown) unknown" : ""))
        }
    }

    static func englishTemplate(_ catalogs: Catalogs) -> String {
        var object: [String: Any] = [:]
        for (key, entry) in catalogs.english.entries {
            switch entry {
            case .text(let text): object[key] = text
            case .plural(let forms): object[key] = forms
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
